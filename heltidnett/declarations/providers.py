"""Declarations on a network's timeline, in its steering matrix and on the home pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _

from heltidnett.core.i18n import format_date
from heltidnett.core.shortcuts import Shortcut
from heltidnett.db import DbSession
from heltidnett.declarations import services
from heltidnett.declarations.overview import status_rows
from heltidnett.networks.milestones import MilestoneCell, MilestoneColumn
from heltidnett.networks.timeline import TimelineEntry

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the declarations into the network's timeline, steering matrix and home pages."""
    registries.timeline.register(declaration_timeline)
    registries.milestones.register(declaration_milestone)
    registries.network_shortcuts.register(network_links)
    registries.municipality_shortcuts.register(municipality_links)


def declaration_milestone(session: DbSession, network: Any, user: Viewer) -> list[MilestoneColumn]:
    """'Heltidserklæring vedtatt': done when a version is adopted; partial while under way."""
    cells: dict[int, MilestoneCell] = {}
    for row in status_rows(session, network, user):
        url = url_for("declarations.show", municipality_id=row.municipality.id)
        if row.in_force is not None:
            label = _("Vedtatt %(date)s", date=format_date(row.in_force.adopted_on, "short"))
            cells[row.municipality.id] = MilestoneCell(True, label, url)
        elif row.shown is not None:
            label = services.status_label(row.shown.status)
            cells[row.municipality.id] = MilestoneCell(False, label, url, partial=True)
        elif row.declaration is not None:
            cells[row.municipality.id] = MilestoneCell(False, _("Ikke publisert"))
        else:
            cells[row.municipality.id] = MilestoneCell(False, _("Ikke påbegynt"))
    return [
        MilestoneColumn(
            key="declaration_adopted", title=_("Heltidserklæring vedtatt"), cells=cells, order=10
        )
    ]


def declaration_timeline(session: DbSession, network: Any, user: Viewer) -> list[TimelineEntry]:
    """Each adoption of a declaration the user may see, on the network's timeline."""
    entries = []
    for row in status_rows(session, network, user):
        if row.in_force is None or row.in_force.adopted_on is None:
            continue
        entries.append(
            TimelineEntry(
                kind="declaration",
                title=_("%(name)s: heltidserklæring vedtatt", name=row.municipality.name),
                starts_on=row.in_force.adopted_on,
                status_label=row.in_force.adopted_by_body,
                url=url_for("declarations.show", municipality_id=row.municipality.id),
                details=[_("Saksnummer %(case)s", case=row.in_force.case_number)],
            )
        )
    return entries


def network_links(network: Any, user: Viewer) -> list[Shortcut]:
    """The network page's shortcut to where each municipality stands."""
    return [
        Shortcut(
            _("Heltidserklæringer"),
            url_for("declarations.network_status", network_id=network.id),
            _("Hvor hver kommune står: utkast, drøfting, godkjent, vedtatt."),
            order=30,
        )
    ]


def municipality_links(municipality: Any, user: Viewer) -> list[Shortcut]:
    """The municipality page's shortcut to its declaration."""
    return [
        Shortcut(
            _("Heltidserklæring"),
            url_for("declarations.show", municipality_id=municipality.id),
            _(
                "Kommunens lokale heltidserklæring: definisjonen av heltid, mål, prinsipper og vedtak."  # noqa: E501
            ),
            order=20,
        )
    ]
