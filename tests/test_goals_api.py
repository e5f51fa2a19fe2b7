"""The goals API: paged lists, writes, the computed progress, actions, refusals and the
small-unit protection (issue 15, item 5)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from heltidnett.extensions import db

pytest_plugins = ["tests.stories_fixtures"]

TODAY = dt.date.today()


def _figures(app, municipality_id, unit_id, period, **figures):  # type: ignore[no-untyped-def]
    from heltidnett.staffing.models import Measurement

    with app.app_context():
        db.session.add(
            Measurement(
                municipality_id=municipality_id, unit_id=unit_id, period=period, figures=figures
            )
        )
        db.session.commit()


def _year(back: int) -> str:
    return str(TODAY.year - back)


def _vacancies(app, municipality_id, unit_id, shares, fte=40.0):  # type: ignore[no-untyped-def]
    """Three years of figures, vacancies as a share of 100 positions, oldest first."""
    for back, share in zip((3, 2, 1), shares, strict=True):
        _figures(
            app,
            municipality_id,
            unit_id,
            _year(back),
            positions_planned=100,
            vacant_positions=share,
            fte_planned=fte,
            fte_actual=fte,
        )


def _goal(**changes):  # type: ignore[no-untyped-def]
    body = {
        "title": "Ingen ubesatte stillinger",
        "indicator_code": "vacancy_share",
        "direction": "at_most",
        "first_target_value": 10,
        "first_target_due": dt.date(TODAY.year, 12, 31).isoformat(),
        "target_value": 0,
        "target_due": dt.date(TODAY.year + 2, 12, 31).isoformat(),
        "responsible": "Kommunalsjef helse og omsorg",
        "benefit": "continuity",
    }
    body.update(changes)
    return body


def _create(client, headers, municipality_id, **changes):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/municipalities/{municipality_id}/goals", json=_goal(**changes), headers=headers
    )


def test_a_coordinator_creates_a_goal_and_reads_its_progress(app, client, tenants, api_token):  # type: ignore[no-untyped-def]
    _vacancies(app, tenants.alta.id, None, (18, 15, 12))
    headers = api_token(tenants.alta_coordinator)
    created = _create(client, headers, tenants.alta.id)
    assert created.status_code == 201, created.get_data(as_text=True)
    goal = created.get_json()
    assert (goal["municipality_id"], goal["benefit"], goal["unit_ids"]) == (
        tenants.alta.id,
        "continuity",
        [],
    )
    progress = goal["progress"]
    assert set(progress) >= {"baseline", "latest", "target", "share_of_way", "status", "as_of"}
    assert progress["baseline"] == {
        "value": pytest.approx(18.0),
        "as_of": f"{_year(3)}-12-31",
    }
    assert progress["latest"] == {"value": pytest.approx(12.0), "as_of": f"{_year(1)}-12-31"}
    assert progress["target"] == {"value": 10.0, "due": f"{TODAY.year}-12-31"}  # the first one
    assert progress["share_of_way"] == pytest.approx(0.75)  # 6 of 8 points
    assert progress["status"] == "on_track"  # 3 points a year: 9 % by the end of the year
    assert progress["as_of"] == TODAY.isoformat() and progress["values_hidden"] is False

    again = client.get(f"/api/v1/goals/{goal['id']}", headers=headers).get_json()
    assert again["progress"] == progress


def test_the_goal_list_is_paged_and_others_see_only_shared_goals(app, client, tenants, api_token):  # type: ignore[no-untyped-def]
    headers = api_token(tenants.alta_coordinator)
    for n in range(3):
        assert _create(client, headers, tenants.alta.id, title=f"Mål {n}").status_code == 201
    assert _create(client, headers, tenants.alta.id, title="Delt", shared=True).status_code == 201
    url = f"/api/v1/municipalities/{tenants.alta.id}/goals"
    first = client.get(f"{url}?page_size=2", headers=headers)
    assert first.status_code == 200 and len(first.get_json()) == 2
    assert json.loads(first.headers["X-Pagination"])["total"] == 4
    assert all("progress" in g for g in first.get_json())

    hemnes = client.get(url, headers=api_token(tenants.hemnes_coordinator))
    assert [g["title"] for g in hemnes.get_json()] == ["Delt"]
    facilitator = client.get(url, headers=api_token(tenants.facilitator)).get_json()
    assert len(facilitator) == 4  # the network's facilitators read every goal
    rana = client.get(url, headers=api_token(tenants.rana_coordinator))
    assert rana.status_code == 403


def test_patch_changes_only_what_it_sends_and_the_progress_follows(app, client, tenants, api_token):  # type: ignore[no-untyped-def]
    _vacancies(app, tenants.alta.id, None, (18, 15, 12))
    headers = api_token(tenants.alta_coordinator)
    goal = _create(client, headers, tenants.alta.id).get_json()
    url = f"/api/v1/goals/{goal['id']}"
    patched = client.patch(url, json={"first_target_value": 5}, headers=headers)
    assert patched.status_code == 200, patched.get_data(as_text=True)
    body = patched.get_json()
    assert (body["title"], body["responsible"]) == (goal["title"], goal["responsible"])
    assert body["progress"]["target"]["value"] == 5.0
    assert body["progress"]["status"] == "off_track"  # 9 % by the end of the year is not 5 %

    bad = client.patch(url, json={"first_target_due": f"{TODAY.year + 5}-01-01"}, headers=headers)
    assert bad.status_code == 400
    assert "før det langsiktige målet" in bad.get_json()["error"]["message"]
    wrong = client.patch(url, json={"direction": "sideways"}, headers=headers)
    assert wrong.status_code == 422


def test_writes_are_refused_to_all_but_the_municipalitys_coordinators(
    app, client, tenants, api_token
):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import Goal

    goal = _create(client, api_token(tenants.alta_coordinator), tenants.alta.id, shared=True)
    goal_id = goal.get_json()["id"]
    for person in (tenants.hemnes_coordinator, tenants.alta_steering, tenants.facilitator):
        headers = api_token(person)
        assert _create(client, headers, tenants.alta.id).status_code == 403
        patched = client.patch(f"/api/v1/goals/{goal_id}", json={"title": "Nei"}, headers=headers)
        assert patched.status_code == 403
        action = client.post(
            f"/api/v1/goals/{goal_id}/actions", json={"title": "Nei"}, headers=headers
        )
        assert action.status_code == 403
    assert client.get(f"/api/v1/goals/{goal_id}").status_code == 401
    outsider = client.get(f"/api/v1/goals/{goal_id}", headers=api_token(tenants.rana_coordinator))
    assert outsider.status_code == 403
    with app.app_context():
        assert db.session.get(Goal, goal_id).title == "Ingen ubesatte stillinger"
        assert db.session.query(Goal).count() == 1


def test_an_unshared_goal_is_hidden_from_the_other_municipalities(app, client, tenants, api_token):  # type: ignore[no-untyped-def]
    goal = _create(client, api_token(tenants.alta_coordinator), tenants.alta.id).get_json()
    hemnes = api_token(tenants.hemnes_coordinator)
    assert client.get(f"/api/v1/goals/{goal['id']}", headers=hemnes).status_code == 403
    assert client.get(f"/api/v1/goals/{goal['id']}/actions", headers=hemnes).status_code == 403
    steering = client.get(f"/api/v1/goals/{goal['id']}", headers=api_token(tenants.alta_steering))
    assert steering.status_code == 200  # its own steering group reads it


def test_actions_are_added_listed_and_changed(app, client, north, api_token):  # type: ignore[no-untyped-def]
    headers = api_token(north.alta_coordinator)
    goal = _create(client, headers, north.alta.id).get_json()
    url = f"/api/v1/goals/{goal['id']}/actions"
    late = client.post(
        url,
        json={"title": "Kartlegge ønsket stillingsstørrelse", "due_on": "2020-01-31"},
        headers=headers,
    )
    assert late.status_code == 201, late.get_data(as_text=True)
    assert (late.get_json()["status"], late.get_json()["overdue"]) == ("planned", True)
    soon = {"title": "Ny turnus", "owner": "Avdelingsleder", "due_on": f"{TODAY.year + 1}-03-01"}
    assert client.post(url, json=soon, headers=headers).status_code == 201
    assert client.post(url, json={"title": "  "}, headers=headers).status_code == 400

    listed = client.get(f"{url}?page_size=1", headers=headers)
    assert [a["title"] for a in listed.get_json()] == ["Kartlegge ønsket stillingsstørrelse"]
    assert json.loads(listed.headers["X-Pagination"])["total"] == 2

    action_id = late.get_json()["id"]
    done = client.patch(f"/api/v1/actions/{action_id}", json={"status": "done"}, headers=headers)
    assert done.status_code == 200
    body = done.get_json()
    assert (body["status"], body["overdue"], body["title"]) == (
        "done",
        False,
        "Kartlegge ønsket stillingsstørrelse",
    )
    hemnes = api_token(north.hemnes_coordinator)
    refused = client.patch(
        f"/api/v1/actions/{action_id}", json={"status": "stopped"}, headers=hemnes
    )
    assert refused.status_code == 403


def test_a_goal_on_a_small_unit_shows_others_its_status_not_its_values(
    app, client, tenants, api_token, make_unit
):  # type: ignore[no-untyped-def]
    big = make_unit(tenants.alta, "Saga bo- og servicesenter")
    _vacancies(app, tenants.alta.id, tenants.alta_unit.id, (18, 15, 12), fte=8.5)  # ≤ 10 FTE
    _vacancies(app, tenants.alta.id, big.id, (18, 15, 12), fte=42.0)
    headers = api_token(tenants.alta_coordinator)
    small = _create(client, headers, tenants.alta.id, unit_ids=[tenants.alta_unit.id], shared=True)
    large = _create(client, headers, tenants.alta.id, unit_ids=[big.id], shared=True)
    small_id, large_id = small.get_json()["id"], large.get_json()["id"]
    assert small.get_json()["progress"]["latest"]["value"] == pytest.approx(12.0)  # own side

    hemnes = api_token(tenants.hemnes_coordinator)
    seen = client.get(f"/api/v1/goals/{small_id}", headers=hemnes).get_json()["progress"]
    assert (seen["baseline"], seen["latest"], seen["share_of_way"]) == (None, None, None)
    assert (seen["status"], seen["values_hidden"]) == ("on_track", True)
    listed = client.get(f"/api/v1/municipalities/{tenants.alta.id}/goals", headers=hemnes)
    by_id = {g["id"]: g["progress"] for g in listed.get_json()}
    assert by_id[small_id]["latest"] is None
    assert by_id[large_id]["latest"]["value"] == pytest.approx(12.0)
    assert "12.0" not in client.get(f"/api/v1/goals/{small_id}", headers=hemnes).get_data(
        as_text=True
    )
    facilitator = client.get(f"/api/v1/goals/{small_id}", headers=api_token(tenants.facilitator))
    assert facilitator.get_json()["progress"]["latest"]["value"] == pytest.approx(12.0)
