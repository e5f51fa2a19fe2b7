"""Shortcuts on a network's or a municipality's page: each domain offers links to its pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Shortcut:
    """A link card on a home page."""

    title: str
    url: str
    description: str = ""
    order: int = 100


Provider = Callable[[Any, Any], list[Shortcut]]


class Shortcuts:
    """The providers of one page's shortcuts; each is called with (record, user)."""

    def __init__(self) -> None:
        self._providers: list[Provider] = []

    def register(self, provider: Provider) -> Provider:
        """Add a provider that returns the shortcuts the user may follow."""
        if provider not in self._providers:
            self._providers.append(provider)
        return provider

    def build(self, record: Any, user: Any) -> list[Shortcut]:
        """Every shortcut for the record, in order."""
        found: list[Shortcut] = []
        for provider in self._providers:
            found.extend(provider(record, user))
        return sorted(found, key=lambda s: (s.order, s.title))


network_shortcuts = Shortcuts()
municipality_shortcuts = Shortcuts()
