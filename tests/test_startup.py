"""Starting the app imports no heavy library; pandas gets our settings when first used.

Each check runs in a fresh interpreter, where nothing has been imported yet.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("weasyprint", "pandas", "matplotlib", "pyarrow")


def run_fresh(code: str) -> str:
    """The last line a new Python process prints when it runs the code from the project root."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_create_app_imports_no_heavy_library(tmp_path: Path) -> None:
    loaded = run_fresh(
        f"""
        import sys
        from config import TestConfig
        from heltidnett import create_app

        class Config(TestConfig):
            SQLALCHEMY_DATABASE_URI = "sqlite:///{tmp_path / "startup.db"}"

        create_app(Config)
        print(sorted(name for name in {HEAVY!r} if name in sys.modules))
        """
    )
    assert loaded == "[]"


def test_pandas_keeps_python_strings_when_the_staffing_import_runs() -> None:
    storage = run_fresh(
        """
        import sys
        from heltidnett.staffing import importer

        assert "pandas" not in sys.modules, "pandas was imported before the staffing import"
        grid = importer.read_file(b"unit;period;fte_planned\\nElvebakken;2018;5\\n", "csv")
        checked = importer.check_grid(grid, importer.auto_mapping(grid.headers), {"elvebakken": 2})
        assert len(checked.rows) == 1
        print(sys.modules["pandas"].get_option("mode.string_storage"))
        """
    )
    assert storage == "python"
