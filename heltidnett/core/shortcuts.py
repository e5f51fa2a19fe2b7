"""Shortcuts on a network's or a municipality's page: each domain offers links to its pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from heltidnett import registries
from heltidnett.core.registry import Registry


@dataclass
class Shortcut:
    """A link card on a home page."""

    title: str
    url: str
    description: str = ""
    order: int = 100


# Called with (record, user); returns the shortcuts the user may follow.
ShortcutProvider = Callable[[Any, Any], list[Shortcut]]


def network_shortcuts(network: Any, user: Any) -> list[Shortcut]:
    """Every shortcut on a network's page (`Registries.network_shortcuts`), in order."""
    return _build(registries.current().network_shortcuts, network, user)


def municipality_shortcuts(municipality: Any, user: Any) -> list[Shortcut]:
    """Every shortcut on a municipality's page (`Registries.municipality_shortcuts`), in order."""
    return _build(registries.current().municipality_shortcuts, municipality, user)


def _build(registry: Registry[ShortcutProvider], record: Any, user: Any) -> list[Shortcut]:
    found: list[Shortcut] = []
    for provider in registry.providers():
        found.extend(provider(record, user))
    return sorted(found, key=lambda s: (s.order, s.title))
