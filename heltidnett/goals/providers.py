"""The goals on a municipality's page and a network's page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _

from heltidnett.goals import permissions

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.core.shortcuts import Shortcut
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the goal board and the network overview into the home pages."""
    registries.municipality_shortcuts.register(municipality_links)
    registries.network_shortcuts.register(network_links)


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
