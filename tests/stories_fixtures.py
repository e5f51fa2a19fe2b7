"""Fixtures for the stories and commitments tests: gatherings and stories."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask import Flask

from heltidnett.extensions import db


@pytest.fixture
def make_held_gathering(app: Flask) -> Callable[..., Any]:
    """A bare held gathering (no agenda): make_held_gathering(network, number, starts_on)."""
    from heltidnett.gatherings.models import Gathering, GatheringKind, GatheringStatus

    def make(
        network: Any,
        number: int,
        starts_on: date,
        kind: str = "network",
        status: str = "held",
    ) -> Gathering:
        with app.app_context():
            gathering = Gathering(
                network_id=network.id,
                number=number,
                kind=GatheringKind(kind),
                title=f"Samling {number}",
                place="Bodø",
                starts_on=starts_on,
                ends_on=starts_on,
                status=GatheringStatus(status),
            )
            db.session.add(gathering)
            db.session.commit()
            return gathering

    return make


@pytest.fixture
def make_story(app: Flask) -> Callable[..., Any]:
    """A story of a municipality at a gathering (published unless told otherwise)."""
    from heltidnett.stories.models import Story, StoryStatus, StoryTheme, Theme

    def make(
        municipality: Any,
        gathering: Any,
        title: str = "Heltidserklæringen må på plass",
        published: bool = True,
        themes: tuple[str, ...] = ("anchoring",),
    ) -> Story:
        with app.app_context():
            story = Story(
                network_id=gathering.network_id,
                municipality_id=municipality.id,
                gathering_id=gathering.id,
                title=title,
                done_text="Vi har kartlagt stillingene.",
                learned_text="Forankring tar tid.",
                smart_text="Kick-off med politikerne.",
                status=StoryStatus.PUBLISHED if published else StoryStatus.DRAFT,
                theme_rows=[StoryTheme(theme=Theme(t)) for t in themes],
            )
            db.session.add(story)
            db.session.commit()
            return story

    return make


@pytest.fixture
def north(tenants, make_held_gathering):  # type: ignore[no-untyped-def]
    """The tenants with gatherings 3 and 4 in Heltid i nord and one in Rana's network."""
    tenants.g3 = make_held_gathering(tenants.north, 3, date(2018, 3, 6))
    tenants.g4 = make_held_gathering(tenants.north, 4, date(2018, 9, 3))
    tenants.other_g1 = make_held_gathering(tenants.other, 1, date(2018, 3, 6))
    return tenants
