"""Demo polls: the gevinsthjul self-assessment in two rounds of Heltid i nord and of BTV
NyttBlikk (closed, so the rounds can be compared), and an open anchoring poll in the living
network to try on a phone at /p.

Found by gathering and title first, answers by question and device, so loading twice adds
nothing. Codes are fixed (and six digits), so the demo's guide can name them.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import sqlalchemy as sa

from heltidnett.gatherings.demo import find_gathering
from heltidnett.polls import services
from heltidnett.polls.models import (
    Poll,
    PollStatus,
    PollTemplate,
    Question,
    Response,
)

if TYPE_CHECKING:
    from heltidnett.db import DbSession
    from heltidnett.demo import DemoContext
    from heltidnett.gatherings.models import Gathering

WHEEL_TITLE = "Gevinsthjulet: hvor står vi?"

# Heltid i nord's self-assessment per gathering: (gathering number, round, code, each
# municipality's people's answers to the ten steps; Vestvågøy had two there in round one,
# which shows the threshold of three).
WHEEL_ROUNDS: list[tuple[int, int, str, dict[str, list[list[int]]]]] = [
    (
        1,
        1,
        "410117",
        {
            "Alta": [
                [6, 3, 4, 3, 2, 2, 1, 1, 1, 1],
                [7, 4, 4, 2, 3, 2, 2, 1, 1, 1],
                [6, 3, 5, 3, 2, 1, 1, 1, 1, 1],
            ],
            "Hemnes": [
                [5, 2, 3, 2, 2, 1, 1, 1, 1, 1],
                [6, 3, 3, 3, 2, 2, 1, 1, 1, 1],
                [5, 3, 4, 2, 1, 1, 1, 1, 1, 1],
            ],
            "Rana": [
                [7, 5, 5, 4, 3, 3, 2, 2, 1, 1],
                [8, 5, 6, 4, 4, 3, 2, 1, 1, 1],
                [7, 4, 5, 5, 3, 2, 2, 2, 1, 1],
                [8, 6, 5, 4, 3, 3, 3, 2, 1, 1],
            ],
            "Vestvågøy": [[5, 2, 3, 2, 1, 1, 1, 1, 1, 1], [6, 3, 3, 2, 2, 1, 1, 1, 1, 1]],
        },
    ),
    (
        3,
        2,
        "410318",
        {
            "Alta": [
                [8, 6, 6, 5, 4, 4, 3, 2, 2, 1],
                [8, 7, 6, 6, 5, 4, 4, 3, 2, 2],
                [9, 6, 7, 5, 5, 5, 3, 3, 2, 1],
            ],
            "Hemnes": [
                [7, 5, 5, 4, 4, 3, 3, 2, 1, 1],
                [8, 5, 6, 5, 3, 3, 2, 2, 2, 1],
                [7, 6, 5, 4, 4, 4, 3, 2, 1, 1],
            ],
            "Rana": [
                [9, 7, 7, 6, 5, 5, 4, 3, 2, 2],
                [9, 8, 7, 6, 6, 5, 4, 3, 3, 2],
                [8, 7, 6, 7, 5, 4, 4, 3, 2, 2],
            ],
            "Vestvågøy": [
                [7, 5, 5, 4, 3, 3, 2, 2, 1, 1],
                [6, 4, 5, 4, 3, 2, 2, 1, 1, 1],
                [7, 5, 4, 3, 3, 3, 2, 2, 1, 1],
            ],
        },
    ),
]

# BTV NyttBlikk's self-assessment at samling 2 and samling 3 (the seeds' spider, once a
# Mentimeter code per municipality): (gathering number, round, code). Each municipality's
# level, its people a step above or below it; Nore og Uvdal had two there in round one.
BTV_ROUNDS: list[tuple[int, int, str]] = [(2, 1, "430218"), (3, 2, "430319")]
BTV_LEVELS = {
    "Lier": 6,
    "Ringerike": 5,
    "Øvre Eiker": 4,
    "Sauherad": 4,
    "Sandefjord": 5,
    "Nome": 3,
    "Kongsberg": 6,
    "Nore og Uvdal": 3,
}


def btv_answers(round_: int) -> dict[str, list[list[int]]]:
    """Each BTV municipality's people's answers to the ten steps in a round (invented)."""
    found = {}
    for name, level in BTV_LEVELS.items():
        people = 2 if round_ == 1 and name == "Nore og Uvdal" else 3
        found[name] = [
            [
                max(1, min(10, level - (step - 1) // 2 + (round_ - 1) * 2 + person % 3 - 1))
                for step in range(1, 11)
            ]
            for person in range(people)
        ]
    return found


LIVING_CODE = "520420"


def _device(*parts: object) -> str:
    """A fixed, anonymous device hash for a demo answer."""
    return hashlib.sha256(b"demo-poll:" + ":".join(map(str, parts)).encode()).hexdigest()


def _poll(
    session: DbSession,
    gathering: Gathering,
    template: PollTemplate,
    title: str,
    code: str,
    round_: int,
) -> Poll:
    found = session.scalar(
        sa.select(Poll).where(Poll.gathering_id == gathering.id, Poll.title == title)
    )
    if found is not None:
        return found
    poll = Poll(
        gathering_id=gathering.id,
        title=title,
        template=template,
        status=PollStatus.DRAFT,
        code=code,
        round=round_,
    )
    for position, draft in enumerate(services.template_questions(template), start=1):
        poll.questions.append(
            Question(
                position=position,
                kind=draft.kind,
                text=draft.text,
                choices="\n".join(draft.choices),
                step=draft.step,
            )
        )
    session.add(poll)
    session.flush()
    return poll


def _answer(
    session: DbSession, question: Question, device: str, municipality_id: int, value: int
) -> None:
    exists = session.scalar(
        sa.select(Response.id).where(
            Response.question_id == question.id, Response.device_hash == device
        )
    )
    if exists is None:
        session.add(
            Response(
                question_id=question.id,
                municipality_id=municipality_id,
                device_hash=device,
                value=value,
            )
        )


def _closed_wheel(
    session: DbSession,
    ctx: DemoContext,
    gathering: Gathering,
    round_: int,
    code: str,
    people: dict[str, list[list[int]]],
) -> None:
    """A closed, revealed gevinsthjul round with each municipality's people's answers."""
    poll = _poll(session, gathering, PollTemplate.WHEEL, WHEEL_TITLE, code, round_)
    for name, answers in people.items():
        municipality = ctx.municipalities[name]
        for person, values in enumerate(answers):
            device = _device(code, name, person)
            for question, value in zip(poll.questions, values, strict=True):
                _answer(session, question, device, municipality.id, value)
    poll.status = PollStatus.CLOSED
    poll.results_revealed = True
    for question in poll.questions:
        question.closed = True


def load(session: DbSession, ctx: DemoContext) -> None:
    """Two closed rounds of the gevinsthjul in Heltid i nord and in BTV NyttBlikk; an open
    poll in the living network."""
    north = ctx.networks["Heltid i nord"]
    for number, round_, code, people in WHEEL_ROUNDS:
        gathering = find_gathering(session, north.id, number)
        if gathering is not None:
            _closed_wheel(session, ctx, gathering, round_, code, people)
    btv = ctx.networks["BTV NyttBlikk nettverk 2"]
    for number, round_, code in BTV_ROUNDS:
        gathering = find_gathering(session, btv.id, number)
        if gathering is not None:
            _closed_wheel(session, ctx, gathering, round_, code, btv_answers(round_))
    living = find_gathering(session, ctx.living_network.id, 2)
    if living is not None:
        poll = _poll(
            session,
            living,
            PollTemplate.ANCHORING,
            "Forankring: hvor godt er arbeidet forankret?",
            LIVING_CODE,
            1,
        )
        if poll.status == PollStatus.DRAFT:
            poll.status = PollStatus.OPEN
    session.flush()
