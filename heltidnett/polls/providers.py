"""The polls on a municipality's page: its self-assessments round by round."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.core.shortcuts import Shortcut
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the municipality's poll results into its page."""
    registries.municipality_shortcuts.register(municipality_links)


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
