"""Declarations on a network's timeline, in its steering matrix and on the home pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from heltidnett.core import waiting
from heltidnett.core.i18n import format_date
from heltidnett.core.shortcuts import Shortcut
from heltidnett.db import DbSession
from heltidnett.declarations import services
from heltidnett.declarations.models import Status
from heltidnett.declarations.overview import status_rows
from heltidnett.networks.milestones import MilestoneCell, MilestoneColumn
from heltidnett.networks.models import NetworkRole
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
    registries.waiting.register(waiting_declarations)


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


def waiting_declarations(session: DbSession, scope: waiting.Scope) -> list[waiting.WaitingItem]:
    """The declaration's next step: for a municipality's coordinators the step of its current
    version; on consultation, a comment from its steering members and the network's
    facilitators."""
    coordinated = scope.places(NetworkRole.COORDINATOR)
    steered = scope.places(NetworkRole.STEERING)
    facilitated = scope.network_ids(NetworkRole.FACILITATOR)
    places = coordinated | steered | services.network_places(session, facilitated)
    if not places:
        return []
    network_of: dict[int, int] = {}
    for network_id, municipality_id in sorted(places):
        network_of.setdefault(municipality_id, network_id)
    coordinates = {m for _, m in coordinated}
    steers = {m for _, m in steered}
    items: list[waiting.WaitingItem] = []
    for version in services.current_versions(session, set(network_of)):
        municipality = version.declaration.municipality
        url = url_for(
            "declarations.show_version", municipality_id=municipality.id, number=version.number
        )
        changed = (version.updated_at or version.created_at).date()
        open_comments = [c for c in version.comments if c.resolved_at is None]
        network_id = network_of[municipality.id]
        if municipality.id in coordinates:
            step = _COORDINATOR_STEPS.get(version.status)
            if step is None:
                continue
            detail = ""
            if open_comments:
                detail = ngettext(
                    "%(num)d innspill er ikke tatt stilling til",
                    "%(num)d innspill er ikke tatt stilling til",
                    len(open_comments),
                )
            items.append(
                waiting.WaitingItem(
                    kind=f"declaration_{version.status.value}",
                    title=str(step) % {"m": municipality.name},
                    date_label=_("Sist endret"),
                    detail=detail,
                    network_id=network_id,
                    url=url,
                    on=changed,
                )
            )
        elif version.status == Status.CONSULTATION:
            mine = sum(1 for c in version.comments if c.author_id == scope.user.id)
            detail = (
                ngettext("Du har gitt %(num)d innspill.", "Du har gitt %(num)d innspill.", mine)
                if mine
                else ""
            )
            if municipality.id in steers:
                detail = " ".join(filter(None, [_("Til styringsgruppens vurdering."), detail]))
            items.append(
                waiting.WaitingItem(
                    kind="declaration_comment",
                    title=_(
                        "Gi innspill til heltidserklæringen til %(m)s, som er på høring",
                        m=municipality.name,
                    ),
                    date_label=_("Sist endret"),
                    detail=detail,
                    network_id=network_id,
                    url=url,
                    on=changed,
                )
            )
    return items


_COORDINATOR_STEPS = {
    Status.DRAFT: _l("Gjør ferdig utkastet til heltidserklæring for %(m)s og send det på høring"),
    Status.CONSULTATION: _l(
        "Heltidserklæringen for %(m)s er på høring: ta stilling til innspillene"
    ),
    Status.APPROVED: _l("Før inn vedtaket om heltidserklæringen for %(m)s"),
    Status.ADOPTED: _l("Publiser heltidserklæringen for %(m)s"),
}
