"""The goals on a municipality's page and a network's page."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _

from heltidnett.core import waiting
from heltidnett.db import DbSession
from heltidnett.goals import permissions, services
from heltidnett.networks.models import NetworkRole

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.core.shortcuts import Shortcut
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the goal board and the network overview into the home pages."""
    registries.municipality_shortcuts.register(municipality_links)
    registries.network_shortcuts.register(network_links)
    registries.waiting.register(waiting_actions)


def municipality_links(municipality: Any, user: Viewer) -> list[Shortcut]:
    """The municipality page's shortcut to its goal board."""
    from heltidnett.core.shortcuts import Shortcut

    return [
        Shortcut(
            _("Mål"),
            url_for("goals.board", municipality_id=municipality.id),
            _("Kommunens mål med framdrift fra bemanningstallene, og tiltakene."),
            order=15,
        )
    ]


def network_links(network: Any, user: Viewer) -> list[Shortcut]:
    """The network page's shortcut to the overview of every municipality's goals."""
    from heltidnett.core.shortcuts import Shortcut

    if not permissions.sees_goal_overview(network, user):
        return []
    return [
        Shortcut(
            _("Mål i nettverket"),
            url_for("goals.overview", network_id=network.id),
            _("Kommunene mot målene sine, med status, filtrert på indikator."),
            order=55,
        )
    ]


ACTION_SOON_DAYS = 30  # an action is shown on the home page this many days before its date


def waiting_actions(session: DbSession, scope: waiting.Scope) -> list[waiting.WaitingItem]:
    """Actions towards the goals of the person's municipalities (coordinators and steering
    members) that are due within a month or overdue, neither done nor stopped."""
    places = scope.places(NetworkRole.COORDINATOR, NetworkRole.STEERING)
    if not places:
        return []
    network_of: dict[int, int] = {}
    for network_id, municipality_id in sorted(places):
        network_of.setdefault(municipality_id, network_id)
    coordinated = scope.municipality_ids(NetworkRole.COORDINATOR)
    items: list[waiting.WaitingItem] = []
    until = scope.today + timedelta(days=ACTION_SOON_DAYS)
    for action in services.actions_due(session, set(network_of), until):
        goal = action.goal
        if not goal.can_view(scope.user):
            continue
        edits = goal.municipality_id in coordinated
        items.append(
            waiting.WaitingItem(
                kind="action",
                network_id=network_of[goal.municipality_id],
                title=_("Følg opp tiltaket «%(title)s»", title=action.title),
                url=url_for("goals.edit_action", action_id=action.id)
                if edits
                else url_for("goals.show", goal_id=goal.id, _anchor="actions-heading"),
                on=action.due_on,
                date_label=_("Frist"),
                due=True,
                detail=_(
                    "%(m)s, mål: %(goal)s",
                    m=scope.municipalities.get(goal.municipality_id, ""),
                    goal=goal.title,
                ),
                overdue=action.is_overdue(scope.today),
            )
        )
    return items
