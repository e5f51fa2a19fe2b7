"""Who may see a municipality's small units and handle a pending import."""

from __future__ import annotations

from typing import TYPE_CHECKING

from heltidnett.auth import access

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.staffing.models import PendingImport


def sees_small_units(user: Viewer, municipality_id: int) -> bool:
    """Its own people, its editors (coordinators, facilitators) and admins see units with
    10 FTE or fewer; everyone else sees them only in the whole municipality's totals."""
    return access.holds(user, municipality_id=municipality_id) or access.can_edit_municipality(
        user, municipality_id
    )


def can_handle_import(user: Viewer, pending: PendingImport) -> bool:
    """Only the person who uploaded it, while they may still edit the municipality."""
    return getattr(user, "id", None) == pending.user_id and pending.municipality.can_edit(user)
