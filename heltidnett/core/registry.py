"""A registry: the providers that domains plug into a page they don't own, in order."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

P = TypeVar("P", bound=Callable[..., Any])


class Registry(Generic[P]):
    """The providers of one extension point (the timeline, the steering matrix …).

    Filled by `create_app` through each domain's `providers.register`, never by importing a
    module: each app has its own, so building a second app registers nothing twice.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._providers: list[P] = []

    def register(self, *providers: P) -> None:
        """Add providers after those already there; the same one twice is a programming error."""
        for provider in providers:
            if provider in self._providers:
                raise ValueError(f"{provider!r} is already registered in {self.name}.")
            self._providers.append(provider)

    def providers(self) -> tuple[P, ...]:
        """The providers, in the order they were registered."""
        return tuple(self._providers)
