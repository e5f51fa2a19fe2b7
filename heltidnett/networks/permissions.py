"""Who may see and change a network, who takes part in it and who has roles there.

Rights a route declares with `access.loads(..., right=...)` take the object and the user, in
the order the loader calls them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from heltidnett.auth import access
from heltidnett.networks.models import NetworkRole

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.networks.models import Enrolment, Invitation


def can_view_network(user: Viewer, network_id: int) -> bool:
    """Admins and anyone with a role in the network."""
    return access.has_network_role(user, network_id)


def can_edit_network(user: Viewer, network_id: int) -> bool:
    """Admins and the network's facilitators: its facts, who takes part, who has roles."""
    return access.is_facilitator_of(user, network_id)


def speaks_for(user: Viewer, municipality_id: int) -> bool:
    """Admins and the municipality's own coordinators accept on its behalf."""
    return access.is_admin(user) or access.holds(
        user, NetworkRole.COORDINATOR, municipality_id=municipality_id
    )


def may_accept_enrolment(enrolment: Enrolment, user: Viewer) -> bool:
    """The municipality (a coordinator of it) or an admin says yes to taking part."""
    return speaks_for(user, enrolment.municipality_id)


def may_decline_enrolment(enrolment: Enrolment, user: Viewer) -> bool:
    """The municipality declines; the network's facilitators withdraw."""
    return speaks_for(user, enrolment.municipality_id) or can_edit_network(
        user, enrolment.network_id
    )


def may_accept_invitation(invitation: Invitation, user: Viewer) -> bool:
    """The person, or the municipality's side, while the invitation waits for them."""
    if invitation.awaits_user and invitation.user_id == getattr(user, "id", None):
        return True
    return (
        invitation.awaits_municipality
        and invitation.municipality_id is not None
        and speaks_for(user, invitation.municipality_id)
    )


def may_decline_invitation(invitation: Invitation, user: Viewer) -> bool:
    """The person and the municipality decline; the network's facilitators withdraw."""
    if invitation.user_id == getattr(user, "id", None):
        return True
    if invitation.municipality_id is not None and speaks_for(user, invitation.municipality_id):
        return True
    return can_edit_network(user, invitation.network_id)
