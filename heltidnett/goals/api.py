"""API resources for a municipality's SMART goals, their computed progress and their actions.

Progress is computed on every read (`goals.services.progress_of`), never stored. A goal on
units of 10 FTE or fewer shows people of other municipalities its status, not its values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from marshmallow import Schema, fields, validate

from heltidnett.api import Int, api_blueprint, error_responses, refuse
from heltidnett.api.paging import page_of
from heltidnett.auth import access
from heltidnett.core.errors import ServiceError
from heltidnett.extensions import db
from heltidnett.goals import services
from heltidnett.goals.models import Action, ActionStatus, Benefit, Goal, GoalValue
from heltidnett.goals.permissions import can_write_goals
from heltidnett.goals.progress import Direction
from heltidnett.municipalities.models import Municipality

if TYPE_CHECKING:
    from flask_smorest.pagination import PaginationParameters

    from heltidnett.goals.progress import Point

blp = api_blueprint("goals", __name__, "SMART goals with their computed progress and actions")

CHOOSE = _l("Velg en av verdiene i listen.")


def _text(largest: int, **kwargs: Any) -> fields.String:
    return fields.Str(validate=validate.Length(max=largest), **kwargs)


def _number(**kwargs: Any) -> fields.Float:
    return fields.Float(allow_nan=False, **kwargs)


class PointSchema(Schema):
    value = fields.Float()
    as_of = fields.Date()


class TargetSchema(Schema):
    value = fields.Float()
    due = fields.Date()


class ProgressSchema(Schema):
    baseline = fields.Nested(PointSchema, allow_none=True)
    latest = fields.Nested(PointSchema, allow_none=True)
    target = fields.Nested(TargetSchema)
    share_of_way = fields.Float(
        allow_none=True, metadata={"description": "0-1, from the baseline to the target."}
    )
    status = fields.Str(metadata={"description": "on_track, at_risk, off_track, no_data or stale."})
    as_of = fields.Date(metadata={"description": "The day the progress was computed for."})
    values_hidden = fields.Bool(
        metadata={"description": "Values of units of 10 FTE or fewer left out: status only."}
    )


class CommitmentRefSchema(Schema):
    id = fields.Int()
    text = fields.Str()
    status = fields.Str()
    followed_up_at = fields.DateTime(allow_none=True)


class GoalSchema(Schema):
    id = fields.Int(dump_only=True)
    municipality_id = fields.Int(dump_only=True)
    title = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    situation = _text(10_000, load_default="")
    indicator_code = fields.Str(
        allow_none=True, load_default=None, validate=validate.Length(max=64)
    )
    measure_name = _text(200, load_default="")
    measure_unit = fields.Str(
        load_default="percent", validate=validate.OneOf(services.MEASURE_UNITS, error=CHOOSE)
    )
    direction = fields.Str(
        required=True, validate=validate.OneOf([d.value for d in Direction], error=CHOOSE)
    )
    baseline_period = fields.Str(
        allow_none=True, load_default=None, validate=validate.Length(max=10)
    )
    first_target_value = _number(allow_none=True, load_default=None)
    first_target_due = fields.Date(allow_none=True, load_default=None)
    target_value = _number(required=True)
    target_due = fields.Date(required=True)
    responsible = _text(200, load_default="")
    benefit = fields.Str(
        allow_none=True,
        load_default=None,
        validate=validate.OneOf([b.value for b in Benefit], error=CHOOSE),
    )
    unit_ids = fields.List(Int(), load_default=list, validate=validate.Length(max=200))
    shared = fields.Bool(load_default=False)
    source_commitment_id = Int(allow_none=True, load_default=None)
    source_answer_id = Int(allow_none=True, load_default=None)
    source_declaration_id = Int(allow_none=True, load_default=None)
    progress = fields.Nested(ProgressSchema, dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)


class GoalPatchSchema(GoalSchema):
    """Only the fields sent change."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(partial=True, **kwargs)


class ActionSchema(Schema):
    id = fields.Int(dump_only=True)
    goal_id = fields.Int(dump_only=True)
    title = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    owner = _text(200, load_default="")
    due_on = fields.Date(allow_none=True, load_default=None)
    status = fields.Str(
        load_default=ActionStatus.PLANNED.value,
        validate=validate.OneOf([s.value for s in ActionStatus], error=CHOOSE),
    )
    notes = _text(10_000, load_default="")
    commitment_id = Int(allow_none=True, load_default=None)
    commitment = fields.Method("_commitment", dump_only=True, allow_none=True)
    overdue = fields.Method("_overdue", dump_only=True)

    def _commitment(self, action: Action) -> dict[str, Any] | None:
        """The commitment it carries out, with its follow-up, to whoever may see it."""
        found = action.commitment
        if found is None or not found.can_view(current_user):
            return None
        return CommitmentRefSchema().dump(
            {
                "id": found.id,
                "text": found.text,
                "status": found.status.value,
                "followed_up_at": found.followed_up_at,
            }
        )

    def _overdue(self, action: Action) -> bool:
        return action.is_overdue(dt.date.today())


class GoalValueSchema(Schema):
    id = fields.Int(dump_only=True)
    goal_id = fields.Int(dump_only=True)
    measured_on = fields.Date(required=True, metadata={"description": "The day it was measured."})
    value = _number(required=True)
    note = _text(500, load_default="")
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)


class ActionPatchSchema(ActionSchema):
    """Only the fields sent change."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(partial=True, **kwargs)


@dataclass
class GoalView:
    """A goal with its computed progress, as the schema dumps it."""

    goal: Goal
    progress: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.goal, name)

    @property
    def unit_ids(self) -> list[int]:
        return [u.id for u in self.goal.units]


def _point(point: Point | None, hidden: bool) -> dict[str, Any] | None:
    if point is None or hidden:
        return None
    return {"value": point.value, "as_of": point.as_of}


def _views(goals: list[Goal]) -> list[GoalView]:
    """The goals with their progress; values hidden where the person may not see them."""
    today = dt.date.today()
    views = []
    for found in services.progress_of(db.session, goals, today, viewer=current_user):
        progress, secret = found.progress, found.hidden
        views.append(
            GoalView(
                found.goal,
                {
                    "baseline": _point(progress.baseline, secret),
                    "latest": _point(progress.latest, secret),
                    "target": {"value": progress.target.value, "due": progress.target.due},
                    "share_of_way": None if secret else progress.share_of_way,
                    "status": progress.status.value,
                    "as_of": today,
                    "values_hidden": secret,
                },
            )
        )
    return views


def _goal_data(data: dict[str, Any], goal: Goal | None = None) -> services.GoalData:
    """What was sent, over what the goal says now (a PATCH changes only what it sends)."""
    fields_ = services.GoalData.__dataclass_fields__
    current = {name: getattr(goal, name) for name in fields_ if name != "unit_ids"} if goal else {}
    if goal is not None:
        current["unit_ids"] = [u.id for u in goal.units]
    merged = {**current, **{k: v for k, v in data.items() if k in fields_}}
    merged["direction"] = Direction(merged["direction"])
    if merged.get("benefit") is not None:
        merged["benefit"] = Benefit(merged["benefit"])
    return services.GoalData(**merged)


def _action_data(data: dict[str, Any], action: Action | None = None) -> services.ActionData:
    fields_ = services.ActionData.__dataclass_fields__
    current = {name: getattr(action, name) for name in fields_} if action else {}
    merged = {**current, **{k: v for k, v in data.items() if k in fields_}}
    merged["status"] = ActionStatus(merged["status"])
    return services.ActionData(**merged)


@blp.get("/municipalities/<int:municipality_id>/goals")
@blp.response(200, GoalSchema(many=True))
@blp.paginate()
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Municipality)
def list_goals(municipality: Municipality, pagination_parameters: PaginationParameters) -> Any:
    """The municipality's goals with their progress, nearest deadline first (for other
    municipalities of its networks: the goals it shares)."""
    page = page_of(
        db.session,
        services.visible_goals_query(municipality.id, current_user),
        pagination_parameters,
    )
    return _views(list(page))


@blp.post("/municipalities/<int:municipality_id>/goals")
@blp.arguments(GoalSchema)
@blp.response(201, GoalSchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
@access.loads(Municipality)
def create_goal(data: dict[str, Any], municipality: Municipality) -> Any:
    """A new goal of the municipality (its coordinators)."""
    if not can_write_goals(current_user, municipality.id):
        access.deny(obj=municipality)
    try:
        goal = services.create_goal(db.session, current_user, municipality, _goal_data(data))
    except ServiceError as error:
        refuse(400, message=str(error))
    return _views([goal])[0]


@blp.get("/goals/<int:goal_id>")
@blp.response(200, GoalSchema)
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Goal)
def get_goal(goal: Goal) -> Any:
    """One goal with its computed progress: baseline, latest value, current target, share of
    the way, status and the day it was computed for."""
    return _views([goal])[0]


@blp.patch("/goals/<int:goal_id>")
@blp.arguments(GoalPatchSchema)
@blp.response(200, GoalSchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
@access.loads(Goal, right=access.Right.EDIT)
def update_goal(data: dict[str, Any], goal: Goal) -> Any:
    """Change what the goal says (only the fields sent); its progress follows by itself."""
    try:
        services.update_goal(db.session, current_user, goal, _goal_data(data, goal))
    except ServiceError as error:
        refuse(400, message=str(error))
    return _views([goal])[0]


@blp.get("/goals/<int:goal_id>/actions")
@blp.response(200, ActionSchema(many=True))
@blp.paginate()
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Goal)
def list_actions(goal: Goal, pagination_parameters: PaginationParameters) -> Any:
    """The goal's actions, nearest date first, each with the commitment it carries out."""
    return page_of(db.session, services.actions_query(goal), pagination_parameters)


@blp.post("/goals/<int:goal_id>/actions")
@blp.arguments(ActionSchema)
@blp.response(201, ActionSchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
@access.loads(Goal, right=access.Right.EDIT)
def create_action(data: dict[str, Any], goal: Goal) -> Any:
    """A new action towards the goal, perhaps carrying out one of the municipality's
    commitments."""
    try:
        return services.add_action(db.session, current_user, goal, _action_data(data))
    except ServiceError as error:
        refuse(400, message=str(error))


@blp.patch("/actions/<int:action_id>")
@blp.arguments(ActionPatchSchema)
@blp.response(200, ActionSchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
@access.loads(Action, right=access.Right.EDIT)
def update_action(data: dict[str, Any], action: Action) -> Any:
    """Change an action (only the fields sent): its status, date, owner or notes."""
    try:
        return services.update_action(db.session, current_user, action, _action_data(data, action))
    except ServiceError as error:
        refuse(400, message=str(error))


@blp.get("/goals/<int:goal_id>/values")
@blp.response(200, GoalValueSchema(many=True))
@blp.paginate()
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Goal)
def list_values(goal: Goal, pagination_parameters: PaginationParameters) -> Any:
    """The values of the goal's own measure, oldest first (a goal tied to an indicator takes
    its values from the staffing figures and has none here). Empty, with `values_hidden` on
    the goal, when they are a small unit's the person may not see."""
    query = services.values_query(goal)
    if services.values_hidden(db.session, goal, current_user):
        query = query.where(sa.false())
    return page_of(db.session, query, pagination_parameters)


@blp.post("/goals/<int:goal_id>/values")
@blp.arguments(GoalValueSchema)
@blp.response(201, GoalValueSchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
@access.loads(Goal, right=access.Right.EDIT)
def create_value(data: dict[str, Any], goal: Goal) -> Any:
    """A value of the goal's own measure as of a date (replacing one of the same date)."""
    try:
        return services.add_value(
            db.session, current_user, goal, data["measured_on"], data["value"], data["note"]
        )
    except ServiceError as error:
        refuse(400, message=str(error))


@blp.delete("/goal-values/<int:value_id>")
@blp.response(204)
@blp.doc(responses=error_responses(400, 401, 403, 404))
@access.loads(GoalValue, "value_id", right=access.Right.EDIT)
def delete_value(value: GoalValue) -> Any:
    """Remove a value of a goal's own measure; the goal's progress follows by itself."""
    try:
        services.delete_value(db.session, current_user, value)
    except ServiceError as error:
        refuse(400, message=str(error))
    return None
