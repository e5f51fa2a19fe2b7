"""Demo workbooks: chapters 2 and 3 in both seed networks, answers from invented coordinators."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from heltidnett.db import DbSession
from heltidnett.demo import DemoContext, slug
from heltidnett.workbooks import content, library
from heltidnett.workbooks.models import (
    Answer,
    AnswerVersion,
    Chapter,
    ChapterDelivery,
    DeliveryStatus,
    Prompt,
)

# network → [(template key, number, due date)]
CHAPTERS = {
    "Heltid i nord": [
        ("heltid-i-nord-2", 2, date(2018, 3, 5)),
        ("btv-nyttblikk-3", 3, date(2018, 6, 4)),
    ],
    "BTV NyttBlikk nettverk 2": [
        ("heltid-i-nord-2", 2, date(2018, 11, 5)),
        ("btv-nyttblikk-3", 3, date(2019, 1, 29)),
    ],
}

ANCHORING = (
    "Arbeidet er forankret i rådmannens ledergruppe og i partssammensatt styringsgruppe med "
    "hovedtillitsvalgte for Fagforbundet, NSF og Delta, og hovedverneombudet.\n\n"
    "- Informasjonsmøter på alle enheter i helse og omsorg før jul\n"
    "- Tillitsvalgte og verneombud deltar i pilotgruppene\n"
    "- Medarbeidere er med i IGP-samlinger om hva som kjennetegner en god vakt"
)
STRATEGY = (
    "Vi får ikke rekruttert nok sykepleiere og fagarbeidere framover. **Heltidskultur er "
    "strategien** for å sikre kvalitet, kompetanse, kapasitet og kontinuitet i tjenestene.\n\n"
    "Kommunestyret har vedtatt at heltid skal være hovedregelen ved utlysning."
)
SMART = {
    "s": (
        "Pilotavdelingen har 42 stillingshjemler og 27,51 planlagte årsverk: "
        "gjennomsnittlig stillingsstørrelse 65,5 %. Mange ekstravakter i helgene."
    ),
    "m": "Gjennomsnittlig stillingsstørrelse 75 % innen utgangen av 2018, 90 % på sikt.",
    "t": "Prøve ut langvakter i helg og en felles ressursturnus for to avdelinger.",
    "who": "Enhetsleder sammen med tillitsvalgt og verneombud",
    "when": "Evaluering i desember 2018",
}
PLAN = [
    {"text": "Lyse ut alle ledige stillinger som heltid", "priority": 1},
    {"text": "Kartlegge ønsket stillingsstørrelse hos alle deltidsansatte", "priority": 2},
    {"text": "Ny bemanningsplan 24/7/365 for pilotavdelingen", "priority": 3},
    {"text": "Felles ressursturnus på tvers av avdelinger", "priority": 4},
]
GAPS = [
    ["Pilotavdelingen", "Sykepleier", "30 % hverdag", "18 % hverdag", "For lite fagkompetanse"],
    ["Pilotavdelingen", "Helsefagarbeider", "60 %", "47 %", "Mange ufaglærte vikarer i helg"],
]
STORY = (
    "Vi samlet alle ansatte på avdelingen i tre IGP-økter. Spørsmålet var: *Hva kjennetegner "
    "en god vakt for pasienten?*\n\nMedarbeiderne foreslo selv å prøve lengre vakter i helgene."
)
DEFINITION = (
    "Vi har en heltidskultur når minst halvparten av stillingene er hele stillinger, og "
    "gjennomsnittlig stillingsstørrelse er over 85 %.\n\n"
    "Indikatorer:\n- andel heltidsstillinger\n- gjennomsnittlig stillingsstørrelse\n"
    "- innleie og ekstravakter\n- sykefravær"
)

# (network, municipality, chapter number) → (status, shared, answers by prompt position)
ANSWERS: dict[tuple[str, str, int], tuple[DeliveryStatus, bool, dict[int, Any]]] = {
    ("Heltid i nord", "Alta", 2): (
        DeliveryStatus.FEEDBACK_GIVEN,
        True,
        {1: ANCHORING, 2: STRATEGY, 3: SMART, 4: 7},
    ),
    ("Heltid i nord", "Alta", 3): (
        DeliveryStatus.IN_PROGRESS,
        False,
        {1: PLAN, 2: GAPS, 3: STORY},
    ),
    ("Heltid i nord", "Rana", 2): (DeliveryStatus.SUBMITTED, False, {1: ANCHORING, 4: 5}),
    ("Heltid i nord", "Hemnes", 2): (DeliveryStatus.IN_PROGRESS, False, {1: STRATEGY}),
    ("BTV NyttBlikk nettverk 2", "Ringerike", 2): (
        DeliveryStatus.SUBMITTED,
        True,
        {1: ANCHORING, 2: STRATEGY, 3: SMART, 4: 6},
    ),
    ("BTV NyttBlikk nettverk 2", "Ringerike", 3): (
        DeliveryStatus.IN_PROGRESS,
        False,
        {1: PLAN, 4: DEFINITION, 5: "4–7 år"},
    ),
    ("BTV NyttBlikk nettverk 2", "Lier", 3): (DeliveryStatus.IN_PROGRESS, False, {3: STORY}),
}

FEEDBACK = {
    ("Heltid i nord", "Alta", 2): (
        "Et godt forankret kapittel. Målene er målbare; vurder et mellommål for helgene.",
        {3: "Fin analyse. Ta med tall for innleie i helg, så blir gevinsten lettere å vise."},
    ),
}

MOMENT = datetime(2018, 3, 1, 9, 30, tzinfo=UTC)


def load(session: DbSession, ctx: DemoContext) -> None:
    """Chapters from the built-in templates, with some answers, one delivered with feedback."""
    facilitator = ctx.users.get("veileder")
    for network_name, specs in CHAPTERS.items():
        network = ctx.networks[network_name]
        for key, number, due_on in specs:
            chapter = session.scalar(
                sa.select(Chapter).where(Chapter.network_id == network.id, Chapter.number == number)
            )
            if chapter is None:
                chapter = _chapter(session, network.id, key, number, due_on)
            for (nname, mname, cnumber), spec in ANSWERS.items():
                if nname == network_name and cnumber == number:
                    _answers(session, ctx, chapter, mname, spec, facilitator)


def _chapter(session: DbSession, network_id: int, key: str, number: int, due_on: date) -> Chapter:
    template = library.BUILT_IN[key]
    chapter = Chapter(
        network_id=network_id,
        number=number,
        title=template.title,
        introduction=template.introduction,
        due_on=due_on,
        template_key=key,
    )
    session.add(chapter)
    for position, prompt in enumerate(template.prompts, start=1):
        chapter.prompts.append(
            Prompt(
                position=position,
                kind=prompt.kind,
                label=prompt.label,
                help_text=prompt.help_text,
                options=dict(prompt.options),
            )
        )
    session.flush()
    return chapter


def _answers(
    session: DbSession,
    ctx: DemoContext,
    chapter: Chapter,
    municipality_name: str,
    spec: tuple[DeliveryStatus, bool, dict[int, Any]],
    facilitator: Any,
) -> None:
    municipality = ctx.municipalities[municipality_name]
    exists = session.scalar(
        sa.select(ChapterDelivery.id).where(
            ChapterDelivery.chapter_id == chapter.id,
            ChapterDelivery.municipality_id == municipality.id,
        )
    )
    if exists is not None:
        return
    status, shared, values = spec
    author = ctx.users.get(f"koordinator.{slug(municipality_name)}")
    locked = status in (DeliveryStatus.SUBMITTED, DeliveryStatus.FEEDBACK_GIVEN)
    delivery = ChapterDelivery(
        chapter_id=chapter.id,
        municipality_id=municipality.id,
        status=status,
        shared_with_network=shared,
        submitted_at=MOMENT if locked else None,
        submitted_by_id=author.id if locked and author else None,
        last_change_at=MOMENT,
    )
    session.add(delivery)
    feedback = FEEDBACK.get((chapter.network.name, municipality_name, chapter.number))
    prompts = {p.position: p for p in chapter.prompts}
    for position, value in values.items():
        prompt = prompts[position]
        stored = content.normalize(prompt, value)
        answer = Answer(
            prompt_id=prompt.id,
            municipality_id=municipality.id,
            version=1,
            content=stored,
            updated_by_id=author.id if author else None,
            created_at=MOMENT,
            updated_at=MOMENT,
            feedback=(feedback[1].get(position, "") if feedback else ""),
        )
        session.add(answer)
        session.flush()
        session.add(
            AnswerVersion(
                answer_id=answer.id,
                version=1,
                content=stored,
                author_id=author.id if author else None,
                created_at=MOMENT,
            )
        )
    if feedback:
        delivery.feedback = feedback[0]
        delivery.feedback_at = MOMENT
        delivery.feedback_by_id = facilitator.id if facilitator else None
    session.flush()
