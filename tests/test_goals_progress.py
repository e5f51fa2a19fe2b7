"""A goal's progress computed from its series, without Flask: share of the way and status."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from heltidnett.goals.progress import (
    Direction,
    Point,
    Status,
    Target,
    compute,
    current_target,
    fitted_value,
    share_of_way,
)

# Ringerike's first goal: share of 100 % positions at least 50 % (first: 40 %).
FIRST = Target(40.0, date(2019, 12, 31))
LONG = Target(50.0, date(2020, 12, 31))
TARGETS = [LONG, FIRST]


def _series(*values: float, start: int = 2016) -> list[Point]:
    return [Point(date(start + i, 12, 31), v) for i, v in enumerate(values)]


def test_share_of_the_way_is_clamped_between_nothing_and_all():
    assert share_of_way(20.0, 30.0, 40.0) == pytest.approx(0.5)
    assert share_of_way(20.0, 15.0, 40.0) == 0.0  # moved away
    assert share_of_way(20.0, 45.0, 40.0) == 1.0  # beyond the target
    assert share_of_way(12.0, 9.0, 10.0) == pytest.approx(1.0)  # "at most": downwards
    assert share_of_way(12.0, 11.0, 10.0) == pytest.approx(0.5)
    assert share_of_way(40.0, 40.0, 40.0) == 1.0


def test_the_current_target_is_the_first_not_yet_due_then_the_last():
    assert current_target(TARGETS, date(2018, 6, 1)) == FIRST
    assert current_target(TARGETS, date(2020, 1, 1)) == LONG
    assert current_target(TARGETS, date(2022, 1, 1)) == LONG


def test_a_straight_line_is_read_off_at_the_target_date():
    points = _series(20.0, 25.0, 30.0)
    assert fitted_value(points, date(2019, 12, 31)) == pytest.approx(35.0, abs=0.05)
    assert fitted_value(points[:1], date(2019, 12, 31)) is None


def test_on_track_when_the_trend_reaches_the_target_by_its_date():
    progress = compute(_series(20.0, 27.0, 34.0), TARGETS, Direction.AT_LEAST, date(2019, 2, 1))
    assert progress.status is Status.ON_TRACK
    assert progress.target == FIRST
    assert progress.share_of_way == pytest.approx(0.7)
    assert progress.latest == Point(date(2018, 12, 31), 34.0)
    assert progress.projected == pytest.approx(41.0, abs=0.1)


def test_at_risk_when_the_trend_gets_most_of_the_way():
    progress = compute(_series(20.0, 24.0, 28.0), TARGETS, Direction.AT_LEAST, date(2019, 2, 1))
    assert progress.projected == pytest.approx(32.0, abs=0.1)  # 60 % of the way: off
    assert progress.status is Status.OFF_TRACK
    progress = compute(_series(20.0, 25.5, 31.0), TARGETS, Direction.AT_LEAST, date(2019, 2, 1))
    assert progress.projected == pytest.approx(36.5, abs=0.1)  # 82.5 % of the way
    assert progress.status is Status.AT_RISK


def test_off_track_when_moving_away_or_the_date_has_passed():
    away = compute(_series(20.0, 19.0, 18.0), TARGETS, Direction.AT_LEAST, date(2019, 2, 1))
    assert away.status is Status.OFF_TRACK
    assert away.share_of_way == 0.0
    late = compute(_series(20.0, 30.0, 44.0, 49.0), [LONG], Direction.AT_LEAST, date(2021, 1, 15))
    assert late.status is Status.OFF_TRACK  # 49 % when 50 % was due
    done = compute(_series(20.0, 30.0, 44.0, 51.0), [LONG], Direction.AT_LEAST, date(2021, 1, 15))
    assert done.status is Status.ON_TRACK
    assert done.share_of_way == 1.0


def test_an_at_most_goal_counts_downwards():
    vacancies = [Target(10.0, date(2019, 12, 31)), Target(0.0, date(2020, 12, 31))]
    down = compute(_series(14.0, 12.5, 11.0), vacancies, Direction.AT_MOST, date(2019, 2, 1))
    assert down.share_of_way == pytest.approx(0.75)
    assert down.status is Status.ON_TRACK  # the line reaches 9.5 by the end of 2019
    up = compute(_series(14.0, 15.0, 16.0), vacancies, Direction.AT_MOST, date(2019, 2, 1))
    assert up.status is Status.OFF_TRACK


def test_no_status_without_a_value_after_the_baseline():
    assert compute([], TARGETS, Direction.AT_LEAST, date(2019, 1, 1)).status is Status.NO_DATA
    only = compute(_series(20.0), TARGETS, Direction.AT_LEAST, date(2017, 1, 1))
    assert only.status is Status.NO_DATA
    assert only.share_of_way is None and only.baseline == only.latest


def test_no_status_when_the_latest_value_is_older_than_its_period():
    monthly = [Point(date(2018, m, 28), 20.0 + m) for m in range(1, 7)]
    fresh = compute(monthly, TARGETS, Direction.AT_LEAST, date(2018, 7, 20))
    assert fresh.status is not Status.STALE
    stale = compute(monthly, TARGETS, Direction.AT_LEAST, date(2018, 10, 1))
    assert stale.status is Status.STALE
    assert stale.share_of_way == pytest.approx(5 / 19)  # still says how far it came: 21 → 26 of 40
    assert stale.projected is None
    given = compute(
        monthly, TARGETS, Direction.AT_LEAST, date(2018, 10, 1), stale_after=timedelta(days=400)
    )
    assert given.status is not Status.STALE


def test_a_given_baseline_leaves_out_earlier_values():
    series = _series(10.0, 20.0, 25.0, 30.0)
    progress = compute(series, TARGETS, Direction.AT_LEAST, date(2019, 6, 1), baseline=series[1])
    assert progress.baseline == series[1]
    assert progress.share_of_way == pytest.approx(0.5)
