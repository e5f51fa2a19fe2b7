"""The access matrices' world as fixtures: built once per module, one savepoint per case."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from heltidnett.extensions import limiter
from tests.conftest import rolled_back
from tests.matrix_world import World, build_world


@pytest.fixture(scope="module")
def world(_app: Flask) -> Iterator[World]:
    """The world, built once per module and backend, rolled back at the end of the module."""
    with rolled_back(_app) as connection:
        yield build_world(_app, connection)


@pytest.fixture
def case_db(world: World) -> Iterator[World]:
    """The world for one case: whatever the case writes is rolled back afterwards."""
    nested = world.connection.begin_nested()
    limiter.reset()
    try:
        yield world
    finally:
        if nested.is_active:
            nested.rollback()
