"""The network page's shortcuts: each domain offers links to its own pages of a network."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class NetworkLink:
    """A shortcut on a network's home page."""

    title: str
    url: str
    description: str = ""
    order: int = 100


LinkProvider = Callable[[Any, Any], list[NetworkLink]]
_providers: list[LinkProvider] = []


def register(provider: LinkProvider) -> LinkProvider:
    """Add a provider: called with (network, user), returns the links the user may follow."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def build(network: Any, user: Any) -> list[NetworkLink]:
    """Every shortcut for a network, in order."""
    links: list[NetworkLink] = []
    for provider in _providers:
        links.extend(provider(network, user))
    return sorted(links, key=lambda link: (link.order, link.title))
