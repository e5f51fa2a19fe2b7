"""API resources for steering meetings and their decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_login import current_user
from marshmallow import Schema, fields, validate

from heltidnett.api import Int, api_blueprint, error_responses, refuse
from heltidnett.api.paging import page_of
from heltidnett.api.schemas import MunicipalityRefSchema
from heltidnett.auth import access
from heltidnett.core.errors import ServiceError
from heltidnett.extensions import db
from heltidnett.meetings import services
from heltidnett.meetings.models import AttendeeRole, Decision, DecisionStatus, Meeting
from heltidnett.networks.models import Network

if TYPE_CHECKING:
    from flask_smorest.pagination import PaginationParameters

blp = api_blueprint("meetings", __name__, "Steering group meetings and their decisions")


class AttendeeSchema(Schema):
    name = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    role = fields.Str(required=True, validate=validate.OneOf([r.value for r in AttendeeRole]))


class DecisionSchema(Schema):
    id = fields.Int(dump_only=True)
    meeting_id = fields.Int(dump_only=True)
    text = fields.Str(required=True, validate=validate.Length(min=1, max=4000))
    owner = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    due_on = fields.Date(allow_none=True, load_default=None)
    status = fields.Function(lambda d: d.status.value, dump_only=True)
    done_on = fields.Date(dump_only=True, allow_none=True)
    comment = fields.Str(dump_only=True)


class DecisionStatusSchema(Schema):
    status = fields.Str(required=True, validate=validate.OneOf([s.value for s in DecisionStatus]))
    comment = fields.Str(load_default="", validate=validate.Length(max=4000))
    meeting_id = Int(load_default=None, allow_none=True)


class MeetingSchema(Schema):
    id = fields.Int(dump_only=True)
    network_id = fields.Int(dump_only=True)
    municipality_id = Int(allow_none=True, load_default=None)
    municipality = fields.Nested(MunicipalityRefSchema, dump_only=True, allow_none=True)
    held_on = fields.Date(required=True)
    place = fields.Str(load_default="", validate=validate.Length(max=200))
    notes = fields.Str(load_default="", validate=validate.Length(max=4000))
    next_points = fields.Str(load_default="", validate=validate.Length(max=4000))
    attendees = fields.List(fields.Nested(AttendeeSchema), load_default=list)


@blp.get("/networks/<int:network_id>/meetings")
@blp.response(200, MeetingSchema(many=True))
@blp.paginate()
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Network)
def list_meetings(network: Network, pagination_parameters: PaginationParameters) -> Any:
    """The network's steering meetings the caller reads (every group's for its facilitators and
    steering group; a municipality's own for its steering members and coordinators), newest
    first."""
    return page_of(
        db.session, services.visible_meetings_query(current_user, network.id), pagination_parameters
    )


@blp.post("/networks/<int:network_id>/meetings")
@blp.arguments(MeetingSchema)
@blp.response(201, MeetingSchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
@access.loads(Network)
def create_meeting(data: dict[str, Any], network: Network) -> Any:
    """A meeting of the network's steering group, or (with municipality_id) a municipality's."""
    try:
        meeting = services.create_meeting(
            db.session,
            current_user,
            network,
            data.get("municipality_id"),
            data["held_on"],
            data["place"],
            data["notes"],
            data["next_points"],
        )
        for attendee in data["attendees"]:
            services.add_attendee(
                db.session, current_user, meeting, attendee["name"], attendee["role"]
            )
    except services.NotAllowed as error:
        access.deny(obj=network, description=str(error))
    except ServiceError as error:
        refuse(400, message=str(error))
    return meeting


@blp.get("/meetings/<int:meeting_id>")
@blp.response(200, MeetingSchema)
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Meeting)
def get_meeting(meeting: Meeting) -> Any:
    """One meeting with who attended."""
    return meeting


@blp.get("/meetings/<int:meeting_id>/decisions")
@blp.response(200, DecisionSchema(many=True))
@blp.paginate()
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Meeting)
def list_decisions(meeting: Meeting, pagination_parameters: PaginationParameters) -> Any:
    """The decisions made at the meeting (those carried to it are on their own meetings)."""
    return page_of(db.session, services.decisions_query(meeting), pagination_parameters)


@blp.post("/meetings/<int:meeting_id>/decisions")
@blp.arguments(DecisionSchema)
@blp.response(201, DecisionSchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
@access.loads(Meeting, right=access.Right.EDIT)
def create_decision(data: dict[str, Any], meeting: Meeting) -> Any:
    """A decision of the meeting, with who follows it up and by when."""
    try:
        return services.add_decision(
            db.session, current_user, meeting, data["text"], data["owner"], data.get("due_on")
        )
    except ServiceError as error:
        refuse(400, message=str(error))


@blp.patch("/decisions/<int:decision_id>")
@blp.arguments(DecisionStatusSchema)
@blp.response(200, DecisionSchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
@access.loads(Decision, right=access.Right.EDIT)
def update_decision(data: dict[str, Any], decision: Decision) -> Any:
    """Mark a decision done (at a later meeting of the group, with meeting_id) or open again."""
    at = None
    if data.get("meeting_id"):
        at = services.visible_meeting(db.session, current_user, data["meeting_id"])
        if at is None:
            refuse(404)
    try:
        return services.set_decision_status(
            db.session, current_user, decision, data["status"], data["comment"], at
        )
    except ServiceError as error:
        refuse(400, message=str(error))
