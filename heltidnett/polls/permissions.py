"""Who may run a poll and read its figures.

A poll belongs to a gathering: those who plan the gathering run its polls; the network's
members see a poll once it has been opened (its figures only once they are revealed).
Answering needs no account: the participant pages go through the code, not through here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from heltidnett.gatherings import permissions as gathering_permissions
from heltidnett.polls.models import PollStatus

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.gatherings.models import Gathering
    from heltidnett.polls.models import Poll


def can_run_polls(user: Viewer, gathering: Gathering) -> bool:
    """Those who plan the gathering make, open, close and present its polls."""
    return gathering_permissions.can_edit_gathering(user, gathering)


def can_run_poll(user: Viewer, poll: Poll) -> bool:
    return can_run_polls(user, poll.gathering)


def can_view_poll(user: Viewer, poll: Poll) -> bool:
    """Those who run it; the gathering's readers once the poll has left its draft."""
    if can_run_poll(user, poll):
        return True
    return poll.status != PollStatus.DRAFT and gathering_permissions.can_view_gathering(
        user, poll.gathering
    )


def can_see_results(user: Viewer, poll: Poll) -> bool:
    """The figures: those who run the poll always; the others once they are revealed."""
    return can_run_poll(user, poll) or (poll.results_revealed and can_view_poll(user, poll))
