"""Goals tied to the staffing figures move by themselves; own measures; actions; who may write."""

from __future__ import annotations

import datetime as dt

import pytest

from heltidnett.core.errors import ServiceError
from heltidnett.extensions import db


def _figures(municipality_id: int, unit_id: int | None, period: str, **figures: float) -> None:
    from heltidnett.staffing.models import Measurement

    db.session.add(
        Measurement(
            municipality_id=municipality_id, unit_id=unit_id, period=period, figures=figures
        )
    )
    db.session.flush()


def _bands(full: float, part: float) -> dict[str, float]:
    """Positions with `full` in the 100 % band and `part` at 50-79 %."""
    return {
        "positions_planned": full + part,
        "positions_band_100": full,
        "positions_band_50_79": part,
        "fte_planned": full + part * 0.6,
    }


def _ringerike_goal(**changes):  # type: ignore[no-untyped-def]
    from heltidnett.goals.progress import Direction
    from heltidnett.goals.services import GoalData

    data = GoalData(
        title="Andel 100 % stillinger minst 50 %",
        direction=Direction.AT_LEAST,
        indicator_code="fulltime_share",
        baseline_period="2016",
        first_target_value=40.0,
        first_target_due=dt.date(2019, 12, 31),
        target_value=50.0,
        target_due=dt.date(2020, 12, 31),
        responsible="Kommunalsjef helse og omsorg",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def _user(user_id: int):  # type: ignore[no-untyped-def]
    from heltidnett.auth.models import User

    return db.session.get(User, user_id)


def test_an_imported_period_moves_a_goal_tied_to_the_indicator(app, tenants):  # type: ignore[no-untyped-def]
    from heltidnett.goals.progress import Status
    from heltidnett.goals.services import create_goal, progress_of
    from heltidnett.municipalities.models import Municipality

    with app.app_context():
        alta = db.session.get(Municipality, tenants.alta.id)
        coordinator = _user(tenants.alta_coordinator.id)
        _figures(alta.id, None, "2016", **_bands(20, 80))  # 20 %
        _figures(alta.id, None, "2017", **_bands(24, 76))  # 24 %
        goal = create_goal(db.session, coordinator, alta, _ringerike_goal())
        today = dt.date(2018, 3, 1)
        (before,) = progress_of(db.session, [goal], today)
        assert before.progress.baseline.value == pytest.approx(20.0)
        assert before.progress.latest.value == pytest.approx(24.0)
        assert before.progress.share_of_way == pytest.approx(0.2)
        assert before.progress.status is Status.OFF_TRACK  # 4 points a year: 32 % by 2019

        _figures(alta.id, None, "2018", **_bands(33, 67))  # a good year: 33 %
        (after,) = progress_of(db.session, [goal], dt.date(2019, 3, 1))
        assert after.progress.latest.value == pytest.approx(33.0)
        assert after.progress.share_of_way == pytest.approx(0.65)
        assert after.progress.status is Status.AT_RISK  # the line gives 39 % by 2019
        db.session.rollback()


def test_a_goal_follows_the_declared_full_time_threshold(app, tenants):  # type: ignore[no-untyped-def]
    from heltidnett.goals.services import create_goal, progress_of
    from heltidnett.municipalities.models import Municipality

    with app.app_context():
        alta = db.session.get(Municipality, tenants.alta.id)
        figures = {
            "positions_planned": 100,
            "positions_band_100": 20,
            "positions_band_80_99": 30,
            "positions_band_0_29": 50,
        }
        _figures(alta.id, None, "2017", **figures)
        _figures(alta.id, None, "2018", **figures)
        goal = create_goal(db.session, _user(tenants.alta_coordinator.id), alta, _ringerike_goal())
        (progress,) = progress_of(db.session, [goal], dt.date(2019, 1, 1))
        assert progress.progress.latest.value == pytest.approx(20.0)  # 100 % only, by default
        db.session.rollback()


def test_a_unit_goal_reads_its_units_and_an_at_most_goal_counts_down(app, tenants, make_unit):  # type: ignore[no-untyped-def]
    from heltidnett.goals.progress import Direction, Status
    from heltidnett.goals.services import create_goal, progress_of
    from heltidnett.municipalities.models import Municipality

    second = make_unit(tenants.alta, "Saga bo- og servicesenter")
    with app.app_context():
        alta = db.session.get(Municipality, tenants.alta.id)
        for unit, vacant in ((tenants.alta_unit.id, (6, 4, 2)), (second.id, (4, 5, 6))):
            for year, count in zip(("2016", "2017", "2018"), vacant, strict=True):
                _figures(alta.id, unit, year, positions_planned=50, vacant_positions=count)
        _figures(alta.id, None, "2018", positions_planned=500, vacant_positions=100)
        data = _ringerike_goal(
            title="Ingen ubesatte stillinger",
            indicator_code="vacancy_share",
            direction=Direction.AT_MOST,
            baseline_period=None,
            first_target_value=5.0,
            target_value=0.0,
            unit_ids=[tenants.alta_unit.id],
        )
        coordinator = _user(tenants.alta_coordinator.id)
        one = create_goal(db.session, coordinator, alta, data)
        data.unit_ids = [tenants.alta_unit.id, second.id]
        both = create_goal(db.session, coordinator, alta, data)
        found = progress_of(db.session, [one, both], dt.date(2019, 2, 1))
        assert [p.value for p in found[0].series] == pytest.approx([12.0, 8.0, 4.0])
        assert found[0].progress.status is Status.ON_TRACK  # reaches 5 % by the end of 2019
        assert [p.value for p in found[1].series] == pytest.approx([10.0, 9.0, 8.0])
        assert found[1].progress.status is Status.OFF_TRACK
        db.session.rollback()


def test_an_own_measure_is_computed_from_its_values_and_stale_data_has_no_status(app, tenants):  # type: ignore[no-untyped-def]
    from heltidnett.goals.progress import Direction, Status
    from heltidnett.goals.services import add_value, create_goal, progress_of
    from heltidnett.municipalities.models import Municipality

    with app.app_context():
        alta = db.session.get(Municipality, tenants.alta.id)
        coordinator = _user(tenants.alta_coordinator.id)
        data = _ringerike_goal(
            title="Lederkapasitet til bemanning høyst 20 %",
            indicator_code=None,
            measure_name="Andel av lederkapasiteten brukt på bemanning",
            direction=Direction.AT_MOST,
            first_target_value=30.0,
            target_value=20.0,
        )
        goal = create_goal(db.session, coordinator, alta, data)
        assert goal.baseline_period is None
        (empty,) = progress_of(db.session, [goal], dt.date(2018, 6, 1))
        assert empty.progress.status is Status.NO_DATA
        add_value(db.session, coordinator, goal, dt.date(2018, 1, 15), 45.0)
        add_value(db.session, coordinator, goal, dt.date(2018, 4, 15), 40.0)
        add_value(db.session, coordinator, goal, dt.date(2018, 4, 15), 39.0, "rettet")
        assert len(goal.values) == 2
        (fresh,) = progress_of(db.session, [goal], dt.date(2018, 6, 1))
        assert fresh.progress.latest.value == 39.0
        assert fresh.progress.share_of_way == pytest.approx(6 / 15)
        (stale,) = progress_of(db.session, [goal], dt.date(2019, 6, 1))
        assert stale.progress.status is Status.STALE
        db.session.rollback()


def test_only_the_municipalitys_coordinators_write_its_goals(app, tenants):  # type: ignore[no-untyped-def]
    from heltidnett.goals.services import create_goal
    from heltidnett.municipalities.models import Municipality

    with app.app_context():
        alta = db.session.get(Municipality, tenants.alta.id)
        for user in (tenants.hemnes_coordinator, tenants.facilitator, tenants.alta_steering):
            with pytest.raises(ServiceError):
                create_goal(db.session, _user(user.id), alta, _ringerike_goal())
        goal = create_goal(db.session, _user(tenants.alta_coordinator.id), alta, _ringerike_goal())
        assert goal.can_view(_user(tenants.alta_steering.id))
        assert goal.can_view(_user(tenants.facilitator.id))
        assert not goal.can_view(_user(tenants.hemnes_coordinator.id))
        goal.shared = True
        assert goal.can_view(_user(tenants.hemnes_coordinator.id))
        assert not goal.can_view(_user(tenants.rana_coordinator.id))
        assert not goal.can_edit(_user(tenants.facilitator.id))
        db.session.rollback()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": " "}, "tittel"),
        ({"indicator_code": "no_such_thing"}, "indikator"),
        ({"indicator_code": None, "measure_name": ""}, "måler"),
        ({"first_target_due": None}, "delmål"),
        ({"first_target_due": dt.date(2021, 1, 1)}, "før"),
        ({"baseline_period": "i fjor"}, "periode"),
    ],
)
def test_a_goal_that_does_not_hold_together_is_refused_with_a_reason(
    app, tenants, changes, message
):  # type: ignore[no-untyped-def]
    from heltidnett.goals.services import create_goal
    from heltidnett.municipalities.models import Municipality

    with app.app_context():
        alta = db.session.get(Municipality, tenants.alta.id)
        with pytest.raises(ServiceError) as refused:
            create_goal(
                db.session, _user(tenants.alta_coordinator.id), alta, _ringerike_goal(**changes)
            )
        assert message in str(refused.value).lower()
        db.session.rollback()
