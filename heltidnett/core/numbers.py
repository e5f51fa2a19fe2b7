"""Numbers as text the Norwegian way (or the English): 1 322,6 and 65,5 %.

No Flask here, so charts and exports format without an app or a request. Pages, PDFs and
messages use the wrappers in `heltidnett.core.i18n`, which pass the request's language.
"""

from __future__ import annotations

from decimal import Decimal

from babel import Locale
from babel.numbers import format_decimal

NBSP = "\u00a0"
MISSING = "–"  # what a missing value shows

Number = float | int | Decimal


def format_number(
    value: Number | None,
    digits: int = 0,
    locale: str | Locale = "nb",
    *,
    up_to: int | None = None,
    grouping: bool = True,
) -> str:
    """A number as text: 1322.6 → '1 322,6' in Norwegian (thousands apart by a no-break space).

    `digits` decimals always; `up_to` allows more when the value has them (trailing zeros
    dropped: 12.5 → '12,5', 12.0 → '12'); `grouping=False` leaves the thousands together,
    for text that a form or a spreadsheet reads back.
    """
    if value is None:
        return MISSING
    decimals = "0" * digits + "#" * max(0, (up_to or 0) - digits)
    pattern = ("#,##0" if grouping else "0") + ("." + decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale).replace("\u202f", NBSP)


def format_percent(
    value: Number | None,
    digits: int = 1,
    locale: str | Locale = "nb",
    *,
    up_to: int | None = None,
) -> str:
    """Percentage points as text: 65.5 → '65,5 %' (a no-break space before the sign); `up_to`
    as in `format_number` (85.5 → '85,5 %' and 85.0 → '85 %' with digits 0, up_to 2)."""
    if value is None:
        return MISSING
    return f"{format_number(value, digits, locale, up_to=up_to)}{NBSP}%"
