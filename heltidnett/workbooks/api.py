"""API resources for chapters and a municipality's delivery of a chapter (the pages' rules)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import Schema, ValidationError, fields, validates_schema

from heltidnett.api import Int, api_blueprint, error_responses, refuse
from heltidnett.api.conflicts import refuse_stale
from heltidnett.api.paging import page_of
from heltidnett.auth import access
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.networks.models import Network
from heltidnett.workbooks import loaders, services
from heltidnett.workbooks.models import Chapter, ChapterDelivery, Prompt, PromptKind

if TYPE_CHECKING:
    from flask_smorest.pagination import PaginationParameters

blp = api_blueprint("workbooks", __name__, "Workbook chapters and deliveries")


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
    opens_at = fields.DateTime(allow_none=True)
    state = fields.Function(lambda c: c.state.value)


class ChapterWithPromptsSchema(ChapterSchema):
    prompts = fields.List(fields.Nested(PromptSchema))


class AnswerSchema(Schema):
    prompt_id = Int()
    version = Int()
    content = fields.Dict()
    feedback = fields.Str()
    updated_at = fields.DateTime(allow_none=True)
    updated_by = fields.Function(lambda a: a.updated_by.name if a.updated_by else None)


class DeliverySchema(Schema):
    chapter_id = Int()
    municipality_id = Int()
    status = fields.Str()
    shared_with_network = fields.Bool()
    feedback = fields.Str()
    answers = fields.List(fields.Nested(AnswerSchema))


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
@blp.paginate()
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Network)
def list_chapters(network: Network, pagination_parameters: PaginationParameters) -> Any:
    """A network's chapters, by number: the open ones, and for its facilitators the drafts."""
    return page_of(
        db.session, services.visible_chapters_query(current_user, network.id), pagination_parameters
    )


@blp.get("/chapters/<int:chapter_id>")
@blp.response(200, ChapterWithPromptsSchema)
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Chapter)
def get_chapter(chapter: Chapter) -> Any:
    """One chapter with its prompts in order."""
    return chapter


@blp.get("/chapters/<int:chapter_id>/deliveries/<int:municipality_id>")
@blp.response(200, DeliverySchema)
@blp.doc(responses=error_responses(401, 403, 404))
@loaders.delivery()
def get_delivery(delivery: ChapterDelivery) -> Any:
    """A municipality's delivery of a chapter: its status, feedback and answers in order."""
    answers = services.answers_by_prompt(db.session, delivery.chapter, delivery.municipality_id)
    return {
        "chapter_id": delivery.chapter_id,
        "municipality_id": delivery.municipality_id,
        "status": delivery.status.value,
        "shared_with_network": delivery.shared_with_network,
        "feedback": delivery.feedback,
        "answers": [answers[p.id] for p in delivery.chapter.prompts if p.id in answers],
    }


@blp.put("/chapters/<int:chapter_id>/deliveries/<int:municipality_id>/answers/<int:prompt_id>")
@blp.arguments(AnswerInput)
@blp.response(200, AnswerSchema)
@blp.doc(responses=error_responses(401, 403, 404, 409, 422))
@loaders.delivery(access.Right.EDIT)
@access.loads(Prompt)
def put_answer(data: dict[str, Any], delivery: ChapterDelivery, prompt: Prompt) -> Any:
    """Save an answer from the version it started from; 409 with the current version if stale."""
    if prompt.chapter_id != delivery.chapter_id:
        refuse(404)
    if "text" in data and prompt.kind != PromptKind.TEXT:
        refuse(422, message=_("Dette spørsmålet besvares med «value», ikke «text»."))
    value = data["text"] if "text" in data else data.get("value")
    with attempt() as outcome:
        answer, _changed = services.save_answer(
            db.session, current_user, prompt, delivery.municipality_id, value, data["version"]
        )
    if isinstance(outcome.error, services.VersionConflict):
        refuse_stale(outcome.message, AnswerSchema().dump(outcome.error.answer), counter="version")
    if outcome.failed:
        refuse(422, message=outcome.message)
    return answer
