"""The network's status table of declarations, for the page and for export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _

from heltidnett.db import DbSession
from heltidnett.declarations import permissions, services
from heltidnett.declarations.labels import DEFINITION_LABELS
from heltidnett.declarations.models import Declaration, DeclarationVersion, DefinitionKind
from heltidnett.declarations.threshold import definition_of
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.services import network_municipalities
from heltidnett.reports.export import Column, Table

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer


@dataclass
class StatusRow:
    """One municipality's declaration as the user may see it."""

    municipality: Municipality
    declaration: Declaration | None
    shown: DeclarationVersion | None  # the newest version the user may read
    in_force: DeclarationVersion | None  # the newest adopted version the user may read


def status_rows(session: DbSession, network: Any, user: Viewer) -> list[StatusRow]:
    """Every municipality of the network with its declaration's state, in name order."""
    municipalities = network_municipalities(session, network.id)
    declarations = services.declarations_of(session, [m.id for m in municipalities])
    rows = []
    for municipality in municipalities:
        declaration = declarations.get(municipality.id)
        shown = force = None
        if declaration is not None:
            drafts = permissions.can_see_drafts(user, municipality.id)
            versions = [v for v in declaration.versions if drafts or v.status == v.status.PUBLISHED]
            shown = versions[-1] if versions else None
            adopted = [v for v in versions if v.is_adopted]
            force = adopted[-1] if adopted else None
        rows.append(StatusRow(municipality, declaration, shown, force))
    return rows


def status_table(rows: list[StatusRow]) -> Table:
    """The status table for export: one row per municipality, numbers and dates as such."""
    table = Table(
        _("Heltidserklæringer"),
        [
            Column(_("Kommune"), width=22),
            Column(_("Status"), width=24),
            Column(_("Versjon"), "int"),
            Column(_("Definisjon av heltid"), width=34),
            Column(_("Heltid fra (prosent)"), "decimal", digits=1),
            Column(_("Vedtatt av"), width=22),
            Column(_("Vedtaksdato"), "date"),
            Column(_("Saksnummer")),
        ],
    )
    lines: list[Sequence[Any]] = []
    for row in rows:
        force = row.in_force
        definition = (
            definition_of(force.definition_kind, force.threshold_percent) if force else None
        )
        if row.shown is not None:
            status = services.status_label(row.shown.status)
        else:
            status = _("Ikke publisert") if row.declaration else _("Ikke påbegynt")
        lines.append(
            [
                row.municipality.name,
                status,
                row.shown.number if row.shown else None,
                str(DEFINITION_LABELS[force.definition_kind])
                if force
                else _(
                    "%(definition)s (standard)", definition=DEFINITION_LABELS[DefinitionKind.FULL]
                ),
                definition.threshold if definition else 100.0,
                force.adopted_by_body if force else "",
                force.adopted_on if force else None,
                force.case_number if force else "",
            ]
        )
    table.rows = lines
    return table
