"""Demo workbooks: chapters 2 and 3 in both seed networks, answers from invented coordinators;
and the living network's three chapters around today: one delivered with feedback, one due in
ten days, and one prepared as a draft that opens the morning after the coming gathering."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from heltidnett.db import DbSession
from heltidnett.demo import DemoContext, slug
from heltidnett.gatherings.demo import living_gathering
from heltidnett.workbooks import content, library
from heltidnett.workbooks.models import (
    Answer,
    AnswerVersion,
    Chapter,
    ChapterDelivery,
    DeliveryStatus,
    Prompt,
    PromptKind,
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
SEED_OPENED = MOMENT - timedelta(days=60)  # the seeds' chapters were opened well before
OSLO = ZoneInfo("Europe/Oslo")
OPENS_AT = time(8, 0)  # a chapter opens at 08.00, Norwegian time


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
                chapter = _chapter(
                    session, network.id, library.BUILT_IN[key], number, due_on, SEED_OPENED
                )
            for (nname, mname, cnumber), spec in ANSWERS.items():
                if nname == network_name and cnumber == number:
                    _answers(
                        session,
                        ctx,
                        chapter,
                        mname,
                        spec,
                        facilitator,
                        MOMENT,
                        FEEDBACK.get((nname, mname, cnumber)),
                    )
    load_living(session, ctx)


def _chapter(
    session: DbSession,
    network_id: int,
    template: library.ChapterTemplate,
    number: int,
    due_on: date,
    opens_at: datetime | None,
    opens_after_gathering_id: int | None = None,
) -> Chapter:
    chapter = Chapter(
        opens_at=opens_at,
        network_id=network_id,
        number=number,
        title=template.title,
        introduction=template.introduction,
        due_on=due_on,
        template_key=template.key,
        opens_after_gathering_id=opens_after_gathering_id,
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
    moment: datetime,
    feedback: tuple[str, dict[int, str]] | None,
    feedback_at: datetime | None = None,
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
        submitted_at=moment if locked else None,
        submitted_by_id=author.id if locked and author else None,
        last_change_at=moment,
    )
    session.add(delivery)
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
            created_at=moment,
            updated_at=moment,
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
                created_at=moment,
            )
        )
    if feedback:
        delivery.feedback = feedback[0]
        delivery.feedback_at = feedback_at or moment
        delivery.feedback_by_id = facilitator.id if facilitator else None
    session.flush()


# ---- the living network ----------------------------------------------------------------

START = library.ChapterTemplate(
    key="",
    name="Kapittel 1: utgangspunktet",
    number=1,
    title="Utgangspunktet: hvorfor heltidskultur, og hvor står vi?",
    introduction=(
        "Leveres før samling 1. Beskriv hvorfor kommunen er med i nettverket, hvem som er med "
        "i arbeidet, og hvor dere står i dag. Ta utgangspunkt i tallene for pilotenhetene."
    ),
    prompts=(
        library.PromptTemplate(
            PromptKind.TEXT,
            "a) Hvorfor er heltidskultur viktig for kommunen nå?",
            "Tenk på kvalitet, kompetanse, kapasitet og kontinuitet i tjenestene.",
        ),
        library.PromptTemplate(
            PromptKind.TEXT,
            "b) Hvem er med i arbeidet, og hvilke enheter er piloter?",
            "Styringsgruppe, tillitsvalgte, verneombud, ledere og medarbeidere.",
        ),
        library.PromptTemplate(
            PromptKind.SCALE,
            "Hvor godt har dere forankret arbeidet?",
            "1 = lite, 10 = svært godt.",
            {"min": 1, "max": 10},
        ),
        library.PromptTemplate(
            PromptKind.CHOICE,
            "Hvor lang tid tror dere det tar før kommunen har en heltidskultur?",
            "",
            {"choices": ["1–3 år", "4–7 år", "8–12 år", "Vi tviler på at vi kommer dit"]},
        ),
    ),
)

# number → (template, due: days from today, opens after the network gathering number)
LIVING_CHAPTERS: dict[int, tuple[library.ChapterTemplate, int, int | None]] = {
    1: (START, -49, None),
    2: (library.HELTID_I_NORD_2, 10, 1),
    3: (library.BTV_3, 80, 2),
}

WHY = {
    "Bodø": (
        "Vi leier inn sykepleiere fra vikarbyrå, samtidig som sykepleierne våre bruker tid på "
        "oppgaver som ikke krever sykepleierkompetanse. Det er verken bærekraftig eller god "
        "kvalitet for beboerne.\n\n"
        "- Halvparten av de ansatte ved to sykehjem sier at de ofte gjør oppgaver som ikke "
        "hører til kompetansen deres\n"
        "- Mange små stillinger i helg"
    ),
    "Alstahaug": (
        "Sykepleiermangelen er det største problemet vårt. Brukerne møter mange forskjellige "
        "ansatte, og vi vil gi dem helhetlige pasientforløp med færre å forholde seg til."
    ),
    "Salangen": (
        "Vi er en liten kommune, og hver stilling teller. Heltid gjør det lettere å rekruttere "
        "og beholde fagfolk i hjemmetjenesten."
    ),
    "Hammerfest": (
        "Lederne bruker for mye tid på turnus. Vi vil samle turnusplanleggingen og gi flere "
        "ansatte hele stillinger med langvakter i helg."
    ),
    "Vadsø": (
        "Pårørende møter for mange helgevakter som ikke kjenner beboerne. Vi vil ha en "
        "bemanning som følger brukernes behov."
    ),
}
WHO = (
    "Partssammensatt styringsgruppe med kommunalsjef, hovedtillitsvalgte for Fagforbundet, "
    "NSF og Delta, og hovedverneombudet. Pilotenheten har en arbeidsgruppe med leder, "
    "tillitsvalgt, verneombud og to medarbeidere."
)
ANCHORING_NOW = (
    "Arbeidet er forankret i kommunedirektørens ledergruppe og i styringsgruppen.\n\n"
    "- Informasjonsmøte for alle ansatte i pilotenheten\n"
    "- Tillitsvalgte deltar i arbeidsgruppen fra første møte\n"
    "- Politisk orientering i utvalget for helse og omsorg før jul"
)
TASKS_SMART = {
    "s": (
        "De to pilotsykehjemmene har 76 stillinger og en gjennomsnittlig stillingsstørrelse på "
        "66 %. Døgnrytmeplanen viser at sykepleierne bruker mye av vakten på husstell."
    ),
    "m": "Gjennomsnittlig stillingsstørrelse 75 % og ingen innleie fra vikarbyrå innen ett år.",
    "t": "Ny oppgavedeling og bemanningsplan med stillingsinstrukser; assistenter på dagtid.",
    "who": "Virksomhetsleder sammen med tillitsvalgte og verneombud",
    "when": "Ny turnus fra neste turnusperiode, evaluering etter seks måneder",
}
ROTA_SMART = {
    "s": (
        "Sykehjemmet har 38 stillinger; sju er hele. Tre langvakter på rad i helgene ble for "
        "slitsomt, og tidligvakt etter helg likeså."
    ),
    "m": "Minst 40 % hele stillinger og gjennomsnittlig stillingsstørrelse 80 % innen ett år.",
    "t": "To langvakter i helg og første vakt etter helgen på tirsdag; turnusen lages av "
    "kommunens turnuskontor sammen med de ansatte.",
    "who": "Turnusansvarlig i HR og virksomhetsleder",
    "when": "Ny turnus prøves ut i et halvt år, så evaluerer vi",
}
LIVING_FEEDBACK = (
    "Takk for et godt kapittel. Dere har en tydelig begrunnelse; ta med tallene fra "
    "pilotenheten på samling 1, så kan vi sammenligne."
)

# (municipality, chapter) → (status, shared, answers by prompt position, days ago it was saved)
LIVING_ANSWERS: dict[tuple[str, int], tuple[DeliveryStatus, bool, dict[int, Any], int]] = {
    ("Bodø", 1): (
        DeliveryStatus.FEEDBACK_GIVEN,
        True,
        {1: WHY["Bodø"], 2: WHO, 3: 6, 4: "4–7 år"},
        51,
    ),
    ("Alstahaug", 1): (DeliveryStatus.SUBMITTED, False, {1: WHY["Alstahaug"], 2: WHO, 3: 5}, 50),
    ("Salangen", 1): (DeliveryStatus.SUBMITTED, False, {1: WHY["Salangen"], 3: 4}, 49),
    ("Hammerfest", 1): (
        DeliveryStatus.FEEDBACK_GIVEN,
        True,
        {1: WHY["Hammerfest"], 2: WHO, 3: 7, 4: "1–3 år"},
        53,
    ),
    ("Vadsø", 1): (DeliveryStatus.FEEDBACK_GIVEN, False, {1: WHY["Vadsø"], 2: WHO, 3: 6}, 50),
    ("Bodø", 2): (DeliveryStatus.IN_PROGRESS, False, {1: ANCHORING_NOW, 3: TASKS_SMART}, 1),
    ("Hammerfest", 2): (
        DeliveryStatus.SUBMITTED,
        True,
        {1: ANCHORING_NOW, 2: STRATEGY, 3: ROTA_SMART, 4: 7},
        2,
    ),
    ("Vadsø", 2): (DeliveryStatus.IN_PROGRESS, False, {1: ANCHORING_NOW}, 4),
    ("Alstahaug", 2): (DeliveryStatus.IN_PROGRESS, False, {2: STRATEGY}, 6),
}


def load_living(session: DbSession, ctx: DemoContext) -> None:
    """The living network's chapters and deliveries; moved with it on a later day."""
    network = ctx.living_network
    _move_living(session, ctx)
    facilitator = ctx.users.get("veileder")
    for number, (template, due, after) in LIVING_CHAPTERS.items():
        chapter = session.scalar(
            sa.select(Chapter).where(Chapter.network_id == network.id, Chapter.number == number)
        )
        if chapter is None:
            gathering = living_gathering(session, ctx, after) if after else None
            # Opened the morning after its gathering (chapter 1: three months ago); the one
            # after the coming gathering is still a draft with its opening time set.
            opening_day = gathering.ends_on + timedelta(days=1) if gathering else ctx.day(-90)
            chapter = _chapter(
                session,
                network.id,
                template,
                number,
                ctx.workday(due),
                datetime.combine(opening_day, OPENS_AT, tzinfo=OSLO),
                gathering.id if gathering else None,
            )
        for (mname, cnumber), (status, shared, values, days_ago) in LIVING_ANSWERS.items():
            if cnumber != number:
                continue
            moment = datetime.combine(ctx.day(-days_ago), time(13, 30), tzinfo=UTC)
            given = status == DeliveryStatus.FEEDBACK_GIVEN
            _answers(
                session,
                ctx,
                chapter,
                mname,
                (status, shared, values),
                facilitator,
                moment,
                (LIVING_FEEDBACK, {}) if given else None,
                datetime.combine(ctx.day(-44), time(9), tzinfo=UTC) if given else None,
            )


def _move_living(session: DbSession, ctx: DemoContext) -> None:
    if not ctx.moved:
        return
    chapters = list(
        session.scalars(sa.select(Chapter).where(Chapter.network_id == ctx.living_network.id))
    )
    prompt_ids = [p.id for c in chapters for p in c.prompts]
    answers = list(session.scalars(sa.select(Answer).where(Answer.prompt_id.in_(prompt_ids))))
    ctx.move(chapters)
    ctx.move(d for c in chapters for d in c.deliveries)
    ctx.move(answers)
    ctx.move(v for a in answers for v in a.versions)
    session.flush()
