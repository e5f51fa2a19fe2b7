"""Under pytest-xdist each worker runs on a PostgreSQL database of its own."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests import conftest


@pytest.mark.parametrize(
    ("worker", "database", "created"),
    [("gw1", "test_alta_gw1", ["test_alta_gw1"]), (None, "test_alta", [])],
)
def test_each_worker_gets_its_own_postgresql_database(
    monkeypatch: pytest.MonkeyPatch, worker: str | None, database: str, created: list[str]
) -> None:
    made: list[str] = []
    monkeypatch.setenv("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test_alta")
    if worker:
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
    else:
        monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    monkeypatch.setattr(conftest, "_create_database", lambda url: made.append(url.database))
    url = sa.make_url(conftest.postgresql_url.__wrapped__())
    assert url.database == database
    assert url.drivername == "postgresql+psycopg"
    assert made == created
