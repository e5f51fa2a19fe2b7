"""The staffing figures on a municipality's page and the comparison on a network's page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _

from heltidnett.auth import access
from heltidnett.core.shortcuts import Shortcut
from heltidnett.extensions import db
from heltidnett.networks.services import municipality_networks

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the staffing figures into the municipality's page, the comparison into the
    network's."""
    registries.municipality_shortcuts.register(municipality_links)
    registries.network_shortcuts.register(network_links)


def municipality_links(municipality: Any, user: Viewer) -> list[Shortcut]:
    """The municipality page's shortcut to its staffing figures, and to the comparison in
    each of its networks the user may see."""
    own = Shortcut(
        _("Bemanningsindikatorer"),
        url_for("staffing.show", municipality_id=municipality.id),
        _("Stillingsstørrelser, heltidsandel, vikarer, kompetanse og sykefravær per enhet."),
        order=10,
    )
    networks = access.visible(municipality_networks(db.session, municipality.id), user)
    return [own] + [
        Shortcut(
            _("Sammenlign bemanning i %(network)s", network=network.name),
            url_for("staffing.compare", network_id=network.id),
            _("%(name)s side om side med de andre kommunene i nettverket.", name=municipality.name),
            order=11,
        )
        for network in networks
    ]


def network_links(network: Any, user: Viewer) -> list[Shortcut]:
    """The network page's shortcut to its municipalities' staffing figures side by side."""
    return [
        Shortcut(
            _("Bemanning i nettverket"),
            url_for("staffing.compare", network_id=network.id),
            _(
                "Kommunenes bemanningsindikatorer side om side: stillingsstørrelse, heltidsandel,"
                " ubesatte stillinger, sykefravær."
            ),
            order=40,
        )
    ]
