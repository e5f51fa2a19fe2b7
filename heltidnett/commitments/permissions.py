"""Who may read and follow up commitments, fill in vurderingskrysset and use the steering matrix.

A municipality's records are written by its coordinators in the network, the network's
facilitators and admins (`stories.permissions.can_write_for`, shared with the stories).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from heltidnett.auth import access
from heltidnett.networks.models import NetworkRole
from heltidnett.stories.permissions import can_write_for

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.commitments.models import Commitment, FacilitatorMilestone
    from heltidnett.gatherings.models import Gathering
    from heltidnett.networks.models import Network


def can_view_matrix(user: Viewer, network_id: int) -> bool:
    """Facilitators, steering group members and coordinators of the network."""
    return access.has_network_role(
        user, network_id, NetworkRole.FACILITATOR, NetworkRole.STEERING, NetworkRole.COORDINATOR
    )


def sees_matrix(network: Network, user: Viewer) -> bool:
    """The right the steering matrix's routes declare on their network: `can_view_matrix`."""
    return can_view_matrix(user, network.id)


def can_write_joint(user: Viewer, network_id: int) -> bool:
    """The network's joint commitments (those of no municipality): facilitators and admins."""
    return can_write_for(user, network_id, None)


def can_view_commitment(commitment: Commitment, user: Viewer) -> bool:
    """Every member of the network: the steering group follows them up."""
    return access.has_network_role(user, commitment.network_id)


def can_edit_commitment(commitment: Commitment, user: Viewer) -> bool:
    """The municipality's coordinators there and facilitators; joint ones facilitators."""
    return can_write_for(user, commitment.network_id, commitment.municipality_id)


def can_view_assessment(gathering: Gathering, user: Viewer) -> bool:
    """A municipality's vurderingskryss at a gathering: every member of the network."""
    return access.has_network_role(user, gathering.network_id)


def can_edit_assessment(gathering: Gathering, municipality_id: int, user: Viewer) -> bool:
    """The municipality's coordinators in the gathering's network, facilitators and admins."""
    return can_write_for(user, gathering.network_id, municipality_id)


def can_view_milestone(milestone: FacilitatorMilestone, user: Viewer) -> bool:
    """A facilitator's milestone is a column of the steering matrix: those who see the matrix."""
    return can_view_matrix(user, milestone.network_id)


def can_edit_milestone(milestone: FacilitatorMilestone, user: Viewer) -> bool:
    """The network's facilitators (and admins) add milestones and tick them off."""
    return access.is_facilitator_of(user, milestone.network_id)
