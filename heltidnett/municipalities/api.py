"""API resources for a municipality's units."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _

from heltidnett.api import api_blueprint, error_responses
from heltidnett.api.schemas import UnitSchema
from heltidnett.auth import access
from heltidnett.core.errors import ServiceError
from heltidnett.extensions import db
from heltidnett.municipalities import services
from heltidnett.municipalities.models import Municipality, UnitKind

blp = api_blueprint("municipalities", __name__, "Municipalities and their units")


@blp.get("/municipalities/<int:municipality_id>/units")
@blp.response(200, UnitSchema(many=True))
@blp.doc(responses=error_responses(401, 403, 404))
def list_units(municipality_id: int) -> Any:
    """A municipality's units."""
    return access.load_viewable(Municipality, municipality_id).units


@blp.post("/municipalities/<int:municipality_id>/units")
@blp.arguments(UnitSchema)
@blp.response(201, UnitSchema)
@blp.doc(responses=error_responses(401, 403, 404, 409, 422))
def create_unit(data: dict[str, Any], municipality_id: int) -> Any:
    """Add a unit (coordinators of the municipality and facilitators of its networks)."""
    municipality = access.load_editable(Municipality, municipality_id)
    if data["kind"] not in {k.value for k in UnitKind}:
        abort(422, description=_("Ukjent type enhet: %(kind)s.", kind=data["kind"]))
    try:
        unit = services.create_unit(
            db.session,
            municipality,
            name=data["name"],
            kind=data["kind"],
            is_pilot=data["is_pilot"],
        )
    except ServiceError as error:
        abort(409, description=str(error))
    db.session.commit()
    return unit
