"""The rules of goals, their own values and their actions, and their computed progress."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, selectinload

from heltidnett.auth.access import municipality_network_ids
from heltidnett.commitments.models import Commitment
from heltidnett.core.errors import ServiceError
from heltidnett.core.lazy import pandas as pd
from heltidnett.db import DbSession
from heltidnett.declarations.models import Declaration
from heltidnett.declarations.threshold import fulltime_definitions
from heltidnett.goals import series
from heltidnett.goals.models import Action, ActionStatus, Benefit, Goal, GoalValue
from heltidnett.goals.permissions import can_read_goals, can_write_goals
from heltidnett.goals.progress import Direction, Point, Progress, Target, compute
from heltidnett.municipalities.models import Municipality, Unit
from heltidnett.staffing import catalogue
from heltidnett.staffing.compute import small_unit_mask
from heltidnett.staffing.periods import parse_period, period_kind
from heltidnett.staffing.permissions import sees_small_units
from heltidnett.staffing.services import indicator_table
from heltidnett.workbooks.models import Answer

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User

MEASURE_UNITS = ("percent", "count", "fte", "hours", "nok")


@dataclass
class GoalData:
    """What a person writes for a goal (S, M, A/R, T, the benefit and its origin)."""

    title: str
    direction: Direction
    target_value: float
    target_due: dt.date
    situation: str = ""
    indicator_code: str | None = None
    measure_name: str = ""
    measure_unit: str = "percent"
    baseline_period: str | None = None
    first_target_value: float | None = None
    first_target_due: dt.date | None = None
    responsible: str = ""
    benefit: Benefit | None = None
    unit_ids: list[int] = field(default_factory=list)
    shared: bool = False
    source_commitment_id: int | None = None
    source_answer_id: int | None = None
    source_declaration_id: int | None = None


def _clean(session: DbSession, municipality: Municipality, data: GoalData) -> GoalData:
    data.title = (data.title or "").strip()
    if not data.title:
        raise ServiceError(_("Skriv en tittel på målet."))
    if len(data.title) > 200:
        raise ServiceError(_("Tittelen kan være på høyst 200 tegn."))
    data.measure_name = (data.measure_name or "").strip()
    if data.indicator_code:
        indicator = catalogue.get(data.indicator_code)
        if indicator is None:
            raise ServiceError(_("Velg en indikator fra listen."))
        data.measure_name = ""
        data.measure_unit = indicator.unit.value
    else:
        data.indicator_code = None
        if not data.measure_name:
            raise ServiceError(_("Velg en indikator, eller skriv hva dere måler selv."))
        if data.measure_unit not in MEASURE_UNITS:
            raise ServiceError(_("Velg en enhet for målingen."))
        data.baseline_period = None
    if data.baseline_period:
        period = parse_period(data.baseline_period)
        if period is None:
            raise ServiceError(_("Utgangspunktet må være en periode, som 2018 eller 2018-03."))
        data.baseline_period = period
    check_value(data.measure_unit, data.target_value, _("Målet"))
    if data.first_target_value is not None:
        check_value(data.measure_unit, data.first_target_value, _("Det første målet"))
    if (data.first_target_value is None) != (data.first_target_due is None):
        raise ServiceError(_("Et første delmål trenger både en verdi og en dato."))
    if data.first_target_due is not None and data.first_target_due >= data.target_due:
        raise ServiceError(_("Det første delmålet må ha en dato før det langsiktige målet."))
    check_sources(session, municipality.id, data)
    if data.unit_ids:
        found = set(
            session.scalars(
                sa.select(Unit.id).where(
                    Unit.id.in_(data.unit_ids), Unit.municipality_id == municipality.id
                )
            )
        )
        if found != set(data.unit_ids):
            raise ServiceError(_("Velg enheter i egen kommune."))
    data.responsible = (data.responsible or "").strip()[:200]
    return data


def check_sources(session: DbSession, municipality_id: int, data: GoalData) -> None:
    """A goal comes from the municipality's own commitment, workbook answer or declaration."""
    if data.source_commitment_id is not None:
        _own_commitment(session, municipality_id, data.source_commitment_id)
    if data.source_answer_id is not None:
        answer = session.get(Answer, data.source_answer_id)
        if answer is None or answer.municipality_id != municipality_id:
            raise ServiceError(_("Målet kan bare komme fra et svar i kommunens egen arbeidsbok."))
    if data.source_declaration_id is not None:
        declaration = session.get(Declaration, data.source_declaration_id)
        if declaration is None or declaration.municipality_id != municipality_id:
            raise ServiceError(_("Målet kan bare komme fra kommunens egen heltidserklæring."))


def _own_commitment(session: DbSession, municipality_id: int, commitment_id: int) -> Commitment:
    """The municipality's own commitment, or a joint one of a network it takes part in."""
    commitment = session.get(Commitment, commitment_id)
    if commitment is None or not (
        commitment.municipality_id == municipality_id
        or (
            commitment.municipality_id is None
            and commitment.network_id in municipality_network_ids(municipality_id)
        )
    ):
        raise ServiceError(_("Velg en av kommunens egne forpliktelser."))
    return commitment


def _require_writer(actor: User, municipality_id: int) -> None:
    if not can_write_goals(actor, municipality_id):
        raise ServiceError(_("Bare kommunens koordinatorer kan skrive kommunens mål."))


def _apply(session: DbSession, goal: Goal, data: GoalData) -> None:
    for name in (
        "title",
        "situation",
        "indicator_code",
        "measure_name",
        "measure_unit",
        "direction",
        "baseline_period",
        "first_target_value",
        "first_target_due",
        "target_value",
        "target_due",
        "responsible",
        "benefit",
        "shared",
        "source_commitment_id",
        "source_answer_id",
        "source_declaration_id",
    ):
        setattr(goal, name, getattr(data, name))
    goal.units = list(session.scalars(sa.select(Unit).where(Unit.id.in_(data.unit_ids))))


def create_goal(
    session: DbSession, actor: User, municipality: Municipality, data: GoalData
) -> Goal:
    """A new goal of the municipality."""
    _require_writer(actor, municipality.id)
    data = _clean(session, municipality, data)
    goal = Goal(municipality_id=municipality.id, created_by_id=actor.id)
    _apply(session, goal, data)
    session.add(goal)
    session.flush()
    return goal


def update_goal(session: DbSession, actor: User, goal: Goal, data: GoalData) -> Goal:
    """Change what a goal says; its progress follows by itself."""
    _require_writer(actor, goal.municipality_id)
    _apply(session, goal, _clean(session, goal.municipality, data))
    session.flush()
    return goal


def delete_goal(session: DbSession, actor: User, goal: Goal) -> None:
    """Remove a goal with its own values and its actions."""
    _require_writer(actor, goal.municipality_id)
    session.delete(goal)
    session.flush()


def add_value(
    session: DbSession, actor: User, goal: Goal, measured_on: dt.date, value: float, note: str = ""
) -> GoalValue:
    """A value of a goal's own measure (replacing one of the same day)."""
    _require_writer(actor, goal.municipality_id)
    if goal.tied_to_indicator:
        raise ServiceError(_("Målet henter verdiene sine fra bemanningstallene."))
    if measured_on > dt.date.today():
        raise ServiceError(_("En måling kan ikke ha en dato fram i tid."))
    check_value(goal.measure_unit, value)
    existing = next((v for v in goal.values if v.measured_on == measured_on), None)
    found = existing or GoalValue(goal=goal, measured_on=measured_on)
    found.value, found.note = value, (note or "").strip()[:500]
    session.add(found)
    session.flush()
    return found


def check_value(unit: str, value: float, what: str | None = None) -> None:
    """A measured value or a target that the measure's unit can hold: a number, not below
    zero, and a percentage at most 100."""
    what = what or _("Verdien")
    if not math.isfinite(value):
        raise ServiceError(_("%(what)s må være et tall.", what=what))
    if value < 0:
        raise ServiceError(_("%(what)s kan ikke være negativ.", what=what))
    if unit == "percent" and value > 100:
        raise ServiceError(_("%(what)s er en prosent og kan ikke være over 100.", what=what))


def delete_value(session: DbSession, actor: User, value: GoalValue) -> None:
    """Remove a value of a goal's own measure; the progress follows by itself."""
    goal = value.goal
    _require_writer(actor, goal.municipality_id)
    goal.values.remove(value)
    session.flush()


def values_query(goal: Goal) -> sa.Select[GoalValue]:
    """A goal's own values, oldest first."""
    return (
        sa.select(GoalValue)
        .where(GoalValue.goal_id == goal.id)
        .order_by(GoalValue.measured_on, GoalValue.id)
    )


def values_hidden(session: DbSession, goal: Goal, viewer: Viewer) -> bool:
    """Whether the goal's values are a small unit's the person may not see."""
    (found,) = progress_of(session, [goal], viewer=viewer)
    return found.hidden


@dataclass
class ActionData:
    """What a person writes for an action."""

    title: str
    owner: str = ""
    due_on: dt.date | None = None
    status: ActionStatus = ActionStatus.PLANNED
    notes: str = ""
    commitment_id: int | None = None


def _clean_action(session: DbSession, goal: Goal, data: ActionData) -> ActionData:
    data.title = (data.title or "").strip()
    if not data.title:
        raise ServiceError(_("Skriv hva tiltaket er."))
    if len(data.title) > 200:
        raise ServiceError(_("Tiltaket kan være på høyst 200 tegn."))
    data.owner = (data.owner or "").strip()[:200]
    if data.commitment_id is not None:
        _own_commitment(session, goal.municipality_id, data.commitment_id)
    return data


def commitments_for(session: DbSession, municipality_id: int) -> list[Commitment]:
    """The commitments an action of the municipality may carry out: its own, and the joint
    ones of the networks it takes part in (`_own_commitment` asks the same)."""
    networks = municipality_network_ids(municipality_id)
    joint = sa.and_(Commitment.municipality_id.is_(None), Commitment.network_id.in_(networks))
    return list(
        session.scalars(
            sa.select(Commitment)
            .where(sa.or_(Commitment.municipality_id == municipality_id, joint))
            .order_by(Commitment.municipality_id.is_(None), Commitment.due_on, Commitment.id)
        )
    )


def add_action(session: DbSession, actor: User, goal: Goal, data: ActionData) -> Action:
    """A new action towards the goal."""
    _require_writer(actor, goal.municipality_id)
    data = _clean_action(session, goal, data)
    action = Action(goal=goal, **vars(data))
    session.add(action)
    session.flush()
    return action


def update_action(session: DbSession, actor: User, action: Action, data: ActionData) -> Action:
    """Change an action: its status, date, owner or notes."""
    _require_writer(actor, action.goal.municipality_id)
    for name, value in vars(_clean_action(session, action.goal, data)).items():
        setattr(action, name, value)
    session.flush()
    return action


def goals_query(municipality_ids: Sequence[int]) -> sa.Select[Goal]:
    """Goals of the municipalities with their units, values and actions loaded alongside."""
    return (
        sa.select(Goal)
        .where(Goal.municipality_id.in_(municipality_ids))
        .options(selectinload(Goal.units), selectinload(Goal.values), selectinload(Goal.actions))
        .order_by(Goal.municipality_id, Goal.target_due, Goal.id)
    )


def goals_in(session: DbSession, municipality_ids: Sequence[int]) -> list[Goal]:
    """The goals of several municipalities (a network's overview), in one query per kind."""
    return list(session.scalars(goals_query(municipality_ids))) if municipality_ids else []


def goals_of(session: DbSession, municipality: Municipality) -> list[Goal]:
    """A municipality's goals, nearest deadline first."""
    return list(session.scalars(goals_query([municipality.id])))


def targets_of(goal: Goal) -> list[Target]:
    """The goal's first target (if any) and its long-term one."""
    targets = [Target(goal.target_value, goal.target_due)]
    if goal.first_target_value is not None and goal.first_target_due is not None:
        targets.append(Target(goal.first_target_value, goal.first_target_due))
    return targets


def series_of(goal: Goal, table: pd.DataFrame, thresholds: dict[int, float]) -> list[Point]:
    """The goal's values over time: the indicator's from the table, or its own."""
    if goal.indicator_code is None:
        return [Point(v.measured_on, v.value) for v in goal.values]
    return series.indicator_series(
        table,
        goal.municipality_id,
        goal.indicator_code,
        [u.id for u in goal.units],
        thresholds.get(goal.municipality_id, 100.0),
        kind=period_kind(goal.baseline_period) if goal.baseline_period else None,
    )


@dataclass(frozen=True)
class GoalProgress:
    """A goal with its series and its computed progress."""

    goal: Goal
    series: list[Point]
    progress: Progress
    hidden: bool = False  # a small unit's values, kept from another municipality's people


def progress_of(
    session: DbSession,
    goals: Sequence[Goal],
    today: dt.date | None = None,
    viewer: Viewer | None = None,
) -> list[GoalProgress]:
    """Every goal's progress, from one read of the figures of all their municipalities.

    With a `viewer`, a unit goal whose units have 10 FTE or fewer (or no figures to tell) keeps
    its values from those who may not see the municipality's small units, as the dashboards do:
    its status stays, its series, baseline, latest value and share of the way are left out.
    """
    today = today or dt.date.today()
    municipality_ids = sorted({g.municipality_id for g in goals if g.tied_to_indicator or g.units})
    table = indicator_table(session, municipality_ids) if municipality_ids else pd.DataFrame()
    thresholds = {
        m: d.inclusive_threshold
        for m, d in (fulltime_definitions(session, municipality_ids).items())
    }
    found = []
    for goal in goals:
        points = series_of(goal, table, thresholds)
        measured = _since_baseline(goal, points)
        progress = compute(measured, targets_of(goal), goal.direction, today)
        if viewer is not None and _kept_back(goal, table, viewer):
            masked = Progress(None, None, progress.target, None, progress.status, None)
            found.append(GoalProgress(goal, [], masked, hidden=True))
        else:
            found.append(GoalProgress(goal, points, progress))
    return found


def _kept_back(goal: Goal, table: pd.DataFrame, viewer: Viewer) -> bool:
    """Whether the goal's values are a small unit's the viewer may not see."""
    if not goal.units or sees_small_units(viewer, goal.municipality_id):
        return False
    if table.empty or "unit_id" not in table.columns:
        return True
    ids = [u.id for u in goal.units]
    rows = table[(table["municipality_id"] == goal.municipality_id) & table["unit_id"].isin(ids)]
    return rows.empty or bool(small_unit_mask(rows).any())


def _since_baseline(goal: Goal, points: list[Point]) -> list[Point]:
    """The values from the goal's baseline period on (the first is its baseline): the
    baseline period's own, or the first after it when that period has none; all of them
    without a baseline period."""
    if goal.baseline_period is None:
        return points
    end = series.period_end(goal.baseline_period)
    return [p for p in points if p.as_of >= end]


def visible_goals_query(municipality_id: int, viewer: Viewer) -> sa.Select[Goal]:
    """The municipality's goals a person may read: all of them for its own side, the shared
    ones for the other members of its networks."""
    query = goals_query([municipality_id])
    if not can_read_goals(viewer, municipality_id):
        query = query.where(Goal.shared.is_(True))
    return query


def actions_query(goal: Goal) -> sa.Select[Action]:
    """A goal's actions, nearest date first (undated last), with their commitments."""
    return (
        sa.select(Action)
        .where(Action.goal_id == goal.id)
        .options(selectinload(Action.commitment))
        .order_by(Action.due_on.is_(None), Action.due_on, Action.id)
    )


def with_commitments(session: DbSession, goal: Goal) -> list[Action]:
    """The goal's actions, nearest date first, with the commitments they carry out loaded
    alongside (the commitments used to be read and dropped, then loaded again one by one)."""
    return list(session.scalars(actions_query(goal)))


def goals_from_sources(
    session: DbSession,
    viewer: Viewer,
    *,
    commitment_ids: Sequence[int] = (),
    answer_ids: Sequence[int] = (),
    declaration_ids: Sequence[int] = (),
) -> dict[tuple[str, int], list[Goal]]:
    """The goals made from these commitments, answers or declarations that the person may
    read, by ("commitment" | "answer" | "declaration", id): one query for a whole page."""
    sources = {
        "commitment": (Goal.source_commitment_id, commitment_ids),
        "answer": (Goal.source_answer_id, answer_ids),
        "declaration": (Goal.source_declaration_id, declaration_ids),
    }
    conditions = [column.in_(ids) for column, ids in sources.values() if ids]
    if not conditions:
        return {}
    goals = session.scalars(sa.select(Goal).where(sa.or_(*conditions)).order_by(Goal.id))
    found: dict[tuple[str, int], list[Goal]] = {}
    for goal in goals:
        if not goal.can_view(viewer):
            continue
        for kind, (column, ids) in sources.items():
            source = getattr(goal, column.key)
            if source is not None and source in ids:
                found.setdefault((kind, source), []).append(goal)
    return found


def actions_from_commitments(
    session: DbSession, viewer: Viewer, commitment_ids: Sequence[int]
) -> dict[int, list[Action]]:
    """The actions that carry out these commitments, with their goals, that the person may
    read, by commitment: one query for a whole page."""
    if not commitment_ids:
        return {}
    actions = session.scalars(
        sa.select(Action)
        .where(Action.commitment_id.in_(commitment_ids))
        .options(selectinload(Action.goal))
        .order_by(Action.id)
    )
    found: dict[int, list[Action]] = {}
    for action in actions:
        if action.commitment_id is not None and action.goal.can_view(viewer):
            found.setdefault(action.commitment_id, []).append(action)
    return found


def actions_due(session: DbSession, municipality_ids: set[int], until: dt.date) -> list[Action]:
    """The municipalities' actions, neither done nor stopped, dated on or before `until`,
    with their goals, by date."""
    if not municipality_ids:
        return []
    return list(
        session.scalars(
            sa.select(Action)
            .join(Action.goal)
            .where(
                Goal.municipality_id.in_(municipality_ids),
                Action.status.in_((ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)),
                Action.due_on.is_not(None),
                Action.due_on <= until,
            )
            .options(contains_eager(Action.goal))
            .order_by(Action.due_on, Action.id)
        )
    )
