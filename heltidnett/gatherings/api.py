"""API resources for gatherings and their agendas."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from marshmallow import Schema, fields, validate

from heltidnett.api import Int, api_blueprint, error_responses, refuse
from heltidnett.api.paging import page_of
from heltidnett.auth import access
from heltidnett.core.errors import ServiceError
from heltidnett.extensions import db
from heltidnett.gatherings import services
from heltidnett.gatherings.models import AgendaKind, Gathering, GatheringKind
from heltidnett.networks.models import Network

if TYPE_CHECKING:
    from flask_smorest.pagination import PaginationParameters

blp = api_blueprint("gatherings", __name__, "Gatherings (samlinger) and their agendas")


DATE_ERRORS = {"invalid": _l("Skriv inn en gyldig dato."), "required": _l("Påkrevd.")}
TIME_ERRORS = {
    "invalid": _l("Skriv inn et gyldig klokkeslett, som 10:15."),
    "format": _l("Skriv inn et gyldig klokkeslett, som 10:15."),
    "required": _l("Påkrevd."),
}
MINUTES_ERRORS = {
    "invalid": _l("Skriv inn varigheten i hele minutter."),
    "required": _l("Påkrevd."),
}


def _title(limit: int) -> validate.Length:
    return validate.Length(min=1, max=limit, error=_l("Tittelen må ha 1–{max} tegn."))


class AgendaItemSchema(Schema):
    id = fields.Int(dump_only=True)
    day = fields.Date(required=True, error_messages=DATE_ERRORS)
    start = fields.Time(
        required=True, attribute="starts_at", format="%H:%M", error_messages=TIME_ERRORS
    )
    end = fields.Function(lambda i: i.ends_at.strftime("%H:%M"), dump_only=True)
    duration_minutes = Int(required=True, strict=True, error_messages=MINUTES_ERRORS)
    title = fields.Str(
        required=True, validate=_title(300), error_messages={"required": _l("Påkrevd.")}
    )
    description = fields.Str(load_default="")
    kind = fields.Str(load_default=AgendaKind.OTHER.value)
    speaker = fields.Str(load_default="")
    method = fields.Function(
        lambda i: i.method.name if i.method else None, deserialize=lambda v: v, allow_none=True
    )
    method_id = Int(load_only=True, allow_none=True, load_default=None)
    roles = fields.Str(load_default="")
    timing = fields.Str(load_default="")
    steps = fields.Str(load_default="")
    shift_following = fields.Bool(load_only=True, load_default=True)
    changed_since_publishing = fields.Bool(dump_only=True)


class GatheringSchema(Schema):
    id = fields.Int(dump_only=True)
    network_id = fields.Int(dump_only=True)
    number = Int(allow_none=True, load_default=None)
    kind = fields.Str(load_default=GatheringKind.NETWORK.value)
    title = fields.Str(
        required=True, validate=_title(200), error_messages={"required": _l("Påkrevd.")}
    )
    theme = fields.Str(load_default="")
    place = fields.Str(load_default="")
    starts_on = fields.Date(required=True, error_messages=DATE_ERRORS)
    ends_on = fields.Date(required=True, error_messages=DATE_ERRORS)
    status = fields.Function(lambda g: g.status.value, dump_only=True)
    registration_deadline = fields.Date(
        allow_none=True, load_default=None, error_messages=DATE_ERRORS
    )
    preparation = fields.Str(load_default="")
    changes_reserved = fields.Bool(load_default=True)
    published_at = fields.DateTime(dump_only=True, allow_none=True)
    # Downloads outside /api/v1 that take the same bearer token (core.security.TOKEN_DOWNLOADS).
    programme_pdf_url = fields.Function(
        lambda g: url_for("gatherings.program_pdf", gathering_id=g.id),
        dump_only=True,
        metadata={"type": "string", "description": "The printable programme (PDF)."},
    )
    calendar_url = fields.Function(
        lambda g: url_for("gatherings.program_ics", gathering_id=g.id),
        dump_only=True,
        metadata={"type": "string", "description": "The gathering's days (iCalendar)."},
    )


class GatheringDetailSchema(GatheringSchema):
    agenda = fields.List(fields.Nested(AgendaItemSchema), attribute="items", dump_only=True)


@blp.get("/networks/<int:network_id>/gatherings")
@blp.response(200, GatheringSchema(many=True))
@blp.paginate()
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Network)
def list_gatherings(network: Network, pagination_parameters: PaginationParameters) -> Any:
    """The network's gatherings the user may see, in date order."""
    return page_of(
        db.session,
        services.visible_gatherings_query(network.id, current_user),
        pagination_parameters,
    )


@blp.post("/networks/<int:network_id>/gatherings")
@blp.arguments(GatheringSchema)
@blp.response(201, GatheringDetailSchema)
@blp.doc(responses=error_responses(401, 403, 404, 422))
@access.loads(Network, right=access.Right.EDIT)
def create_gathering(data: dict[str, Any], network: Network) -> Any:
    """Plan a new gathering (facilitators)."""
    if data["kind"] not in {k.value for k in GatheringKind}:
        refuse(422, message=_("Ukjent type samling."))
    try:
        return services.create_gathering(
            db.session, current_user, network, services.GatheringData(**data)
        )
    except ServiceError as error:
        refuse(422, message=str(error))


@blp.get("/gatherings/<int:gathering_id>")
@blp.response(200, GatheringDetailSchema)
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Gathering)
def get_gathering(gathering: Gathering) -> Any:
    """A gathering with its agenda, items in order."""
    return services.preload(db.session, gathering)


@blp.post("/gatherings/<int:gathering_id>/agenda")
@blp.arguments(AgendaItemSchema)
@blp.response(201, AgendaItemSchema)
@blp.doc(responses=error_responses(401, 403, 404, 422))
@access.loads(Gathering, right=access.Right.EDIT)
def add_agenda_item(data: dict[str, Any], gathering: Gathering) -> Any:
    """Add an agenda item (facilitators); later items that day move when it overlaps them."""
    method_name = data.pop("method", None)
    if method_name and data.get("method_id") is None:
        method = services.method_named(db.session, str(method_name))
        if method is None:
            refuse(422, message=_("Ukjent metode. Velg en metode fra metodebiblioteket."))
        data["method_id"] = method.id
    try:
        return services.save_item(db.session, current_user, gathering, services.ItemData(**data))
    except ServiceError as error:
        refuse(422, message=str(error))
