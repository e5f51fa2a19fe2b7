"""Who may read and write a municipality's workbook answers (drafts stay in the municipality)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from heltidnett.auth import access
from heltidnett.networks.models import NetworkRole

if TYPE_CHECKING:
    from heltidnett.workbooks.models import Chapter, ChapterDelivery


def takes_part(chapter: Chapter, municipality_id: int) -> bool:
    """Whether the municipality is in the chapter's network."""
    return chapter.network_id in access.municipality_network_ids(municipality_id)


def is_coordinator(user: Any, network_id: int, municipality_id: int) -> bool:
    """A coordinator of this municipality in this network."""
    return any(
        g.network_id == network_id
        and g.role == NetworkRole.COORDINATOR
        and g.municipality_id == municipality_id
        for g in access.grants(user)
    )


def is_steering(user: Any, network_id: int, municipality_id: int) -> bool:
    """A member of this municipality's steering group in this network."""
    return any(
        g.network_id == network_id
        and g.role == NetworkRole.STEERING
        and g.municipality_id == municipality_id
        for g in access.grants(user)
    )


def can_view_work(
    user: Any, chapter: Chapter, municipality_id: int, delivery: ChapterDelivery | None
) -> bool:
    """Drafts: coordinators and facilitators. Submitted: also steering; shared: the network."""
    if not takes_part(chapter, municipality_id):
        return False
    if access.is_facilitator_of(user, chapter.network_id):
        return True
    if is_coordinator(user, chapter.network_id, municipality_id):
        return True
    if delivery is None or not delivery.is_locked:
        return False
    if is_steering(user, chapter.network_id, municipality_id):
        return True
    return delivery.shared_with_network and access.has_network_role(user, chapter.network_id)


def can_write_answers(user: Any, chapter: Chapter, municipality_id: int) -> bool:
    """Every coordinator of the municipality (and admins) write the answers."""
    if not takes_part(chapter, municipality_id):
        return False
    return access.is_admin(user) or is_coordinator(user, chapter.network_id, municipality_id)


def can_give_feedback(user: Any, chapter: Chapter) -> bool:
    """The network's facilitators write feedback and reopen chapters."""
    return access.is_facilitator_of(user, chapter.network_id)
