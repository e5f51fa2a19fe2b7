"""Who may read and write stories, leave ideas on them and take ideas home."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from heltidnett.auth import access
from heltidnett.networks.models import NetworkRole

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.stories.models import Story


def can_write_for(user: Viewer, network_id: int, municipality_id: int | None) -> bool:
    """Write a municipality's records in a network: its coordinators there, facilitators, admins.

    With no municipality (the network's joint record) only facilitators and admins may.
    """
    if access.is_facilitator_of(user, network_id):
        return True
    return municipality_id is not None and access.holds(
        user, NetworkRole.COORDINATOR, network_id=network_id, municipality_id=municipality_id
    )


def own_municipality_in(user: Viewer, network_id: int) -> int | None:
    """The municipality the user belongs to in the network (None for facilitators)."""
    ids = sorted(
        {
            grant.municipality_id
            for grant in access.grants(user)
            if grant.network_id == network_id and grant.municipality_id is not None
        }
    )
    return ids[0] if ids else None


def can_view_story(story: Story, user: Viewer) -> bool:
    """Published: every member of the network; a draft: those who may edit it."""
    if story.is_published:
        return access.has_network_role(user, story.network_id)
    return can_edit_story(story, user)


def can_edit_story(story: Story, user: Viewer) -> bool:
    """The municipality's coordinators in the network, its facilitators and admins."""
    return can_write_for(user, story.network_id, story.municipality_id)


def can_give_idea(story: Story, user: Viewer) -> bool:
    """Ideas go to a published story of another municipality than the user's own."""
    return story.is_published and own_municipality_in(user, story.network_id) != (
        story.municipality_id
    )


def visible_stories(user: Viewer, network_id: int) -> sa.ColumnElement[bool]:
    """The condition on a network's stories that keeps those the user may read (can_view_story):
    the published ones for its members, and the drafts of the municipalities they write for."""
    from heltidnett.stories.models import Story, StoryStatus

    if access.is_facilitator_of(user, network_id):
        return Story.network_id == network_id
    if not access.has_network_role(user, network_id):
        return sa.false()
    coordinated = {
        grant.municipality_id
        for grant in access.grants(user)
        if grant.network_id == network_id
        and grant.role == NetworkRole.COORDINATOR
        and grant.municipality_id is not None
    }
    return sa.and_(
        Story.network_id == network_id,
        sa.or_(Story.status == StoryStatus.PUBLISHED, Story.municipality_id.in_(coordinated)),
    )
