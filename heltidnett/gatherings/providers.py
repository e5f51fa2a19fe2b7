"""The gatherings on a network's timeline: each gathering and the work after it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _

from heltidnett.db import DbSession
from heltidnett.gatherings.labels import KIND_LABELS, STATUS_LABELS
from heltidnett.gatherings.models import GatheringKind, GatheringStatus
from heltidnett.gatherings.services import visible_gatherings
from heltidnett.networks.timeline import TimelineEntry

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the gatherings into the network's timeline."""
    registries.timeline.register(gathering_timeline)


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
