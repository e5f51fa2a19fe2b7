"""API resources for comment threads, their comments and review marks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_login import current_user
from marshmallow import Schema, fields, validate

from heltidnett.api import api_blueprint, error_responses, refuse
from heltidnett.api.paging import page_of
from heltidnett.auth import access
from heltidnett.comments import permissions, services
from heltidnett.comments.models import CommentThread, MatrixRow, ReviewAssessment, SubjectKind
from heltidnett.commitments.models import Commitment
from heltidnett.core.errors import ServiceError
from heltidnett.extensions import db
from heltidnett.goals.models import Action, Goal
from heltidnett.municipalities.models import Municipality

if TYPE_CHECKING:
    from flask_smorest.pagination import PaginationParameters

blp = api_blueprint("comments", __name__, "Comment threads, answers and review marks")


class CommentSchema(Schema):
    id = fields.Int(dump_only=True)
    thread_id = fields.Int(dump_only=True)
    author = fields.Function(lambda c: c.author.name if c.author else None, dump_only=True)
    author_role = fields.Str(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    body = fields.Str(required=True, validate=validate.Length(min=1, max=services.MAX_BODY))


class ThreadSchema(Schema):
    id = fields.Int(dump_only=True)
    network_id = fields.Int(dump_only=True)
    municipality_id = fields.Int(dump_only=True, allow_none=True)
    subject_kind = fields.Function(lambda t: t.subject_kind.value, dump_only=True)
    subject_id = fields.Int(dump_only=True)
    resolved = fields.Bool(attribute="is_resolved", dump_only=True)
    resolved_at = fields.DateTime(dump_only=True, allow_none=True)
    created_at = fields.DateTime(dump_only=True)
    comments = fields.List(fields.Nested(CommentSchema), dump_only=True)


class NewThreadSchema(Schema):
    body = fields.Str(required=True, validate=validate.Length(min=1, max=services.MAX_BODY))


class ThreadStateSchema(Schema):
    resolved = fields.Bool(required=True)


class MarkSchema(Schema):
    id = fields.Int(dump_only=True)
    network_id = fields.Int(dump_only=True)
    municipality_id = fields.Int(dump_only=True)
    period = fields.Str(required=True, validate=validate.Length(min=1, max=60))
    assessment = fields.Str(
        required=True, validate=validate.OneOf([a.value for a in ReviewAssessment])
    )
    reason = fields.Str(load_default="", validate=validate.Length(max=services.MAX_BODY))
    author = fields.Function(lambda m: m.author.name if m.author else None, dump_only=True)
    created_at = fields.DateTime(dump_only=True)


def _threads(subject: services.Subject | None, pagination: PaginationParameters) -> Any:
    if subject is None:
        refuse(403)
    return page_of(db.session, services.threads_query(subject), pagination)


def _start(subject: services.Subject | None, data: dict[str, Any]) -> Any:
    if subject is None:
        refuse(403)
    try:
        return services.start_thread(db.session, current_user, subject, data["body"])
    except ServiceError as error:
        refuse(400, message=str(error))


THREAD_LIST = error_responses(401, 403, 404)
THREAD_NEW = error_responses(400, 401, 403, 404, 422)


@blp.get("/commitments/<int:commitment_id>/comment-threads")
@blp.response(200, ThreadSchema(many=True))
@blp.paginate()
@blp.doc(responses=THREAD_LIST)
@access.loads(Commitment, right=permissions.discusses_commitment)
def commitment_threads(commitment: Commitment, pagination_parameters: PaginationParameters) -> Any:
    """The threads on a commitment and its follow-up, open ones first."""
    return _threads(services.commitment_subject(commitment), pagination_parameters)


@blp.post("/commitments/<int:commitment_id>/comment-threads")
@blp.arguments(NewThreadSchema)
@blp.response(201, ThreadSchema)
@blp.doc(responses=THREAD_NEW)
@access.loads(Commitment, right=permissions.discusses_commitment)
def start_commitment_thread(data: dict[str, Any], commitment: Commitment) -> Any:
    """Start a thread on a commitment with its first comment."""
    return _start(services.commitment_subject(commitment), data)


@blp.get("/goals/<int:goal_id>/comment-threads")
@blp.response(200, ThreadSchema(many=True))
@blp.paginate()
@blp.doc(responses=THREAD_LIST)
@access.loads(Goal, right=permissions.discusses_goal)
def goal_threads(goal: Goal, pagination_parameters: PaginationParameters) -> Any:
    """The threads on a goal."""
    subject = services.goal_subject(current_user, goal, SubjectKind.GOAL)
    return _threads(subject, pagination_parameters)


@blp.post("/goals/<int:goal_id>/comment-threads")
@blp.arguments(NewThreadSchema)
@blp.response(201, ThreadSchema)
@blp.doc(responses=THREAD_NEW)
@access.loads(Goal, right=permissions.discusses_goal)
def start_goal_thread(data: dict[str, Any], goal: Goal) -> Any:
    """Start a thread on a goal."""
    return _start(services.goal_subject(current_user, goal, SubjectKind.GOAL), data)


@blp.get("/goal-actions/<int:action_id>/comment-threads")
@blp.response(200, ThreadSchema(many=True))
@blp.paginate()
@blp.doc(responses=THREAD_LIST)
@access.loads(Action, right=permissions.discusses_action)
def action_threads(action: Action, pagination_parameters: PaginationParameters) -> Any:
    """The threads on an action."""
    subject = services.goal_subject(current_user, action, SubjectKind.ACTION)
    return _threads(subject, pagination_parameters)


@blp.post("/goal-actions/<int:action_id>/comment-threads")
@blp.arguments(NewThreadSchema)
@blp.response(201, ThreadSchema)
@blp.doc(responses=THREAD_NEW)
@access.loads(Action, right=permissions.discusses_action)
def start_action_thread(data: dict[str, Any], action: Action) -> Any:
    """Start a thread on an action."""
    return _start(services.goal_subject(current_user, action, SubjectKind.ACTION), data)


def find_row(network_id: int, municipality_id: int) -> MatrixRow | None:
    """A municipality's row of the network's steering matrix."""
    return services.find_row(db.session, network_id, municipality_id)


ROW = "/networks/<int:network_id>/municipalities/<int:municipality_id>"


def _row_loader(**kwargs: Any) -> Any:
    return access.loads(
        MatrixRow,
        "network_id",
        "municipality_id",
        load=find_row,
        name="row",
        parent=Municipality,
        **kwargs,
    )


@blp.get(f"{ROW}/comment-threads")
@blp.response(200, ThreadSchema(many=True))
@blp.paginate()
@blp.doc(responses=THREAD_LIST)
@_row_loader()
def row_threads(row: MatrixRow, pagination_parameters: PaginationParameters) -> Any:
    """The threads on a municipality's row of the network's steering matrix."""
    return _threads(services.row_subject(row), pagination_parameters)


@blp.post(f"{ROW}/comment-threads")
@blp.arguments(NewThreadSchema)
@blp.response(201, ThreadSchema)
@blp.doc(responses=THREAD_NEW)
@_row_loader()
def start_row_thread(data: dict[str, Any], row: MatrixRow) -> Any:
    """Start a thread on a municipality's row of the steering matrix."""
    return _start(services.row_subject(row), data)


@blp.get(f"{ROW}/review-marks")
@blp.response(200, MarkSchema(many=True))
@blp.paginate()
@blp.doc(responses=THREAD_LIST)
@_row_loader()
def list_marks(row: MatrixRow, pagination_parameters: PaginationParameters) -> Any:
    """The steering group's review marks of the municipality, newest first."""
    query = services.marks_query(row.network.id, row.municipality.id)
    return page_of(db.session, query, pagination_parameters)


@blp.post(f"{ROW}/review-marks")
@blp.arguments(MarkSchema)
@blp.response(201, MarkSchema)
@blp.doc(responses=THREAD_NEW)
@_row_loader(right=permissions.marks_row)
def add_mark(data: dict[str, Any], row: MatrixRow) -> Any:
    """Mark the municipality's status for a period as reviewed (the steering group)."""
    try:
        return services.add_mark(
            db.session, current_user, row, data["period"], data["assessment"], data["reason"]
        )
    except ServiceError as error:
        refuse(400, message=str(error))


THREAD = "/comment-threads/<int:thread_id>"


def _thread_loader() -> Any:
    return access.loads(CommentThread, "thread_id", name="thread", right=permissions.reads_thread)


@blp.get(THREAD)
@blp.response(200, ThreadSchema)
@blp.doc(responses=THREAD_LIST)
@_thread_loader()
def get_thread(thread: CommentThread) -> Any:
    """A thread with its comments."""
    return thread


@blp.patch(THREAD)
@blp.arguments(ThreadStateSchema)
@blp.response(200, ThreadSchema)
@blp.doc(responses=THREAD_NEW)
@_thread_loader()
def set_thread_state(data: dict[str, Any], thread: CommentThread) -> Any:
    """Resolve a thread (`resolved: true`) or reopen it (`false`)."""
    try:
        if data["resolved"]:
            services.resolve(db.session, current_user, thread)
        else:
            services.reopen(db.session, current_user, thread)
    except ServiceError as error:
        refuse(400, message=str(error))
    return thread


@blp.get(f"{THREAD}/comments")
@blp.response(200, CommentSchema(many=True))
@blp.paginate()
@blp.doc(responses=THREAD_LIST)
@_thread_loader()
def list_comments(thread: CommentThread, pagination_parameters: PaginationParameters) -> Any:
    """A thread's comments, oldest first."""
    return page_of(db.session, services.comments_query(thread), pagination_parameters)


@blp.post(f"{THREAD}/comments")
@blp.arguments(CommentSchema)
@blp.response(201, CommentSchema)
@blp.doc(responses=THREAD_NEW)
@_thread_loader()
def add_comment(data: dict[str, Any], thread: CommentThread) -> Any:
    """Answer in a thread (coordinators, facilitators and the steering group alike)."""
    try:
        return services.answer(db.session, current_user, thread, data["body"])
    except ServiceError as error:
        refuse(400, message=str(error))
