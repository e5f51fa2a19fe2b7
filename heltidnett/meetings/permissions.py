"""Who may read and write a steering group's meetings.

The network's steering group (steering members without a municipality) and its facilitators
follow every group of the network; a municipality's own steering members and its coordinators
read their municipality's; facilitators and steering members write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from heltidnett.auth import access
from heltidnett.networks.models import NetworkRole

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer


def follows_network(user: Viewer, network_id: int) -> bool:
    """Facilitators (and admins) and the network's own steering group."""
    return access.is_facilitator_of(user, network_id) or any(
        grant.network_id == network_id
        and grant.role == NetworkRole.STEERING
        and grant.municipality_id is None
        for grant in access.grants(user)
    )


def can_view_group(user: Viewer, network_id: int, municipality_id: int | None) -> bool:
    """The network's followers; for a municipality's group also its steering members and
    coordinators in the network."""
    if follows_network(user, network_id):
        return True
    return municipality_id is not None and access.holds(
        user,
        NetworkRole.STEERING,
        NetworkRole.COORDINATOR,
        network_id=network_id,
        municipality_id=municipality_id,
    )


def can_write_group(user: Viewer, network_id: int, municipality_id: int | None) -> bool:
    """The network's followers; for a municipality's group also its own steering members."""
    if follows_network(user, network_id):
        return True
    return municipality_id is not None and access.holds(
        user, NetworkRole.STEERING, network_id=network_id, municipality_id=municipality_id
    )


def sees_any_meetings(user: Viewer, network_id: int) -> bool:
    """Whether the network's meetings page has anything for the user."""
    return follows_network(user, network_id) or access.holds(
        user, NetworkRole.STEERING, NetworkRole.COORDINATOR, network_id=network_id
    )


def visible_group_ids(user: Viewer, network_id: int) -> set[int] | None:
    """The municipalities whose meetings the user reads in the network (None: every group)."""
    if follows_network(user, network_id):
        return None
    return {
        grant.municipality_id
        for grant in access.grants(user)
        if grant.network_id == network_id
        and grant.role in (NetworkRole.STEERING, NetworkRole.COORDINATOR)
        and grant.municipality_id is not None
    }
