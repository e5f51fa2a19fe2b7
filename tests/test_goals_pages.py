"""The goal pages: the municipality's board, a goal's page with its chart, values and actions,
the network overview with its indicator filter and xlsx, and the small-unit protection."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from heltidnett.extensions import db
from tests.conftest import post_form


def _figures(municipality_id: int, unit_id: int | None, period: str, **figures: float) -> None:
    from heltidnett.staffing.models import Measurement

    db.session.add(
        Measurement(
            municipality_id=municipality_id, unit_id=unit_id, period=period, figures=figures
        )
    )


def _bands(full: float, part: float, fte: float | None = None) -> dict[str, float]:
    """Positions with `full` in the 100 % band and `part` at 50-79 %."""
    return {
        "positions_planned": full + part,
        "positions_band_100": full,
        "positions_band_50_79": part,
        "fte_planned": fte if fte is not None else full + part * 0.6,
    }


def _goal(municipality, **fields):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import Goal
    from heltidnett.goals.progress import Direction

    values = {
        "title": "Andel 100 % stillinger minst 50 %",
        "indicator_code": "fulltime_share",
        "direction": Direction.AT_LEAST,
        "baseline_period": "2016",
        "first_target_value": 40.0,
        "first_target_due": dt.date.today() + dt.timedelta(days=200),
        "target_value": 50.0,
        "target_due": dt.date.today() + dt.timedelta(days=900),
        "responsible": "Kommunalsjef helse og omsorg",
    }
    values.update(fields)
    goal = Goal(municipality_id=municipality.id, **values)
    db.session.add(goal)
    db.session.flush()
    return goal


def _rising(municipality, unit=None, fte: float | None = None) -> None:  # type: ignore[no-untyped-def]
    """Full-time share 20 % in 2016, 25 % in 2017, 30 % last year."""
    last = dt.date.today().year - 1
    for period, full in (("2016", 20.0), (str(last - 1), 25.0), (str(last), 30.0)):
        unit_id = unit.id if unit else None
        _figures(municipality.id, unit_id, period, **_bands(full, 100 - full, fte))


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


@pytest.fixture
def alta_goal(app, tenants):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import Action, ActionStatus, Benefit

    with app.app_context():
        _rising(tenants.alta)
        goal = _goal(tenants.alta, benefit=Benefit.CONTINUITY)
        db.session.add_all(
            [
                Action(
                    goal_id=goal.id,
                    title="Kartlegge ønsket stillingsstørrelse",
                    due_on=dt.date.today() - dt.timedelta(days=10),
                    status=ActionStatus.IN_PROGRESS,
                ),
                Action(
                    goal_id=goal.id,
                    title="Innføre langvakter",
                    due_on=dt.date.today() - dt.timedelta(days=10),
                    status=ActionStatus.DONE,
                ),
            ]
        )
        db.session.commit()
        return goal.id


def test_the_board_shows_each_goal_with_its_numbers_status_and_overdue_actions(
    client, auth, tenants, alta_goal
):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    page = _text(client.get(f"/municipalities/{tenants.alta.id}/goals"))
    assert "Andel 100 % stillinger minst 50 %" in page
    assert "Heltidsandel" in page
    assert "20,0 % <small>(2016)</small>" in page  # the baseline with its period
    last = dt.date.today().year - 1
    assert f"30,0 % <small>({last})</small>" in page  # the latest value with its period
    assert "Første mål (minst)" in page and "40,0 % innen" in page
    assert "50,0 % innen" in page
    assert 'value="50"' in page and "50 %" in page  # half the way: 10 of 20 towards 40
    # the line through 20, 25 and 30 reaches about a third of 40 by the first target's date
    assert 'Status: <span class="ds-tag" data-color="danger">Ikke i rute</span>' in page
    assert "Kontinuitet" in page and "Kommunalsjef helse og omsorg" in page
    assert "1 tiltak har passert fristen: Kartlegge ønsket stillingsstørrelse" in page
    assert "Innføre langvakter" not in page  # done: not overdue
    assert f'href="/municipalities/{tenants.alta.id}/goals/new"' in page


def test_the_municipality_page_links_to_the_board_and_the_network_page_to_the_overview(
    client, auth, tenants
):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    municipality = client.get(f"/municipalities/{tenants.alta.id}").get_data(as_text=True)
    assert f'href="/municipalities/{tenants.alta.id}/goals"' in municipality
    network = client.get(f"/networks/{tenants.north.id}").get_data(as_text=True)
    assert f'href="/networks/{tenants.north.id}/goals"' in network


def test_a_coordinator_writes_a_goal_tied_to_an_indicator_with_decimal_commas(
    app, client, auth, tenants
):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import Goal

    with app.app_context():
        _rising(tenants.alta)
        db.session.commit()
    auth.login(tenants.alta_coordinator)
    form = client.get(f"/municipalities/{tenants.alta.id}/goals/new").get_data(as_text=True)
    assert '<optgroup label="Nøkkelindikatorer">' in form
    assert form.index("Nøkkelindikatorer") < form.index("Registrerte tall")
    assert re.search(
        r'<option (selected value="fulltime_share"|value="fulltime_share" selected)', form
    )
    assert '<option value="2016">2016</option>' in form  # periods with figures as baselines
    response = post_form(
        client,
        f"/municipalities/{tenants.alta.id}/goals/new",
        {
            "title": "Heltidsandel minst 45,5 %",
            "indicator": "fulltime_share",
            "measure_unit": "percent",
            "direction": "at_least",
            "baseline_period": "2016",
            "first_target_value": "35,5",
            "first_target_due": (dt.date.today() + dt.timedelta(days=300)).isoformat(),
            "target_value": "45,5",
            "target_due": (dt.date.today() + dt.timedelta(days=700)).isoformat(),
            "units": str(tenants.alta_unit.id),
            "responsible": "Kommunalsjefen",
            "benefit": "capacity",
            "shared": "y",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        goal = db.session.scalars(db.select(Goal)).one()
        assert (goal.target_value, goal.first_target_value) == (45.5, 35.5)
        assert goal.indicator_code == "fulltime_share" and goal.shared
        assert [u.name for u in goal.units] == ["Elvebakken sykehjem"]
        assert response.headers["Location"] == f"/goals/{goal.id}"


def test_a_broken_rule_keeps_what_was_typed_and_says_why(client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    response = post_form(
        client,
        f"/municipalities/{tenants.alta.id}/goals/new",
        {
            "title": "Egen måling uten navn",
            "indicator": "own",
            "measure_name": "",
            "measure_unit": "count",
            "direction": "at_most",
            "baseline_period": "",
            "target_value": "12,5",
            "target_due": (dt.date.today() + dt.timedelta(days=700)).isoformat(),
            "benefit": "",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Velg en indikator, eller skriv hva dere måler selv." in page
    assert 'value="Egen måling uten navn"' in page and 'value="12,5"' in page


def test_only_the_coordinators_get_the_form(client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_steering)
    assert client.get(f"/municipalities/{tenants.alta.id}/goals/new").status_code == 403
    board = client.get(f"/municipalities/{tenants.alta.id}/goals").get_data(as_text=True)
    assert "/goals/new" not in board


def test_the_goal_page_draws_the_series_with_both_targets_and_its_table(
    client, auth, tenants, alta_goal
):  # type: ignore[no-untyped-def]
    auth.login(tenants.facilitator)
    page = _text(client.get(f"/goals/{alta_goal}"))
    assert '<svg role="img"' in page and "Heltidsandel over tid" in page
    assert "Første mål," in page and "Langsiktig mål," in page  # the two target lines' legend
    assert '<th scope="row">2016</th>' in page and "20,0 %" in page  # the table of values
    assert "minste kvadraters metode" in page  # the method, in plain words
    assert "linja gir" in page
    assert "Fristen er passert" in page  # the overdue action marked
    assert "Endre målet" not in page  # a facilitator reads


def test_actions_are_added_and_edited_on_the_goal_page(app, client, auth, tenants, alta_goal):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import Action, ActionStatus

    auth.login(tenants.alta_coordinator)
    response = post_form(
        client,
        f"/goals/{alta_goal}/actions",
        {
            "a-title": "Ny turnusmodell",
            "a-owner": "Enhetsleder",
            "a-due_on": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
            "a-status": "planned",
            "a-notes": "",
        },
        form_page=f"/goals/{alta_goal}",
    )
    assert response.status_code == 302
    with app.app_context():
        action = db.session.scalars(db.select(Action).filter_by(title="Ny turnusmodell")).one()
        action_id = action.id
    response = post_form(
        client,
        f"/goals/actions/{action_id}/edit",
        {
            "title": "Ny turnusmodell",
            "owner": "Kommunalsjefen",
            "due_on": (dt.date.today() + dt.timedelta(days=60)).isoformat(),
            "status": "in_progress",
            "notes": "Startet i januar",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        action = db.session.get(Action, action_id)
        assert (action.owner, action.status, action.notes) == (
            "Kommunalsjefen",
            ActionStatus.IN_PROGRESS,
            "Startet i januar",
        )
    empty = post_form(
        client,
        f"/goals/{alta_goal}/actions",
        {"a-title": "", "a-status": "planned"},
        form_page=f"/goals/{alta_goal}",
    )
    assert empty.status_code == 400 and "Skriv hva tiltaket er." in empty.get_data(as_text=True)


def test_own_measure_values_are_entered_and_shown(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import GoalValue
    from heltidnett.goals.progress import Direction

    with app.app_context():
        goal = _goal(
            tenants.alta,
            title="Færre ansatte på tilkalling",
            indicator_code=None,
            measure_name="Tilkallingsvikarer",
            measure_unit="count",
            direction=Direction.AT_MOST,
            baseline_period=None,
            first_target_value=None,
            first_target_due=None,
            target_value=20.0,
        )
        db.session.add(GoalValue(goal_id=goal.id, measured_on=dt.date(2024, 1, 31), value=60.0))
        db.session.commit()
        goal_id = goal.id
    auth.login(tenants.alta_coordinator)
    response = post_form(
        client,
        f"/goals/{goal_id}/values",
        {"v-measured_on": "2024-06-30", "v-value": "45,5", "v-note": "Etter første halvår"},
        form_page=f"/goals/{goal_id}",
    )
    assert response.status_code == 302
    with app.app_context():
        assert [v.value for v in db.session.scalars(db.select(GoalValue))] == [60.0, 45.5]
    page = _text(client.get(f"/goals/{goal_id}"))
    assert "Registrer en måling" in page and "45,5" in page and "30.06.2024" in page
    future = post_form(
        client,
        f"/goals/{goal_id}/values",
        {"v-measured_on": (dt.date.today() + dt.timedelta(days=3)).isoformat(), "v-value": "1"},
        form_page=f"/goals/{goal_id}",
    )
    assert future.status_code == 400
    assert "En måling kan ikke ha en dato fram i tid." in future.get_data(as_text=True)


def test_a_coordinator_edits_and_deletes_a_goal(app, client, auth, tenants, alta_goal):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import Action, Goal

    auth.login(tenants.alta_coordinator)
    form = client.get(f"/goals/{alta_goal}/edit").get_data(as_text=True)
    assert 'value="50"' in form and 'value="40"' in form
    response = post_form(
        client,
        f"/goals/{alta_goal}/delete",
        {},
        form_page=f"/goals/{alta_goal}",
    )
    assert response.headers["Location"] == f"/municipalities/{tenants.alta.id}/goals"
    with app.app_context():
        assert db.session.get(Goal, alta_goal) is None
        assert db.session.scalars(db.select(Action)).all() == []


# ---- small units ---------------------------------------------------------------------------


@pytest.fixture
def small_unit_goal(app, tenants):  # type: ignore[no-untyped-def]
    """A shared goal of Alta's Elvebakken sykehjem, which has 8 FTE."""
    from heltidnett.goals.models import Goal

    with app.app_context():
        _rising(tenants.alta, tenants.alta_unit, fte=8.0)
        goal = _goal(tenants.alta, title="Elvebakken: flere hele stillinger", shared=True)
        db.session.get(Goal, goal.id).units = [tenants.alta_unit]
        db.session.commit()
        return goal.id


def test_a_small_units_values_stay_hidden_from_other_municipalities(
    client, auth, tenants, small_unit_goal
):  # type: ignore[no-untyped-def]
    auth.login(tenants.hemnes_coordinator)
    page = _text(client.get(f"/goals/{small_unit_goal}"))
    assert "Elvebakken: flere hele stillinger" in page
    assert "Skjult (liten enhet)" in page and "10 årsverk eller færre" in page
    assert "20,0 %" not in page and "30,0 %" not in page and "goal-chart" not in page
    assert re.search(r'data-color="\w+">(I rute|I faresonen|Ikke i rute)', page)  # status shows
    overview = _text(client.get(f"/networks/{tenants.north.id}/goals"))
    assert "Elvebakken: flere hele stillinger" in overview and "30,0 %" not in overview
    board = _text(client.get(f"/municipalities/{tenants.alta.id}/goals"))
    assert "Skjult (liten enhet)" in board and "30,0 %" not in board


@pytest.mark.parametrize("who", ["alta_coordinator", "facilitator", "alta_steering"])
def test_a_small_units_values_show_to_its_own_people_and_facilitators(
    client, auth, tenants, small_unit_goal, who
):  # type: ignore[no-untyped-def]
    auth.login(getattr(tenants, who))
    page = _text(client.get(f"/goals/{small_unit_goal}"))
    assert "Skjult" not in page and "30,0 %" in page and "<svg" in page


def test_a_large_units_values_show_to_other_municipalities(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import Goal

    with app.app_context():
        _rising(tenants.alta, tenants.alta_unit, fte=40.0)
        goal = _goal(tenants.alta, title="Elvebakken: stor enhet", shared=True)
        db.session.get(Goal, goal.id).units = [tenants.alta_unit]
        db.session.commit()
        goal_id = goal.id
    auth.login(tenants.hemnes_coordinator)
    page = _text(client.get(f"/goals/{goal_id}"))
    assert "Skjult" not in page and "30,0 %" in page


def test_unshared_goals_stay_with_their_own_municipality(app, client, auth, tenants, alta_goal):  # type: ignore[no-untyped-def]
    auth.login(tenants.hemnes_coordinator)
    assert client.get(f"/goals/{alta_goal}").status_code == 403
    board = client.get(f"/municipalities/{tenants.alta.id}/goals").get_data(as_text=True)
    assert "Andel 100 % stillinger" not in board
    overview = client.get(f"/networks/{tenants.north.id}/goals").get_data(as_text=True)
    assert "Andel 100 % stillinger" not in overview
    auth.logout()
    auth.login(tenants.rana_coordinator)
    assert client.get(f"/networks/{tenants.north.id}/goals").status_code == 403


# ---- the network overview ------------------------------------------------------------------


@pytest.fixture
def network_goals(app, tenants):  # type: ignore[no-untyped-def]
    """Alta on track on the full-time share, Hemnes off track on it, Hemnes' own measure."""
    from heltidnett.goals.progress import Direction

    with app.app_context():
        _rising(tenants.alta)
        last = dt.date.today().year - 1
        for period, full in (("2016", 30.0), (str(last - 1), 29.0), (str(last), 28.0)):
            _figures(tenants.hemnes.id, None, period, **_bands(full, 100 - full))
        _goal(
            tenants.alta,
            title="Alta: heltid",
            target_value=29.0,
            first_target_value=None,
            first_target_due=None,
        )
        _goal(
            tenants.hemnes, title="Hemnes: heltid", first_target_value=None, first_target_due=None
        )
        _goal(
            tenants.hemnes,
            title="Hemnes: færre vikarer",
            indicator_code=None,
            measure_name="Vikarer",
            measure_unit="count",
            direction=Direction.AT_MOST,
            baseline_period=None,
            first_target_value=None,
            first_target_due=None,
        )
        db.session.commit()


def test_the_overview_shows_who_is_off_track_on_an_indicator(client, auth, tenants, network_goals):  # type: ignore[no-untyped-def]
    auth.login(tenants.facilitator)
    page = _text(client.get(f"/networks/{tenants.north.id}/goals?indicator=fulltime_share"))
    assert "Status for Heltidsandel" in page
    assert 'data-color="success">I rute</span> Alta' in page
    assert 'data-color="danger">Ikke i rute</span> Hemnes' in page
    assert "Alta: heltid" in page and "Hemnes: heltid" in page
    assert "Hemnes: færre vikarer" not in page  # another measure: filtered out
    off = _text(client.get(f"/networks/{tenants.north.id}/goals?status=off_track"))
    assert "Hemnes: heltid" in off and "Alta: heltid" not in off.split("table-heading")[-1]
    own = _text(client.get(f"/networks/{tenants.north.id}/goals?indicator=own"))
    assert "Hemnes: færre vikarer" in own and "Alta: heltid" not in own


def test_the_overview_downloads_as_xlsx_with_numbers(client, auth, tenants, network_goals):  # type: ignore[no-untyped-def]
    import openpyxl

    auth.login(tenants.facilitator)
    response = client.get(f"/networks/{tenants.north.id}/goals.xlsx?indicator=fulltime_share")
    assert response.status_code == 200
    assert "spreadsheetml" in response.mimetype
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:5] == ("Kommune", "Mål", "Indikator eller måling", "Retning", "Status")
    by_goal = {r[1]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert set(by_goal) == {"Alta: heltid", "Hemnes: heltid"}
    assert by_goal["Hemnes: heltid"]["Status"] == "Ikke i rute"
    assert by_goal["Alta: heltid"]["Utgangspunkt"] == pytest.approx(20.0)
    assert by_goal["Alta: heltid"]["Siste verdi"] == pytest.approx(30.0)
    assert by_goal["Alta: heltid"]["Andel av veien"] == pytest.approx(1.0)  # reached: 100 %
    assert by_goal["Alta: heltid"]["Langsiktig mål"] == 29.0
