"""API resources for networks and the municipalities taking part in them."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_login import current_user

from heltidnett.api import api_blueprint, error_responses
from heltidnett.api.schemas import MunicipalitySchema, NetworkSchema
from heltidnett.auth import access
from heltidnett.extensions import db
from heltidnett.municipalities.models import Municipality
from heltidnett.networks import services
from heltidnett.networks.models import Network, Participation

blp = api_blueprint("networks", __name__, "Networks and their municipalities")


@blp.get("/networks")
@blp.response(200, NetworkSchema(many=True))
@blp.doc(responses=error_responses(401))
def list_networks() -> Any:
    """The networks the user has a role in (all, for admins)."""
    return db.session.scalars(services.visible_networks_query(current_user)).all()


@blp.get("/networks/<int:network_id>")
@blp.response(200, NetworkSchema)
@blp.doc(responses=error_responses(401, 403, 404))
def get_network(network_id: int) -> Any:
    """One network."""
    return access.load_viewable(Network, network_id)


@blp.get("/networks/<int:network_id>/municipalities")
@blp.response(200, MunicipalitySchema(many=True))
@blp.doc(responses=error_responses(401, 403, 404))
def network_municipalities(network_id: int) -> Any:
    """The municipalities taking part in a network, with their units."""
    network = access.load_viewable(Network, network_id)
    return db.session.scalars(
        sa.select(Municipality)
        .join(Participation)
        .where(Participation.network_id == network.id)
        .options(sa.orm.selectinload(Municipality.units))
        .order_by(Municipality.name)
    ).all()
