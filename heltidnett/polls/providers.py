"""The polls open now, on the home page; a municipality's self-assessments on its page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _

from heltidnett.core import waiting
from heltidnett.db import DbSession
from heltidnett.gatherings.models import GatheringStatus
from heltidnett.networks.models import NetworkRole
from heltidnett.polls import services

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.core.shortcuts import Shortcut
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the open polls into the home page, and the results into the municipality page."""
    registries.waiting.register(waiting_polls)
    registries.municipality_shortcuts.register(municipality_links)


def waiting_polls(session: DbSession, scope: waiting.Scope) -> list[waiting.WaitingItem]:
    """Polls open now at the person's networks' gatherings: to answer, or (for those who run
    them) to close when the room has answered."""
    network_ids = scope.network_ids()
    if not network_ids:
        return []
    facilitated = scope.network_ids(NetworkRole.FACILITATOR)
    items: list[waiting.WaitingItem] = []
    for poll in services.open_polls(session, network_ids):
        gathering = poll.gathering
        runs = gathering.network_id in facilitated
        if not runs and gathering.status == GatheringStatus.PLANNED:
            continue
        opened = (poll.opened_at or poll.created_at).date()
        items.append(
            waiting.WaitingItem(
                kind="poll_running" if runs else "poll",
                network_id=gathering.network_id,
                title=_("Avstemningen «%(title)s» er åpen", title=poll.title)
                if runs
                else _("Svar på avstemningen «%(title)s»", title=poll.title),
                url=url_for("polls.show", poll_id=poll.id)
                if runs
                else url_for("polls.answer", code=poll.code),
                on=opened,
                date_label=_("Åpnet"),
                detail=_("%(gathering)s, kode %(code)s", gathering=gathering.title, code=poll.code),
            )
        )
    return items


def municipality_links(municipality: Any, user: Viewer) -> list[Shortcut]:
    """The municipality page's shortcut to its results from the gatherings' polls."""
    from heltidnett.core.shortcuts import Shortcut

    return [
        Shortcut(
            _("Egenvurderinger"),
            url_for("polls.municipality", municipality_id=municipality.id),
            _("Gevinsthjulet og skalaene fra samlingene, runde for runde mot nettverkets snitt."),
            order=45,
        )
    ]
