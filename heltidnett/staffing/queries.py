"""Reads for the staffing pages and API, each the same few statements however much is stored."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from heltidnett.municipalities.models import Unit
from heltidnett.reports.data import WHOLE
from heltidnett.staffing import catalogue, compute, services
from heltidnett.staffing.models import Measurement

if TYPE_CHECKING:
    from heltidnett.db import DbSession

PERIOD_LENGTHS = {"year": 4, "month": 7, "week": 8}  # '2018', '2018-03', '2018-W43'


def units_of(session: DbSession, municipality_ids: Collection[int]) -> Sequence[Unit]:
    """The units of the municipalities, in one select."""
    return session.scalars(
        sa.select(Unit).where(Unit.municipality_id.in_(list(municipality_ids)))
    ).all()


@dataclass(frozen=True)
class MeasurementFilter:
    """Which rows of a municipality's measurements a client asks for; periods are normalised.

    `period_from` and `period_to` bound the periods in the list's order (a year, then its
    months, then its weeks); a year as `period_to` takes in its months and weeks.
    """

    unit_id: int | None = None
    whole: bool | None = None  # True: only the whole municipality; False: only units
    period: str | None = None
    period_from: str | None = None
    period_to: str | None = None
    kind: str | None = None  # "year", "month" or "week"

    def periods(self) -> list[sa.ColumnElement[bool]]:
        """The conditions on Measurement.period."""
        column = Measurement.period
        clauses = []
        if self.period is not None:
            clauses.append(column == self.period)
        if self.period_from is not None:
            clauses.append(column >= self.period_from)
        if self.period_to is not None:
            if len(self.period_to) == PERIOD_LENGTHS["year"]:
                clauses.append(column < str(int(self.period_to) + 1))
            else:
                clauses.append(column <= self.period_to)
        if self.kind is not None:
            clauses.append(sa.func.length(column) == PERIOD_LENGTHS[self.kind])
        return clauses


def _fte(figures: Any) -> sa.ColumnElement[float]:
    """A stored row's actual FTE, else its planned FTE (as compute.small_unit_mask reads it)."""
    return sa.func.coalesce(figures["fte_actual"].as_float(), figures["fte_planned"].as_float())


def measurement_rows(
    municipality_id: int, chosen: MeasurementFilter, *, hide_small: bool
) -> sa.Select[Any]:
    """(period, unit_id, unit name) of each row of a municipality's measurements: one per stored
    unit and period, and one per period for the whole municipality (unit_id None); years before
    their months and weeks, the whole municipality before its units. `hide_small` leaves out
    units with 10 FTE or fewer (the whole municipality's totals still count them)."""
    where = [Measurement.municipality_id == municipality_id, *chosen.periods()]
    parts: list[sa.Select[*tuple[Any, ...]]] = []
    if chosen.whole is not True:
        units = sa.select(Measurement.period, Measurement.unit_id).where(
            *where, Measurement.unit_id.is_not(None)
        )
        if chosen.unit_id is not None:
            units = units.where(Measurement.unit_id == chosen.unit_id)
        if hide_small:
            units = units.where(_fte(Measurement.figures) > compute.SMALL_UNIT_FTE)
        parts.append(units)
    if chosen.whole is not False and chosen.unit_id is None:
        whole = sa.select(Measurement.period, sa.cast(sa.null(), sa.Integer).label("unit_id"))
        parts.append(whole.where(*where).distinct())
    if not parts:  # a unit and only the whole municipality: nothing
        parts.append(sa.select(Measurement.period, Measurement.unit_id).where(sa.false()))
    keys = (sa.union(*parts) if len(parts) > 1 else parts[0]).subquery("keys")
    return (
        sa.select(keys.c.period, keys.c.unit_id, Unit.name)
        .select_from(keys)
        .outerjoin(Unit, Unit.id == keys.c.unit_id)
        .order_by(keys.c.period, sa.func.coalesce(keys.c.unit_id, 0))
    )


def measurement_items(
    session: DbSession, municipality_id: int, rows: Sequence[Any], codes: list[str]
) -> list[dict[str, Any]]:
    """The entered and computed values of the rows of `measurement_rows` (one page of them),
    only the indicators in `codes`: the totals and computed values of their periods alone."""
    if not rows:
        return []
    periods = sorted({row.period for row in rows})
    table = services.indicator_table(session, [municipality_id], periods)
    present = [c for c in codes if c in table.columns]
    keys = [(WHOLE if row.unit_id is None else row.unit_id, row.period) for row in rows]
    found = table.set_index(["unit_id", "period"]).reindex(keys)[present].to_dict("records")
    entered = [c for c in present if not catalogue.BY_CODE[c].computed]
    computed = [c for c in present if catalogue.BY_CODE[c].computed]
    return [
        {
            "unit": row.name,
            "unit_id": row.unit_id,
            "period": row.period,
            "figures": _numbers(values, entered),
            "computed": _numbers(values, computed),
        }
        for row, values in zip(rows, found, strict=True)
    ]


def _numbers(values: dict[str, Any], codes: list[str]) -> dict[str, float]:
    """The codes' values that are numbers (no missing or infinite ones), rounded."""
    numbers = {code: float(values[code]) for code in codes}
    return {code: round(value, 6) for code, value in numbers.items() if math.isfinite(value)}
