"""API resources for stories and the ideas others leave on them."""

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
from heltidnett.networks.models import Network
from heltidnett.stories import services
from heltidnett.stories.models import Idea, IdeaKind, Story, Theme

if TYPE_CHECKING:
    from flask_smorest.pagination import PaginationParameters

blp = api_blueprint("stories", __name__, "GJORT-LÆRT-LURT stories and ideas from others")


class IdeaSchema(Schema):
    id = fields.Int(dump_only=True)
    story_id = fields.Int(dump_only=True)
    kind = fields.Str(
        load_default=IdeaKind.IDEA.value, validate=validate.OneOf([k.value for k in IdeaKind])
    )
    text = fields.Str(required=True, validate=validate.Length(min=1, max=2000))
    author = fields.Function(lambda i: i.author.name if i.author else None, dump_only=True)
    author_municipality = fields.Function(
        lambda i: i.author_municipality.name if i.author_municipality else None, dump_only=True
    )
    created_at = fields.DateTime(dump_only=True)
    taken_home_at = fields.DateTime(dump_only=True, allow_none=True)
    answered = fields.Bool(
        dump_only=True,
        metadata={"description": "A question the host has answered (always false for an idea)."},
    )
    answer = fields.Function(
        lambda i: i.answer if i.answered else None, dump_only=True, allow_none=True
    )
    answered_at = fields.DateTime(dump_only=True, allow_none=True)
    answered_by = fields.Function(
        lambda i: i.answered_by.name if i.answered_by else None, dump_only=True, allow_none=True
    )


class QuestionAnswerSchema(Schema):
    answer = fields.Str(required=True, validate=validate.Length(min=1, max=services.MAX_ANSWER))


class StorySchema(Schema):
    id = fields.Int(dump_only=True)
    network_id = fields.Int(dump_only=True)
    municipality = fields.Nested(MunicipalityRefSchema, dump_only=True)
    municipality_id = Int(required=True, load_only=True)
    gathering_id = Int(required=True)
    title = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    done = fields.Str(attribute="done_text", load_default="")
    learned = fields.Str(attribute="learned_text", load_default="")
    smart = fields.Str(attribute="smart_text", load_default="")
    themes = fields.List(
        fields.Str(validate=validate.OneOf([t.value for t in Theme])), load_default=list
    )
    status = fields.Function(lambda s: s.status.value, dump_only=True)
    published_at = fields.DateTime(dump_only=True, allow_none=True)
    publish = fields.Bool(load_only=True, load_default=False)
    poster_url = fields.Function(
        lambda s: f"/stories/{s.id}/poster" if s.poster_id else None,
        dump_only=True,
        allow_none=True,
        metadata={"type": "string", "description": "The story's poster, if it has one."},
    )
    ideas = fields.List(fields.Nested(IdeaSchema), dump_only=True)


@blp.get("/networks/<int:network_id>/stories")
@blp.response(200, StorySchema(many=True))
@blp.paginate()
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Network)
def list_stories(network: Network, pagination_parameters: PaginationParameters) -> Any:
    """The network's published stories, and first the drafts the user may edit."""
    return page_of(db.session, services.stories_query(network, current_user), pagination_parameters)


@blp.post("/networks/<int:network_id>/stories")
@blp.arguments(StorySchema)
@blp.response(201, StorySchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
@access.loads(Network)
def create_story(data: dict[str, Any], network: Network) -> Any:
    """Write a story for a municipality the user coordinates (a draft unless `publish`)."""
    access.require(
        bool(services.writable_municipalities(db.session, current_user, network)), network
    )
    try:
        return services.create_story(
            db.session,
            current_user,
            network,
            data["municipality_id"],
            data["gathering_id"],
            services.StoryFields(
                title=data["title"],
                done_text=data.get("done_text", ""),
                learned_text=data.get("learned_text", ""),
                smart_text=data.get("smart_text", ""),
                themes=data.get("themes", []),
            ),
            publish=data.get("publish", False),
        )
    except services.UnknownGathering as error:
        refuse(422, message=str(error))
    except ServiceError as error:
        refuse(400, message=str(error))


@blp.get("/stories/<int:story_id>")
@blp.response(200, StorySchema)
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Story)
def get_story(story: Story) -> Any:
    """One story with its ideas."""
    return story


@blp.post("/stories/<int:story_id>/ideas")
@blp.arguments(IdeaSchema)
@blp.response(201, IdeaSchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
@access.loads(Story)
def add_idea(data: dict[str, Any], story: Story) -> Any:
    """Leave an idea or a question on another municipality's published story."""
    try:
        return services.add_idea(db.session, current_user, story, data["text"], data["kind"])
    except ServiceError as error:
        refuse(400, message=str(error))


@blp.put("/ideas/<int:idea_id>/answer")
@blp.arguments(QuestionAnswerSchema)
@blp.response(200, IdeaSchema)
@blp.doc(responses=error_responses(400, 401, 403, 404, 422))
@access.loads(Idea, right=access.Right.EDIT)
def answer_question(data: dict[str, Any], idea: Idea) -> Any:
    """The host municipality's coordinator (or the facilitator) answers a question on its
    story; a new answer replaces the old one."""
    try:
        return services.answer_question(db.session, current_user, idea, data["answer"])
    except ServiceError as error:
        refuse(400, message=str(error))
