"""Who may change, review and see the drafts of a municipality's declaration.

The `may_*` functions are the special rights routes declare (`access.loads(..., right=...)`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from heltidnett.auth import access
from heltidnett.networks.models import NetworkRole

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.declarations.models import DeclarationVersion
    from heltidnett.municipalities.models import Municipality


def can_change(user: Viewer, municipality_id: int) -> bool:
    """Only the municipality's coordinators (and admins) write and move the declaration."""
    return access.is_admin(user) or municipality_id in access.coordinated_municipality_ids(user)


def can_comment(user: Viewer, municipality_id: int) -> bool:
    """Coordinators, steering members of the municipality or its network, and facilitators."""
    if can_change(user, municipality_id):
        return True
    networks = access.municipality_network_ids(municipality_id)
    return (
        access.holds(user, NetworkRole.FACILITATOR, network_ids=networks)
        or access.holds(
            user, NetworkRole.STEERING, network_ids=networks, municipality_id=municipality_id
        )
        or _steers_a_whole_network(user, networks)
    )


def _steers_a_whole_network(user: Viewer, networks: set[int]) -> bool:
    """A steering member of one of the networks tied to no municipality (which `holds`, given
    no municipality, does not single out)."""
    return any(
        grant.role == NetworkRole.STEERING
        and grant.municipality_id is None
        and grant.network_id in networks
        for grant in access.grants(user)
    )


def can_see_drafts(user: Viewer, municipality_id: int) -> bool:
    """Versions before publication: those who change or comment on them; others do not."""
    return can_comment(user, municipality_id)


def may_start(municipality: Municipality, user: Viewer) -> bool:
    """Starting the municipality's declaration: those who may see the municipality and change
    its declaration."""
    return municipality.can_view(user) and can_change(user, municipality.id)


def may_comment(version: DeclarationVersion, user: Viewer) -> bool:
    """Commenting on a version: those who may read it and comment on the declaration."""
    return version.can_view(user) and can_comment(user, version.municipality_id)
