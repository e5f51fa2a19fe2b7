"""The workbook on a network's timeline, in its steering matrix and on its page."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from heltidnett.auth import access
from heltidnett.core.shortcuts import Shortcut
from heltidnett.db import DbSession
from heltidnett.networks import milestones, timeline
from heltidnett.workbooks import permissions, services
from heltidnett.workbooks.labels import CHAPTER_STATE_LABELS, STATUS_LABELS
from heltidnett.workbooks.models import DeliveryStatus

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.registries import Registries

DELIVERED = (DeliveryStatus.SUBMITTED, DeliveryStatus.FEEDBACK_GIVEN)


def register(registries: Registries) -> None:
    """Plug the workbook into the network's timeline, steering matrix and page."""
    registries.timeline.register(chapter_entries)
    registries.milestones.register(delivered_column)
    registries.network_shortcuts.register(network_links)


def chapter_entries(session: DbSession, network: Any, user: Viewer) -> list[timeline.TimelineEntry]:
    """A slot per chapter: its due date; for facilitators the delivery count and overdue."""
    today = date.today()
    facilitator = access.is_facilitator_of(user, network.id)
    municipalities = services.network_municipalities(session, network.id) if facilitator else []
    entries = []
    for chapter in services.visible_chapters(session, user, network.id):
        gathering = chapter.opens_after_gathering
        anchor = gathering.ends_on if gathering else (chapter.due_on or date.max)
        details: list[str] = []
        status, status_label = "", ""
        if not chapter.is_open:
            status, status_label = "draft", str(CHAPTER_STATE_LABELS[chapter.state])
            if chapter.opens_at is not None:
                details.append(_("Åpner %(time)s", time=_format_moment(chapter.opens_at)))
        elif facilitator and municipalities:
            by_id = {d.municipality_id: d for d in chapter.deliveries}
            statuses = [services.status_of(by_id.get(m.id)) for m in municipalities]
            delivered = sum(1 for s in statuses if s in DELIVERED)
            overdue = [
                m.name
                for m, s in zip(municipalities, statuses, strict=True)
                if services.is_overdue(chapter, s, today)
            ]
            status = "overdue" if overdue else ("done" if delivered == len(statuses) else "open")
            status_label = _("%(done)d av %(all)d levert", done=delivered, all=len(statuses))
            if overdue:
                details.append(
                    ngettext(
                        "Forfalt: %(names)s (%(num)d kommune)",
                        "Forfalt: %(names)s (%(num)d kommuner)",
                        len(overdue),
                        names=", ".join(overdue),
                    )
                )
        else:
            own = [
                mid
                for mid in access.coordinated_municipality_ids(user)
                if permissions.takes_part(chapter, mid)
            ]
            by_id = {d.municipality_id: d for d in chapter.deliveries}
            for mid in own:
                own_status = services.status_of(by_id.get(mid))
                status = own_status.value
                status_label = str(STATUS_LABELS[own_status])
                if services.is_overdue(chapter, own_status, today):
                    status = "overdue"
                    details.append(_("Fristen er passert, og kapittelet er ikke levert."))
        if chapter.due_on:
            details.insert(0, _("Frist: %(date)s", date=_format(chapter.due_on)))
        entries.append(
            timeline.TimelineEntry(
                kind="chapter",
                title=_(
                    "Arbeidsbok kapittel %(n)d: %(title)s", n=chapter.number, title=chapter.title
                ),
                starts_on=None,
                status=status,
                status_label=status_label,
                url=url_for("workbooks.chapter", chapter_id=chapter.id),
                details=details,
                sort_key=(anchor, 2, chapter.number),
            )
        )
    return entries


def _format(value: date) -> str:
    from heltidnett.core.i18n import format_date

    return format_date(value)


def _format_moment(value: datetime) -> str:
    from heltidnett.core.i18n import format_datetime

    return format_datetime(value)


def delivered_column(
    session: DbSession, network: Any, user: Viewer
) -> list[milestones.MilestoneColumn]:
    """'Arbeidsbok levert': per municipality, how many open chapters are delivered."""
    chapters = services.open_chapters(session, network.id)
    if not chapters:
        return []
    cells: dict[int, milestones.MilestoneCell] = {}
    for municipality in services.network_municipalities(session, network.id):
        delivered = []
        for chapter in chapters:
            delivery = next(
                (d for d in chapter.deliveries if d.municipality_id == municipality.id), None
            )
            if delivery is not None and delivery.status in DELIVERED:
                delivered.append((chapter, delivery))
        url = None
        if delivered:
            chapter, delivery = delivered[-1]
            if permissions.can_view_delivery(user, chapter, municipality.id, delivery):
                url = url_for(
                    "workbooks.delivery", chapter_id=chapter.id, municipality_id=municipality.id
                )
        cells[municipality.id] = milestones.MilestoneCell(
            done=len(delivered) == len(chapters),
            label=_("%(done)d av %(all)d", done=len(delivered), all=len(chapters)),
            url=url,
            partial=0 < len(delivered) < len(chapters),
        )
    return [
        milestones.MilestoneColumn(
            key="workbook_delivered", title=_("Arbeidsbok levert"), cells=cells, order=40
        )
    ]


def network_links(network: Any, user: Viewer) -> list[Shortcut]:
    """The network page's shortcut to the workbook."""
    return [
        Shortcut(
            _("Arbeidsbok"),
            url_for("workbooks.index", network_id=network.id),
            _("Kapitlene kommunene svarer på mellom samlingene, med leveranser og tilbakemelding."),
            order=20,
        )
    ]
