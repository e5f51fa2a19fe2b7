"""The commitments in the steering matrix and on a network's page."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from heltidnett.commitments.models import Commitment, CommitmentStatus
from heltidnett.commitments.permissions import can_view_matrix
from heltidnett.commitments.services import network_milestones
from heltidnett.core import waiting
from heltidnett.core.i18n import format_date
from heltidnett.core.shortcuts import Shortcut
from heltidnett.db import DbSession
from heltidnett.networks.milestones import MilestoneCell, MilestoneColumn
from heltidnett.networks.models import NetworkRole

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the commitments into the steering matrix and the network's page."""
    registries.milestones.register(commitment_columns)
    registries.network_shortcuts.register(network_links)
    registries.waiting.register(waiting_commitments)


def network_links(network: Any, user: Viewer) -> list[Shortcut]:
    """The network page's shortcuts to the commitments and the steering matrix."""
    found = [
        Shortcut(
            _("Forpliktelser"),
            url_for("commitments.network_commitments", network_id=network.id),
            _("Det viktigste hver kommune tar tak i hjemme, og oppfølgingen."),
            order=50,
        )
    ]
    if can_view_matrix(user, network.id):
        found.append(
            Shortcut(
                _("Styringsmatrise"),
                url_for("commitments.steering", network_id=network.id),
                _("Kommunene mot milepælene, med dokumentasjon."),
                order=60,
            )
        )
    return found


def followed_up_cells(session: DbSession, network_id: int) -> dict[int, MilestoneCell]:
    """Per municipality: how many of its commitments have been followed up."""
    rows = session.execute(
        sa.select(Commitment.municipality_id, Commitment.status).where(
            Commitment.network_id == network_id, Commitment.municipality_id.is_not(None)
        )
    ).all()
    total: Counter[int] = Counter()
    done: Counter[int] = Counter()
    for municipality_id, status in rows:
        assert municipality_id is not None  # joint commitments are left out above
        total[municipality_id] += 1
        if status != CommitmentStatus.OPEN:
            done[municipality_id] += 1
    cells = {}
    for municipality_id, count in total.items():
        followed = done[municipality_id]
        cells[municipality_id] = MilestoneCell(
            done=followed == count,
            partial=0 < followed < count,
            label=_("%(done)d av %(total)d", done=followed, total=count),
            url=url_for(
                "commitments.network_commitments",
                network_id=network_id,
                _anchor=f"kommune-{municipality_id}",
            ),
        )
    return cells


def commitment_columns(session: DbSession, network: Any, user: Viewer) -> list[MilestoneColumn]:
    """'Commitments followed up' and the facilitator's own milestones."""
    if not can_view_matrix(user, network.id):
        return []
    columns = [
        MilestoneColumn(
            key="commitments_followed_up",
            title=_("Forpliktelser fulgt opp"),
            cells=followed_up_cells(session, network.id),
            order=60,
        )
    ]
    for milestone in network_milestones(session, network.id):
        cells = {}
        for tick in milestone.ticks:
            cells[tick.municipality_id] = MilestoneCell(
                done=True,
                label=format_date(tick.reached_on) if tick.reached_on else _("Nådd"),
                url=tick.evidence_url
                or url_for("commitments.milestone", milestone_id=milestone.id),
            )
        columns.append(
            MilestoneColumn(
                key=f"milestone_{milestone.id}",
                title=milestone.title,
                cells=cells,
                order=200 + milestone.position,
            )
        )
    return columns


def waiting_commitments(session: DbSession, scope: waiting.Scope) -> list[waiting.WaitingItem]:
    """Open commitments to follow up: a municipality's for its coordinators (who write the
    follow-up) and its steering members (who see to it); the joint ones for facilitators."""
    coordinated = scope.places(NetworkRole.COORDINATOR)
    steered = scope.places(NetworkRole.STEERING)
    facilitated = scope.network_ids(NetworkRole.FACILITATOR)
    network_ids = {n for n, _ in coordinated | steered} | facilitated
    if not network_ids:
        return []
    rows = session.scalars(
        sa.select(Commitment)
        .where(Commitment.network_id.in_(network_ids), Commitment.status == CommitmentStatus.OPEN)
        .order_by(Commitment.due_on, Commitment.id)
    )
    items: list[waiting.WaitingItem] = []
    for commitment in rows:
        place = (commitment.network_id, commitment.municipality_id)
        if commitment.municipality_id is None:
            if commitment.network_id not in facilitated:
                continue
            writes, who = True, _("Felles for nettverket")
        elif place in coordinated or place in steered:
            writes = place in coordinated
            who = scope.municipalities.get(commitment.municipality_id, "")
        else:
            continue
        text = commitment.text if len(commitment.text) <= 80 else commitment.text[:79] + "…"
        items.append(
            waiting.WaitingItem(
                kind="commitment",
                network_id=commitment.network_id,
                title=_("Følg opp forpliktelsen «%(text)s»", text=text),
                url=url_for("commitments.follow_up", commitment_id=commitment.id)
                if writes
                else url_for(
                    "commitments.network_commitments",
                    network_id=commitment.network_id,
                    _anchor=f"kommune-{commitment.municipality_id}",
                ),
                on=commitment.due_on,
                date_label=_("Frist"),
                due=True,
                detail=_("%(who)s, ansvarlig: %(owner)s", who=who, owner=commitment.owner),
                overdue=commitment.due_on < scope.today,
            )
        )
    return items
