"""API resources for networks and the municipalities taking part in them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask_login import current_user

from heltidnett.api import api_blueprint, error_responses
from heltidnett.api.paging import page_of
from heltidnett.api.schemas import MunicipalitySchema, NetworkSchema
from heltidnett.auth import access
from heltidnett.extensions import db
from heltidnett.municipalities.models import Municipality
from heltidnett.networks import services
from heltidnett.networks.models import Network

if TYPE_CHECKING:
    from flask_smorest.pagination import PaginationParameters

blp = api_blueprint("networks", __name__, "Networks and their municipalities")


@blp.get("/networks")
@blp.response(200, NetworkSchema(many=True))
@blp.paginate()
@blp.doc(responses=error_responses(401))
def list_networks(pagination_parameters: PaginationParameters) -> Any:
    """The networks the user has a role in (all, for admins)."""
    return page_of(db.session, services.visible_networks_query(current_user), pagination_parameters)


@blp.get("/networks/<int:network_id>")
@blp.response(200, NetworkSchema)
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Network)
def get_network(network: Network) -> Any:
    """One network."""
    return network


@blp.get("/networks/<int:network_id>/municipalities")
@blp.response(200, MunicipalitySchema(many=True))
@blp.paginate()
@blp.doc(responses=error_responses(401, 403, 404))
@access.loads(Network)
def network_municipalities(network: Network, pagination_parameters: PaginationParameters) -> Any:
    """The municipalities taking part in a network, with their units."""
    return page_of(
        db.session,
        services.network_municipalities_query(network.id).options(
            sa.orm.selectinload(Municipality.units)
        ),
        pagination_parameters,
    )
