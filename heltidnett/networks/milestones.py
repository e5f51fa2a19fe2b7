"""The steering matrix's columns: other domains contribute them (`Registries.milestones`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from heltidnett import registries
from heltidnett.db import DbSession

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer


@dataclass
class MilestoneCell:
    """Whether one municipality has reached one milestone, and where the evidence is."""

    done: bool
    label: str = ""  # e.g. "Vedtatt 18.06.2018" or "2 av 3"
    url: str | None = None
    partial: bool = False


@dataclass
class MilestoneColumn:
    """One milestone of the matrix with a cell per municipality id."""

    key: str
    title: str
    cells: dict[int, MilestoneCell]
    order: int = 100


# Called with (session, network, user); returns the columns the user may see.
MilestoneProvider = Callable[[DbSession, Any, Any], list[MilestoneColumn]]


def build(session: DbSession, network: Any, user: Viewer) -> list[MilestoneColumn]:
    """Every milestone column for a network, in order."""
    columns: list[MilestoneColumn] = []
    for provider in registries.current().milestones.providers():
        columns.extend(provider(session, network, user))
    return sorted(columns, key=lambda c: (c.order, c.title))
