"""Computed indicators and roll-ups: pure pandas, no Flask, never averages of averages."""

from __future__ import annotations

from heltidnett.core.lazy import numpy as np
from heltidnett.core.lazy import pandas as pd
from heltidnett.staffing import catalogue

SHIFTS_PER_FTE = 251.0
# Lower bound (percent) of each position-size band, to count full-time positions.
BAND_LOWER = {"100": 100.0, "80_99": 80.0, "50_79": 50.0, "30_49": 30.0, "0_29": 0.0}
WEIGHTS = {"weekend_hours_per_employee": "positions_actual"}  # non-additive → weighted by
DEFAULT_WEIGHT = "fte_planned"
SMALL_UNIT_FTE = 10.0  # units with this many FTE or fewer are hidden from other municipalities


def _col(frame: pd.DataFrame, code: str) -> pd.Series:
    if code in frame.columns:
        return pd.to_numeric(frame[code], errors="coerce")
    return pd.Series(np.nan, index=frame.index, dtype="float64")


def _ratio(numerator: pd.Series, denominator: pd.Series, factor: float = 100.0) -> pd.Series:
    """numerator / denominator × factor; missing where the denominator is missing or zero."""
    denominator = denominator.where(denominator != 0)
    return numerator / denominator * factor


def compute(
    wide: pd.DataFrame, threshold: float = 100.0, shifts_per_fte: float = SHIFTS_PER_FTE
) -> pd.DataFrame:
    """The computed indicators for each row of entered values (one row per unit and period).

    `threshold` is the municipality's full-time definition (percent): the bands whose lower
    bound is at or above it count as full time (a threshold inside a band counts that band
    out, so 90 counts only the 100 % band).
    """
    out = pd.DataFrame(index=wide.index)
    positions_planned = _col(wide, "positions_planned")
    positions_actual = _col(wide, "positions_actual")
    fte_planned = _col(wide, "fte_planned")
    fte_actual = _col(wide, "fte_actual")
    out["avg_position_size_planned"] = _ratio(fte_planned, positions_planned)
    out["avg_position_size_actual"] = _ratio(fte_actual, positions_actual)

    bands = pd.DataFrame({key: _col(wide, f"positions_band_{key}") for key in BAND_LOWER})
    has_bands = bands.notna().any(axis=1)
    band_total = bands.fillna(0).sum(axis=1).where(has_bands)
    for key in BAND_LOWER:
        out[f"band_share_{key}"] = _ratio(bands[key].fillna(0).where(has_bands), band_total)
    fulltime_keys = [key for key, lower in BAND_LOWER.items() if lower >= threshold]
    if not fulltime_keys:  # a threshold above 100 % still counts the 100 % band
        fulltime_keys = ["100"]
    fulltime = bands[fulltime_keys].fillna(0).sum(axis=1).where(has_bands)
    out["fulltime_share"] = _ratio(fulltime, band_total)

    out["vacancy_share"] = _ratio(_col(wide, "vacant_positions"), positions_planned)
    temps = _col(wide, "temps_count")
    out["temps_share_of_staff"] = _ratio(temps, temps + positions_actual)
    out["hired_fte"] = _col(wide, "hired_shifts") / shifts_per_fte

    competence = pd.DataFrame(
        {
            "higher": _col(wide, "fte_higher_education"),
            "trade": _col(wide, "fte_trade_certificate"),
            "unskilled": _col(wide, "fte_unskilled"),
        }
    )
    has_competence = competence.notna().any(axis=1)
    competence_total = competence.fillna(0).sum(axis=1).where(has_competence)
    for key, code in (
        ("higher", "share_higher_education"),
        ("trade", "share_trade_certificate"),
        ("unskilled", "share_unskilled"),
    ):
        out[code] = _ratio(competence[key].fillna(0).where(has_competence), competence_total)

    out["gap_positions"] = positions_actual - positions_planned
    out["gap_fte"] = fte_actual - fte_planned
    out["gap_avg_position_size"] = (
        out["avg_position_size_actual"] - out["avg_position_size_planned"]
    )
    return out


def with_computed(wide: pd.DataFrame, threshold: float = 100.0) -> pd.DataFrame:
    """The entered values with the computed indicators beside them."""
    return pd.concat([wide, compute(wide, threshold)], axis=1)


def roll_up(wide: pd.DataFrame, by: list[str] | None = None) -> pd.DataFrame:
    """Sum the entered values of units (grouped by `by`, e.g. period).

    Counts, FTEs, hours and costs are summed; entered percentages and per-employee figures
    are weighted by FTE (or positions); computed indicators are then computed from the sums.
    """
    by = by or []
    entered = [c for c in wide.columns if c in catalogue.BY_CODE and c not in by]
    additive = [c for c in entered if catalogue.BY_CODE[c].additive]
    weighted = [c for c in entered if not catalogue.BY_CODE[c].additive]
    frame = wide.copy()
    grouped_keys = frame[by] if by else pd.Series(0, index=frame.index)
    sums = (
        frame[additive]
        .apply(pd.to_numeric, errors="coerce")
        .groupby([grouped_keys[k] for k in by] if by else grouped_keys)
        .sum(min_count=1)
    )
    for code in weighted:
        weight_code = WEIGHTS.get(code, DEFAULT_WEIGHT)
        values = pd.to_numeric(frame[code], errors="coerce")
        weights = _col(frame, weight_code).where(values.notna())
        if weights.isna().all():
            weights = pd.Series(1.0, index=frame.index).where(values.notna())
        keys = [grouped_keys[k] for k in by] if by else grouped_keys
        numerator = (values * weights).groupby(keys).sum(min_count=1)
        denominator = weights.groupby(keys).sum(min_count=1)
        sums[code] = numerator / denominator.where(denominator != 0)
    return sums


def small_unit_mask(wide: pd.DataFrame, limit: float = SMALL_UNIT_FTE) -> pd.Series:
    """Units with 10 FTE or fewer (actual FTE, else planned): hidden from other municipalities."""
    fte = _col(wide, "fte_actual").fillna(_col(wide, "fte_planned"))
    return fte.isna() | (fte <= limit)
