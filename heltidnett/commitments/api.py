"""API resources for commitments at a gathering and their follow-up."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_login import current_user
from marshmallow import Schema, fields, validate

from heltidnett.api import Int, api_blueprint, error_responses
from heltidnett.api.schemas import MunicipalityRefSchema
from heltidnett.auth import access
from heltidnett.commitments import services
from heltidnett.commitments.models import Commitment, CommitmentStatus
from heltidnett.core.errors import ServiceError
from heltidnett.extensions import db
from heltidnett.gatherings.models import Gathering

blp = api_blueprint("commitments", __name__, "Commitments after a gathering and their follow-up")


class CommitmentSchema(Schema):
    id = fields.Int(dump_only=True)
    network_id = fields.Int(dump_only=True)
    gathering_id = fields.Int(dump_only=True)
    municipality_id = Int(allow_none=True, load_default=None)
    municipality = fields.Nested(MunicipalityRefSchema, dump_only=True, allow_none=True)
    joint = fields.Bool(attribute="is_joint", dump_only=True)
    text = fields.Str(required=True, validate=validate.Length(min=1, max=2000))
    owner = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    due_on = fields.Date(allow_none=True, load_default=None)
    status = fields.Function(lambda c: c.status.value, dump_only=True)
    follow_up_comment = fields.Str(dump_only=True)
    followed_up_at = fields.DateTime(dump_only=True, allow_none=True)
    followed_up_gathering_id = fields.Int(dump_only=True, allow_none=True)


class GatheringCommitmentsSchema(Schema):
    made_here = fields.List(fields.Nested(CommitmentSchema))
    to_follow_up = fields.List(fields.Nested(CommitmentSchema))


class FollowUpSchema(Schema):
    status = fields.Str(required=True, validate=validate.OneOf([s.value for s in CommitmentStatus]))
    comment = fields.Str(load_default="", validate=validate.Length(max=2000))
    gathering_id = Int(load_default=None, allow_none=True)


@blp.get("/gatherings/<int:gathering_id>/commitments")
@blp.response(200, GatheringCommitmentsSchema)
@blp.doc(responses=error_responses(401, 403, 404))
def list_commitments(gathering_id: int) -> Any:
    """Commitments given at the gathering, and open ones from earlier to follow up there."""
    gathering = access.load_viewable(Gathering, gathering_id)
    return {
        "made_here": services.commitments_made_at(db.session, gathering),
        "to_follow_up": services.open_commitments_for_gathering(
            db.session, gathering, current_user
        ),
    }


@blp.post("/gatherings/<int:gathering_id>/commitments")
@blp.arguments(CommitmentSchema)
@blp.response(201, CommitmentSchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
def create_commitment(data: dict[str, Any], gathering_id: int) -> Any:
    """A municipality's commitment, or (without municipality_id) the network's joint one."""
    gathering = access.load_viewable(Gathering, gathering_id)
    try:
        commitment = services.create_commitment(
            db.session,
            current_user,
            gathering,
            data.get("municipality_id"),
            data["text"],
            data["owner"],
            data.get("due_on"),
        )
    except services.NotAllowed as error:
        db.session.rollback()
        access.deny(obj=gathering, description=str(error))
    except ServiceError as error:
        db.session.rollback()
        abort(400, description=str(error))
    db.session.commit()
    return commitment


@blp.patch("/commitments/<int:commitment_id>")
@blp.arguments(FollowUpSchema)
@blp.response(200, CommitmentSchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
def follow_up(data: dict[str, Any], commitment_id: int) -> Any:
    """Follow a commitment up: done, partly or not done, with a comment."""
    commitment = access.load_editable(Commitment, commitment_id)
    at = None
    if data.get("gathering_id"):
        at = db.session.get(Gathering, data["gathering_id"])
        if at is None or not at.can_view(current_user):
            abort(404)
    try:
        services.follow_up(
            db.session, current_user, commitment, data["status"], data["comment"], at
        )
    except ServiceError as error:
        db.session.rollback()
        abort(400, description=str(error))
    db.session.commit()
    return commitment
