"""API resources for a municipality's declaration: read it, move it one step on."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import Schema, fields, validate

from heltidnett.api import Int, api_blueprint, error_responses
from heltidnett.auth import access
from heltidnett.declarations import permissions, services
from heltidnett.declarations.models import Declaration, DeclarationVersion, Status
from heltidnett.declarations.threshold import definition_of
from heltidnett.extensions import db
from heltidnett.municipalities.models import Municipality

blp = api_blueprint("declarations", __name__, "Full-time declarations (heltidserklæringer)")


class StepSchema(Schema):
    from_status = fields.Function(lambda s: s.from_status.value if s.from_status else None)
    to_status = fields.Function(lambda s: s.to_status.value)
    actor_id = Int(allow_none=True)
    actor_name = fields.Str()
    at = fields.DateTime()


class SignatorySchema(Schema):
    role = fields.Str()
    name = fields.Str()
    organisation = fields.Str()


class DefinitionSchema(Schema):
    kind = fields.Function(lambda v: v.definition_kind.value)
    threshold_percent = fields.Function(
        lambda v: definition_of(v.definition_kind, v.threshold_percent).threshold
    )
    strict = fields.Function(
        lambda v: definition_of(v.definition_kind, v.threshold_percent).strict,
        metadata={"description": "true: full time is strictly above the threshold (SSB's > 90 %)"},
    )


class VersionSummarySchema(Schema):
    number = Int()
    status = fields.Function(lambda v: v.status.value)
    approved_on = fields.Date(allow_none=True)
    approved_by_body = fields.Str()
    adopted_on = fields.Date(allow_none=True)
    adopted_by_body = fields.Str()
    case_number = fields.Str()
    published_at = fields.DateTime(allow_none=True)
    steps = fields.List(fields.Nested(StepSchema))


class VersionSchema(VersionSummarySchema):
    definition = fields.Function(lambda v: DefinitionSchema().dump(v))
    sections = fields.Function(lambda v: {key: v.section(key) for key in _section_keys()})
    signatories = fields.List(fields.Nested(SignatorySchema))


def _section_keys() -> tuple[str, ...]:
    from heltidnett.declarations.models import SECTION_KEYS

    return SECTION_KEYS


class DeclarationSchema(Schema):
    municipality_id = Int()
    status = fields.Str()
    current_version = fields.Nested(VersionSchema)
    history = fields.List(fields.Nested(VersionSummarySchema))


class TransitionSchema(Schema):
    to = fields.Str(required=True, validate=validate.OneOf([s.value for s in Status]))
    approved_on = fields.Date(load_default=None)
    approved_by_body = fields.Str(load_default="")
    adopted_on = fields.Date(load_default=None)
    adopted_by_body = fields.Str(load_default="")
    case_number = fields.Str(load_default="")


def _payload(declaration: Declaration) -> dict[str, Any]:
    versions = services.visible_versions(declaration, current_user)
    if not versions:
        abort(404, description=_("Kommunens heltidserklæring er ikke publisert ennå."))
    current: DeclarationVersion = versions[-1]
    return {
        "municipality_id": declaration.municipality_id,
        "status": current.status.value,
        "current_version": current,
        "history": versions,
    }


def _declaration(municipality_id: int) -> Declaration:
    municipality = access.load_viewable(Municipality, municipality_id)
    declaration = services.get_declaration(db.session, municipality.id)
    if declaration is None:
        abort(404, description=_("Kommunen har ikke startet på en heltidserklæring ennå."))
    return declaration


@blp.get("/municipalities/<int:municipality_id>/declaration")
@blp.response(200, DeclarationSchema)
@blp.doc(responses=error_responses(401, 403, 404))
def get_declaration(municipality_id: int) -> Any:
    """The newest version the caller may read, its status, and the history of versions."""
    return _payload(_declaration(municipality_id))


@blp.post("/municipalities/<int:municipality_id>/declaration/transitions")
@blp.arguments(TransitionSchema)
@blp.response(200, DeclarationSchema)
@blp.doc(responses=error_responses(401, 403, 404, 409, 422))
def post_transition(data: dict[str, Any], municipality_id: int) -> Any:
    """Move the newest version to the next status with its facts; an illegal step is 409."""
    declaration = _declaration(municipality_id)
    access.require(permissions.can_change(current_user, declaration.municipality_id), declaration)
    facts = services.StepFacts(
        approved_on=data["approved_on"],
        approved_by_body=data["approved_by_body"],
        adopted_on=data["adopted_on"],
        adopted_by_body=data["adopted_by_body"],
        case_number=data["case_number"],
    )
    try:
        services.transition(
            db.session, current_user, services.latest_version(declaration), data["to"], facts
        )
    except services.TransitionError as error:
        db.session.rollback()
        abort(409, description=str(error))
    db.session.commit()
    return _payload(declaration)
