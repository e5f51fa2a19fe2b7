"""API resources for a municipality's units."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _

from heltidnett.api import api_blueprint, error_responses, refuse
from heltidnett.api.paging import page_of
from heltidnett.api.schemas import UnitSchema
from heltidnett.auth import access
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.municipalities import services
from heltidnett.municipalities.models import Municipality, UnitKind

if TYPE_CHECKING:
    from flask_smorest.pagination import PaginationParameters

blp = api_blueprint("municipalities", __name__, "Municipalities and their units")


@blp.get("/municipalities/<int:municipality_id>/units")
@blp.response(200, UnitSchema(many=True))
@blp.paginate()
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Municipality)
def list_units(municipality: Municipality, pagination_parameters: PaginationParameters) -> Any:
    """A municipality's units, by name."""
    return page_of(db.session, services.units_query(municipality.id), pagination_parameters)


@blp.post("/municipalities/<int:municipality_id>/units")
@blp.arguments(UnitSchema)
@blp.response(201, UnitSchema)
@blp.doc(responses=error_responses(401, 403, 404, 409, 422))
@access.loads(Municipality, right=access.Right.EDIT)
def create_unit(data: dict[str, Any], municipality: Municipality) -> Any:
    """Add a unit (coordinators of the municipality and facilitators of its networks)."""
    if data["kind"] not in {k.value for k in UnitKind}:
        refuse(422, message=_("Ukjent type enhet: %(kind)s.", kind=data["kind"]))
    with attempt() as outcome:
        unit = services.create_unit(
            db.session,
            municipality,
            name=data["name"],
            kind=data["kind"],
            is_pilot=data["is_pilot"],
        )
    if outcome.failed:
        refuse(409, message=outcome.message)
    return unit
