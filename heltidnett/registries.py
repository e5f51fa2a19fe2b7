"""The app's extension points: where domains add to the network, municipality and home pages.

`create_app` makes one `Registries` per app and hands it to each domain's
`providers.register(registries)`; the pages read it through `current()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flask import Flask, current_app

from heltidnett.core.registry import Registry

if TYPE_CHECKING:
    from heltidnett.core.shortcuts import ShortcutProvider
    from heltidnett.core.waiting import WaitingProvider
    from heltidnett.networks.milestones import MilestoneProvider
    from heltidnett.networks.timeline import TimelineProvider

EXTENSION = "heltidnett.registries"


@dataclass
class Registries:
    """One registry per extension point."""

    timeline: Registry[TimelineProvider] = field(default_factory=lambda: Registry("timeline"))
    milestones: Registry[MilestoneProvider] = field(default_factory=lambda: Registry("milestones"))
    network_shortcuts: Registry[ShortcutProvider] = field(
        default_factory=lambda: Registry("network_shortcuts")
    )
    municipality_shortcuts: Registry[ShortcutProvider] = field(
        default_factory=lambda: Registry("municipality_shortcuts")
    )
    waiting: Registry[WaitingProvider] = field(default_factory=lambda: Registry("waiting"))

    def init_app(self, app: Flask) -> None:
        """Make these the app's registries."""
        app.extensions[EXTENSION] = self


def current() -> Registries:
    """The registries of the running app."""
    registries: Registries = current_app.extensions[EXTENSION]
    return registries
