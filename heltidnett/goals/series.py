"""A goal's values over time: from the staffing indicator table, or its own values.

No Flask and no queries here: the services hand over the indicator table of the goals'
municipalities (one query for all of them), so a page of many goals costs the same as one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Iterable, Sequence

from heltidnett.core.lazy import pandas as pd
from heltidnett.goals.progress import Point
from heltidnett.reports.data import WHOLE
from heltidnett.staffing import catalogue, compute
from heltidnett.staffing.periods import period_kind

KINDS = ("year", "month", "week")  # the longest first


def period_end(period: str) -> dt.date:
    """The last day of a staffing period: '2018' → 31.12.2018, '2018-03' → 31.03.2018,
    '2018-W43' → the Sunday of that ISO week."""
    year = int(period[:4])
    if "W" in period:
        return dt.date.fromisocalendar(year, int(period.split("W")[1]), 7)
    if "-" in period:
        month = int(period[5:7])
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 12, 31)


def indicator_series(
    table: pd.DataFrame,
    municipality_id: int,
    code: str,
    unit_ids: Sequence[int] = (),
    threshold: float = 100.0,
    kind: str | None = None,
) -> list[Point]:
    """The indicator's value per period, for the whole municipality or the chosen units
    (several units are rolled up from their entered figures, as the dashboards do).

    One kind of period only (`kind`: the baseline's; by default the longest there is), so a
    month's import beside the years neither doubles a year's end nor shortens the period
    the staleness is judged by."""
    if table.empty or "municipality_id" not in table.columns:
        return []
    rows = table[table["municipality_id"] == municipality_id]
    if len(unit_ids) > 1:
        rows = rows[rows["unit_id"].isin(list(unit_ids))]
        entered = [c for c in rows.columns if c in catalogue.BY_CODE and c != "period"]
        entered = [c for c in entered if not catalogue.BY_CODE[c].computed]
        if rows.empty:
            return []
        summed = compute.roll_up(rows[["period", *entered]], by=["period"]).reset_index()
        rows = compute.with_computed(summed, threshold)
    else:
        wanted = unit_ids[0] if unit_ids else WHOLE
        rows = rows[rows["unit_id"] == wanted]
    if code not in rows.columns or rows.empty:
        return []
    periods = rows["period"].astype(str)
    kinds = periods.map(period_kind)
    wanted_kind = kind or next(k for k in KINDS if (kinds == k).any())
    rows = rows[kinds == wanted_kind]
    return points(zip(rows["period"], rows[code], strict=True))


def points(pairs: Iterable[tuple[str, object]]) -> list[Point]:
    """Points from (period, value) pairs, oldest first; missing values left out."""
    found = []
    for period, value in pairs:
        number = pd.to_numeric(value, errors="coerce")
        if number is None or (isinstance(number, float) and math.isnan(number)):
            continue
        found.append(Point(period_end(str(period)), float(number)))
    return sorted(found, key=lambda p: p.as_of)
