"""Numbers as text the Norwegian way (or the English): 1 322,6 and 65,5 %, both ways.

`format_number`/`format_percent` write them; `parse_number`/`parse_whole` read what people
type (every number field of every form reads through them, via `heltidnett.core.forms`).
No Flask here, so charts and exports format without an app or a request. Pages, PDFs and
messages use the wrappers in `heltidnett.core.i18n`, which pass the request's language.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel import Locale
from babel.numbers import format_decimal

NBSP = "\u00a0"
MISSING = "–"  # what a missing value shows

Number = float | int | Decimal

# What may stand between the digits of a typed number: spaces of every width, and the
# apostrophe some spreadsheets group thousands with.
_GROUPING = re.compile(r"[\s\u00a0\u202f\u2009']")
_PLAIN = re.compile(r"-?[0-9]+(\.[0-9]+)?")
MAX_TYPED = 64  # characters: no number a form asks for is longer


class NotANumber(ValueError):
    """Text that is not a number as people write it."""


def parse_number(text: str | None) -> Decimal | None:
    """A number as it is typed in Norway: '27,51', '27.51', '1 322,6' (spaces or no-break
    spaces apart), '1.322,6', '85,5 %' (percentage points: 85.5), '−3'. None for empty text;
    `NotANumber` for anything else ('12,5,3', '1e5', 'NaN', 'mange').

    The staffing import reads a whole column by the same rules (`importer.parse_numbers`).
    """
    if text is None:
        return None
    typed = str(text).strip()
    if not typed:
        return None
    if len(typed) > MAX_TYPED:
        raise NotANumber(text)
    cleaned = _GROUPING.sub("", typed.removesuffix("%")).replace("\u2212", "-")
    if "," in cleaned and "." in cleaned:  # 1.322,6: the point groups the thousands
        cleaned = cleaned.replace(".", "")
    cleaned = cleaned.replace(",", ".")
    if not _PLAIN.fullmatch(cleaned):
        raise NotANumber(text)
    return Decimal(cleaned)


def parse_whole(text: str | None) -> int | None:
    """A whole number as it is typed: '1 322', '4', '12,0'; `NotANumber` for '2,5'."""
    number = parse_number(text)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise NotANumber(text)
    return int(number)


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
