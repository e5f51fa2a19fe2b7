"""Spreadsheet cells as text, the same way for every import (staffing, participant lists)."""

from __future__ import annotations

from typing import Any


def is_blank(value: Any) -> bool:
    """None, or a number that is not one (NaN, as pandas marks an empty cell)."""
    return value is None or (isinstance(value, float) and value != value)


def cell_text(value: Any) -> str:
    """A cell as trimmed text: "" for a blank, "12" for the number 12.0 a sheet gives."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
