"""Benchmark the staffing import: parse, check and write generated xlsx files.

Run: .venv/bin/python benchmarks/staffing_import.py [rows ...]   (default 100000 1000000)
Writes to SQLite in a temporary directory, or to BENCH_DATABASE_URL (PostgreSQL; its public
schema is emptied first), migrated and given the units before the clock starts. Prints parse
time (in the limited child process, as the app reads uploads, and that time as a ratio of the
same parse in this process), whole-import time (parse, check, write), peak memory, the time of
importing the same periods again with a fifth of the values changed, for the smaller sizes the
parse repeated in the same process (warm, as in a long-running app) and the cell-by-cell
reader that sheets with mixed columns take, and the ratio between the largest and smallest
run. Figures only; nothing asserted.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
import xlsxwriter
from flask import Flask

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from heltidnett.files import sheets
from heltidnett.files.archive import ZipLimits
from heltidnett.files.sheets import SheetLimits
from heltidnett.staffing import catalogue, importer, services

CODES = catalogue.MAIN_CODES
UNITS = 400
WARM_PARSES = 5
WARM_PARSE_MAX_ROWS = 200_000
# The app refuses uploads over 20 MB (400 MB unzipped); the benchmark lifts that limit, and
# gives the child time enough for a million rows on a busy machine.
LIMITS = SheetLimits(zip=ZipLimits(max_unzipped=4 * 1024**3), cpu_seconds=900, wall_seconds=1200.0)


def generate(path: Path, rows: int) -> None:
    """A template-shaped xlsx: unit, period, then every main entered indicator."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["unit", "period", *CODES])
    for r in range(1, rows + 1):
        index = (r - 1) // UNITS  # each (unit, period) pair once: ISO weeks from 1990
        unit = f"Enhet {(r - 1) % UNITS}"
        period = f"{1990 + index // 52}-W{index % 52 + 1:02d}"
        positions = 20 + r % 50
        values = [positions, positions * 0.6, positions - 2, positions * 0.55]
        values += [positions // 5] * 5 + [2, 1.5, 10, 0.5, 30, 12.5, 1000, 2000, 3000]
        values += [8.5, 30.0, 12.0, 4.0, 6.0, 2.0, 200.0]
        sheet.write(r, 0, unit)
        sheet.write(r, 1, period)
        sheet.write_row(r, 2, values[: len(CODES)])
    workbook.close()


def run(rows: int, workdir: Path) -> tuple[float, float, float]:
    path = workdir / f"bench_{rows}.xlsx"
    if not path.exists():
        started = time.perf_counter()
        generate(path, rows)
        print(
            f"  generated {rows:,} rows in {time.perf_counter() - started:.1f} s "
            f"({path.stat().st_size / 1e6:.1f} MB)"
        )
    data = path.read_bytes()
    app = _database(workdir)  # an empty database with the units, made before the clock starts
    started = time.perf_counter()
    grid = importer.read_untrusted(data, "xlsx", limits=LIMITS)  # as the app reads uploads
    parsed = time.perf_counter() - started
    mapping = importer.auto_mapping(grid.headers)
    units = {f"enhet {i}": i + 1 for i in range(UNITS)}
    checked = importer.check_grid(grid, mapping, units)
    checked_at = time.perf_counter() - started
    written = len(checked.rows)
    _write(app, checked)
    total = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        f"  {rows:>9,} rows: parse {parsed:.2f} s, check {checked_at - parsed:.2f} s, "
        f"write {total - checked_at:.2f} s ({written:,} values), whole {total:.2f} s, "
        f"peak memory (max RSS of the process) {peak / 1e6:.0f} MB"
    )
    _child_overhead(data, rows, parsed)
    again = checked.rows.copy()
    again.loc[again.index % 5 == 0, "value"] += 1  # the same periods, a fifth of values new
    started = time.perf_counter()
    changes = _write(app, importer.Checked(again))
    print(
        f"  {rows:>9,} rows imported again: compare and write {time.perf_counter() - started:.2f} s"
        f" ({changes.changed:,} changed, {changes.unchanged:,} unchanged)"
    )
    if rows <= WARM_PARSE_MAX_ROWS:  # as in a long-running app process, whose memory is warm
        del grid, checked, again
        warm = _times(lambda: importer.read_file(data, "xlsx", limits=LIMITS))
        print(
            f"  {rows:>9,} rows parsed {WARM_PARSES} more times in the same process: median "
            f"{statistics.median(warm):.2f} s (" + ", ".join(f"{t:.2f}" for t in warm) + ")"
        )
        cells = _times(  # as sheets with mixed columns are read, measured first as all are
            lambda: (sheets.guard(data, "xlsx", LIMITS), importer.read_cells(data))
        )
        print(
            f"  {rows:>9,} rows read cell by cell (python-calamine, as mixed sheets are) "
            f"{WARM_PARSES} times: median {statistics.median(cells):.2f} s, "
            f"{statistics.median(cells) / statistics.median(warm):.1f}× the column reader"
        )
    return parsed, total, peak


def _child_overhead(data: bytes, rows: int, first: float) -> None:
    """The parse again in the child (its forkserver now started, as in a running app) and in
    this process: what the limited child process costs, as a ratio."""
    started = time.perf_counter()
    importer.read_untrusted(data, "xlsx", limits=LIMITS)
    child = time.perf_counter() - started
    started = time.perf_counter()
    importer.read_file(data, "xlsx", limits=LIMITS)
    here = time.perf_counter() - started
    started = time.perf_counter()
    sheets.guard(data, "xlsx", LIMITS)
    guard = time.perf_counter() - started
    print(
        f"  {rows:>9,} rows parsed in the limited child process {child:.2f} s (the first time, "
        f"starting its forkserver, {first:.2f} s), in this process {here:.2f} s: "
        f"{child / here:.2f}× (the child's overhead); of the parse, measuring the used range "
        f"(zip guard and range scan) {guard:.2f} s"
    )


def _times(read: Callable[[], object]) -> list[float]:
    """Seconds of WARM_PARSES calls of `read`, one after the other in this process."""
    times = []
    for _ in range(WARM_PARSES):
        started = time.perf_counter()
        read()
        times.append(time.perf_counter() - started)
    return times


def _database(workdir: Path) -> Flask:
    """An app on a fresh, migrated database holding one municipality and its units."""
    from flask_migrate import upgrade

    from config import TestConfig
    from heltidnett import create_app
    from heltidnett.extensions import db
    from heltidnett.municipalities.models import Municipality, Unit

    url = os.environ.get("BENCH_DATABASE_URL")
    if url:  # PostgreSQL, as in production: an empty schema first
        from tests.conftest import _reset_postgresql

        _reset_postgresql(url)
        from config import _database_url

        url = _database_url(url)
    else:
        db_path = workdir / "bench.db"
        if db_path.exists():
            db_path.unlink()
        url = f"sqlite:///{db_path}"

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = url

    app = create_app(Config)
    with app.app_context():
        upgrade()
        municipality = Municipality(name="Benk", number="9999")
        db.session.add(municipality)
        db.session.flush()
        for i in range(UNITS):
            db.session.add(Unit(id=i + 1, municipality_id=municipality.id, name=f"Enhet {i}"))
        db.session.commit()
        db.engine.dispose()
    return app


def _write(app: Flask, checked: importer.Checked) -> services.Changes:
    """Write through the app's own save path, in one transaction; what changed."""
    from heltidnett.extensions import db
    from heltidnett.municipalities.models import Municipality

    with app.app_context():
        municipality = db.session.scalars(sa.select(Municipality)).one()
        changes = services.save_rows(db.session, None, municipality, checked.rows, "benchmark")
        db.session.commit()
        db.engine.dispose()
    return changes


def main() -> None:
    """Each size in its own process (so peak memory is that size's own), then the ratio."""
    os.environ.setdefault("SECRET_KEY", "benchmark")
    if sys.argv[1:2] == ["--one"]:
        workdir = Path(os.environ.get("BENCH_DIR") or tempfile.mkdtemp())
        workdir.mkdir(parents=True, exist_ok=True)
        parsed, total, _peak = run(int(sys.argv[2]), workdir)
        print(f"RESULT {parsed} {total}")
        return
    sizes = [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]
    results: dict[int, tuple[float, float]] = {}
    for n in sizes:
        out = subprocess.run(  # noqa: S603 - this script itself, with a number
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        ).stdout
        for line in out.splitlines():
            if line.startswith("RESULT"):
                _tag, parsed, total = line.split()
                results[n] = (float(parsed), float(total))
            else:
                print(line, flush=True)
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        print(
            f"  {large / small:.0f}× rows: parse {results[large][0] / results[small][0]:.1f}× "
            f"time, whole import {results[large][1] / results[small][1]:.1f}× time"
        )


if __name__ == "__main__":
    main()
