"""The access matrices' world as fixtures: built once per module, one savepoint per case."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask_sqlalchemy.session import _app_ctx_id
from sqlalchemy import orm

from heltidnett.extensions import db, limiter
from tests.matrix_world import World, build_world


@pytest.fixture(scope="module")
def world(_app: Flask) -> Iterator[World]:
    """The world, built once per module and backend, rolled back at the end of the module."""
    with _app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
    original = db.session
    db.session = orm.scoped_session(
        orm.sessionmaker(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        ),
        scopefunc=_app_ctx_id,
    )
    limiter.reset()
    try:
        yield build_world(_app, connection)
    finally:
        db.session = original
        transaction.rollback()
        connection.close()


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
