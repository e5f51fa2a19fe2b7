"""The embedded SQLite database takes concurrent writers (autosaves from two browser tabs)."""

from __future__ import annotations

import threading
import time

import sqlalchemy as sa

from heltidnett.db import configure_engine_events


def test_two_writers_that_read_first_both_succeed(tmp_path):
    """Each reads, waits, then writes: with deferred transactions one failed at once with
    "database is locked"; now the second waits for the first."""
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'writers.db'}")
    configure_engine_events(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE answers (id INTEGER PRIMARY KEY, text TEXT)")
        conn.exec_driver_sql("INSERT INTO answers (id, text) VALUES (1, 'start')")
    errors: list[BaseException] = []

    def autosave(text: str) -> None:
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql("SELECT text FROM answers WHERE id = 1").scalar()
                time.sleep(0.2)
                conn.exec_driver_sql("UPDATE answers SET text = ? WHERE id = 1", (text,))
        except BaseException as error:
            errors.append(error)

    writers = [threading.Thread(target=autosave, args=(f"tab {n}",)) for n in range(3)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert not errors, errors
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("SELECT text FROM answers").scalar().startswith("tab ")
    engine.dispose()
