"""The latest review mark of each municipality beside the steering matrix's milestones."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _

from heltidnett.comments import services
from heltidnett.comments.labels import ASSESSMENT_LABELS
from heltidnett.comments.models import ReviewAssessment
from heltidnett.comments.permissions import can_follow
from heltidnett.core.i18n import format_date
from heltidnett.db import DbSession
from heltidnett.networks.milestones import MilestoneCell, MilestoneColumn
from heltidnett.networks.services import network_municipalities

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the review marks into the steering matrix."""
    registries.milestones.register(review_column)


def review_column(session: DbSession, network: Any, user: Viewer) -> list[MilestoneColumn]:
    """ "Siste gjennomgang": per municipality the user follows, its newest mark and date, linked
    to the row's page (marks and threads)."""
    municipalities = [
        m for m in network_municipalities(session, network.id) if can_follow(user, network.id, m.id)
    ]
    if not municipalities:
        return []
    marks = services.latest_marks(session, network.id)
    cells: dict[int, MilestoneCell] = {}
    for m in municipalities:
        url = url_for("comments.row", network_id=network.id, municipality_id=m.id)
        mark = marks.get(m.id)
        if mark is None:
            cells[m.id] = MilestoneCell(False, _("Ikke vurdert"), url)
            continue
        label = (
            f"{ASSESSMENT_LABELS[mark.assessment]} ({mark.period}, {format_date(mark.created_at)})"
        )
        cells[m.id] = MilestoneCell(
            mark.assessment == ReviewAssessment.ON_TRACK,
            label,
            url,
            partial=mark.assessment == ReviewAssessment.NEEDS_ATTENTION,
        )
    return [MilestoneColumn("review", _("Siste gjennomgang"), cells, order=1000)]
