"""Goals on measures of their own get their values through the API and the page, and the
bugs found walking issue 15 stay fixed: bad input, other municipalities, small units, an
action's commitment, an edit that kept no source, mixed periods and "at most" shares."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from heltidnett.extensions import db
from tests.conftest import post_form

pytest_plugins = ["tests.stories_fixtures"]

TODAY = dt.date.today()
LAST_YEAR = TODAY.year - 1


def _own_goal(municipality_id: int, **fields):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import Goal
    from heltidnett.goals.progress import Direction

    values = {
        "title": "Flere ansatte i turnus med hele stillinger",
        "measure_name": "Andel i turnus med hel stilling",
        "measure_unit": "percent",
        "direction": Direction.AT_LEAST,
        "target_value": 60.0,
        "target_due": dt.date(TODAY.year + 2, 12, 31),
    }
    values.update(fields)
    goal = Goal(municipality_id=municipality_id, **values)
    db.session.add(goal)
    db.session.flush()
    return goal


@pytest.fixture
def own_goal(app, tenants):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import GoalValue

    with app.app_context():
        goal = _own_goal(tenants.alta.id)
        db.session.add(GoalValue(goal_id=goal.id, measured_on=dt.date(LAST_YEAR, 1, 31), value=30))
        db.session.commit()
        return goal.id


def _values(app, goal_id):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import GoalValue

    with app.app_context():
        found = db.session.scalars(
            sa.select(GoalValue).where(GoalValue.goal_id == goal_id).order_by(GoalValue.measured_on)
        )
        return [(v.measured_on, v.value) for v in found]


# ---- (a) values through the API and the page ----------------------------------------------


def test_values_are_posted_listed_paged_and_deleted_through_the_api(
    app, client, tenants, api_token, own_goal
):  # type: ignore[no-untyped-def]
    headers = api_token(tenants.alta_coordinator)
    posted = client.post(
        f"/api/v1/goals/{own_goal}/values",
        json={"measured_on": f"{LAST_YEAR}-06-30", "value": 42.5, "note": "Etter sommeren"},
        headers=headers,
    )
    assert posted.status_code == 201, posted.get_data(as_text=True)
    value = posted.get_json()
    assert (value["goal_id"], value["value"], value["note"]) == (own_goal, 42.5, "Etter sommeren")

    goal = client.get(f"/api/v1/goals/{own_goal}", headers=headers).get_json()
    assert goal["progress"]["latest"]["value"] == 42.5  # computed from the new value
    assert goal["progress"]["share_of_way"] == pytest.approx(12.5 / 30)

    page = client.get(f"/api/v1/goals/{own_goal}/values?page_size=1", headers=headers)
    assert page.status_code == 200
    assert json.loads(page.headers["X-Pagination"])["total"] == 2
    assert [v["value"] for v in page.get_json()] == [30.0]  # oldest first
    second = client.get(f"/api/v1/goals/{own_goal}/values?page_size=1&page=2", headers=headers)
    assert [v["value"] for v in second.get_json()] == [42.5]

    deleted = client.delete(f"/api/v1/goal-values/{value['id']}", headers=headers)
    assert deleted.status_code == 204
    assert _values(app, own_goal) == [(dt.date(LAST_YEAR, 1, 31), 30.0)]
    after = client.get(f"/api/v1/goals/{own_goal}", headers=headers).get_json()["progress"]
    assert (after["latest"]["value"], after["status"]) == (30.0, "no_data")
    missing = client.delete(f"/api/v1/goal-values/{value['id']}", headers=headers)
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"measured_on": f"{LAST_YEAR}-06-30", "value": 140}, 400, "kan ikke være over 100"),
        ({"measured_on": f"{LAST_YEAR}-06-30", "value": -3}, 400, "kan ikke være negativ"),
        (
            {"measured_on": (TODAY + dt.timedelta(days=2)).isoformat(), "value": 40},
            400,
            "fram i tid",
        ),
        ({"measured_on": "i fjor", "value": 40}, 422, None),
        ({"measured_on": f"{LAST_YEAR}-06-30"}, 422, None),
    ],
)
def test_a_bad_value_is_refused_with_a_reason_and_nothing_is_written(
    app, client, tenants, api_token, own_goal, body, status, message
):  # type: ignore[no-untyped-def]
    headers = api_token(tenants.alta_coordinator)
    refused = client.post(f"/api/v1/goals/{own_goal}/values", json=body, headers=headers)
    assert refused.status_code == status
    if message:
        assert message in refused.get_json()["error"]["message"]
    assert len(_values(app, own_goal)) == 1


def test_a_goal_tied_to_an_indicator_takes_no_typed_values(app, client, tenants, api_token):  # type: ignore[no-untyped-def]
    headers = api_token(tenants.alta_coordinator)
    goal = client.post(
        f"/api/v1/municipalities/{tenants.alta.id}/goals",
        json={
            "title": "Minst 50 % hele stillinger",
            "indicator_code": "fulltime_share",
            "direction": "at_least",
            "target_value": 50,
            "target_due": f"{TODAY.year + 1}-12-31",
        },
        headers=headers,
    ).get_json()
    refused = client.post(
        f"/api/v1/goals/{goal['id']}/values",
        json={"measured_on": f"{LAST_YEAR}-06-30", "value": 40},
        headers=headers,
    )
    assert refused.status_code == 400
    assert refused.get_json()["error"]["message"] == (
        "Målet henter verdiene sine fra bemanningstallene."
    )


def test_other_municipalities_neither_write_nor_read_unshared_values(
    app, client, tenants, api_token, own_goal
):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import GoalValue

    with app.app_context():
        value_id = db.session.scalar(sa.select(GoalValue.id).where(GoalValue.goal_id == own_goal))
    body = {"measured_on": f"{LAST_YEAR}-06-30", "value": 40}
    for who in (tenants.hemnes_coordinator, tenants.alta_steering, tenants.facilitator):
        headers = api_token(who)
        assert (
            client.post(f"/api/v1/goals/{own_goal}/values", json=body, headers=headers).status_code
            == 403
        )
        assert client.delete(f"/api/v1/goal-values/{value_id}", headers=headers).status_code == 403
    hemnes = api_token(tenants.hemnes_coordinator)
    assert client.get(f"/api/v1/goals/{own_goal}/values", headers=hemnes).status_code == 403
    facilitator = api_token(tenants.facilitator)
    assert len(client.get(f"/api/v1/goals/{own_goal}/values", headers=facilitator).get_json()) == 1
    assert len(_values(app, own_goal)) == 1


def test_a_small_units_own_values_stay_hidden_from_other_municipalities(
    app, client, tenants, api_token
):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import GoalValue, goal_units
    from heltidnett.staffing.models import Measurement

    with app.app_context():
        db.session.add(
            Measurement(
                municipality_id=tenants.alta.id,
                unit_id=tenants.alta_unit.id,
                period=str(LAST_YEAR),
                figures={"positions_planned": 12, "fte_planned": 8.0, "fte_actual": 8.0},
            )
        )
        goal = _own_goal(tenants.alta.id, shared=True)
        db.session.execute(
            goal_units.insert().values(goal_id=goal.id, unit_id=tenants.alta_unit.id)
        )
        db.session.add(
            GoalValue(goal_id=goal.id, measured_on=dt.date(LAST_YEAR, 3, 31), value=31.5)
        )
        db.session.commit()
        goal_id = goal.id
    hemnes = client.get(
        f"/api/v1/goals/{goal_id}/values", headers=api_token(tenants.hemnes_coordinator)
    )
    assert hemnes.status_code == 200 and hemnes.get_json() == []
    assert json.loads(hemnes.headers["X-Pagination"])["total"] == 0
    own = client.get(f"/api/v1/goals/{goal_id}/values", headers=api_token(tenants.alta_coordinator))
    assert [v["value"] for v in own.get_json()] == [31.5]


def test_a_value_is_deleted_on_the_goal_page(app, client, auth, tenants, own_goal):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import GoalValue

    with app.app_context():
        value_id = db.session.scalar(sa.select(GoalValue.id).where(GoalValue.goal_id == own_goal))
    auth.login(tenants.hemnes_coordinator)
    refused = post_form(client, f"/goals/values/{value_id}/delete", {}, form_page="/")
    assert refused.status_code == 403
    assert len(_values(app, own_goal)) == 1
    auth.logout()

    auth.login(tenants.alta_coordinator)
    page = client.get(f"/goals/{own_goal}").get_data(as_text=True)
    assert "Registrerte målinger" in page and f"/goals/values/{value_id}/delete" in page
    deleted = post_form(
        client, f"/goals/values/{value_id}/delete", {}, form_page=f"/goals/{own_goal}"
    )
    assert deleted.status_code == 302
    assert _values(app, own_goal) == []
    assert "Målingen er slettet." in client.get(f"/goals/{own_goal}").get_data(as_text=True)


def test_the_page_refuses_a_percentage_over_100(app, client, auth, tenants, own_goal):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    refused = post_form(
        client,
        f"/goals/{own_goal}/values",
        {"v-measured_on": f"{LAST_YEAR}-06-30", "v-value": "145"},
        form_page=f"/goals/{own_goal}",
    )
    assert refused.status_code == 400
    assert "Verdien er en prosent og kan ikke være over 100." in refused.get_data(as_text=True)
    assert len(_values(app, own_goal)) == 1


def test_a_target_the_measure_cannot_hold_is_refused(app, client, tenants, api_token):  # type: ignore[no-untyped-def]
    headers = api_token(tenants.alta_coordinator)
    body = {
        "title": "Heltidsandel",
        "indicator_code": "fulltime_share",
        "direction": "at_least",
        "target_value": 150,
        "target_due": f"{TODAY.year + 1}-12-31",
    }
    refused = client.post(
        f"/api/v1/municipalities/{tenants.alta.id}/goals", json=body, headers=headers
    )
    assert refused.status_code == 400
    assert refused.get_json()["error"]["message"] == (
        "Målet er en prosent og kan ikke være over 100."
    )


# ---- (b) an action's commitment, picked on the page --------------------------------------


def _commitment(app, north, municipality_id, text):  # type: ignore[no-untyped-def]
    from heltidnett.commitments.models import Commitment

    with app.app_context():
        commitment = Commitment(
            network_id=north.north.id,
            gathering_id=north.g3.id,
            municipality_id=municipality_id,
            text=text,
            owner="Virksomhetsleder",
            due_on=dt.date(TODAY.year, 9, 3),
        )
        db.session.add(commitment)
        db.session.commit()
        return commitment.id


def test_the_action_form_picks_the_municipalitys_own_commitment_and_both_show_it(
    app, client, auth, north
):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import Action

    own = _commitment(app, north, north.alta.id, "Lage ny bemanningsplan for sykehjemmet.")
    other = _commitment(app, north, north.hemnes.id, "Hemnes sin egen turnusplan.")
    with app.app_context():
        goal_id = _own_goal(north.alta.id).id
        db.session.commit()

    auth.login(north.alta_coordinator)
    page = client.get(f"/goals/{goal_id}").get_data(as_text=True)
    assert "Lage ny bemanningsplan for sykehjemmet." in page  # offered
    assert "Hemnes sin egen turnusplan." not in page  # another municipality's: not offered
    fields = {"a-title": "Bemanningsplan", "a-status": "planned", "a-notes": ""}
    refused = post_form(
        client,
        f"/goals/{goal_id}/actions",
        {**fields, "a-commitment": str(other)},
        form_page=f"/goals/{goal_id}",
    )
    assert refused.status_code == 400
    made = post_form(
        client,
        f"/goals/{goal_id}/actions",
        {**fields, "a-commitment": str(own)},
        form_page=f"/goals/{goal_id}",
    )
    assert made.status_code == 302
    with app.app_context():
        (action,) = db.session.scalars(sa.select(Action).where(Action.goal_id == goal_id))
        action_id = action.id
        assert action.commitment_id == own

    followed = post_form(
        client,
        f"/commitments/{own}/follow-up",
        {"f-status": "partly", "f-comment": "Planen er på høring."},
    )
    assert followed.status_code == 302
    goal_page = client.get(f"/goals/{goal_id}").get_data(as_text=True)
    assert "Forpliktelsen:" in goal_page and "Delvis" in goal_page  # the follow-up, on the goal
    commitments = client.get(f"/networks/{north.north.id}/commitments").get_data(as_text=True)
    card = commitments.split(f'id="forpliktelse-{own}"')[1].split("</li>")[0]
    assert "Bemanningsplan" in card  # and the action, on the commitment

    # editing the action keeps its commitment (the edit form shows it chosen)
    edit = client.get(f"/goals/actions/{action_id}/edit").get_data(as_text=True)
    assert f'<option selected value="{own}"' in edit or f'value="{own}" selected' in edit
    edited = post_form(
        client,
        f"/goals/actions/{action_id}/edit",
        {"title": "Bemanningsplan", "status": "in_progress", "notes": "", "commitment": str(own)},
        form_page=f"/goals/actions/{action_id}/edit",
    )
    assert edited.status_code == 302
    with app.app_context():
        assert db.session.get(Action, action_id).commitment_id == own


# ---- (d) bugs found walking the issue ------------------------------------------------------


def test_editing_a_goal_on_the_page_keeps_where_it_came_from(app, client, auth, north):  # type: ignore[no-untyped-def]
    """The form does not show the goal's source; saving it used to cut the link."""
    from heltidnett.goals.models import Goal

    commitment_id = _commitment(app, north, north.alta.id, "Lage ny bemanningsplan.")
    with app.app_context():
        goal = _own_goal(north.alta.id, source_commitment_id=commitment_id)
        db.session.commit()
        goal_id = goal.id
    auth.login(north.alta_coordinator)
    edited = post_form(
        client,
        f"/goals/{goal_id}/edit",
        {
            "title": "Endret tittel",
            "indicator": "own",
            "measure_name": "Andel i turnus med hel stilling",
            "measure_unit": "percent",
            "direction": "at_least",
            "baseline_period": "",
            "target_value": "60",
            "target_due": f"{TODAY.year + 2}-12-31",
            "benefit": "",
        },
        form_page=f"/goals/{goal_id}/edit",
    )
    assert edited.status_code == 302, edited.get_data(as_text=True)
    with app.app_context():
        goal = db.session.get(Goal, goal_id)
        assert (goal.title, goal.source_commitment_id) == ("Endret tittel", commitment_id)
    assert "Mål laget herfra:" in client.get(f"/commitments/{commitment_id}/follow-up").get_data(
        as_text=True
    )


def test_an_at_most_goal_already_met_is_all_the_way_even_from_a_baseline_below_it():
    """A vacancy share under the 10 % target from the start: on track and 100 %, not 0 %."""
    from heltidnett.goals.progress import Direction, Point, Status, Target, compute

    series = [Point(dt.date(2022, 12, 31), 8.0), Point(dt.date(2023, 12, 31), 6.0)]
    target = Target(10.0, dt.date(2026, 12, 31))
    found = compute(series, [target], Direction.AT_MOST, dt.date(2024, 3, 1))
    assert (found.status, found.share_of_way) == (Status.ON_TRACK, 1.0)
    rising = [Point(dt.date(2022, 12, 31), 60.0), Point(dt.date(2023, 12, 31), 55.0)]
    at_least = compute(
        rising, [Target(50.0, dt.date(2026, 12, 31))], Direction.AT_LEAST, dt.date(2024, 3, 1)
    )
    assert (at_least.status, at_least.share_of_way) == (Status.ON_TRACK, 1.0)


def test_an_at_most_goal_that_slips_past_its_target_is_off_track_with_none_of_the_way():
    """Met at the start (8 % against at most 10 %), then rising to 12 %: the share used to
    clamp to 100 % and the rising line to count as "at risk" (it moved, the wrong way)."""
    from heltidnett.goals.progress import Direction, Point, Status, Target, compute

    series = [Point(dt.date(2022, 12, 31), 8.0), Point(dt.date(2023, 12, 31), 12.0)]
    found = compute(
        series, [Target(10.0, dt.date(2026, 12, 31))], Direction.AT_MOST, dt.date(2024, 3, 1)
    )
    assert (found.status, found.share_of_way) == (Status.OFF_TRACK, 0.0)
    falling = [Point(dt.date(2022, 12, 31), 60.0), Point(dt.date(2023, 12, 31), 40.0)]
    at_least = compute(
        falling, [Target(50.0, dt.date(2026, 12, 31))], Direction.AT_LEAST, dt.date(2024, 3, 1)
    )
    assert (at_least.status, at_least.share_of_way) == (Status.OFF_TRACK, 0.0)


def _measure(municipality_id: int, period: str, full: float) -> None:
    from heltidnett.staffing.models import Measurement

    db.session.add(
        Measurement(
            municipality_id=municipality_id,
            unit_id=None,
            period=period,
            figures={
                "positions_planned": 100,
                "positions_band_100": full,
                "positions_band_50_79": 100 - full,
                "fte_planned": full + (100 - full) * 0.6,
            },
        )
    )
    db.session.flush()


def test_a_months_import_beside_the_years_leaves_a_yearly_goal_on_its_years(app, tenants):  # type: ignore[no-untyped-def]
    """A monthly file used to put its months into a goal on yearly figures: December and the
    year on one day, and a month's gap making a year-old value "stale"."""
    from heltidnett.goals.models import Goal
    from heltidnett.goals.progress import Direction, Status
    from heltidnett.goals.services import progress_of

    with app.app_context():
        goal = Goal(
            municipality_id=tenants.alta.id,
            title="Minst 50 % hele stillinger",
            indicator_code="fulltime_share",
            direction=Direction.AT_LEAST,
            target_value=50.0,
            target_due=dt.date(2020, 12, 31),
        )
        db.session.add(goal)
        for period, full in (("2016", 20.0), ("2017", 30.0), ("2018", 40.0)):
            _measure(tenants.alta.id, period, full)
        today = dt.date(2019, 6, 1)
        (before,) = progress_of(db.session, [goal], today)
        assert before.progress.status is Status.ON_TRACK  # 10 points a year: 60 % by 2020
        for month, full in (("2018-12", 41.0), ("2019-01", 41.5), ("2019-02", 42.0)):
            _measure(tenants.alta.id, month, full)
        (after,) = progress_of(db.session, [goal], today)
        assert [p.value for p in after.series] == pytest.approx([20.0, 30.0, 40.0])
        assert after.progress.status is Status.ON_TRACK

        goal.baseline_period = "2018-12"  # a goal set on the months follows the months
        (monthly,) = progress_of(db.session, [goal], dt.date(2019, 3, 15))
        assert monthly.progress.baseline.value == pytest.approx(41.0)
        assert monthly.progress.latest.value == pytest.approx(42.0)
        db.session.rollback()


def test_a_baseline_period_without_figures_is_not_replaced_by_an_older_one(app, tenants):  # type: ignore[no-untyped-def]
    """The baseline used to fall back to the first value of all, before the chosen period."""
    from heltidnett.goals.models import Goal
    from heltidnett.goals.progress import Direction, Status
    from heltidnett.goals.services import progress_of

    with app.app_context():
        for period, full in (("2015", 10.0), ("2017", 30.0), ("2018", 40.0)):
            _measure(tenants.alta.id, period, full)
        goal = Goal(
            municipality_id=tenants.alta.id,
            title="Minst 50 % hele stillinger",
            indicator_code="fulltime_share",
            direction=Direction.AT_LEAST,
            baseline_period="2016",
            target_value=50.0,
            target_due=dt.date(2020, 12, 31),
        )
        db.session.add(goal)
        (found,) = progress_of(db.session, [goal], dt.date(2019, 3, 1))
        assert found.progress.baseline.as_of == dt.date(2017, 12, 31)  # the first after 2016
        assert found.progress.share_of_way == pytest.approx(0.5)
        goal.baseline_period = "2019"  # nothing measured since: no status, not an old one
        (later,) = progress_of(db.session, [goal], dt.date(2019, 3, 1))
        assert later.progress.status is Status.NO_DATA and later.progress.baseline is None
        db.session.rollback()


# ---- item 6: the steering group and the facilitators comment -----------------------------


def test_the_goal_page_shows_its_threads_and_the_right_people_start_one_there(
    app, client, auth, tenants, own_goal, make_user, grant
):  # type: ignore[no-untyped-def]
    """One comment mechanism: the goal's page lists its comment threads (comments package)
    with their latest comments, and its form starts a thread for the municipality's steering
    group, coordinators, the network's facilitators and admins; not for participants or
    another municipality reading the shared goal."""
    from heltidnett.comments.models import Comment, CommentThread, SubjectKind
    from heltidnett.goals.models import Goal

    with app.app_context():
        db.session.get(Goal, own_goal).shared = True
        db.session.commit()
    participant = make_user("deltaker.alta@example.org", "Deltaker Alta")
    grant(participant, tenants.north, "participant", tenants.alta)
    page_url, threads_url = f"/goals/{own_goal}", f"/goals/{own_goal}/comments"

    def threads() -> list[tuple[int, list[str]]]:
        with app.app_context():
            found = db.session.scalars(
                sa.select(CommentThread)
                .where(
                    CommentThread.subject_kind == SubjectKind.GOAL,
                    CommentThread.subject_id == own_goal,
                )
                .order_by(CommentThread.id)
            )
            return [(t.id, [c.body for c in t.comments]) for t in found]

    for who, text in (
        (tenants.alta_steering, "Hvordan går det med turnusen?"),
        (tenants.facilitator, "Se Ringerikes erfaringer."),
        (tenants.admin, "Husk tallene fra mars."),
    ):
        auth.login(who)
        page = client.get(page_url).get_data(as_text=True)
        assert "Ny tråd" in page and f'action="{threads_url}"' in page
        made = post_form(client, threads_url, {"body": text}, form_page=page_url)
        assert made.status_code == 302
        auth.logout()
    assert [bodies for _id, bodies in threads()] == [
        ["Hvordan går det med turnusen?"],
        ["Se Ringerikes erfaringer."],
        ["Husk tallene fra mars."],
    ]
    first_id = threads()[0][0]
    with app.app_context():
        db.session.add(
            Comment(thread_id=first_id, author_id=None, author_role="coordinator", body="Svaret.")
        )
        db.session.commit()

    auth.login(tenants.alta_coordinator)
    page = client.get(page_url).get_data(as_text=True)
    assert "Se Ringerikes erfaringer." in page and "Vera Veileder" in page
    assert "Svaret." in page  # the first thread shows its latest comment, not its question
    assert "Hvordan går det med turnusen?" not in page
    assert f"{threads_url}#thread-{first_id}" in page and "2 kommentarer" in page
    empty = post_form(client, threads_url, {"body": "  "}, form_page=page_url)
    assert empty.status_code == 422 and "Skriv kommentaren." in empty.get_data(as_text=True)
    auth.logout()

    for who in (participant, tenants.hemnes_coordinator, tenants.rana_coordinator):
        auth.login(who)
        shown = client.get(page_url)
        if shown.status_code == 200:  # Hemnes reads the shared goal, not its threads
            text = shown.get_data(as_text=True)
            assert "Ny tråd" not in text and "Se Ringerikes erfaringer." not in text
            assert threads_url not in text
        else:
            assert shown.status_code in (403, 404)
        refused = post_form(client, threads_url, {"body": "Hei"}, form_page="/")
        assert refused.status_code == 403
        auth.logout()
    assert len(threads()) == 3


# ---- Done when: an import moves the goals, nobody touching them --------------------------


def test_importing_a_new_periods_file_moves_a_unit_goal_and_a_whole_municipality_goal(
    app, client, tenants, api_token
):  # type: ignore[no-untyped-def]
    """Through the real import (a spreadsheet, committed through the API): the goals' latest
    values, shares and statuses follow the new year without a write to the goals."""
    import io

    from tests.staffing_files import xlsx_bytes

    headers = api_token(tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/imports?commit=true"
    header = ["unit", "period", "positions_planned", "positions_band_100", "positions_band_50_79"]
    unit = "Elvebakken sykehjem"

    def send(*rows: list[object]) -> None:
        data = xlsx_bytes([header, *rows])
        sent = client.post(url, headers=headers, data={"file": (io.BytesIO(data), "tall.xlsx")})
        assert sent.status_code == 200 and sent.get_json()["committed"], sent.get_data(as_text=True)

    first, second = TODAY.year - 3, TODAY.year - 2
    send([unit, str(first), 100, 20, 80], [unit, str(second), 100, 24, 76])
    body = {
        "title": "Minst 50 % hele stillinger",
        "indicator_code": "fulltime_share",
        "direction": "at_least",
        "target_value": 50,
        "target_due": f"{TODAY.year + 1}-12-31",
    }
    goals = f"/api/v1/municipalities/{tenants.alta.id}/goals"
    whole = client.post(goals, json=body, headers=headers).get_json()
    on_unit = client.post(
        goals, json={**body, "unit_ids": [tenants.alta_unit.id]}, headers=headers
    ).get_json()
    for goal in (whole, on_unit):
        progress = goal["progress"]
        assert progress["latest"]["value"] == pytest.approx(24.0)
        assert progress["status"] == "off_track"  # 4 points a year: far from 50 %
    updated = {g["id"]: g["updated_at"] for g in (whole, on_unit)}

    send([unit, str(TODAY.year - 1), 100, 45, 55])  # a good year
    for goal in (whole, on_unit):
        after = client.get(f"/api/v1/goals/{goal['id']}", headers=headers).get_json()
        assert after["progress"]["latest"] == {
            "value": pytest.approx(45.0),
            "as_of": f"{TODAY.year - 1}-12-31",
        }
        assert after["progress"]["share_of_way"] == pytest.approx(25 / 30)
        assert after["progress"]["status"] == "on_track"
        assert after["updated_at"] == updated[goal["id"]]  # the goal itself was not touched


def test_a_goal_whose_baseline_period_has_no_figures_yet_can_still_be_edited(
    app, client, auth, tenants
):  # type: ignore[no-untyped-def]
    """The API takes a baseline period before its figures; the page's picker used to refuse
    the goal's own period ("Not a valid choice") so the goal could not be saved."""
    from heltidnett.goals.models import Goal
    from heltidnett.goals.progress import Direction

    with app.app_context():
        goal = Goal(
            municipality_id=tenants.alta.id,
            title="Minst 50 % hele stillinger",
            indicator_code="fulltime_share",
            direction=Direction.AT_LEAST,
            baseline_period=str(TODAY.year),
            target_value=50.0,
            target_due=dt.date(TODAY.year + 2, 12, 31),
        )
        db.session.add(goal)
        db.session.commit()
        goal_id = goal.id
    auth.login(tenants.alta_coordinator)
    form = client.get(f"/goals/{goal_id}/edit").get_data(as_text=True)
    assert (
        f'<option selected value="{TODAY.year}"' in form or f'value="{TODAY.year}" selected' in form
    )
    saved = post_form(
        client,
        f"/goals/{goal_id}/edit",
        {
            "title": "Minst 50 % hele stillinger innen to år",
            "indicator": "fulltime_share",
            "measure_unit": "percent",
            "direction": "at_least",
            "baseline_period": str(TODAY.year),
            "target_value": "50",
            "target_due": f"{TODAY.year + 2}-12-31",
            "benefit": "",
        },
        form_page=f"/goals/{goal_id}/edit",
    )
    assert saved.status_code == 302, saved.get_data(as_text=True)
    with app.app_context():
        found = db.session.get(Goal, goal_id)
        assert (found.title, found.baseline_period) == (
            "Minst 50 % hele stillinger innen to år",
            str(TODAY.year),
        )
