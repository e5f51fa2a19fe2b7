"""Several web processes (issue 16, item 3): an answer taken by one app is counted on the
presenter fragment served by another. Two apps with their own engines, sessions and memory
share only the database file, as two gunicorn workers (or machines) share the database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from heltidnett import create_app
from heltidnett.extensions import db
from tests.conftest import AuthActions, make_app, post_form

pytest_plugins = ["tests.gatherings_fixtures", "tests.polls_fixtures"]


@pytest.fixture
def app(tmp_path) -> Iterator[Flask]:  # type: ignore[no-untyped-def]
    """The first worker, on a database file of its own (committed for real, not rolled back)."""
    first = make_app("sqlite", tmp_path)
    # the factories hand back their objects after a real commit: keep them loaded
    options = db.session.session_factory.kw
    saved = options.get("expire_on_commit", True)
    options["expire_on_commit"] = False
    try:
        yield first
    finally:
        options["expire_on_commit"] = saved
        with first.app_context():
            db.engine.dispose()


@pytest.fixture
def second_worker(app: Flask) -> Iterator[Flask]:
    """Another app on the same database, sharing nothing else with the first."""
    second = create_app(type("SecondConfig", (), dict(app.config)))  # the same settings
    assert second is not app
    with app.app_context():
        first_engine = db.engine
    with second.app_context():
        assert db.engine is not first_engine  # its own connection pool
    yield second
    with second.app_context():
        db.engine.dispose()


def test_an_answer_to_one_worker_shows_on_the_fragment_of_another(  # type: ignore[no-untyped-def]
    app, second_worker, tenants, make_poll
) -> None:
    from heltidnett.polls.models import Poll

    poll_id, code = make_poll()
    with app.app_context():
        field = f"q{db.session.get(Poll, poll_id).questions[0].id}"
    presenter = second_worker.test_client()
    AuthActions(presenter).login(tenants.facilitator)
    before = presenter.get(f"/polls/{poll_id}/live").get_data(as_text=True)
    assert 'data-count="0"' in before

    phone = app.test_client()
    answered = post_form(phone, f"/p/{code}", {"municipality": str(tenants.alta.id), field: "8"})
    assert answered.status_code == 302

    after = presenter.get(f"/polls/{poll_id}/live").get_data(as_text=True)
    assert 'data-count="1"' in after
