"""Benchmark starting the app: `from heltidnett import create_app; create_app()`.

Run: .venv/bin/python benchmarks/startup.py [--runs N] [--root DIR ...]
Each run is a fresh Python process that times its own imports: the app (import and
create_app on an empty SQLite file) and, alternating with it so all see the same load, a
bare `import flask`. Prints the median of each, their ratio, which heavy libraries the app
loaded, and the load average. `--root` (repeatable) times other checkouts of the code, e.g.
one made with `git archive REV | tar -x -C DIR`, alternating with each other: figures
before and after a change, measured in the same minutes. Figures only; nothing asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("weasyprint", "pandas", "numpy", "matplotlib", "pyarrow", "docx", "icalendar", "PIL")

APP = """
import sys, time
start = time.perf_counter()
from config import TestConfig
from heltidnett import create_app

class Config(TestConfig):
    SQLALCHEMY_DATABASE_URI = "sqlite:///{db}"

create_app(Config)
print(time.perf_counter() - start)
print(",".join(name for name in {heavy!r} if name in sys.modules))
"""

FLASK = """
import time
start = time.perf_counter()
import flask
print(time.perf_counter() - start)
print("")
"""


def timed(code: str, root: Path) -> tuple[float, str]:
    """Seconds the code took in a new process started in `root`, and what it loaded."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, loaded = result.stdout.splitlines()[-2:]
    return float(seconds), loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--root", type=Path, action="append", help="default: this checkout")
    args = parser.parse_args()
    roots = [root.resolve() for root in args.root or [ROOT]]
    app_times: dict[Path, list[float]] = {root: [] for root in roots}
    loaded: dict[Path, str] = {}
    flask_times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        app_code = APP.format(db=Path(tmp) / "startup.db", heavy=HEAVY)
        for _ in range(args.runs):
            for root in roots:
                seconds, loaded[root] = timed(app_code, root)
                app_times[root].append(seconds)
            flask_times.append(timed(FLASK, ROOT)[0])
    flask = statistics.median(flask_times)
    print(f"{args.runs} fresh processes each, load average {os.getloadavg()[0]:.1f}")
    print(f"import flask: median {flask:.2f} s (min {min(flask_times):.2f} s)")
    for root in roots:
        app = statistics.median(app_times[root])
        print(f"{root}:")
        print(f"  import and create_app: median {app:.2f} s (min {min(app_times[root]):.2f} s)")
        print(f"  ratio to import flask: {app / flask:.1f}")
        print(f"  heavy libraries loaded: {loaded[root] or 'none'}")


if __name__ == "__main__":
    main()
