"""Who may see and plan gatherings, keep the method library and register people.

The models' `can_view`/`can_edit` and the registration rules ask here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from heltidnett.auth import access
from heltidnett.gatherings.models import GatheringStatus
from heltidnett.networks.models import NetworkRole

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.gatherings.models import Gathering, Registration


def can_plan(user: Viewer, network_id: int) -> bool:
    """The network's facilitators (and admins) plan its gatherings and see them unpublished."""
    return access.is_facilitator_of(user, network_id)


def can_view_gathering(user: Viewer, gathering: Gathering) -> bool:
    """Members of the network; only those who plan it before it is published."""
    if gathering.status == GatheringStatus.PLANNED:
        return can_plan(user, gathering.network_id)
    return access.has_network_role(user, gathering.network_id)


def can_edit_gathering(user: Viewer, gathering: Gathering) -> bool:
    """Those who plan the network's gatherings."""
    return can_plan(user, gathering.network_id)


def can_keep_methods(user: Viewer) -> bool:
    """Facilitators and admins keep the method library."""
    return access.can_create_networks(user)


def can_view_methods(user: Viewer) -> bool:
    """Every signed-in user may read the library."""
    return bool(getattr(user, "is_authenticated", False))


def coordinates_for(user: Viewer, gathering: Gathering, municipality_id: int | None) -> bool:
    """Whether the user is a coordinator of the municipality in the gathering's network."""
    return municipality_id is not None and access.holds(
        user,
        NetworkRole.COORDINATOR,
        network_id=gathering.network_id,
        municipality_id=municipality_id,
    )


def coordinates_in(user: Viewer, gathering: Gathering) -> bool:
    """Whether the user coordinates a municipality of the gathering's network."""
    return access.holds(user, NetworkRole.COORDINATOR, network_id=gathering.network_id)


def can_register_others(user: Viewer, gathering: Gathering) -> bool:
    """Those who plan the gathering, and coordinators (for people of their municipality)."""
    return can_edit_gathering(user, gathering) or coordinates_in(user, gathering)


def coordinated_municipality_id(user: Viewer, gathering: Gathering) -> int | None:
    """The municipality a coordinator registers others for in this network (the first one)."""
    return min(
        (
            grant.municipality_id
            for grant in access.grants(user)
            if grant.network_id == gathering.network_id
            and grant.role == NetworkRole.COORDINATOR
            and grant.municipality_id is not None
        ),
        default=None,
    )


def own_municipality_id(user: Viewer, gathering: Gathering) -> int | None:
    """The user's municipality in this gathering's network, if any."""
    return next(
        (
            grant.municipality_id
            for grant in access.grants(user)
            if grant.network_id == gathering.network_id and grant.municipality_id is not None
        ),
        None,
    )


def can_view_registration(user: Viewer, registration: Registration) -> bool:
    """The person, their municipality's coordinators and those who plan the gathering."""
    gathering = registration.gathering
    if can_edit_gathering(user, gathering):
        return True
    if not can_view_gathering(user, gathering):
        return False
    if registration.user_id is not None and registration.user_id == getattr(user, "id", None):
        return True
    return registration.municipality_id is not None and access.holds(
        user, NetworkRole.COORDINATOR, municipality_id=registration.municipality_id
    )
