"""Shortcuts on a network's or a municipality's page: each domain offers links to its pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from heltidnett import registries
from heltidnett.core.registry import Registry

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer


@dataclass
class Shortcut:
    """A link card on a home page."""

    title: str
    url: str
    description: str = ""
    order: int = 100


# Called with (record, user); returns the shortcuts the user may follow.
ShortcutProvider = Callable[[Any, Any], list[Shortcut]]


def network_shortcuts(network: Any, user: Viewer) -> list[Shortcut]:
    """Every shortcut on a network's page (`Registries.network_shortcuts`), in order."""
    return _build(registries.current().network_shortcuts, network, user)


def municipality_shortcuts(municipality: Any, user: Viewer) -> list[Shortcut]:
    """Every shortcut on a municipality's page (`Registries.municipality_shortcuts`), in order."""
    return _build(registries.current().municipality_shortcuts, municipality, user)


def _build(registry: Registry[ShortcutProvider], record: Any, user: Viewer) -> list[Shortcut]:
    found: list[Shortcut] = []
    for provider in registry.providers():
        found.extend(provider(record, user))
    return sorted(found, key=lambda s: (s.order, s.title))
