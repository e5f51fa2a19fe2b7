"""Who follows a municipality's threads and marks it reviewed.

The network's steering group (a steering grant without municipality) and facilitators follow
every municipality of the network; a municipality's own steering members and coordinators
follow theirs. Nobody of another municipality reads them, whatever its draft holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from heltidnett.auth import access
from heltidnett.networks.models import NetworkRole

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer


def follows_network(user: Viewer, network_id: int) -> bool:
    """Admins, the network's facilitators and its network-wide steering group."""
    if access.is_admin(user) or access.is_facilitator_of(user, network_id):
        return True
    return any(
        g.network_id == network_id and g.role == NetworkRole.STEERING and g.municipality_id is None
        for g in access.grants(user)
    )


def can_follow(user: Viewer, network_id: int, municipality_id: int | None) -> bool:
    """Reading and writing a thread or reading a mark: see the module docstring. The joint
    commitments of the network (no municipality) are followed by its coordinators as well."""
    if follows_network(user, network_id):
        return True
    roles = (NetworkRole.STEERING, NetworkRole.COORDINATOR)
    if municipality_id is None:
        return access.holds(user, *roles, network_id=network_id)
    return access.holds(user, *roles, network_id=network_id, municipality_id=municipality_id)


def can_mark(user: Viewer, network_id: int, municipality_id: int) -> bool:
    """Review marks: the network's steering group and the municipality's own, and admins."""
    if access.is_admin(user):
        return True
    return any(
        g.network_id == network_id
        and g.role == NetworkRole.STEERING
        and g.municipality_id in (None, municipality_id)
        for g in access.grants(user)
    )


def role_of(user: Viewer, network_id: int, municipality_id: int | None) -> str:
    """The role a comment is signed with: the most specific grant in the network."""
    grants = [g for g in access.grants(user) if g.network_id == network_id]
    for role in (NetworkRole.STEERING, NetworkRole.COORDINATOR, NetworkRole.FACILITATOR):
        if any(g.role == role for g in grants):
            return role.value
    return "admin" if access.is_admin(user) else ""


def discusses_commitment(commitment: Any, user: Viewer) -> bool:
    """The right of a commitment's threads: it is visible and its municipality followed."""
    from heltidnett.comments import services

    return services.may_discuss(services.commitment_subject(commitment), user)


def discusses_goal(goal: Any, user: Viewer) -> bool:
    """The right of a goal's threads."""
    from heltidnett.comments import services
    from heltidnett.comments.models import SubjectKind

    return services.may_discuss(services.goal_subject(user, goal, SubjectKind.GOAL), user)


def discusses_action(action: Any, user: Viewer) -> bool:
    """The right of an action's threads."""
    from heltidnett.comments import services
    from heltidnett.comments.models import SubjectKind

    return services.may_discuss(services.goal_subject(user, action, SubjectKind.ACTION), user)


def reads_thread(thread: Any, user: Viewer) -> bool:
    """The right of a thread's routes: `services.may_read_thread`."""
    from heltidnett.comments import services

    return services.may_read_thread(thread, user)


def marks_row(row: Any, user: Viewer) -> bool:
    """The right of the review mark form: `can_mark` on the row."""
    return can_mark(user, row.network.id, row.municipality.id)
