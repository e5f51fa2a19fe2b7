"""Who may read the idea bank and who may enter and change its cases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from heltidnett.auth import access
from heltidnett.networks.models import NetworkRole

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.cases.models import Case
    from heltidnett.stories.models import Story


def _logged_in(user: Viewer) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def can_view_case(case: Case, user: Viewer) -> bool:
    """Every logged-in user reads every case."""
    return _logged_in(user)


def can_enter_cases(user: Viewer) -> bool:
    """Facilitators (of any network) and admins enter cases."""
    return access.is_admin(user) or bool(access.network_ids(user, NetworkRole.FACILITATOR))


def can_edit_case(case: Case, user: Viewer) -> bool:
    """Admins; a facilitator the cases she entered herself (the built-in ones: admins only)."""
    if access.is_admin(user):
        return True
    return (
        not case.built_in
        and case.author_id is not None
        and case.author_id == getattr(user, "id", None)
        and can_enter_cases(user)
    )


def in_bank(story: Story) -> bool:
    """A story is in the bank when it is published and its municipality opened it to all."""
    return story.is_published and story.open_to_all


def can_read_in_bank(story: Story, user: Viewer) -> bool:
    """Everyone logged in reads a story in the bank; others read it as the stories domain says."""
    return (in_bank(story) and _logged_in(user)) or story.can_view(user)
