"""The rules of polls: making them from a template, running them, answering, and the figures.

Answering needs no account: the device stands for the participant, known only by the hash of
the random token in its signed cookie (`polls.device`). Every figure is read from the
database, so each web process (and machine) shows the same live count.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, selectinload

from heltidnett.core.errors import ServiceError
from heltidnett.db import utcnow
from heltidnett.gatherings.models import Gathering
from heltidnett.networks.services import network_municipalities
from heltidnett.polls.models import (
    SCALE_MAX,
    SCALE_MIN,
    TEXT_MAX,
    Poll,
    PollStatus,
    PollTemplate,
    Question,
    QuestionKind,
    Response,
)
from heltidnett.polls.permissions import can_run_polls

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.db import DbSession
    from heltidnett.gatherings.models import AgendaItem
    from heltidnett.municipalities.models import Municipality
    from heltidnett.polls.spider import Spider

# A municipality's figures (and a question's) are shown only when this many people answered.
MIN_ANSWERS = 3
CODE_DIGITS = 6


# ---- templates ---------------------------------------------------------------------------


def wheel_steps() -> list[str]:
    """The ten steps of the gevinsthjul (DOMAIN.md), in the current language."""
    return [
        _("Utfordringen og hvorfor heltidskultur betyr noe"),
        _("Innsikt i planlagt og faktisk kompetanse, kapasitet og kontinuitet"),
        _("Felles forståelse og risiko"),
        _("Felles målbilde og gevinster"),
        _("Handlingsrom"),
        _("Redesign av døgnrytme-, bemannings- og kompetanseplan 24/7/365"),
        _("Jakten på en arbeidstidsordning"),
        _("Gjennomføring med jevnlig evaluering"),
        _("Helhetlig evaluering og ny plan"),
        _("Rapportering på prosess, resultat og effekt"),
    ]


def culture_time_choices() -> list[str]:
    return [_("1–3 år"), _("4–7 år"), _("8–12 år"), _("Tviler på at vi kommer dit")]


@dataclass(frozen=True)
class QuestionDraft:
    """A question before it is stored."""

    kind: QuestionKind
    text: str
    choices: tuple[str, ...] = ()
    step: int | None = None


def template_title(template: PollTemplate) -> str:
    return {
        PollTemplate.WHEEL: _("Gevinsthjulet: hvor står vi?"),
        PollTemplate.ANCHORING: _("Forankring"),
        PollTemplate.CULTURE_TIME: _("Tid til heltidskultur"),
        PollTemplate.PHRASES: _("Ord fra salen"),
        PollTemplate.CUSTOM: _("Egne spørsmål"),
    }[template]


def template_questions(template: PollTemplate) -> list[QuestionDraft]:
    """The questions a template starts with (a custom poll starts empty)."""
    if template == PollTemplate.WHEEL:
        return [
            QuestionDraft(
                QuestionKind.WHEEL_STEP,
                _("Steg %(n)s: %(step)s. Hvor langt har kommunen kommet (1–10)?", n=n, step=step),
                step=n,
            )
            for n, step in enumerate(wheel_steps(), start=1)
        ]
    if template == PollTemplate.ANCHORING:
        return [
            QuestionDraft(
                QuestionKind.SCALE, _("Hvor godt har dere forankret arbeidet, fra 1 til 10?")
            )
        ]
    if template == PollTemplate.CULTURE_TIME:
        return [
            QuestionDraft(
                QuestionKind.SINGLE,
                _("Hvor lang tid tror du det tar før dere har en heltidskultur?"),
                tuple(culture_time_choices()),
            )
        ]
    if template == PollTemplate.PHRASES:
        return [
            QuestionDraft(
                QuestionKind.TEXT,
                _("Hva er det viktigste dere tar med hjem? Svar med noen få ord."),
            )
        ]
    return []


# ---- making and running polls ------------------------------------------------------------


def _require_runner(actor: Viewer, gathering: Gathering) -> None:
    if not can_run_polls(actor, gathering):
        raise ServiceError(_("Du kan ikke endre avstemningene på denne samlingen."))


def new_code(session: DbSession) -> str:
    """Six random digits no poll has used (the first digit is never 0)."""
    for _attempt in range(50):
        code = str(secrets.randbelow(9 * 10 ** (CODE_DIGITS - 1)) + 10 ** (CODE_DIGITS - 1))
        if session.scalar(sa.select(Poll.id).where(Poll.code == code)) is None:
            return code
    raise ServiceError(_("Fant ingen ledig kode. Prøv igjen."))


def _round_of(session: DbSession, gathering: Gathering, template: PollTemplate) -> int:
    """The round of a new poll: one more than the network's polls of the same template."""
    if template == PollTemplate.CUSTOM:
        return 1
    earlier = session.scalar(
        sa.select(sa.func.count(Poll.id))
        .join(Gathering, Gathering.id == Poll.gathering_id)
        .where(Gathering.network_id == gathering.network_id, Poll.template == template)
    )
    return int(earlier or 0) + 1


def _check_item(gathering: Gathering, item: AgendaItem | None) -> None:
    if item is not None and item.gathering_id != gathering.id:
        raise ServiceError(_("Programpunktet hører til en annen samling."), field="agenda_item")


def _add(session: DbSession, poll: Poll, drafts: Iterable[QuestionDraft]) -> None:
    for position, draft in enumerate(drafts, start=len(poll.questions) + 1):
        poll.questions.append(
            Question(
                position=position,
                kind=draft.kind,
                text=draft.text,
                choices="\n".join(draft.choices),
                step=draft.step,
            )
        )


def create_poll(
    session: DbSession,
    actor: Viewer,
    gathering: Gathering,
    template: PollTemplate,
    title: str = "",
    item: AgendaItem | None = None,
) -> Poll:
    """A draft poll from a template, with a fresh code."""
    _require_runner(actor, gathering)
    _check_item(gathering, item)
    poll = Poll(
        gathering=gathering,
        agenda_item=item,
        title=title.strip() or template_title(template),
        template=template,
        status=PollStatus.DRAFT,
        code=new_code(session),
        round=_round_of(session, gathering, template),
    )
    _add(session, poll, template_questions(template))
    session.add(poll)
    session.flush()
    return poll


def earlier_polls(session: DbSession, gathering: Gathering) -> list[Poll]:
    """The polls of the network's other gatherings, newest gathering first (to copy from)."""
    return list(
        session.scalars(
            sa.select(Poll)
            .join(Gathering, Gathering.id == Poll.gathering_id)
            .where(Gathering.network_id == gathering.network_id, Gathering.id != gathering.id)
            .options(selectinload(Poll.gathering))
            .order_by(Gathering.starts_on.desc(), Poll.id)
        )
    )


def copy_poll(session: DbSession, actor: Viewer, gathering: Gathering, source: Poll) -> Poll:
    """A draft copy of a poll of the same network, its questions without their answers."""
    _require_runner(actor, gathering)
    if source.gathering.network_id != gathering.network_id:
        raise ServiceError(
            _("Du kan bare kopiere avstemninger fra samme nettverk."), field="source"
        )
    poll = Poll(
        gathering=gathering,
        title=source.title,
        template=source.template,
        status=PollStatus.DRAFT,
        code=new_code(session),
        round=_round_of(session, gathering, source.template),
        copied_from_id=source.id,
    )
    _add(
        session,
        poll,
        (QuestionDraft(q.kind, q.text, tuple(q.choice_list), q.step) for q in source.questions),
    )
    session.add(poll)
    session.flush()
    return poll


def add_question(
    session: DbSession, actor: Viewer, poll: Poll, kind: QuestionKind, text: str, choices: str
) -> Question:
    """A question the facilitator writes; only while the poll is a draft."""
    _require_runner(actor, poll.gathering)
    if poll.status != PollStatus.DRAFT:
        raise ServiceError(_("Spørsmål kan bare legges til før avstemningen åpnes."))
    text = text.strip()
    if not text:
        raise ServiceError(_("Skriv spørsmålet."), field="text")
    options = [line.strip() for line in choices.splitlines() if line.strip()]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        if len(options) < 2:
            raise ServiceError(
                _("Skriv minst to svaralternativer, ett per linje."), field="choices"
            )
        if len(set(options)) != len(options):
            raise ServiceError(_("To svaralternativer er like."), field="choices")
    else:
        options = []
    _add(session, poll, [QuestionDraft(kind, text, tuple(options))])
    session.flush()
    return poll.questions[-1]


def open_poll(session: DbSession, actor: Viewer, poll: Poll) -> None:
    """Participants may answer; the results are hidden again until revealed."""
    _require_runner(actor, poll.gathering)
    if not poll.questions:
        raise ServiceError(_("Avstemningen har ingen spørsmål ennå."))
    if poll.status == PollStatus.CLOSED:
        raise ServiceError(_("Avstemningen er avsluttet, og svarene kan ikke endres."))
    poll.status = PollStatus.OPEN
    poll.opened_at = utcnow()
    session.flush()


def close_poll(session: DbSession, actor: Viewer, poll: Poll) -> None:
    """No more answers or changes; the results are revealed (the default after closing)."""
    _require_runner(actor, poll.gathering)
    if poll.status != PollStatus.OPEN:
        raise ServiceError(_("Avstemningen er ikke åpen."))
    poll.status = PollStatus.CLOSED
    poll.closed_at = utcnow()
    poll.results_revealed = True
    for question in poll.questions:
        question.closed = True
    session.flush()


def close_question(session: DbSession, actor: Viewer, question: Question) -> None:
    """One question stops taking answers while the poll stays open."""
    _require_runner(actor, question.poll.gathering)
    question.closed = True
    session.flush()


def reveal(session: DbSession, actor: Viewer, poll: Poll, revealed: bool) -> None:
    """Show or hide the results on the presenter view."""
    _require_runner(actor, poll.gathering)
    poll.results_revealed = revealed
    session.flush()


def polls_of(session: DbSession, gathering: Gathering) -> list[Poll]:
    return list(
        session.scalars(
            sa.select(Poll)
            .where(Poll.gathering_id == gathering.id)
            .options(selectinload(Poll.questions), selectinload(Poll.agenda_item))
            .order_by(Poll.id)
        )
    )


# ---- answering ---------------------------------------------------------------------------


def normal_code(code: str) -> str:
    return "".join(ch for ch in code if not ch.isspace())


def poll_by_code(session: DbSession, code: str) -> Poll | None:
    """The poll with this code, whatever its status (None for a code nobody was given)."""
    code = normal_code(code)
    if len(code) != CODE_DIGITS or not code.isdigit():
        return None
    return session.scalar(
        sa.select(Poll)
        .where(Poll.code == code)
        .options(selectinload(Poll.questions), selectinload(Poll.gathering))
    )


def code_problem(poll: Poll | None, code: str) -> str | None:
    """What a participant is told about a code that does not lead to an open poll."""
    if poll is None:
        return _(
            "Ingen avstemning har koden %(code)s. Sjekk sifrene, eller spør den som leder "
            "samlingen.",
            code=normal_code(code)[:12],
        )
    if poll.status == PollStatus.DRAFT:
        return _("Avstemningen er ikke åpnet ennå. Prøv igjen om litt.")  # no draft title
    if poll.status == PollStatus.CLOSED:
        return _(
            "Avstemningen «%(title)s» er avsluttet, og den tar ikke imot flere svar. Takk!",
            title=poll.title,
        )
    return None


def participant_municipalities(session: DbSession, poll: Poll) -> list[Municipality]:
    return network_municipalities(session, poll.gathering.network_id)


def own_answers(session: DbSession, poll: Poll, device_hash: str | None) -> dict[int, Response]:
    """The device's answers in this poll, by question id."""
    if device_hash is None:
        return {}
    rows = session.scalars(
        sa.select(Response)
        .join(Question, Question.id == Response.question_id)
        .where(Question.poll_id == poll.id, Response.device_hash == device_hash)
    )
    return {row.question_id: row for row in rows}


@dataclass(frozen=True)
class Answer:
    """What a participant gave to one question (one of the three, by the question's kind)."""

    value: int | None = None
    choices: tuple[int, ...] = ()
    text: str = ""

    @property
    def empty(self) -> bool:
        return self.value is None and not self.choices and not self.text.strip()


def _checked(question: Question, answer: Answer) -> Answer:
    if question.scaled:
        if answer.value is None or not SCALE_MIN <= answer.value <= SCALE_MAX:
            raise ServiceError(_("Velg et tall fra 1 til 10."), field=f"q{question.id}")
        return Answer(value=answer.value)
    count = len(question.choice_list)
    if question.kind == QuestionKind.SINGLE:
        if answer.value is None or not 0 <= answer.value < count:
            raise ServiceError(_("Velg ett av svarene."), field=f"q{question.id}")
        return Answer(value=answer.value)
    if question.kind == QuestionKind.MULTIPLE:
        picked = tuple(sorted(set(answer.choices)))
        if not picked or any(not 0 <= i < count for i in picked):
            raise ServiceError(_("Velg ett eller flere av svarene."), field=f"q{question.id}")
        return Answer(choices=picked)
    text = " ".join(answer.text.split())
    if not text:
        raise ServiceError(_("Skriv noen få ord."), field=f"q{question.id}")
    if len(text) > TEXT_MAX:
        raise ServiceError(
            _("Svaret kan være høyst %(n)s tegn.", n=TEXT_MAX), field=f"q{question.id}"
        )
    return Answer(text=text)


def save_answer(
    session: DbSession,
    question: Question,
    device_hash: str,
    municipality_id: int,
    answer: Answer,
) -> Response:
    """The device's one answer to the question: made, or changed while the question is open."""
    if not question.accepts:
        raise ServiceError(
            _("Spørsmålet «%(text)s» er lukket, og svaret kan ikke endres.", text=question.text),
            field=f"q{question.id}",
        )
    if municipality_id not in {m.id for m in participant_municipalities(session, question.poll)}:
        raise ServiceError(_("Velg kommunen din."), field="municipality")
    checked = _checked(question, answer)
    response = session.scalar(
        sa.select(Response).where(
            Response.question_id == question.id, Response.device_hash == device_hash
        )
    )
    if response is None:
        response = Response(question_id=question.id, device_hash=device_hash)
        session.add(response)
    response.municipality_id = municipality_id
    response.value = checked.value
    response.choices = ",".join(str(i) for i in checked.choices)
    response.text = checked.text
    session.flush()
    return response


def save_answers(
    session: DbSession,
    poll: Poll,
    device_hash: str,
    municipality_id: int | None,
    answers: Mapping[int, Answer],
) -> int:
    """Every answer given on the participant's page; how many were saved.

    The questions closed meanwhile are refused with their message (nothing is saved then).
    """
    if not poll.is_open:
        raise ServiceError(code_problem(poll, poll.code) or "")
    if municipality_id is None:
        raise ServiceError(_("Velg kommunen din."), field="municipality")
    by_id = {q.id: q for q in poll.questions}
    saved = 0
    for question_id, answer in answers.items():
        question = by_id.get(question_id)
        if question is None or answer.empty:
            continue
        save_answer(session, question, device_hash, municipality_id, answer)
        saved += 1
    if not saved:
        raise ServiceError(_("Svar på minst ett spørsmål."))
    return saved


# ---- figures -----------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    count: int
    share: float  # of those who answered the question, 0-1


@dataclass
class MunicipalityFigure:
    name: str
    n: int
    mean: float | None  # None: fewer than MIN_ANSWERS answered
    municipality_id: int | None = None

    @property
    def hidden(self) -> bool:
        return self.mean is None


@dataclass
class QuestionResult:
    question: Question
    n: int
    mean: float | None = None
    bars: list[Bar] = field(default_factory=list)
    phrases: list[tuple[str, int]] = field(default_factory=list)
    municipalities: list[MunicipalityFigure] = field(default_factory=list)

    @property
    def hidden(self) -> bool:
        return self.n < MIN_ANSWERS


@dataclass
class PollFigures:
    poll: Poll
    devices: int  # how many devices answered at least one question
    results: list[QuestionResult]


def _bars(counts: Counter[int], labels: list[str], n: int) -> list[Bar]:
    return [
        Bar(label, counts.get(index, 0), counts.get(index, 0) / n if n else 0.0)
        for index, label in enumerate(labels)
    ]


def figures(session: DbSession, poll: Poll) -> PollFigures:
    """The counts and results of a poll, in a fixed number of statements however many answered.

    Below MIN_ANSWERS a question's results and a municipality's figures are withheld.
    """
    rows = session.execute(
        sa.select(
            Response.question_id,
            Response.municipality_id,
            Response.value,
            Response.choices,
            Response.text,
            sa.func.count(Response.id),
        )
        .join(Question, Question.id == Response.question_id)
        .where(Question.poll_id == poll.id)
        .group_by(
            Response.question_id,
            Response.municipality_id,
            Response.value,
            Response.choices,
            Response.text,
        )
    ).all()
    devices = int(
        session.scalar(
            sa.select(sa.func.count(sa.distinct(Response.device_hash)))
            .join(Question, Question.id == Response.question_id)
            .where(Question.poll_id == poll.id)
        )
        or 0
    )
    names = {m.id: m.name for m in participant_municipalities(session, poll)}
    results = []
    for question in poll.questions:
        mine = [row for row in rows if row[0] == question.id]
        n = sum(row[5] for row in mine)
        result = QuestionResult(question, n)
        results.append(result)
        if result.hidden:
            continue
        if question.scaled:
            values: Counter[int] = Counter()
            for row in mine:
                values[int(row[2] or 0)] += row[5]
            result.mean = sum(v * c for v, c in values.items()) / n
            result.bars = [
                Bar(str(v), values.get(v, 0), values.get(v, 0) / n)
                for v in range(SCALE_MIN, SCALE_MAX + 1)
            ]
            result.municipalities = _by_municipality(mine, names)
        elif question.kind == QuestionKind.SINGLE:
            picked: Counter[int] = Counter()
            for row in mine:
                picked[int(row[2] or 0)] += row[5]
            result.bars = _bars(picked, question.choice_list, n)
        elif question.kind == QuestionKind.MULTIPLE:
            picked = Counter()
            for row in mine:
                for index in (int(p) for p in row[3].split(",") if p.isdigit()):
                    picked[index] += row[5]
            result.bars = _bars(picked, question.choice_list, n)
        else:
            result.phrases = _phrases((row[4], row[5]) for row in mine)
    return PollFigures(poll, devices, results)


def _by_municipality(rows: list[sa.Row], names: dict[int, str]) -> list[MunicipalityFigure]:
    """Each municipality's n and mean; the mean only when at least MIN_ANSWERS answered."""
    sums: Counter[int] = Counter()
    counts: Counter[int] = Counter()
    for row in rows:
        if row[1] is None:
            continue
        sums[row[1]] += row[2] * row[5]
        counts[row[1]] += row[5]
    found = []
    for municipality_id, n in counts.items():
        mean = sums[municipality_id] / n if n >= MIN_ANSWERS else None
        found.append(MunicipalityFigure(names.get(municipality_id, "–"), n, mean, municipality_id))
    return sorted(found, key=lambda f: f.name)


def _phrases(rows: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """Phrases with their counts, the same words in any case counted together, most first."""
    counts: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = {}
    for text, count in rows:
        key = " ".join(text.split()).casefold()
        if not key:
            continue
        counts[key] += count
        shown.setdefault(key, Counter())[text] += count
    return [
        (shown[key].most_common(1)[0][0], count)
        for key, count in sorted(counts.items(), key=lambda kc: (-kc[1], kc[0]))
    ]


# ---- the gevinsthjul across rounds -------------------------------------------------------


@dataclass
class WheelCell:
    mean: float | None  # None: fewer than MIN_ANSWERS of the municipality answered the step
    previous: float | None = None  # the same municipality's mean in the previous round


@dataclass
class WheelRow:
    step: int
    text: str
    network: float | None  # every answer of the round
    cells: list[WheelCell]


@dataclass
class WheelOverview:
    previous: Poll | None
    municipalities: list[str]
    rows: list[WheelRow]
    municipality_ids: list[int] = field(default_factory=list)

    def only(self, municipality_id: int) -> WheelOverview | None:
        """The same overview with one municipality's column (None: it did not answer)."""
        if municipality_id not in self.municipality_ids:
            return None
        index = self.municipality_ids.index(municipality_id)
        rows = [WheelRow(r.step, r.text, r.network, [r.cells[index]]) for r in self.rows]
        return WheelOverview(self.previous, [self.municipalities[index]], rows, [municipality_id])

    @property
    def spiders(self) -> list[Spider]:
        """A spider chart per municipality (polls.spider)."""
        from heltidnett.polls.spider import spiders

        return spiders(self)


def previous_round(session: DbSession, poll: Poll) -> Poll | None:
    """The network's poll of the same template one round before (the newest such)."""
    if poll.round <= 1:
        return None
    return session.scalar(
        sa.select(Poll)
        .join(Gathering, Gathering.id == Poll.gathering_id)
        .where(
            Gathering.network_id == poll.gathering.network_id,
            Poll.template == poll.template,
            Poll.round == poll.round - 1,
        )
        .order_by(Poll.id.desc())
        .limit(1)
    )


def wheel_overview(session: DbSession, poll: Poll) -> WheelOverview | None:
    """The gevinsthjul steps by municipality, beside the previous round (None: no wheel steps).

    Each mean needs MIN_ANSWERS answers of the municipality to the step.
    """
    steps = {q.step: q.text for q in poll.questions if q.kind == QuestionKind.WHEEL_STEP and q.step}
    if not steps:
        return None
    previous = previous_round(session, poll)
    polls = [poll.id] + ([previous.id] if previous is not None else [])
    rows = session.execute(
        sa.select(
            Question.poll_id,
            Question.step,
            Response.municipality_id,
            sa.func.count(Response.id),
            sa.func.sum(Response.value),
        )
        .join(Response, Response.question_id == Question.id)
        .where(Question.poll_id.in_(polls), Question.kind == QuestionKind.WHEEL_STEP)
        .group_by(Question.poll_id, Question.step, Response.municipality_id)
    ).all()
    names = {m.id: m.name for m in participant_municipalities(session, poll)}
    means: dict[tuple[int, int | None, int | None], float | None] = {}
    totals: dict[int | None, list[int]] = {}
    for poll_id, step, municipality_id, count, total in rows:
        means[(poll_id, step, municipality_id)] = (
            int(total or 0) / count if count >= MIN_ANSWERS else None
        )
        if poll_id == poll.id:
            totals.setdefault(step, [0, 0])
            totals[step][0] += count
            totals[step][1] += int(total or 0)
    shown = sorted({m for (_p, _s, m) in means if m in names}, key=lambda m: names.get(m or 0, ""))
    result = []
    for step in sorted(steps):
        n, total = totals.get(step, [0, 0])
        result.append(
            WheelRow(
                step,
                steps[step],
                total / n if n >= MIN_ANSWERS else None,
                [
                    WheelCell(
                        means.get((poll.id, step, m)),
                        means.get((previous.id, step, m)) if previous is not None else None,
                    )
                    for m in shown
                ],
            )
        )
    ids = [m for m in shown if m is not None]
    return WheelOverview(previous, [names[m] for m in ids], result, ids)


def open_polls(session: DbSession, network_ids: set[int]) -> list[Poll]:
    """The polls open now at the networks' gatherings, with their gatherings, newest first."""
    if not network_ids:
        return []
    return list(
        session.scalars(
            sa.select(Poll)
            .join(Poll.gathering)
            .where(Gathering.network_id.in_(network_ids), Poll.status == PollStatus.OPEN)
            .options(contains_eager(Poll.gathering))
            .order_by(Poll.opened_at.desc(), Poll.id)
        )
    )


# ---- a municipality's results across the network's gatherings ----------------------------


@dataclass
class MunicipalityScale:
    """A scale question of a revealed poll: the municipality's figure beside everyone's."""

    poll: Poll
    result: QuestionResult
    own: MunicipalityFigure | None


@dataclass
class MunicipalityResults:
    wheels: list[tuple[Poll, WheelOverview]]  # newest round first, this municipality only
    scales: list[MunicipalityScale]


def municipality_results(
    session: DbSession, viewer: Viewer, municipality: Municipality
) -> MunicipalityResults:
    """The revealed polls of the municipality's networks the viewer may read, newest first."""
    from heltidnett.networks.models import Participation
    from heltidnett.polls.permissions import can_see_results

    polls = session.scalars(
        sa.select(Poll)
        .join(Gathering, Gathering.id == Poll.gathering_id)
        .join(Participation, Participation.network_id == Gathering.network_id)
        .where(
            Participation.municipality_id == municipality.id,
            Poll.status != PollStatus.DRAFT,
            Poll.results_revealed.is_(True),
        )
        .options(selectinload(Poll.questions), selectinload(Poll.gathering))
        .order_by(Gathering.starts_on.desc(), Poll.id.desc())
    )
    found = MunicipalityResults([], [])
    for poll in polls:
        if not can_see_results(viewer, poll):
            continue
        wheel = wheel_overview(session, poll)
        mine = wheel.only(municipality.id) if wheel is not None else None
        if mine is not None:
            found.wheels.append((poll, mine))
        for result in figures(session, poll).results:
            if result.question.kind != QuestionKind.SCALE or result.hidden:
                continue
            own = next(
                (f for f in result.municipalities if f.municipality_id == municipality.id), None
            )
            found.scales.append(MunicipalityScale(poll, result, own))
    return found
