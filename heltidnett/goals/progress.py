"""A goal's progress computed from its series: no Flask, no database, never stored.

The share of the way is the OKR tracker's formula, (latest - baseline) / (target - baseline)
clamped to 0-100 %: all of it once the latest value meets the target, none of it when the
baseline met the target and the latest value no longer does. The status comes from a straight
line fitted through the values since the baseline (least squares), read off at the target's
date:

- on track: the line reaches the target by its date (or the latest value already has);
- at risk: the line gets at least `AT_RISK_SHARE` of the way by then;
- off track: less than that, it moves away from the target, or the date has passed.

A goal with no value after its baseline, or whose latest value is older than `stale_after`,
has no status: it says why instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise
from statistics import median

AT_RISK_SHARE = 0.75  # projected share of the way that is still "at risk", not "off track"
STALE_PERIODS = 2  # the latest value is stale when older than this many of the series' periods
DEFAULT_PERIOD = timedelta(days=366)  # a series with one value is taken as yearly


class Direction(StrEnum):
    """Whether the goal is to get at least or at most to its target."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class Status(StrEnum):
    """Where the goal stands; NO_DATA and STALE carry no judgement of the trend."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"
    STALE = "stale"


@dataclass(frozen=True)
class Point:
    """One value of the series, as of the end of its period."""

    as_of: date
    value: float


@dataclass(frozen=True)
class Target:
    """A value to reach by a date (the first target, or the long-term one)."""

    value: float
    due: date


@dataclass(frozen=True)
class Progress:
    """The computed progress of a goal on a given day."""

    baseline: Point | None
    latest: Point | None
    target: Target
    share_of_way: float | None  # 0.0-1.0, None without a baseline and a later value
    status: Status
    projected: float | None  # the fitted line's value at the target's date


def current_target(targets: list[Target], today: date) -> Target:
    """The first target not yet due, or the last one when all are due."""
    ordered = sorted(targets, key=lambda t: t.due)
    if not ordered:
        raise ValueError("a goal needs at least one target")
    return next((t for t in ordered if t.due >= today), ordered[-1])


def share_of_way(baseline: float, latest: float, target: float) -> float:
    """(latest - baseline) / (target - baseline), clamped to 0-1; 1 when the baseline is there."""
    if target == baseline:
        return 1.0
    return min(1.0, max(0.0, (latest - baseline) / (target - baseline)))


def reached(value: float, target: float, direction: Direction) -> bool:
    """Whether a value meets the target in the goal's direction."""
    return value >= target if direction is Direction.AT_LEAST else value <= target


def fitted_value(points: list[Point], on: date) -> float | None:
    """The least-squares line through the points, read off on a day; None below two days."""
    xs = [p.as_of.toordinal() for p in points]
    if len(set(xs)) < 2:
        return None
    ys = [p.value for p in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )
    return mean_y + slope * (on.toordinal() - mean_x)


def typical_period(points: list[Point]) -> timedelta:
    """The median gap between consecutive values (a year for a single value)."""
    days = sorted(p.as_of for p in points)
    gaps = [(b - a).days for a, b in pairwise(days) if b > a]
    return timedelta(days=median(gaps)) if gaps else DEFAULT_PERIOD


def compute(
    series: list[Point],
    targets: list[Target],
    direction: Direction,
    today: date,
    baseline: Point | None = None,
    stale_after: timedelta | None = None,
) -> Progress:
    """The goal's progress on `today` from its series (the baseline is its first value if
    not given), towards its current target."""
    points = sorted(series, key=lambda p: p.as_of)
    target = current_target(targets, today)
    baseline = baseline or (points[0] if points else None)
    since = [p for p in points if baseline is None or p.as_of >= baseline.as_of]
    latest = since[-1] if since else None
    if baseline is None or latest is None or latest.as_of <= baseline.as_of:
        return Progress(baseline, latest, target, None, Status.NO_DATA, None)
    if reached(latest.value, target.value, direction):
        share = 1.0
    elif reached(baseline.value, target.value, direction):
        share = 0.0  # it met the target at the start and has slipped past it since
    else:
        share = share_of_way(baseline.value, latest.value, target.value)
    limit = stale_after or typical_period(points) * STALE_PERIODS
    if today - latest.as_of > limit:
        return Progress(baseline, latest, target, share, Status.STALE, None)
    line = [baseline, *[p for p in since if p.as_of > baseline.as_of]]
    projected = fitted_value(line, max(target.due, latest.as_of))
    status = _status(baseline, latest, target, direction, projected, today)
    return Progress(baseline, latest, target, share, status, projected)


def _status(
    baseline: Point,
    latest: Point,
    target: Target,
    direction: Direction,
    projected: float | None,
    today: date,
) -> Status:
    if reached(latest.value, target.value, direction):
        return Status.ON_TRACK
    if projected is None or today > target.due:
        return Status.OFF_TRACK
    if reached(projected, target.value, direction):
        return Status.ON_TRACK
    gap = target.value - baseline.value
    moved = projected - baseline.value
    towards = gap > 0 if direction is Direction.AT_LEAST else gap < 0  # not met at the start
    if towards and moved / gap >= AT_RISK_SHARE:
        return Status.AT_RISK
    return Status.OFF_TRACK
