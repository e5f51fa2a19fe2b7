"""API resources for chapters and a municipality's answers (same access rules as the pages)."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import Schema, ValidationError, fields, validates_schema

from heltidnett.api import Int, api_blueprint, error_responses
from heltidnett.auth import access
from heltidnett.core.errors import ServiceError, json_error
from heltidnett.extensions import db
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Network
from heltidnett.workbooks import rules, services
from heltidnett.workbooks.models import Answer, Chapter, Prompt, PromptKind

blp = api_blueprint("workbooks", __name__, "Workbook chapters and answers")


class PromptSchema(Schema):
    id = Int()
    position = Int()
    kind = fields.Function(lambda p: p.kind.value)
    label = fields.Str()
    help_text = fields.Str()
    options = fields.Dict()


class ChapterSchema(Schema):
    id = Int()
    network_id = Int()
    number = Int()
    title = fields.Str()
    introduction = fields.Str()
    opens_after_gathering_id = Int(allow_none=True)
    due_on = fields.Date(allow_none=True)


class ChapterWithPromptsSchema(ChapterSchema):
    prompts = fields.List(fields.Nested(PromptSchema))


class AnswerSchema(Schema):
    prompt_id = Int()
    version = Int()
    content = fields.Dict()
    feedback = fields.Str()
    updated_at = fields.DateTime(allow_none=True)
    updated_by = fields.Function(lambda a: a.updated_by.name if a.updated_by else None)


class AnswersSchema(Schema):
    chapter_id = Int()
    municipality_id = Int()
    status = fields.Str()
    shared_with_network = fields.Bool()
    feedback = fields.Str()
    answers = fields.List(fields.Nested(AnswerSchema))


class MunicipalityArgs(Schema):
    municipality = Int(required=True)


class AnswerInput(Schema):
    text = fields.Str()
    value = fields.Raw(allow_none=True)
    version = Int(required=True, validate=lambda v: v >= 0)

    @validates_schema
    def _one_of(self, data: dict[str, Any], **kwargs: Any) -> None:
        if ("text" in data) == ("value" in data):
            raise ValidationError(_("Send enten «text» eller «value»."))


@blp.get("/networks/<int:network_id>/chapters")
@blp.response(200, ChapterSchema(many=True))
@blp.doc(responses=error_responses(401, 403, 404))
def list_chapters(network_id: int) -> Any:
    """A network's chapters, by number."""
    network = access.load_viewable(Network, network_id)
    return services.chapters_of(db.session, network.id)


@blp.get("/chapters/<int:chapter_id>")
@blp.response(200, ChapterWithPromptsSchema)
@blp.doc(responses=error_responses(401, 403, 404))
def get_chapter(chapter_id: int) -> Any:
    """One chapter with its prompts in order."""
    return access.load_viewable(Chapter, chapter_id)


def _load_work(chapter_id: int, municipality_id: int, write: bool = False) -> Chapter:
    chapter = access.get_or_404(Chapter, chapter_id)
    municipality = access.get_or_404(Municipality, municipality_id)
    if not rules.takes_part(chapter, municipality.id):
        abort(404)
    delivery = services.find_delivery(db.session, chapter, municipality.id)
    allowed = rules.can_view_work(current_user, chapter, municipality.id, delivery)
    if write:
        allowed = allowed and rules.can_write_answers(current_user, chapter, municipality.id)
    access.require(allowed, delivery or chapter)
    return chapter


def _answers_body(chapter: Chapter, municipality_id: int) -> dict[str, Any]:
    delivery = services.find_delivery(db.session, chapter, municipality_id)
    answers = services.answers_by_prompt(db.session, chapter, municipality_id)
    return {
        "chapter_id": chapter.id,
        "municipality_id": municipality_id,
        "status": services.status_of(delivery).value,
        "shared_with_network": bool(delivery and delivery.shared_with_network),
        "feedback": delivery.feedback if delivery else "",
        "answers": [answers[p.id] for p in chapter.prompts if p.id in answers],
    }


@blp.get("/chapters/<int:chapter_id>/answers")
@blp.arguments(MunicipalityArgs, location="query")
@blp.response(200, AnswersSchema)
@blp.doc(responses=error_responses(401, 403, 404, 422))
def list_answers(args: dict[str, Any], chapter_id: int) -> Any:
    """A municipality's answers to a chapter, with the delivery status."""
    chapter = _load_work(chapter_id, args["municipality"])
    return _answers_body(chapter, args["municipality"])


@blp.put("/chapters/<int:chapter_id>/answers/<int:prompt_id>")
@blp.arguments(MunicipalityArgs, location="query")
@blp.arguments(AnswerInput)
@blp.response(200, AnswerSchema)
@blp.doc(responses=error_responses(401, 403, 404, 409, 422))
def put_answer(args: dict[str, Any], data: dict[str, Any], chapter_id: int, prompt_id: int) -> Any:
    """Save an answer from the version it started from; 409 with the current version if stale."""
    chapter = _load_work(chapter_id, args["municipality"], write=True)
    prompt = access.get_or_404(Prompt, prompt_id)
    if prompt.chapter_id != chapter.id:
        abort(404)
    if "text" in data and prompt.kind != PromptKind.TEXT:
        abort(422, description=_("Dette spørsmålet besvares med «value», ikke «text»."))
    value = data["text"] if "text" in data else data.get("value")
    try:
        answer, _changed = services.save_answer(
            db.session, current_user, prompt, args["municipality"], value, data["version"]
        )
    except services.VersionConflict as conflict:
        db.session.rollback()
        current: Answer = conflict.answer
        return json_error(
            409,
            str(conflict),
            details={"version": current.version, "current": AnswerSchema().dump(current)},
            code="version_conflict",
        )
    except ServiceError as error:
        db.session.rollback()
        abort(422, description=str(error))
    db.session.commit()
    return answer
