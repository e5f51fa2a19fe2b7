"""Demo goals: Ringerike's seven SMART goals of 2018-2020, and goals in the living network.

Ringerike's goals (DOMAIN.md) keep their history: tied to the indicators where a measure exists
(its 2018 figures are the seeds' only period, so those goals wait for more figures), the others
as measures of their own with a few values. In the living network the goals are tied to the
pilots' monthly figures (staffing.demo) with targets chosen so that their statuses differ: Bodø
and Hammerfest on track, Alstahaug at risk, Salangen off track, Vadsø without data. Some come
from a declaration, a workbook's SMART answer or a commitment, and some actions carry out a
commitment. Goals are found by municipality and title, actions by goal and title, so loading
twice changes nothing; loaded on a later day, the living network's goals move with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from heltidnett.auth.models import User
from heltidnett.comments import services as comment_services
from heltidnett.comments.models import Comment, CommentThread, SubjectKind
from heltidnett.commitments.models import Commitment
from heltidnett.db import DbSession
from heltidnett.declarations.models import Declaration
from heltidnett.demo import LIVING_NETWORK, DemoContext, slug
from heltidnett.goals import services
from heltidnett.goals.models import Action, ActionStatus, Benefit, Goal
from heltidnett.goals.progress import Direction
from heltidnett.workbooks.models import Answer, Chapter, Prompt

AT_LEAST, AT_MOST = Direction.AT_LEAST, Direction.AT_MOST
PLANNED, IN_PROGRESS = ActionStatus.PLANNED, ActionStatus.IN_PROGRESS
DONE, STOPPED = ActionStatus.DONE, ActionStatus.STOPPED


@dataclass
class GoalSpec:
    """A demo goal; `first`/`target` are (value, due) with due a date or days from today."""

    municipality: str
    title: str
    direction: Direction
    target: tuple[float, date | int]
    first: tuple[float, date | int] | None = None
    indicator: str | None = None
    measure: tuple[str, str] | None = None  # (name, unit) of an own measure
    situation: str = ""
    responsible: str = ""
    benefit: Benefit | None = None
    shared: bool = False
    values: list[tuple[date, float]] = field(default_factory=list)
    # (title, owner, due: date or days from today, status, notes, commitment text)
    actions: list[tuple[str, str, date | int | None, ActionStatus, str, str | None]] = field(
        default_factory=list
    )
    source: tuple[str, object] | None = None  # ("declaration"|"answer"|"commitment", key)


RINGERIKE = "Ringerike"
HOME_CARE = "Kommunalsjef helse og omsorg"

RINGERIKE_GOALS: list[GoalSpec] = [
    GoalSpec(
        RINGERIKE,
        "Andelen 100 % stillinger skal være minst 50 %",
        AT_LEAST,
        (50.0, date(2020, 12, 31)),
        (40.0, date(2019, 12, 31)),
        indicator="fulltime_share",
        situation="Få hele stillinger i helse og omsorg; mange små deltidsstillinger i helgene.",
        responsible=HOME_CARE,
        benefit=Benefit.CONTINUITY,
        actions=[
            (
                "Kartlegge ønsket stillingsstørrelse hos alle deltidsansatte",
                "HR-rådgiver",
                date(2018, 12, 1),
                DONE,
                "Svar fra 82 % av de deltidsansatte.",
                None,
            ),
            (
                "Lyse ut alle ledige stillinger som hele stillinger",
                "Enhetslederne",
                date(2019, 6, 30),
                DONE,
                "",
                None,
            ),
        ],
    ),
    GoalSpec(
        RINGERIKE,
        "Faktisk gjennomsnittlig stillingsstørrelse skal være 90 %",
        AT_LEAST,
        (90.0, date(2020, 12, 31)),
        (75.0, date(2019, 12, 31)),
        indicator="avg_position_size_actual",
        responsible=HOME_CARE,
        benefit=Benefit.CAPACITY,
        actions=[
            (
                "Ny bemanningsplan for hjemmetjenesten",
                "Enhetsleder hjemmetjenesten",
                date(2019, 9, 1),
                STOPPED,
                "Lagt inn i den nye turnusen fra 2020 i stedet.",
                None,
            )
        ],
    ),
    GoalSpec(
        RINGERIKE,
        "30 % av årsverkene med høyere utdanning",
        AT_LEAST,
        (30.0, date(2020, 12, 31)),
        (25.0, date(2019, 12, 31)),
        indicator="share_higher_education",
        situation="Og 60 % fagarbeidere, så 90 % av vaktene dekkes av kvalifisert personale "
        "hele døgnet (sykepleiere 30 % på hverdager og 20 % i helgene, fagarbeidere 60/60, "
        "assistenter 10/20).",
        responsible=HOME_CARE,
        benefit=Benefit.COMPETENCE,
    ),
    GoalSpec(
        RINGERIKE,
        "Høyst 20 % av lederkapasiteten brukt på daglig bemanning",
        AT_MOST,
        (20.0, date(2020, 12, 31)),
        (30.0, date(2019, 12, 31)),
        measure=("Andel av lederkapasiteten brukt på bemanning", "percent"),
        responsible="Enhetslederne",
        benefit=Benefit.QUALITY,
        values=[(date(2018, 6, 30), 45.0), (date(2019, 6, 30), 34.0), (date(2020, 6, 30), 26.0)],
    ),
    GoalSpec(
        RINGERIKE,
        "Ingen ubesatte stillinger",
        AT_MOST,
        (0.0, date(2020, 12, 31)),
        (10.0, date(2019, 12, 31)),
        indicator="vacancy_share",
        situation="107 ubesatte stillinger, 11 % av de budsjetterte.",
        responsible=HOME_CARE,
        benefit=Benefit.CONTINUITY,
    ),
    GoalSpec(
        RINGERIKE,
        "Færre krav om større stilling etter arbeidsmiljøloven § 14-4a",
        AT_MOST,
        (8.0, date(2020, 12, 31)),
        (15.0, date(2019, 12, 31)),
        measure=("Krav om større stilling etter § 14-4a", "count"),
        responsible="HR-sjef",
        benefit=Benefit.CONTINUITY,
        values=[(date(2018, 12, 31), 24.0), (date(2019, 12, 31), 17.0), (date(2020, 12, 31), 11.0)],
    ),
    GoalSpec(
        RINGERIKE,
        "Bare små avvik mellom planlagt og faktisk bemanning",
        AT_MOST,
        (2.0, date(2020, 12, 31)),
        (5.0, date(2019, 12, 31)),
        measure=("Avvik mellom planlagt og faktisk bemanning, årsverk", "fte"),
        responsible="Enhetslederne",
        benefit=Benefit.CAPACITY,
        values=[(date(2018, 12, 31), 9.5), (date(2019, 12, 31), 7.0), (date(2020, 12, 31), 4.0)],
    ),
]

BODO_PLAN = "Lage ny bemanningsplan og stillingsinstrukser for de to sykehjemmene."
HAMMERFEST_WEEKENDS = "Prøve to langvakter i helg i stedet for tre."
ALSTAHAUG_TASKS = "Definere sykepleieroppgavene sammen med sykepleierne på sykehjemmet."
SALANGEN_ANCHOR = "Forankre heltidsarbeidet i kommunestyret."

# Targets chosen against the pilots' figures (staffing.demo.PILOTS), so the statuses differ.
LIVING_GOALS: list[GoalSpec] = [
    GoalSpec(
        "Bodø",
        "Minst 50 % hele stillinger i helse og omsorg",
        AT_LEAST,
        (50.0, 393),
        (40.0, 120),
        indicator="fulltime_share",
        situation="Hele stillinger er 18 % av stillingene ved de to pilotsykehjemmene.",
        responsible="Kommunaldirektør helse og omsorg",
        benefit=Benefit.CONTINUITY,
        shared=True,
        source=("declaration", "Bodø"),
        actions=[
            (
                "Ny bemanningsplan og stillingsinstrukser for de to sykehjemmene",
                "Virksomhetsleder",
                45,
                IN_PROGRESS,
                "Bemanningsplanen er klar.",
                BODO_PLAN,
            ),
            (
                "Lyse ut alle ledige stillinger som hele stillinger",
                "Virksomhetsleder",
                -20,
                DONE,
                "",
                None,
            ),
        ],
    ),
    GoalSpec(
        "Bodø",
        "Gjennomsnittlig stillingsstørrelse 75 % ved pilotsykehjemmene",
        AT_LEAST,
        (75.0, 365),
        indicator="avg_position_size_actual",
        responsible="Virksomhetsleder",
        benefit=Benefit.CAPACITY,
        shared=True,
        source=("answer", ("Bodø", 2, 3)),
    ),
    GoalSpec(
        "Hammerfest",
        "Minst 40 % hele stillinger på sykehjemmet",
        AT_LEAST,
        (40.0, 365),
        indicator="fulltime_share",
        situation="Sju av 38 stillinger på sykehjemmet er hele.",
        responsible="Turnusansvarlig i HR og virksomhetsleder",
        benefit=Benefit.CONTINUITY,
        shared=True,
        source=("answer", ("Hammerfest", 2, 3)),
        actions=[
            (
                "To langvakter i helg i stedet for tre",
                "Turnusansvarlig i HR",
                -30,
                DONE,
                "",
                HAMMERFEST_WEEKENDS,
            )
        ],
    ),
    GoalSpec(
        "Alstahaug",
        "Minst 60 % hele stillinger på sykehjemmet",
        AT_LEAST,
        (60.0, 165),
        indicator="fulltime_share",
        responsible="Avdelingssykepleier",
        benefit=Benefit.QUALITY,
        source=("commitment", ALSTAHAUG_TASKS),
        actions=[
            (
                "Definere sykepleieroppgavene sammen med sykepleierne",
                "Avdelingssykepleier",
                -10,
                PLANNED,
                "",
                ALSTAHAUG_TASKS,
            )
        ],
    ),
    GoalSpec(
        "Salangen",
        "Gjennomsnittlig stillingsstørrelse 92 % i hjemmetjenesten",
        AT_LEAST,
        (92.0, 300),
        (88.0, 120),
        indicator="avg_position_size_actual",
        responsible="Kommunalsjef",
        benefit=Benefit.CAPACITY,
        actions=[
            (
                "Forankre heltidsarbeidet i kommunestyret",
                "Kommunalsjef",
                30,
                IN_PROGRESS,
                "Saken er utsatt til neste møte i kommunestyret.",
                SALANGEN_ANCHOR,
            )
        ],
    ),
    GoalSpec(
        "Vadsø",
        "Minst 35 % av årsverkene med høyere utdanning",
        AT_LEAST,
        (35.0, 365),
        indicator="share_higher_education",
        situation="Kompetansetallene for sykehjemmet er ikke lagt inn ennå.",
        responsible="Enhetsleder",
        benefit=Benefit.COMPETENCE,
    ),
]


def _day(ctx: DemoContext, when: date | int | None) -> date | None:
    return ctx.day(when) if isinstance(when, int) else when


def _source(session: DbSession, ctx: DemoContext, spec: GoalSpec) -> dict[str, int | None]:
    """The source ids of the goal (the records their loaders made; none if they are missing)."""
    found: dict[str, int | None] = {}
    if spec.source is None:
        return found
    kind, key = spec.source
    if kind == "declaration":
        found["source_declaration_id"] = session.scalar(
            sa.select(Declaration.id).where(
                Declaration.municipality_id == ctx.municipalities[str(key)].id
            )
        )
    elif kind == "answer" and isinstance(key, tuple):
        municipality, chapter, position = key
        found["source_answer_id"] = session.scalar(
            sa.select(Answer.id)
            .join(Prompt, Answer.prompt_id == Prompt.id)
            .join(Chapter, Prompt.chapter_id == Chapter.id)
            .where(
                Chapter.network_id == ctx.living_network.id,
                Chapter.number == chapter,
                Prompt.position == position,
                Answer.municipality_id == ctx.municipalities[municipality].id,
            )
        )
    elif kind == "commitment":
        found["source_commitment_id"] = _commitment_id(session, ctx, spec.municipality, str(key))
    return found


def _commitment_id(
    session: DbSession, ctx: DemoContext, municipality: str, text: str
) -> int | None:
    return session.scalar(
        sa.select(Commitment.id).where(
            Commitment.municipality_id == ctx.municipalities[municipality].id,
            Commitment.text == text,
        )
    )


def _goal(session: DbSession, ctx: DemoContext, spec: GoalSpec) -> Goal:
    municipality = ctx.municipalities[spec.municipality]
    goal = session.scalar(
        sa.select(Goal).where(Goal.municipality_id == municipality.id, Goal.title == spec.title)
    )
    actor = ctx.users[f"koordinator.{slug(spec.municipality)}"]
    if goal is None:
        target_due = _day(ctx, spec.target[1])
        assert target_due is not None
        data = services.GoalData(
            title=spec.title,
            direction=spec.direction,
            target_value=spec.target[0],
            target_due=target_due,
            situation=spec.situation,
            indicator_code=spec.indicator,
            measure_name=spec.measure[0] if spec.measure else "",
            measure_unit=spec.measure[1] if spec.measure else "percent",
            first_target_value=spec.first[0] if spec.first else None,
            first_target_due=_day(ctx, spec.first[1]) if spec.first else None,
            responsible=spec.responsible,
            benefit=spec.benefit,
            shared=spec.shared,
            **_source(session, ctx, spec),  # type: ignore[arg-type]
        )
        goal = services.create_goal(session, actor, municipality, data)
        for measured_on, value in spec.values:
            services.add_value(session, actor, goal, measured_on, value)
    for title, owner, due, status, notes, commitment in spec.actions:
        exists = session.scalar(
            sa.select(Action.id).where(Action.goal_id == goal.id, Action.title == title)
        )
        if exists is None:
            action = services.ActionData(
                title=title,
                owner=owner,
                due_on=_day(ctx, due),
                status=status,
                notes=notes,
                commitment_id=_commitment_id(session, ctx, spec.municipality, commitment)
                if commitment
                else None,
            )
            services.add_action(session, actor, goal, action)
    return goal


def load(session: DbSession, ctx: DemoContext) -> None:
    """Ringerike's seven goals, and the living network's goals with their actions."""
    if ctx.moved:
        living = [ctx.municipalities[m].id for m in LIVING_NETWORK["municipalities"]]
        goals = list(session.scalars(sa.select(Goal).where(Goal.municipality_id.in_(living))))
        ctx.move(goals)
        ctx.move(action for goal in goals for action in goal.actions)
        ctx.move(value for goal in goals for value in goal.values)
        session.flush()
    made = {
        (spec.municipality, spec.title): _goal(session, ctx, spec)
        for spec in [*RINGERIKE_GOALS, *LIVING_GOALS]
    }
    session.flush()
    for (municipality, title), who, body in COMMENTS:
        goal = made.get((municipality, title))
        author = ctx.users.get(who)
        if goal is not None and author is not None:
            _thread(session, goal, author, body)
    session.flush()


def _thread(session: DbSession, goal: Goal, author: User, body: str) -> None:
    """A comment thread on the goal started with `body`, unless it is there already."""
    exists = session.scalar(
        sa.select(CommentThread.id)
        .join(Comment, Comment.thread_id == CommentThread.id)
        .where(
            CommentThread.subject_kind == SubjectKind.GOAL,
            CommentThread.subject_id == goal.id,
            Comment.body == body,
        )
    )
    subject = comment_services.goal_subject(author, goal, SubjectKind.GOAL)
    if exists is None and subject is not None:
        comment_services.start_thread(session, author, subject, body)


# Comment threads on the living network's goals: (municipality, goal title), login key, text.
COMMENTS = [
    (
        ("Bodø", "Minst 50 % hele stillinger i helse og omsorg"),
        "veileder",
        "Fin utvikling siden utgangspunktet. Ta gjerne med erfaringene fra langvaktene til "
        "neste samling.",
    ),
]
