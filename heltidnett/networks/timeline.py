"""The network timeline: other domains contribute its entries (`Registries.timeline`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from heltidnett import registries
from heltidnett.db import DbSession

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer


@dataclass
class TimelineEntry:
    """One step of a network's series: a gathering, the work between, a chapter slot."""

    kind: str  # "gathering", "between" …: the template picks its look by kind
    title: str
    starts_on: date | None = None
    ends_on: date | None = None
    status: str = ""
    status_label: str = ""
    url: str | None = None
    details: list[Any] = field(default_factory=list)
    sort_key: tuple[Any, ...] = ()


# Called with (session, network, user); returns the entries the user may see.
TimelineProvider = Callable[[DbSession, Any, Any], list[TimelineEntry]]


def build(session: DbSession, network: Any, user: Viewer) -> list[TimelineEntry]:
    """All entries of a network's timeline, in date order."""
    entries: list[TimelineEntry] = []
    for provider in registries.current().timeline.providers():
        entries.extend(provider(session, network, user))
    return sorted(entries, key=lambda e: e.sort_key or (e.starts_on or date.max, e.title))
