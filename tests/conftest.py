"""Fixtures in the flaskr manner (app, client, runner, auth) plus factory fixtures.

The suite runs on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL too: every test
that uses `app` runs once per database. Each test runs inside a transaction that is rolled
back at the end, so tests never see each other's rows. Under pytest-xdist (`-n 2`) each
worker has its own SQLite files and its own PostgreSQL database (see `postgresql_url`).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_sqlalchemy.session import _app_ctx_id
from sqlalchemy import orm

from config import TestConfig, _database_url
from heltidnett import create_app
from heltidnett.extensions import db, limiter

pytest_plugins = ["tests.browser_support", "tests.statements"]

TEST_PASSWORD = "et-langt-testpassord-2026"

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


@functools.cache
def postgresql_url() -> str:
    """This process's PostgreSQL test database: TEST_DATABASE_URL's, or under pytest-xdist one
    per worker named after it (test_gw0, test_gw1, …), created when missing."""
    url = sa.make_url(_database_url(os.environ["TEST_DATABASE_URL"]))
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        url = url.set(database=f"{url.database}_{worker}")
        _create_database(url)
    return url.render_as_string(hide_password=False)


def _create_database(url: sa.URL) -> None:
    """Create the database of the URL when the server does not have it yet."""
    engine = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        exists = conn.execute(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}
        ).first()
        if not exists:
            name = conn.dialect.identifier_preparer.quote(url.database)
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()


def _reset_postgresql(url: str) -> None:
    """An empty public schema in the test database."""
    engine = sa.create_engine(_database_url(url))
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


def make_app(backend: str, tmp: Path, **overrides: Any) -> Flask:
    """An app on a fresh, migrated database of the given backend."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp / 'test.db'}"
    else:
        url = postgresql_url()
        _reset_postgresql(url)

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = _database_url(url)

    app = create_app(Config)
    app.config.update(overrides)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
    return app


@pytest.fixture(scope="session", params=BACKENDS)
def _app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    app = make_app(request.param, tmp_path_factory.mktemp(request.param))
    app.config["DB_BACKEND"] = request.param
    yield app
    with app.app_context():
        db.engine.dispose()


@contextmanager
def rolled_back(app: Flask) -> Iterator[sa.Connection]:
    """The app's session bound to one transaction that is rolled back at the end (commits in
    between become savepoints)."""
    with app.app_context():
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
        yield connection
    finally:
        db.session = original
        transaction.rollback()
        connection.close()


@pytest.fixture
def app(_app: Flask) -> Iterator[Flask]:
    """The app, with every database change of the test rolled back afterwards."""
    with rolled_back(_app):
        yield _app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


CSRF_RE = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    """A CSRF token as a browser would get it: from a form on a page."""
    response = client.get(path)
    match = CSRF_RE.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {path} ({response.status_code})"
    return match.group(1)


class AuthActions:
    """Log a test client in and out, as a person would, with the CSRF token of the form."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, user_or_email: Any, password: str = TEST_PASSWORD):
        email = getattr(user_or_email, "email", user_or_email)
        token = csrf_token(self._client, "/login")
        return self._client.post(
            "/login", data={"email": email, "password": password, "csrf_token": token}
        )

    def logout(self):
        token = csrf_token(self._client, "/account")
        return self._client.post("/logout", data={"csrf_token": token})


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


def post_form(
    client: FlaskClient,
    path: str,
    data: dict[str, Any],
    form_page: str | None = None,
    **kwargs: Any,
):
    """POST a form with a valid CSRF token taken from a page (by default the form's own)."""
    token = csrf_token(client, form_page or path)
    return client.post(path, data={**data, "csrf_token": token}, **kwargs)


def gathering_form(**changes: str) -> dict[str, str]:
    """The new-gathering form as a facilitator fills it in (Samling 3 in Bodø), with changes."""
    data = {
        "title": "Samling 3",
        "kind": "network",
        "number": "",
        "place": "Bodø",
        "starts_on": "2030-03-06",
        "ends_on": "2030-03-07",
        "day_ends_at": "17:30",
        "status": "planned",
        "changes_reserved": "y",
    }
    return {**data, **changes}


# ---- factories -------------------------------------------------------------------------


@pytest.fixture
def make_user(app: Flask) -> Callable[..., Any]:
    """Create a user who can log in with TEST_PASSWORD."""
    from heltidnett.auth.models import User
    from heltidnett.auth.passwords import hash_password
    from heltidnett.auth.services import new_nonce

    counter = iter(range(1, 10_000))

    def make(email: str | None = None, name: str | None = None, **fields: Any) -> User:
        n = next(counter)
        with app.app_context():
            user = User(
                email=email or f"person{n}@example.org",
                name=name or f"Testperson {n}",
                password_hash=hash_password(TEST_PASSWORD),
                session_nonce=new_nonce(),
                **fields,
            )
            db.session.add(user)
            db.session.commit()
            return user

    return make


@pytest.fixture
def make_municipality(app: Flask) -> Callable[..., Any]:
    from heltidnett.municipalities.models import Municipality

    numbers = iter(range(9001, 9999))

    def make(name: str = "Alta", number: str | None = None, **fields: Any) -> Municipality:
        with app.app_context():
            municipality = Municipality(name=name, number=number or str(next(numbers)), **fields)
            db.session.add(municipality)
            db.session.commit()
            return municipality

    return make


@pytest.fixture
def make_unit(app: Flask) -> Callable[..., Any]:
    from heltidnett.municipalities.models import Unit

    def make(municipality: Any, name: str = "Elvebakken sykehjem", **fields: Any) -> Unit:
        with app.app_context():
            unit = Unit(municipality_id=municipality.id, name=name, **fields)
            db.session.add(unit)
            db.session.commit()
            return unit

    return make


@pytest.fixture
def make_network(app: Flask) -> Callable[..., Any]:
    """Create a network with the given municipalities taking part."""
    from heltidnett.networks.models import Network, Participation

    counter = iter(range(1, 10_000))

    def make(name: str | None = None, municipalities: list[Any] = (), **fields: Any) -> Network:  # type: ignore[assignment]
        with app.app_context():
            network = Network(name=name or f"Nettverk {next(counter)}", **fields)
            db.session.add(network)
            db.session.flush()
            for municipality in municipalities:
                db.session.add(
                    Participation(network_id=network.id, municipality_id=municipality.id)
                )
            db.session.commit()
            return network

    return make


@pytest.fixture
def grant(app: Flask) -> Callable[..., Any]:
    """Give a user a role in a network: grant(user, network, "coordinator", municipality)."""
    from heltidnett.networks.models import Membership, NetworkRole

    def give(user: Any, network: Any, role: str, municipality: Any = None) -> Membership:
        with app.app_context():
            membership = Membership(
                user_id=user.id,
                network_id=network.id,
                role=NetworkRole(role),
                municipality_id=municipality.id if municipality is not None else None,
            )
            db.session.add(membership)
            db.session.commit()
            return membership

    return give


@pytest.fixture
def api_token(app: Flask) -> Callable[[Any], dict[str, str]]:
    """Headers with a fresh API token for the user."""
    from heltidnett.auth.models import User
    from heltidnett.auth.services import create_token

    def headers(user: Any) -> dict[str, str]:
        with app.app_context():
            new = create_token(db.session, db.session.get(User, user.id), "test")
            db.session.commit()
            return {"Authorization": f"Bearer {new.secret}"}

    return headers


@pytest.fixture
def tenants(make_user, make_municipality, make_network, grant, make_unit):
    """Alta and Hemnes in one network, Rana in another; coordinators, a facilitator and more."""

    class Tenants:
        pass

    t = Tenants()
    t.alta = make_municipality("Alta", "5601")
    t.hemnes = make_municipality("Hemnes", "1832")
    t.rana = make_municipality("Rana", "1833")
    t.north = make_network("Heltid i nord", [t.alta, t.hemnes])
    t.other = make_network("Et annet nettverk", [t.rana])
    t.alta_unit = make_unit(t.alta, "Elvebakken sykehjem")
    t.rana_unit = make_unit(t.rana, "Selfors sykehjem")
    t.facilitator = make_user("veileder@example.org", "Vera Veileder", is_facilitator=True)
    t.alta_coordinator = make_user("koordinator.alta@example.org", "Koordinator Alta")
    t.hemnes_coordinator = make_user("koordinator.hemnes@example.org", "Koordinator Hemnes")
    t.hemnes_participant = make_user("deltaker.hemnes@example.org", "Deltaker Hemnes")
    t.rana_coordinator = make_user("koordinator.rana@example.org", "Koordinator Rana")
    t.alta_steering = make_user("styring.alta@example.org", "Styring Alta")
    t.admin = make_user("admin@example.org", "Ada Admin", is_admin=True)
    t.outsider = make_user("utenfor@example.org", "Uten Rolle")
    grant(t.facilitator, t.north, "facilitator")
    grant(t.alta_coordinator, t.north, "coordinator", t.alta)
    grant(t.hemnes_coordinator, t.north, "coordinator", t.hemnes)
    grant(t.hemnes_participant, t.north, "participant", t.hemnes)
    grant(t.alta_steering, t.north, "steering", t.alta)
    grant(t.rana_coordinator, t.other, "coordinator", t.rana)
    return t


class StatementCounter:
    """Counts the SQL statements sent while it is active (see `count_statements`)."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __len__(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_statements(app: Flask):
    """A context manager that counts SQL statements, e.g. those of one request."""
    from contextlib import contextmanager

    @contextmanager
    def counting() -> Iterator[StatementCounter]:
        counter = StatementCounter()

        def before(conn, cursor, statement, parameters, context, executemany):
            if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
                counter.statements.append(statement)

        with app.app_context():
            engine = db.engine
        sa.event.listen(engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            sa.event.remove(engine, "before_cursor_execute", before)

    return counting
