"""Bounds for whole numbers from outside: ids and counts that the database can hold.

Every primary key is an `Integer` column (32-bit on PostgreSQL), so an id above `MAX_ID` can
name no row: a URL with one is a 404, a form or JSON body with one a 4xx, never a 500.
"""

from __future__ import annotations

import math
from typing import Any

from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter, Map, ValidationError

MAX_ID = 2**31 - 1
MAX_DIGITS = len(str(MAX_ID))
TOO_LARGE = _l("Tallet er for stort.")


def in_bounds(value: int) -> bool:
    """Whether a whole number fits an integer column."""
    return -MAX_ID <= value <= MAX_ID


def is_finite(value: float | int) -> bool:
    """Whether a JSON number is one a float holds (not 1e999, nor an integer of 400 digits)."""
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def bounded_int(value: Any) -> int:
    """`int` for WTForms' `coerce`, refusing numbers no integer column holds."""
    number = int(value)
    if not in_bounds(number):
        raise ValueError(value)
    return number


class BoundedIntConverter(IntegerConverter):
    """Flask's `int` URL converter, matching only ids an integer column can hold."""

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = None,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits, min, MAX_ID if max is None else max, signed)

    def to_python(self, value: str) -> Any:
        """The number, or no match (a 404) when it has more digits than any id."""
        if len(value.lstrip("-0")) > MAX_DIGITS:
            raise ValidationError()
        return super().to_python(value)
