"""Links to the steering meetings from a network's and a municipality's page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _

from heltidnett.auth import access
from heltidnett.core.shortcuts import Shortcut
from heltidnett.meetings import permissions

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the meetings into the network's and the municipality's pages."""
    registries.network_shortcuts.register(network_links)
    registries.municipality_shortcuts.register(municipality_links)


def network_links(network: Any, user: Viewer) -> list[Shortcut]:
    """The network's meetings, for those who read some steering group's."""
    if not permissions.sees_any_meetings(user, network.id):
        return []
    return [
        Shortcut(
            _("Styringsgruppemøter"),
            url_for("meetings.network_meetings", network_id=network.id),
            _("Referat, vedtak og oppfølging fra styringsgruppene."),
            order=65,
        )
    ]


def municipality_links(municipality: Any, user: Viewer) -> list[Shortcut]:
    """The municipality's own steering group's meetings, for those who read them."""
    networks = access.municipality_network_ids(municipality.id)
    if not any(permissions.can_view_group(user, n, municipality.id) for n in networks):
        return []
    return [
        Shortcut(
            _("Styringsgruppemøter"),
            url_for("meetings.municipality_meetings", municipality_id=municipality.id),
            _("Referat og vedtak fra kommunens styringsgruppe."),
            order=65,
        )
    ]
