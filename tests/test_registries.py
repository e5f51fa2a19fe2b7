"""The registries: filled by create_app, one per app, and nothing registered by an import."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from config import TestConfig
from heltidnett import create_app
from heltidnett.core.registry import Registry
from heltidnett.registries import EXTENSION, Registries

PACKAGE = Path(__file__).resolve().parent.parent / "heltidnett"


def _names(registries: Registries) -> dict[str, list[str]]:
    return {
        registry.name: [f"{p.__module__}.{p.__name__}" for p in registry.providers()]
        for registry in (
            registries.timeline,
            registries.milestones,
            registries.network_shortcuts,
            registries.municipality_shortcuts,
            registries.waiting,
        )
    }


def test_registry_keeps_order_and_refuses_the_same_provider_twice() -> None:
    def first() -> None: ...

    def second() -> None: ...

    registry: Registry[Callable[[], None]] = Registry("example")
    registry.register(first, second)
    assert registry.providers() == (first, second)
    with pytest.raises(ValueError, match="already registered in example"):
        registry.register(first)


def test_each_app_has_its_own_registries_filled_once(app: Flask, tmp_path: Path) -> None:
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'second.db'}"

    second = create_app(Config)
    ours, theirs = app.extensions[EXTENSION], second.extensions[EXTENSION]
    assert ours is not theirs
    assert _names(ours) == _names(theirs)
    assert _names(ours) == {
        "timeline": [
            "heltidnett.declarations.providers.declaration_timeline",
            "heltidnett.gatherings.providers.gathering_timeline",
            "heltidnett.workbooks.providers.chapter_entries",
        ],
        "milestones": [
            "heltidnett.commitments.providers.commitment_columns",
            "heltidnett.comments.providers.review_column",
            "heltidnett.declarations.providers.declaration_milestone",
            "heltidnett.workbooks.providers.delivered_column",
        ],
        "network_shortcuts": [
            "heltidnett.commitments.providers.network_links",
            "heltidnett.declarations.providers.network_links",
            "heltidnett.goals.providers.network_links",
            "heltidnett.meetings.providers.network_links",
            "heltidnett.notifications.providers.reminder_links",
            "heltidnett.staffing.providers.network_links",
            "heltidnett.stories.providers.network_links",
            "heltidnett.workbooks.providers.network_links",
        ],
        "municipality_shortcuts": [
            "heltidnett.declarations.providers.municipality_links",
            "heltidnett.goals.providers.municipality_links",
            "heltidnett.meetings.providers.municipality_links",
            "heltidnett.polls.providers.municipality_links",
            "heltidnett.staffing.providers.municipality_links",
        ],
        "waiting": [
            "heltidnett.commitments.providers.waiting_commitments",
            "heltidnett.declarations.providers.waiting_declarations",
            "heltidnett.gatherings.providers.waiting_gatherings",
            "heltidnett.goals.providers.waiting_actions",
            "heltidnett.polls.providers.waiting_polls",
            "heltidnett.stories.providers.waiting_ideas",
            "heltidnett.workbooks.providers.waiting_chapters",
        ],
    }


def test_importing_the_domains_registers_nothing() -> None:
    """No registry lives at module level: a module cannot register anything by being imported."""
    for path in sorted(PACKAGE.rglob("*.py")):
        module = importlib.import_module(
            ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(
                ".__init__"
            )
        )
        found = [name for name, value in vars(module).items() if isinstance(value, Registry)]
        assert not found, f"{module.__name__} holds a registry at module level: {found}"
