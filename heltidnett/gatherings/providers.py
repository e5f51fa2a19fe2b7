"""The gatherings on a network's timeline (each gathering and the work after it), and the next
gathering and its registration on the home page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _

from heltidnett.core import waiting
from heltidnett.core.i18n import format_date
from heltidnett.db import DbSession
from heltidnett.gatherings import registrations, services
from heltidnett.gatherings.labels import KIND_LABELS, STATUS_LABELS
from heltidnett.gatherings.models import GatheringKind, GatheringStatus
from heltidnett.gatherings.services import visible_gatherings
from heltidnett.networks.models import NetworkRole
from heltidnett.networks.timeline import TimelineEntry

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the gatherings into the network's timeline and the home page."""
    registries.timeline.register(gathering_timeline)
    registries.waiting.register(waiting_gatherings)


def gathering_timeline(session: DbSession, network: Any, user: Viewer) -> list[TimelineEntry]:
    """Every gathering the user may see, each network gathering followed by its mellomarbeid."""
    gatherings = visible_gatherings(session, network.id, user)
    series = [g for g in gatherings if g.kind == GatheringKind.NETWORK]
    entries = []
    for gathering in gatherings:
        details = [str(KIND_LABELS[gathering.kind])]
        if gathering.place:
            details.append(gathering.place)
        if gathering.theme:
            details.append(gathering.theme)
        entries.append(
            TimelineEntry(
                kind="gathering",
                title=gathering.title,
                starts_on=gathering.starts_on,
                ends_on=gathering.ends_on,
                status=gathering.status.value,
                status_label=str(STATUS_LABELS[gathering.status]),
                url=url_for("gatherings.show", gathering_id=gathering.id),
                details=details,
                sort_key=(gathering.starts_on, 0, gathering.number),
            )
        )
        if gathering.kind != GatheringKind.NETWORK:
            continue
        later = [g for g in series if g.starts_on > gathering.ends_on]
        if not later and gathering.status == GatheringStatus.HELD:
            continue
        entries.append(
            TimelineEntry(
                kind="between",
                title=_("Mellomarbeid"),
                starts_on=gathering.ends_on,
                ends_on=later[0].starts_on if later else None,
                details=[_("Fram til %(title)s", title=later[0].title)] if later else [],
                sort_key=(gathering.ends_on, 1, gathering.number),
            )
        )
    return entries


def waiting_gatherings(session: DbSession, scope: waiting.Scope) -> list[waiting.WaitingItem]:
    """Per network, the next published gathering (and the next coordinators' meeting, for
    coordinators and facilitators): its registration, or that one is registered; for
    facilitators, its sign-ups, and the coming gatherings still to publish."""
    network_ids = scope.network_ids()
    if not network_ids:
        return []
    facilitated = scope.network_ids(NetworkRole.FACILITATOR)
    coming = services.coming_gatherings(session, network_ids, scope.today)
    published = [g for g in coming if g.status == GatheringStatus.PUBLISHED]
    registered = services.registered_gathering_ids(session, scope.user, {g.id for g in published})
    counts = services.registration_counts(
        session, {g.id for g in published if g.network_id in facilitated}
    )
    items: list[waiting.WaitingItem] = []
    coordinates = scope.network_ids(NetworkRole.COORDINATOR)
    seen: set[tuple[int, bool]] = set()  # (network, a coordinators' meeting?)
    for gathering in published:
        key = (gathering.network_id, gathering.kind == GatheringKind.COORDINATOR)
        if key in seen:
            continue
        if gathering.kind == GatheringKind.COORDINATOR and not (
            gathering.network_id in coordinates or gathering.network_id in facilitated
        ):
            continue  # a coordinators' meeting is not the next gathering of the others
        seen.add(key)
        url = url_for("gatherings.show", gathering_id=gathering.id)
        if gathering.network_id in facilitated:
            items.append(
                waiting.WaitingItem(
                    kind="gathering_attendance",
                    network_id=gathering.network_id,
                    title=_("Neste samling: %(title)s", title=gathering.title),
                    url=url_for("gatherings.attendance", gathering_id=gathering.id),
                    on=gathering.starts_on,
                    date_label=_("Starter"),
                    due=True,
                    detail=_(
                        "%(count)s påmeldte, påmeldingsfrist %(deadline)s",
                        count=counts.get(gathering.id, 0),
                        deadline=format_date(gathering.registration_deadline or gathering.ends_on),
                    ),
                )
            )
        elif gathering.id in registered:
            items.append(
                waiting.WaitingItem(
                    kind="gathering",
                    network_id=gathering.network_id,
                    title=_("Neste samling: %(title)s", title=gathering.title),
                    url=url,
                    on=gathering.starts_on,
                    date_label=_("Starter"),
                    due=True,
                    detail=_("Du er påmeldt. %(place)s", place=gathering.place).strip(),
                )
            )
        elif registrations.registration_open(gathering, scope.today):
            items.append(
                waiting.WaitingItem(
                    kind="registration",
                    network_id=gathering.network_id,
                    title=_("Meld deg på %(title)s", title=gathering.title),
                    url=url_for("gatherings.show", gathering_id=gathering.id, _anchor="pamelding"),
                    on=gathering.registration_deadline or gathering.ends_on,
                    date_label=_("Påmeldingsfrist"),
                    due=True,
                    detail=_(
                        "Samlingen starter %(date)s. %(place)s",
                        date=format_date(gathering.starts_on),
                        place=gathering.place,
                    ).strip(),
                )
            )
        else:
            items.append(
                waiting.WaitingItem(
                    kind="gathering",
                    network_id=gathering.network_id,
                    title=_("Neste samling: %(title)s", title=gathering.title),
                    url=url,
                    on=gathering.starts_on,
                    date_label=_("Starter"),
                    due=True,
                    detail=_("Påmeldingen er stengt."),
                )
            )
    for gathering in coming:
        if gathering.status == GatheringStatus.PLANNED and gathering.network_id in facilitated:
            items.append(
                waiting.WaitingItem(
                    kind="gathering_plan",
                    network_id=gathering.network_id,
                    title=_("Planlegg og publiser %(title)s", title=gathering.title),
                    url=url_for("gatherings.show", gathering_id=gathering.id),
                    on=gathering.starts_on,
                    date_label=_("Starter"),
                    due=True,
                    detail=_("Programmet er ikke publisert ennå."),
                )
            )
    return items
