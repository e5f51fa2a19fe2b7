"""API resources for polls: a gathering's polls (paged) and a poll's results.

The results follow the same rules as the pages: withheld until revealed for those who do not
run the poll, and a question's or a municipality's figures only from three answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import Schema, fields

from heltidnett.api import api_blueprint, error_responses, refuse
from heltidnett.api.paging import page_of
from heltidnett.auth import access
from heltidnett.extensions import db
from heltidnett.gatherings.models import Gathering
from heltidnett.polls import permissions, services
from heltidnett.polls.models import Poll, PollStatus

if TYPE_CHECKING:
    from flask_smorest.pagination import PaginationParameters

blp = api_blueprint("polls", __name__, "Live polls at gatherings and their results")


def _code(poll: Poll) -> str | None:
    """The join code only for those who run the poll (the room reads it off the big screen)."""
    return poll.code if permissions.can_run_poll(current_user, poll) else None


class PollSchema(Schema):
    id = fields.Int(dump_only=True)
    gathering_id = fields.Int(dump_only=True)
    agenda_item_id = fields.Int(dump_only=True, allow_none=True)
    copied_from_id = fields.Int(dump_only=True, allow_none=True)
    title = fields.Str(dump_only=True)
    template = fields.Function(lambda p: p.template.value, dump_only=True)
    status = fields.Function(lambda p: p.status.value, dump_only=True)
    round = fields.Int(dump_only=True)
    code = fields.Function(_code, dump_only=True, allow_none=True)
    results_revealed = fields.Bool(dump_only=True)
    opened_at = fields.DateTime(dump_only=True, allow_none=True)
    closed_at = fields.DateTime(dump_only=True, allow_none=True)
    results_url = fields.Function(
        lambda p: url_for("api_polls.poll_results", poll_id=p.id),
        dump_only=True,
        metadata={"type": "string"},
    )


class BarSchema(Schema):
    label = fields.Str()
    count = fields.Int()
    share = fields.Float()


class PhraseSchema(Schema):
    text = fields.Str()
    count = fields.Int()


class MunicipalityFigureSchema(Schema):
    name = fields.Str()
    n = fields.Int(allow_none=True, metadata={"description": "null below three answers"})
    mean = fields.Float(allow_none=True, metadata={"description": "null below three answers"})


class QuestionResultSchema(Schema):
    id = fields.Int()
    position = fields.Int()
    kind = fields.Str()
    text = fields.Str()
    step = fields.Int(allow_none=True)
    choices = fields.List(fields.Str())
    closed = fields.Bool()
    n = fields.Int()
    hidden = fields.Bool(metadata={"description": "fewer than three answered: no figures"})
    mean = fields.Float(allow_none=True)
    distribution = fields.List(fields.Nested(BarSchema))
    phrases = fields.List(fields.Nested(PhraseSchema))
    municipalities = fields.List(fields.Nested(MunicipalityFigureSchema))


class WheelCellSchema(Schema):
    municipality = fields.Str()
    mean = fields.Float(allow_none=True)
    previous = fields.Float(allow_none=True)


class WheelStepSchema(Schema):
    step = fields.Int()
    text = fields.Str()
    network_mean = fields.Float(allow_none=True)
    municipalities = fields.List(fields.Nested(WheelCellSchema))


class WheelSchema(Schema):
    previous_poll_id = fields.Int(allow_none=True)
    steps = fields.List(fields.Nested(WheelStepSchema))


class ResultsSchema(Schema):
    poll = fields.Nested(PollSchema)
    devices = fields.Int(metadata={"description": "devices that answered at least once"})
    questions = fields.List(fields.Nested(QuestionResultSchema))
    wheel = fields.Nested(WheelSchema, allow_none=True)


def visible_polls(gathering: Gathering) -> sa.Select[Any]:
    """The gathering's polls the user sees: drafts only for those who run them."""
    statement = sa.select(Poll).where(Poll.gathering_id == gathering.id).order_by(Poll.id)
    if not permissions.can_run_polls(current_user, gathering):
        statement = statement.where(Poll.status != PollStatus.DRAFT)
    return statement


@blp.get("/gatherings/<int:gathering_id>/polls")
@blp.response(200, PollSchema(many=True))
@blp.paginate()
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Gathering)
def list_polls(gathering: Gathering, pagination_parameters: PaginationParameters) -> Any:
    """The gathering's polls in the order they were made (drafts for facilitators only)."""
    return page_of(db.session, visible_polls(gathering), pagination_parameters)


def results_body(poll: Poll) -> dict[str, Any]:
    """The figures of a poll as the API gives them."""
    found = services.figures(db.session, poll)
    wheel = services.wheel_overview(db.session, poll)
    questions = []
    for result in found.results:
        question = result.question
        questions.append(
            {
                "id": question.id,
                "position": question.position,
                "kind": question.kind.value,
                "text": question.text,
                "step": question.step,
                "choices": question.choice_list,
                "closed": question.closed,
                "n": result.n,
                "hidden": result.hidden,
                "mean": result.mean,
                "distribution": result.bars,
                "phrases": [{"text": t, "count": c} for t, c in result.phrases],
                "municipalities": [
                    {"name": f.name, "n": None if f.hidden else f.n, "mean": f.mean}
                    for f in result.municipalities
                ],
            }
        )
    return {
        "poll": poll,
        "devices": found.devices,
        "questions": questions,
        "wheel": None
        if wheel is None
        else {
            "previous_poll_id": wheel.previous.id if wheel.previous else None,
            "steps": [
                {
                    "step": row.step,
                    "text": row.text,
                    "network_mean": row.network,
                    "municipalities": [
                        {"municipality": name, "mean": cell.mean, "previous": cell.previous}
                        for name, cell in zip(wheel.municipalities, row.cells, strict=True)
                    ],
                }
                for row in wheel.rows
            ],
        },
    }


@blp.get("/polls/<int:poll_id>/results")
@blp.response(200, ResultsSchema)
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Poll)
def poll_results(poll: Poll) -> Any:
    """Per question n, mean and distribution, phrases with counts, the gevinsthjul by
    municipality beside the previous round (below three answers: withheld)."""
    if not permissions.can_see_results(current_user, poll):
        refuse(403, message=_("Resultatene er ikke vist ennå."))
    return results_body(poll)
