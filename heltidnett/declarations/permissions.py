"""Who may change, review and see the drafts of a municipality's declaration."""

from __future__ import annotations

from typing import Any

from heltidnett.auth import access
from heltidnett.networks.models import NetworkRole


def can_change(user: Any, municipality_id: int) -> bool:
    """Only the municipality's coordinators (and admins) write and move the declaration."""
    return access.is_admin(user) or municipality_id in access.coordinated_municipality_ids(user)


def can_comment(user: Any, municipality_id: int, networks: set[int] | None = None) -> bool:
    """Coordinators, steering members of the municipality or its network, and facilitators.

    `networks` (the municipality's network ids) may be given when already known.
    """
    if can_change(user, municipality_id):
        return True
    if networks is None:
        networks = access.municipality_network_ids(municipality_id)
    for grant in access.grants(user):
        if grant.network_id not in networks:
            continue
        if grant.role == NetworkRole.FACILITATOR:
            return True
        if grant.role == NetworkRole.STEERING and grant.municipality_id in (None, municipality_id):
            return True
    return False


def can_see_drafts(user: Any, municipality_id: int, networks: set[int] | None = None) -> bool:
    """Versions before publication: those who change or comment on them; others do not."""
    return can_comment(user, municipality_id, networks)
