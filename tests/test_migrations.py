"""Migrations: empty → head → a row in every table → base → head again, on each database."""

from __future__ import annotations

import datetime as dt
import enum
import os
import uuid
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from config import TestConfig, _database_url
from heltidnett import create_app
from heltidnett.extensions import db


def _sample(column: sa.Column, n: int) -> Any:
    """A valid value for a column, by its type."""
    type_ = column.type
    if isinstance(type_, sa.Enum):
        values = type_.enums
        return values[0]
    if isinstance(type_, sa.JSON):  # its python_type is object in SQLAlchemy 2.1
        return {"sample": n}
    try:
        python = type_.python_type
    except NotImplementedError:
        python = str
    if python is bool:
        return True
    if python is int:
        return n
    if python is float or python is Decimal:
        return 1.5
    if python is dt.datetime:
        return dt.datetime(2018, 3, 6, 10, 0, tzinfo=dt.UTC)
    if python is dt.date:
        return dt.date(2018, 3, 6)
    if python is dt.time:
        return dt.time(10, 0)
    if python is dict:
        return {"sample": n}
    if python is list:
        return [n]
    if python is bytes:
        return b"x"
    if isinstance(python, type) and issubclass(python, enum.Enum):
        return next(iter(python)).value
    length = getattr(type_, "length", None) or 40
    text = f"{column.name[:4]}{n}"
    if column.name in {"number"} and length == 4:
        return f"{n:04d}"
    return text[:length]


def _fill_every_table(connection: sa.Connection) -> dict[str, int]:
    """Insert one row in each table (parents first), with foreign keys to those rows."""
    metadata = sa.MetaData()
    metadata.reflect(connection)
    ids: dict[str, int] = {}
    for n, table in enumerate(metadata.sorted_tables, start=1):
        if table.name == "alembic_version":
            continue
        row: dict[str, Any] = {}
        for column in table.columns:
            if column.primary_key and isinstance(column.type, sa.Integer):
                row[column.name] = 1
                continue
            fks = list(column.foreign_keys)
            if fks:
                row[column.name] = ids.get(fks[0].column.table.name, 1)
                continue
            if (
                column.nullable
                and column.server_default is None
                and column.name not in {"municipality_id"}
            ):
                continue
            row[column.name] = _sample(column, n)
        connection.execute(table.insert().values(**row))
        ids[table.name] = 1
    return ids


@pytest.fixture(params=["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else []))
def migration_app(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'migrations.db'}"
        admin = None
    else:
        base = sa.make_url(_database_url(os.environ["TEST_DATABASE_URL"]))
        name = f"heltidnett_mig_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = base.set(database=name).render_as_string(hide_password=False)

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = _database_url(url)

    app = create_app(Config)
    yield app
    with app.app_context():
        db.engine.dispose()
    if admin is not None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def test_upgrade_fill_downgrade_upgrade(migration_app):
    with migration_app.app_context():
        upgrade()
        with db.engine.begin() as connection:
            filled = _fill_every_table(connection)
        expected = {t.name for t in db.metadata.sorted_tables}
        assert expected <= set(filled), f"tables without a row: {expected - set(filled)}"
        downgrade(revision="base")
        remaining = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert remaining == set()
        upgrade()
        assert expected <= set(sa.inspect(db.engine).get_table_names())


def test_models_and_migrations_agree(migration_app):
    """`flask db check`: autogenerate finds nothing to add."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with migration_app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        assert diff == []


def test_staffing_values_move_to_one_row_per_unit_and_period_and_back(migration_app):
    """The figures revision carries stored values over, and its downgrade carries them back."""
    long_format, figures = "14414e472f87", "5b7e2c91d4a3"
    stamp = dt.datetime(2018, 3, 6, 10, 0, tzinfo=dt.UTC)
    values = [  # (unit_id, period, indicator, value)
        (1, "2017", "positions_planned", 73.0),
        (1, "2017", "fte_planned", 47.4),
        (1, "2018", "fte_planned", 40.0),
        (None, "2017", "sick_leave_pct", 12.9),
    ]
    with migration_app.app_context():
        upgrade(revision=long_format)
        with db.engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO municipalities (id, name, number, county, written_standard,"
                    " created_at, updated_at) VALUES (1, 'Alta', '5601', 'Finnmark', 'nb', :t, :t)"
                ),
                {"t": stamp},
            )
            connection.execute(
                sa.text(
                    "INSERT INTO units (id, municipality_id, name, kind, is_pilot, created_at,"
                    " updated_at) VALUES (1, 1, 'Elvebakken', 'other', false, :t, :t)"
                ),
                {"t": stamp},
            )
            connection.execute(
                sa.text(
                    "INSERT INTO staffing_measurements (municipality_id, unit_id, period,"
                    " indicator, value, updated_at) VALUES (1, :u, :p, :i, :v, :t)"
                ),
                [{"u": u, "p": p, "i": i, "v": v, "t": stamp} for u, p, i, v in values],
            )
        upgrade(revision=figures)
        table = sa.Table("staffing_measurements", sa.MetaData(), autoload_with=db.engine)
        with db.engine.connect() as connection:
            rows = connection.execute(sa.select(table.c.unit_id, table.c.period, table.c.figures))
            grouped = {(u, p): f for u, p, f in rows}
        assert grouped == {
            (1, "2017"): {"positions_planned": 73.0, "fte_planned": 47.4},
            (1, "2018"): {"fte_planned": 40.0},
            (None, "2017"): {"sick_leave_pct": 12.9},
        }
        downgrade(revision=long_format)
        table = sa.Table("staffing_measurements", sa.MetaData(), autoload_with=db.engine)
        with db.engine.connect() as connection:
            back = connection.execute(
                sa.select(table.c.unit_id, table.c.period, table.c.indicator, table.c.value)
            ).all()
        assert sorted(back, key=str) == sorted(values, key=str)


def test_chapters_made_before_the_draft_step_stay_open(migration_app):
    """Chapters were answerable at once before they had an opening time: they migrate as open
    (since they were made), and the downgrade drops the opening time again."""
    before, opening = "ca52f10aa474", "90dede0c0db6"
    with migration_app.app_context():
        upgrade(revision=before)
        with db.engine.begin() as connection:
            _fill_every_table(connection)
        upgrade(revision=opening)
        table = sa.Table("workbook_chapters", sa.MetaData(), autoload_with=db.engine)
        with db.engine.connect() as connection:
            rows = connection.execute(sa.select(table.c.created_at, table.c.opens_at)).all()
        assert rows and all(opens is not None for _made, opens in rows)
        assert [str(made) for made, _opens in rows] == [str(opens) for _made, opens in rows]
        downgrade(revision=before)
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("workbook_chapters")}
        assert "opens_at" not in columns
