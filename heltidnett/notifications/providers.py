"""The network page's shortcut to the reminder settings (for its facilitators)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _

from heltidnett.core.shortcuts import Shortcut
from heltidnett.networks.permissions import can_edit_network

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the reminder settings into the network's page."""
    registries.network_shortcuts.register(reminder_links)


def reminder_links(network: Any, user: Viewer) -> list[Shortcut]:
    """Facilitators choose the network's reminders."""
    if not can_edit_network(user, network.id):
        return []
    return [
        Shortcut(
            _("Påminnelser"),
            url_for("notifications.reminders", network_id=network.id),
            _("Hvilke varsler medlemmene får, og hvor mange dager før fristene."),
            order=90,
        )
    ]
