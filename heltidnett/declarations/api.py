"""API resources for a municipality's declaration: read it, save a draft, make a transition."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import Schema, fields, validate

from heltidnett.api import Int, api_blueprint, error_responses, refuse
from heltidnett.api.conflicts import refuse_stale
from heltidnett.auth import access
from heltidnett.core.transaction import attempt
from heltidnett.declarations import loaders, services
from heltidnett.declarations.models import (
    SECTION_KEYS,
    Declaration,
    DeclarationVersion,
    DefinitionKind,
    Status,
)
from heltidnett.declarations.threshold import definition_of
from heltidnett.extensions import db

blp = api_blueprint("declarations", __name__, "Full-time declarations (heltidserklæringer)")


class TransitionSchema(Schema):
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
    revision = Int(
        metadata={"description": "Send it back when saving the text: a stale save is 409."}
    )
    status = fields.Function(lambda v: v.status.value)
    approved_on = fields.Date(allow_none=True)
    approved_by_body = fields.Str()
    adopted_on = fields.Date(allow_none=True)
    adopted_by_body = fields.Str()
    case_number = fields.Str()
    published_at = fields.DateTime(allow_none=True)
    transitions = fields.List(fields.Nested(TransitionSchema))


class VersionSchema(VersionSummarySchema):
    definition = fields.Function(lambda v: DefinitionSchema().dump(v))
    sections = fields.Function(lambda v: {key: v.section(key) for key in SECTION_KEYS})
    signatories = fields.List(fields.Nested(SignatorySchema))


class DeclarationSchema(Schema):
    municipality_id = Int()
    status = fields.Str()
    current_version = fields.Nested(VersionSchema)
    history = fields.List(fields.Nested(VersionSummarySchema))


class VersionTextSchema(Schema):
    """New text for some sections of a draft, from the revision the writer started from."""

    revision = Int(required=True, validate=validate.Range(min=0))
    definition_kind = fields.Str(validate=validate.OneOf([k.value for k in DefinitionKind]))
    threshold_percent = fields.Float(allow_none=True)
    sections = fields.Dict(
        keys=fields.Str(validate=validate.OneOf(SECTION_KEYS)),
        values=fields.Str(validate=validate.Length(max=20_000)),
        load_default=dict,
    )


class TransitionInput(Schema):
    to = fields.Str(required=True, validate=validate.OneOf([s.value for s in Status]))
    approved_on = fields.Date(load_default=None)
    approved_by_body = fields.Str(load_default="")
    adopted_on = fields.Date(load_default=None)
    adopted_by_body = fields.Str(load_default="")
    case_number = fields.Str(load_default="")


def _payload(declaration: Declaration) -> dict[str, Any]:
    versions = services.visible_versions(declaration, current_user)
    if not versions:
        refuse(404, message=_("Kommunens heltidserklæring er ikke publisert ennå."))
    current: DeclarationVersion = versions[-1]
    return {
        "municipality_id": declaration.municipality_id,
        "status": current.status.value,
        "current_version": current,
        "history": versions,
    }


@blp.get("/municipalities/<int:municipality_id>/declaration")
@blp.response(200, DeclarationSchema)
@blp.doc(responses=error_responses(401, 403, 404))
@loaders.declaration()
def get_declaration(declaration: Declaration) -> Any:
    """The newest version the caller may read, its status, and the history of versions."""
    return _payload(declaration)


@blp.post("/municipalities/<int:municipality_id>/declaration/transitions")
@blp.arguments(TransitionInput)
@blp.response(200, DeclarationSchema)
@blp.doc(responses=error_responses(401, 403, 404, 409, 422))
@loaders.declaration(access.Right.EDIT)
def post_transition(data: dict[str, Any], declaration: Declaration) -> Any:
    """Move the newest version to the next status with its facts; an illegal transition is 409."""
    facts = services.TransitionFacts(
        approved_on=data["approved_on"],
        approved_by_body=data["approved_by_body"],
        adopted_on=data["adopted_on"],
        adopted_by_body=data["adopted_by_body"],
        case_number=data["case_number"],
    )
    with attempt() as outcome:
        services.transition(
            db.session, current_user, services.latest_version(declaration), data["to"], facts
        )
    if outcome.failed:
        refuse(409, message=outcome.message)
    return _payload(declaration)


@blp.put("/municipalities/<int:municipality_id>/declaration/versions/<int:number>")
@blp.arguments(VersionTextSchema)
@blp.response(200, VersionSchema)
@blp.doc(responses=error_responses(401, 403, 404, 409, 422))
@loaders.version(access.Right.EDIT)
def put_version(data: dict[str, Any], version: DeclarationVersion) -> Any:
    """Save text of a draft from the revision it started from; 409 with the saved one if stale."""
    changes: dict[str, Any] = dict(data["sections"])
    if "definition_kind" in data:
        changes["definition_kind"] = data["definition_kind"]
    changes["threshold_percent"] = data.get("threshold_percent", version.threshold_percent)
    with attempt() as outcome:
        services.update_version(
            db.session, current_user, version, changes, base_revision=data["revision"]
        )
    if isinstance(outcome.error, services.DraftConflict):
        refuse_stale(outcome.message, VersionSchema().dump(version), counter="revision")
    if outcome.failed:
        refuse(422, message=outcome.message)
    return version
