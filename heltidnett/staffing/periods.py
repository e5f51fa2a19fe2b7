"""Periods of staffing figures: a year (PAI counts on 1 December), a month or an ISO week."""

from __future__ import annotations

import datetime as dt
import re

YEAR_RE = re.compile(r"^(\d{4})$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
WEEK_RE = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")
DATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_period(raw: object) -> str | None:
    """A period code ('2018', '2018-03', '2018-W43') from a cell, or None when not one.

    A date (cell or '01.02.2024') stands for its month; a number like 2018.0 for its year.
    """
    if raw is None or raw != raw:  # NaN and NaT are blanks too
        return None
    if isinstance(raw, dt.datetime | dt.date):
        return f"{raw.year:04d}-{raw.month:02d}"
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw) if 1990 <= raw <= 2100 else None
    text = str(raw).strip()
    if match := YEAR_RE.match(text):
        year = int(match.group(1))
        return text if 1990 <= year <= 2100 else None
    if match := MONTH_RE.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        return f"{year:04d}-{month:02d}" if 1990 <= year <= 2100 and 1 <= month <= 12 else None
    if match := WEEK_RE.match(text):
        year, week = int(match.group(1)), int(match.group(2))
        if not 1990 <= year <= 2100:
            return None
        weeks_in_year = dt.date(year, 12, 28).isocalendar().week
        return f"{year:04d}-W{week:02d}" if 1 <= week <= weeks_in_year else None
    if match := DATE_RE.match(text):
        day, month, year = (int(g) for g in match.groups())
        try:
            dt.date(year, month, day)
        except ValueError:
            return None
        return f"{year:04d}-{month:02d}" if 1990 <= year <= 2100 else None
    return None


def period_kind(period: str) -> str:
    """'year', 'month' or 'week'."""
    if "W" in period:
        return "week"
    return "month" if "-" in period else "year"


def sort_key(period: str) -> tuple[int, int, int]:
    """Years before their months and weeks, then in time order."""
    year = int(period[:4])
    if "W" in period:
        return (year, 2, int(period[6:]))
    if "-" in period:
        return (year, 1, int(period[5:]))
    return (year, 0, 0)
