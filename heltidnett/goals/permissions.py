"""Who may read and write a municipality's goals and their actions.

Its coordinators write them; its own people (steering group, participants), the facilitators of
a network it takes part in and admins read them; once the municipality shares its goals, every
member of a network it takes part in reads them too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from heltidnett.auth import access
from heltidnett.networks.models import NetworkRole

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.goals.models import Goal
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks.models import Network


def can_write_goals(user: Viewer, municipality_id: int) -> bool:
    """The municipality's coordinators (in any network) and admins."""
    return access.is_admin(user) or municipality_id in access.coordinated_municipality_ids(user)


def can_read_goals(user: Viewer, municipality_id: int) -> bool:
    """Unshared goals: the municipality's own people, its networks' facilitators, admins."""
    if access.is_admin(user) or municipality_id in access.own_municipality_ids(user):
        return True
    facilitated = access.network_ids(user, NetworkRole.FACILITATOR)
    return bool(access.municipality_network_ids(municipality_id) & facilitated)


def can_view_goal(goal: Goal, user: Viewer) -> bool:
    """Unshared: `can_read_goals`; shared: every member of a network the municipality is in."""
    if can_read_goals(user, goal.municipality_id):
        return True
    return goal.shared and access.can_view_municipality(user, goal.municipality_id)


def can_edit_goal(goal: Goal, user: Viewer) -> bool:
    """The municipality's coordinators and admins."""
    return can_write_goals(user, goal.municipality_id)


def writes_goals(municipality: Municipality, user: Viewer) -> bool:
    """The right of the "Nytt mål" form on a municipality: `can_write_goals`."""
    return can_write_goals(user, municipality.id)


def sees_goal_overview(network: Network, user: Viewer) -> bool:
    """The network's overview of goals: every member of the network and admins; each sees the
    goals `can_view_goal` lets them (facilitators all, the others their own and shared ones)."""
    return access.has_network_role(user, network.id)
