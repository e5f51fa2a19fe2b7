"""API resources for commitments at a gathering and their follow-up."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_login import current_user
from marshmallow import Schema, fields, validate

from heltidnett.api import Int, api_blueprint, error_responses, refuse
from heltidnett.api.paging import page_of
from heltidnett.api.schemas import MunicipalityRefSchema
from heltidnett.auth import access
from heltidnett.commitments import services
from heltidnett.commitments.models import Commitment, CommitmentStatus
from heltidnett.core.errors import ServiceError
from heltidnett.extensions import db
from heltidnett.gatherings.models import Gathering

if TYPE_CHECKING:
    from flask_smorest.pagination import PaginationParameters

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


class FollowUpSchema(Schema):
    status = fields.Str(required=True, validate=validate.OneOf([s.value for s in CommitmentStatus]))
    comment = fields.Str(load_default="", validate=validate.Length(max=2000))
    gathering_id = Int(load_default=None, allow_none=True)


@blp.get("/gatherings/<int:gathering_id>/commitments")
@blp.response(200, CommitmentSchema(many=True))
@blp.paginate()
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Gathering)
def list_commitments(gathering: Gathering, pagination_parameters: PaginationParameters) -> Any:
    """Commitments given at the gathering: the network's joint ones first, then by municipality."""
    return page_of(db.session, services.made_at_query(gathering), pagination_parameters)


@blp.get("/gatherings/<int:gathering_id>/commitments/to-follow-up")
@blp.response(200, CommitmentSchema(many=True))
@blp.paginate()
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Gathering)
def list_to_follow_up(gathering: Gathering, pagination_parameters: PaginationParameters) -> Any:
    """Open commitments from the network's earlier gatherings, to follow up at this one
    (for its facilitators, steering group and coordinators; an empty list for others)."""
    return page_of(
        db.session, services.to_follow_up_query(gathering, current_user), pagination_parameters
    )


@blp.post("/gatherings/<int:gathering_id>/commitments")
@blp.arguments(CommitmentSchema)
@blp.response(201, CommitmentSchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
@access.loads(Gathering)
def create_commitment(data: dict[str, Any], gathering: Gathering) -> Any:
    """A municipality's commitment, or (without municipality_id) the network's joint one."""
    try:
        return services.create_commitment(
            db.session,
            current_user,
            gathering,
            data.get("municipality_id"),
            data["text"],
            data["owner"],
            data.get("due_on"),
        )
    except services.NotAllowed as error:
        access.deny(obj=gathering, description=str(error))
    except ServiceError as error:
        refuse(400, message=str(error))


@blp.patch("/commitments/<int:commitment_id>")
@blp.arguments(FollowUpSchema)
@blp.response(200, CommitmentSchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
@access.loads(Commitment, right=access.Right.EDIT)
def follow_up(data: dict[str, Any], commitment: Commitment) -> Any:
    """Follow a commitment up: done, partly or not done, with a comment."""
    at = None
    if data.get("gathering_id"):
        at = services.visible_gathering(db.session, current_user, data["gathering_id"])
        if at is None:
            refuse(404)
    try:
        return services.follow_up(
            db.session, current_user, commitment, data["status"], data["comment"], at
        )
    except ServiceError as error:
        refuse(400, message=str(error))
