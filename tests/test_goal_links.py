"""Goals linked both ways with where they came from (issue 15, items 1 and 3): a commitment, a
workbook's SMART answer and a declaration show the goals made from them; a commitment and the
action carrying it out show each other's status."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from heltidnett.extensions import db
from tests.conftest import post_form

pytest_plugins = ["tests.stories_fixtures", "tests.workbooks_fixtures"]

NEXT_YEAR = dt.date.today().year + 1


def _commitment(app, north, municipality, text="Lage ny bemanningsplan for sykehjemmet."):  # type: ignore[no-untyped-def]
    from heltidnett.commitments.models import Commitment

    with app.app_context():
        commitment = Commitment(
            network_id=north.north.id,
            gathering_id=north.g3.id,
            municipality_id=municipality.id,
            text=text,
            owner="Virksomhetsleder",
            due_on=dt.date(2018, 9, 3),
        )
        db.session.add(commitment)
        db.session.commit()
        return commitment.id


def _goal(client, headers, municipality_id, **source):  # type: ignore[no-untyped-def]
    body = {
        "title": "Minst 50 % hele stillinger",
        "indicator_code": "fulltime_share",
        "direction": "at_least",
        "target_value": 50,
        "target_due": f"{NEXT_YEAR}-12-31",
        **source,
    }
    return client.post(
        f"/api/v1/municipalities/{municipality_id}/goals", json=body, headers=headers
    )


def _card(page: str, commitment_id: int) -> str:
    return page.split(f'id="forpliktelse-{commitment_id}"')[1].split("</li>")[0]


def test_a_commitment_shows_the_goals_made_from_it_to_those_who_may_read_them(
    app, client, auth, north, api_token
):  # type: ignore[no-untyped-def]
    commitment_id = _commitment(app, north, north.alta)
    made = _goal(
        client, api_token(north.alta_coordinator), north.alta.id, source_commitment_id=commitment_id
    )
    assert made.status_code == 201 and made.get_json()["source_commitment_id"] == commitment_id

    auth.login(north.alta_coordinator)
    page = client.get(f"/networks/{north.north.id}/commitments").get_data(as_text=True)
    card = _card(page, commitment_id)
    assert "Mål laget herfra:" in card and "Minst 50 % hele stillinger" in card
    follow_up = client.get(f"/commitments/{commitment_id}/follow-up").get_data(as_text=True)
    assert "Mål laget herfra:" in follow_up and "Minst 50 % hele stillinger" in follow_up
    gathering = client.get(f"/gatherings/{north.g3.id}/commitments").get_data(as_text=True)
    assert "Minst 50 % hele stillinger" in _card(gathering, commitment_id)

    auth.logout()
    auth.login(north.hemnes_coordinator)  # the goal is not shared: Hemnes sees the commitment only
    page = client.get(f"/networks/{north.north.id}/commitments").get_data(as_text=True)
    assert "Minst 50 % hele stillinger" not in _card(page, commitment_id)


def test_a_goal_takes_no_source_of_another_municipality(app, client, north, api_token):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import Goal

    hemnes_commitment = _commitment(app, north, north.hemnes)
    headers = api_token(north.alta_coordinator)
    refused = _goal(client, headers, north.alta.id, source_commitment_id=hemnes_commitment)
    assert refused.status_code == 400
    assert refused.get_json()["error"]["message"] == "Velg en av kommunens egne forpliktelser."
    goal = _goal(client, headers, north.alta.id).get_json()
    action = client.post(
        f"/api/v1/goals/{goal['id']}/actions",
        json={"title": "Ny turnus", "commitment_id": hemnes_commitment},
        headers=headers,
    )
    assert action.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Goal)) == 1


def test_a_commitment_and_its_action_show_each_others_status(app, client, auth, north, api_token):  # type: ignore[no-untyped-def]
    commitment_id = _commitment(app, north, north.alta)
    headers = api_token(north.alta_coordinator)
    goal = _goal(client, headers, north.alta.id).get_json()
    action = client.post(
        f"/api/v1/goals/{goal['id']}/actions",
        json={"title": "Bemanningsplan for sykehjemmet", "commitment_id": commitment_id},
        headers=headers,
    ).get_json()
    assert action["commitment"]["status"] == "open"

    auth.login(north.alta_coordinator)
    path = f"/commitments/{commitment_id}/follow-up"
    followed = post_form(client, path, {"f-status": "partly", "f-comment": "Planen er klar."})
    assert followed.status_code == 302
    (listed,) = client.get(f"/api/v1/goals/{goal['id']}/actions", headers=headers).get_json()
    assert listed["commitment"]["status"] == "partly"  # the follow-up shows on the action
    assert listed["status"] == "planned"  # and changes nothing of the action's own

    done = client.patch(f"/api/v1/actions/{action['id']}", json={"status": "done"}, headers=headers)
    assert done.status_code == 200
    card = _card(
        client.get(f"/networks/{north.north.id}/commitments").get_data(as_text=True),
        commitment_id,
    )
    assert "Bemanningsplan for sykehjemmet" in card and "Gjennomført" in card  # the action's
    assert "Delvis" in card  # beside the commitment's own follow-up, which stays as it was


def test_a_smart_answer_and_a_declaration_show_the_goals_made_from_them(
    app, client, auth, tenants, chapter, api_token
):  # type: ignore[no-untyped-def]
    from heltidnett.declarations import services as declarations
    from heltidnett.municipalities.models import Municipality
    from heltidnett.workbooks.models import Answer

    smart_prompt = chapter.prompt_ids[1]
    with app.app_context():
        answer = Answer(
            prompt_id=smart_prompt,
            municipality_id=tenants.alta.id,
            version=1,
            content={
                "s": "18 % hele stillinger",
                "m": "Minst 50 %",
                "t": "",
                "who": "",
                "when": "",
            },
        )
        db.session.add(answer)
        alta = db.session.get(Municipality, tenants.alta.id)
        declaration_id = declarations.start_declaration(db.session, None, alta).declaration_id
        db.session.commit()
        answer_id = answer.id
    headers = api_token(tenants.alta_coordinator)
    assert _goal(client, headers, tenants.alta.id, source_answer_id=answer_id).status_code == 201
    from_declaration = _goal(
        client,
        headers,
        tenants.alta.id,
        title="Ingen vikarbyrå",
        source_declaration_id=declaration_id,
    )
    assert from_declaration.status_code == 201

    auth.login(tenants.alta_coordinator)
    delivery = client.get(f"/chapters/{chapter.id}/deliveries/{tenants.alta.id}")
    section = delivery.get_data(as_text=True).split(f'id="prompt-{smart_prompt}"')[1]
    section = section.split("</section>")[0]
    assert "Mål laget herfra:" in section and "Minst 50 % hele stillinger" in section
    page = client.get(f"/municipalities/{tenants.alta.id}/declaration").get_data(as_text=True)
    assert "Mål laget herfra:" in page and "Ingen vikarbyrå" in page
    assert "Minst 50 % hele stillinger" not in page  # that one came from the answer


def test_the_new_goal_link_opens_the_goals_form_with_its_source():
    from config import TestConfig
    from heltidnett import create_app
    from heltidnett.goals import links

    app = create_app(TestConfig)
    if "goals.new" not in app.view_functions:  # the goals board's form, with its pages
        rule = "/municipalities/<int:municipality_id>/goals/new"
        app.add_url_rule(rule, "goals.new", lambda **_: "")
    with app.test_request_context():
        found = links.GoalLinks(writable=frozenset({7}))
        assert (
            found.new_goal_url(7, "commitment", 12) == "/municipalities/7/goals/new?commitment=12"
        )
        assert found.new_goal_url(7, "answer", 3) == "/municipalities/7/goals/new?answer=3"
        assert (
            found.new_goal_url(7, "declaration", 5) == "/municipalities/7/goals/new?declaration=5"
        )
        assert found.new_goal_url(8, "declaration", 5) is None  # not a writer there
        assert found.new_goal_url(None, "commitment", 12) is None  # the network's joint one


def test_a_goal_knows_its_source(app, north):  # type: ignore[no-untyped-def]
    from flask_login import login_user

    from heltidnett.auth.models import User
    from heltidnett.goals import links
    from heltidnett.goals.models import Goal
    from heltidnett.goals.progress import Direction

    commitment_id = _commitment(app, north, north.alta)
    with app.test_request_context():
        login_user(db.session.get(User, north.alta_coordinator.id))
        found = links.GoalLinks(writable=frozenset({north.alta.id}))
        assert found.new_goal_url(north.hemnes.id, "commitment", commitment_id) is None
        goal = Goal(
            municipality_id=north.alta.id,
            title="Minst 50 %",
            direction=Direction.AT_LEAST,
            target_value=50.0,
            target_due=dt.date(NEXT_YEAR, 12, 31),
            source_commitment_id=commitment_id,
        )
        db.session.add(goal)
        db.session.flush()
        source = links.source_of(goal)
        assert source is not None and source.kind == "commitment"
        assert source.text == "Lage ny bemanningsplan for sykehjemmet."
        assert source.url == (
            f"/networks/{north.north.id}/commitments#forpliktelse-{commitment_id}"
        )
        db.session.rollback()


def test_lag_mal_av_dette_makes_a_goal_linked_to_its_commitment(app, client, auth, north):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import Goal

    commitment_id = _commitment(app, north, north.alta)
    auth.login(north.alta_coordinator)
    card = _card(
        client.get(f"/networks/{north.north.id}/commitments").get_data(as_text=True), commitment_id
    )
    new = f"/municipalities/{north.alta.id}/goals/new?commitment={commitment_id}"
    assert f'href="{new.replace("&", "&amp;")}"' in card and "Lag mål av dette" in card
    form = {
        "title": "Minst 50 % hele stillinger",
        "indicator": "fulltime_share",
        "measure_name": "",
        "measure_unit": "percent",
        "direction": "at_least",
        "baseline_period": "",
        "target_value": "50",
        "target_due": f"{NEXT_YEAR}-12-31",
        "responsible": "Virksomhetsleder",
        "benefit": "",
    }
    response = post_form(client, new, form)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with app.app_context():
        goal = db.session.scalar(sa.select(Goal))
        assert goal.source_commitment_id == commitment_id
        goal_id = goal.id
    page = client.get(f"/goals/{goal_id}").get_data(as_text=True)
    assert "Kommer fra:" in page and "Lage ny bemanningsplan for sykehjemmet." in page
    card = _card(
        client.get(f"/networks/{north.north.id}/commitments").get_data(as_text=True), commitment_id
    )
    assert f'href="/goals/{goal_id}"' in card  # and the commitment links to the goal

    foreign = _commitment(app, north, north.hemnes, "Hemnes' egen forpliktelse.")
    refused = post_form(
        client, f"/municipalities/{north.alta.id}/goals/new?commitment={foreign}", form
    )
    assert refused.status_code == 400
    assert "Velg en av kommunens egne forpliktelser." in refused.get_data(as_text=True)


def test_the_goal_page_shows_the_follow_up_of_the_commitment_an_action_carries_out(
    app, client, auth, north, api_token
):  # type: ignore[no-untyped-def]
    commitment_id = _commitment(app, north, north.alta)
    headers = api_token(north.alta_coordinator)
    goal = _goal(client, headers, north.alta.id).get_json()
    client.post(
        f"/api/v1/goals/{goal['id']}/actions",
        json={"title": "Bemanningsplan for sykehjemmet", "commitment_id": commitment_id},
        headers=headers,
    )
    auth.login(north.alta_coordinator)
    path = f"/commitments/{commitment_id}/follow-up"
    post_form(client, path, {"f-status": "not_done", "f-comment": "Utsatt."})
    page = client.get(f"/goals/{goal['id']}").get_data(as_text=True)
    row = page.split("Bemanningsplan for sykehjemmet", 1)[1].split("</tr>")[0]
    assert "Forpliktelsen:" in row and "Ikke gjort" in row and "Planlagt" in row
