""" "Dette venter på deg": what each person should do now, from every domain (`Registries.waiting`).

Each domain's provider gets the person's `Scope` (their roles in the active networks, and
today) and returns the lines that wait for them: what, by when, and a link to the place to do
it. A provider sends a fixed number of statements whatever the number of records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from heltidnett import registries
from heltidnett.auth import access
from heltidnett.db import DbSession
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Network, NetworkRole, NetworkStatus

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer


@dataclass
class WaitingItem:
    """One thing the person should do: what, the date it is about, where to do it."""

    kind: str  # "chapter", "feedback", "question" …: tests and the page's look pick by kind
    network_id: int
    title: str
    url: str
    on: date | None = None
    date_label: str = ""  # "Frist", "Levert" …: what the date is
    detail: str = ""
    overdue: bool = False
    due: bool = False  # the date is a deadline (or the day it happens), not when it began

    @property
    def sort_key(self) -> tuple[Any, ...]:
        """Overdue first, then deadlines soonest first, then the rest longest waiting first."""
        return (not self.overdue, not self.due, self.on is None, self.on or date.max, self.title)


@dataclass(frozen=True)
class Scope:
    """The person's roles in their active networks, and today: what every provider reads."""

    user: Any
    today: date
    grants: tuple[access.Grant, ...] = ()
    networks: dict[int, str] = field(default_factory=dict)  # active network id → name
    municipalities: dict[int, str] = field(default_factory=dict)  # the grants' id → name

    def network_ids(self, *roles: NetworkRole) -> set[int]:
        """Active networks where the person holds one of the roles (any role if none given)."""
        return {g.network_id for g in self.grants if not roles or g.role in roles}

    def places(self, *roles: NetworkRole) -> set[tuple[int, int]]:
        """(network id, municipality id) where the person holds one of the roles."""
        return {
            (g.network_id, g.municipality_id)
            for g in self.grants
            if g.role in roles and g.municipality_id is not None
        }

    def municipality_ids(self, *roles: NetworkRole) -> set[int]:
        """The municipalities the person holds one of the roles for, in the active networks."""
        return {municipality_id for _, municipality_id in self.places(*roles)}


# Called with (session, scope); returns the lines waiting for the scope's person.
WaitingProvider = Callable[[DbSession, Scope], list[WaitingItem]]


@dataclass
class WaitingGroup:
    """The lines of one network."""

    network_id: int
    network_name: str
    items: list[WaitingItem]


def scope_of(session: DbSession, user: Viewer, today: date | None = None) -> Scope:
    """The person's grants in networks that are not closed, with those networks' names."""
    today = today or date.today()
    grants = access.grants(user)
    ids = {g.network_id for g in grants}
    networks: dict[int, str] = {}
    if ids:
        rows = session.execute(
            sa.select(Network.id, Network.name)
            .where(Network.id.in_(ids), Network.status != NetworkStatus.CLOSED)
            .order_by(Network.starts_on.desc(), Network.name)
        ).all()
        networks = {row[0]: row[1] for row in rows}
    kept = tuple(g for g in grants if g.network_id in networks)
    municipality_ids = {g.municipality_id for g in kept if g.municipality_id is not None}
    municipalities: dict[int, str] = {}
    if municipality_ids:
        rows = session.execute(
            sa.select(Municipality.id, Municipality.name).where(
                Municipality.id.in_(municipality_ids)
            )
        ).all()
        municipalities = {row[0]: row[1] for row in rows}
    return Scope(
        user=user, today=today, grants=kept, networks=networks, municipalities=municipalities
    )


def build(session: DbSession, user: Viewer, today: date | None = None) -> list[WaitingGroup]:
    """What waits for the person, by network (the newest first), each overdue first then by date."""
    scope = scope_of(session, user, today)
    if not scope.networks:
        return []
    found: dict[int, list[WaitingItem]] = {network_id: [] for network_id in scope.networks}
    for provider in registries.current().waiting.providers():
        for item in provider(session, scope):
            if item.network_id in found:
                found[item.network_id].append(item)
    return [
        WaitingGroup(
            network_id, scope.networks[network_id], sorted(items, key=lambda i: i.sort_key)
        )
        for network_id, items in found.items()
    ]
