"""pandas, numpy and matplotlib, imported on first use so that starting the app does not pay.

`from heltidnett.core.lazy import pandas as pd` gives a stand-in that imports pandas, with our
settings applied, the first time one of its attributes is read; type checkers see the module.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any


class LazyModule:
    """A module that its loader imports (and sets up) when an attribute is first read."""

    def __init__(self, loader: Callable[[], ModuleType]) -> None:
        self._loader = loader
        self._lock = threading.Lock()
        self._module: ModuleType | None = None

    def load(self) -> ModuleType:
        """The module, imported and set up once."""
        if self._module is None:
            with self._lock:
                if self._module is None:
                    self._module = self._loader()
        return self._module

    def __getattr__(self, name: str) -> Any:
        return getattr(self.load(), name)

    def __repr__(self) -> str:
        state = "loaded" if self._module is not None else "not loaded"
        return f"<lazy {self._loader.__name__} ({state})>"


def _pandas() -> ModuleType:
    """pandas with Python strings: with pyarrow installed (fastexcel needs it) pandas keeps
    text in Arrow arrays, but our imports and exports end in Python objects per cell, where
    Python strings are faster and smaller (measured in benchmarks/staffing_import.py)."""
    import pandas

    pandas.set_option("mode.string_storage", "python")
    return pandas


def _numpy() -> ModuleType:
    """numpy as it comes."""
    return importlib.import_module("numpy")


def _pyplot() -> ModuleType:
    """matplotlib's pyplot on the Agg backend: charts are drawn to SVG, never to a screen."""
    import matplotlib

    matplotlib.use("Agg")
    return importlib.import_module("matplotlib.pyplot")


if TYPE_CHECKING:
    import numpy as numpy
    import pandas as pandas
    from matplotlib import pyplot as pyplot
else:
    pandas = LazyModule(_pandas)
    numpy = LazyModule(_numpy)
    pyplot = LazyModule(_pyplot)
