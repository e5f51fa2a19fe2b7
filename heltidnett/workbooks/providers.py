"""The workbook on a network's timeline, in its steering matrix and on its page."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from heltidnett.auth import access
from heltidnett.core import waiting
from heltidnett.core.shortcuts import Shortcut
from heltidnett.db import DbSession, utcnow
from heltidnett.networks import milestones, timeline
from heltidnett.networks.models import NetworkRole
from heltidnett.networks.services import participants_of
from heltidnett.workbooks import permissions, services
from heltidnett.workbooks.labels import CHAPTER_STATE_LABELS, STATUS_LABELS
from heltidnett.workbooks.models import DeliveryStatus

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.registries import Registries

DELIVERED = (DeliveryStatus.SUBMITTED, DeliveryStatus.FEEDBACK_GIVEN)
FEEDBACK_FRESH_DAYS = 30  # steering members are shown feedback this many days after it came


def register(registries: Registries) -> None:
    """Plug the workbook into the network's timeline, steering matrix and page."""
    registries.timeline.register(chapter_entries)
    registries.milestones.register(delivered_column)
    registries.network_shortcuts.register(network_links)
    registries.waiting.register(waiting_chapters)


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


def waiting_chapters(session: DbSession, scope: waiting.Scope) -> list[waiting.WaitingItem]:
    """Chapters the person's municipalities have still to deliver; for facilitators, delivered
    chapters waiting for their feedback and the municipalities late with one; for steering
    members, feedback to read."""
    coordinated = scope.places(NetworkRole.COORDINATOR)
    steered = scope.places(NetworkRole.STEERING)
    facilitated = scope.network_ids(NetworkRole.FACILITATOR)
    network_ids = {n for n, _ in coordinated | steered} | facilitated
    if not network_ids:
        return []
    now = utcnow()
    chapters = [c for c in services.chapters_in_networks(session, network_ids) if c.is_open_at(now)]
    items: list[waiting.WaitingItem] = []
    names = scope.municipalities
    taking_part = participants_of(session, facilitated)
    for chapter in chapters:
        by_id = {d.municipality_id: d for d in chapter.deliveries}
        label = _("kapittel %(n)d: %(title)s", n=chapter.number, title=chapter.title)
        for network_id, municipality_id in sorted(coordinated):
            if network_id != chapter.network_id:
                continue
            status = services.status_of(by_id.get(municipality_id))
            if status in DELIVERED:
                continue
            items.append(
                waiting.WaitingItem(
                    kind="chapter",
                    network_id=network_id,
                    title=_("Svar på %(chapter)s", chapter=label),
                    url=url_for(
                        "workbooks.delivery",
                        chapter_id=chapter.id,
                        municipality_id=municipality_id,
                    ),
                    on=chapter.due_on,
                    date_label=_("Frist"),
                    due=True,
                    detail=_(
                        "%(m)s: %(status)s",
                        m=names.get(municipality_id, ""),
                        status=STATUS_LABELS[status],
                    ),
                    overdue=services.is_overdue(chapter, status, scope.today),
                )
            )
        for network_id, municipality_id in sorted(steered):
            delivery = by_id.get(municipality_id)
            if network_id != chapter.network_id or delivery is None:
                continue
            if delivery.status != DeliveryStatus.FEEDBACK_GIVEN or delivery.feedback_at is None:
                continue
            if (scope.today - delivery.feedback_at.date()).days > FEEDBACK_FRESH_DAYS:
                continue
            items.append(
                waiting.WaitingItem(
                    kind="feedback_to_read",
                    network_id=network_id,
                    title=_("Les tilbakemeldingen på %(chapter)s", chapter=label),
                    url=url_for(
                        "workbooks.delivery",
                        chapter_id=chapter.id,
                        municipality_id=municipality_id,
                        _anchor="tilbakemelding",
                    ),
                    on=delivery.feedback_at.date(),
                    date_label=_("Gitt"),
                    detail=names.get(municipality_id, ""),
                )
            )
        if chapter.network_id not in facilitated:
            continue
        late = [
            m.name
            for m in taking_part.get(chapter.network_id, [])
            if services.is_overdue(chapter, services.status_of(by_id.get(m.id)), scope.today)
        ]
        if late:
            items.append(
                waiting.WaitingItem(
                    kind="chapter_late",
                    network_id=chapter.network_id,
                    title=_("Følg opp de som ikke har levert %(chapter)s", chapter=label),
                    url=url_for("workbooks.board", network_id=chapter.network_id),
                    on=chapter.due_on,
                    date_label=_("Frist"),
                    due=True,
                    detail=", ".join(late),
                    overdue=True,
                )
            )
        for delivery in chapter.deliveries:
            if delivery.status != DeliveryStatus.SUBMITTED:
                continue
            items.append(
                waiting.WaitingItem(
                    kind="give_feedback",
                    network_id=chapter.network_id,
                    title=_(
                        "Gi tilbakemelding til %(m)s på %(chapter)s",
                        m=delivery.municipality.name,
                        chapter=label,
                    ),
                    url=url_for(
                        "workbooks.delivery",
                        chapter_id=chapter.id,
                        municipality_id=delivery.municipality_id,
                    ),
                    on=delivery.submitted_at.date() if delivery.submitted_at else None,
                    date_label=_("Levert"),
                )
            )
    return items
