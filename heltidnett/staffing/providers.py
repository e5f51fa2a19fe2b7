"""The staffing figures on a municipality's page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _

from heltidnett.core.shortcuts import Shortcut

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the staffing figures into the municipality's page."""
    registries.municipality_shortcuts.register(municipality_links)


def municipality_links(municipality: Any, user: Viewer) -> list[Shortcut]:
    """The municipality page's shortcut to its staffing figures."""
    return [
        Shortcut(
            _("Bemanningsindikatorer"),
            url_for("staffing.show", municipality_id=municipality.id),
            _("Stillingsstørrelser, heltidsandel, vikarer, kompetanse og sykefravær per enhet."),
            order=10,
        )
    ]
