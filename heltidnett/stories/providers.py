"""The gallery on a network's page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _

from heltidnett.core.shortcuts import Shortcut

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the gallery into the network's page."""
    registries.network_shortcuts.register(network_links)


def network_links(network: Any, user: Viewer) -> list[Shortcut]:
    """The network page's shortcut to the gallery."""
    return [
        Shortcut(
            _("Galleri: GJORT-LÆRT-LURT"),
            url_for("stories.gallery", network_id=network.id),
            _("Kommunenes fortellinger, med innspill fra de andre."),
            order=40,
        )
    ]
