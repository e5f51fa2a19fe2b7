"""Who may read and write workbook chapters and deliveries (drafts stay in the municipality).

A chapter is prepared as a draft that only the network's facilitators (and admins) see; once
open (by hand, or its opening time has passed) the network sees it and the municipalities
answer it. A delivery is one municipality's work on one chapter: its answers, status and
feedback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from heltidnett.auth import access
from heltidnett.networks.models import NetworkRole

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.workbooks.models import Chapter, ChapterDelivery


def sees_drafts(user: Viewer, network_id: int) -> bool:
    """The network's facilitators (and admins) see chapters before they open."""
    return access.is_facilitator_of(user, network_id)


def can_view_chapter(user: Viewer, chapter: Chapter) -> bool:
    """Everyone with a role in the network sees an open chapter; a draft, its facilitators."""
    if not chapter.is_open:
        return sees_drafts(user, chapter.network_id)
    return access.has_network_role(user, chapter.network_id)


def can_edit_chapter(user: Viewer, chapter: Chapter) -> bool:
    """The network's facilitators write the chapter and its prompts."""
    return access.is_facilitator_of(user, chapter.network_id)


def takes_part(chapter: Chapter, municipality_id: int) -> bool:
    """Whether the municipality is in the chapter's network."""
    return chapter.network_id in access.municipality_network_ids(municipality_id)


def can_view_delivery(
    user: Viewer, chapter: Chapter, municipality_id: int, delivery: ChapterDelivery | None
) -> bool:
    """Drafts: coordinators and facilitators. Delivered: also steering; shared: the network.
    A chapter that is not open yet: the facilitators only."""
    if not takes_part(chapter, municipality_id):
        return False
    network_id = chapter.network_id
    if access.is_facilitator_of(user, network_id):
        return True
    if not chapter.is_open:
        return False
    if access.holds(
        user, NetworkRole.COORDINATOR, network_id=network_id, municipality_id=municipality_id
    ):
        return True
    if delivery is None or not delivery.is_locked:
        return False
    if access.holds(
        user, NetworkRole.STEERING, network_id=network_id, municipality_id=municipality_id
    ):
        return True
    return delivery.shared_with_network and access.has_network_role(user, network_id)


def can_edit_delivery(user: Viewer, chapter: Chapter, municipality_id: int) -> bool:
    """Every coordinator of the municipality (and admins) write the answers and deliver, once
    the chapter is open."""
    if not takes_part(chapter, municipality_id) or not chapter.is_open:
        return False
    return access.is_admin(user) or access.holds(
        user,
        NetworkRole.COORDINATOR,
        network_id=chapter.network_id,
        municipality_id=municipality_id,
    )


def can_give_feedback(user: Viewer, chapter: Chapter) -> bool:
    """The network's facilitators write feedback and reopen delivered chapters."""
    return access.is_facilitator_of(user, chapter.network_id)


def gives_feedback(delivery: ChapterDelivery, user: Viewer) -> bool:
    """The right of the feedback and reopen routes (`access.loads(..., right=gives_feedback)`)."""
    return can_give_feedback(user, delivery.chapter)
