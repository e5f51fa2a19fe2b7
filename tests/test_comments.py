"""Comment threads where the steering group looks, review marks, and who reads them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from heltidnett.extensions import db
from tests.conftest import post_form

pytest_plugins = ["tests.stories_fixtures"]

SECRET = "ALTAS-UTKAST-TIL-STYRINGSGRUPPEN"


@pytest.fixture
def world(app, north, make_user, grant):  # type: ignore[no-untyped-def]
    """North with Rana taking part too (as in the demo), Rana's own coordinator and steering
    member there, and a commitment each for Alta and Rana."""
    from heltidnett.commitments.models import Commitment
    from heltidnett.networks.models import Participation

    t = north
    t.rana_in_north = make_user("koordinator.rana.nord@example.org", "Koordinator Rana Nord")
    t.rana_steering = make_user("styring.rana@example.org", "Styring Rana")
    t.network_steering = make_user("styring.nord@example.org", "Styring Nord")
    with app.app_context():
        db.session.add(Participation(network_id=t.north.id, municipality_id=t.rana.id))
        db.session.commit()
    grant(t.rana_in_north, t.north, "coordinator", t.rana)
    grant(t.rana_steering, t.north, "steering", t.rana)
    grant(t.network_steering, t.north, "steering")
    with app.app_context():
        made = {}
        for m in (t.alta, t.rana):
            c = Commitment(
                network_id=t.north.id,
                gathering_id=t.g3.id,
                municipality_id=m.id,
                text=f"Vedta erklæringen i {m.name}",
                owner="Rådmannen",
                due_on=date(2018, 9, 1),
            )
            db.session.add(c)
            db.session.flush()
            made[m.name] = c.id
        db.session.commit()
    t.alta_commitment, t.rana_commitment = made["Alta"], made["Rana"]
    return t


def _thread_ids(app: Any) -> list[int]:
    from heltidnett.comments.models import CommentThread

    with app.app_context():
        return list(db.session.scalars(sa.select(CommentThread.id).order_by(CommentThread.id)))


def test_steering_comments_coordinator_answers_and_the_thread_is_resolved(app, client, auth, world):  # type: ignore[no-untyped-def]
    page = f"/commitments/{world.alta_commitment}/comments"
    auth.login(world.alta_steering)
    response = post_form(client, page, {"body": f"Hvordan går det? {SECRET}"})
    assert response.status_code == 302
    [thread_id] = _thread_ids(app)
    auth.logout()

    auth.login(world.alta_coordinator)
    shown = client.get(page).get_data(as_text=True)
    assert SECRET in shown and "Styring Alta" in shown and "(styringsgruppe)" in shown
    answered = post_form(
        client, f"/comment-threads/{thread_id}/comments", {"body": "Vi er i rute."}, form_page=page
    )
    assert answered.status_code == 302
    assert (
        post_form(client, f"/comment-threads/{thread_id}/resolve", {}, form_page=page).status_code
        == 302
    )
    shown = client.get(page).get_data(as_text=True)
    assert "Koordinator Alta" in shown and "(koordinator)" in shown
    assert "Løst av Koordinator Alta" in shown
    # a resolved thread takes no answer until it is reopened
    refused = post_form(
        client, f"/comment-threads/{thread_id}/comments", {"body": "Mer"}, form_page=page
    )
    assert refused.status_code == 302
    from heltidnett.comments.models import Comment, CommentThread

    with app.app_context():
        thread = db.session.get(CommentThread, thread_id)
        assert [c.author_role for c in thread.comments] == ["steering", "coordinator"]
        assert thread.resolved_at is not None
    assert (
        post_form(client, f"/comment-threads/{thread_id}/reopen", {}, form_page=page).status_code
        == 302
    )
    with app.app_context():
        assert db.session.get(CommentThread, thread_id).resolved_at is None
        assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 2


def test_an_empty_comment_is_refused_with_a_norwegian_message(app, client, auth, world):  # type: ignore[no-untyped-def]
    auth.login(world.alta_steering)
    response = post_form(client, f"/commitments/{world.alta_commitment}/comments", {"body": "  "})
    assert response.status_code == 422
    assert "Skriv kommentaren." in response.get_data(as_text=True)
    assert _thread_ids(app) == []


def test_rana_never_sees_altas_threads(app, client, auth, world, api_token):  # type: ignore[no-untyped-def]
    """Rana's coordinator and steering member (same network), Hemnes' coordinator and a
    participant are refused Alta's threads on every page and in the API."""
    page = f"/commitments/{world.alta_commitment}/comments"
    row = f"/networks/{world.north.id}/municipalities/{world.alta.id}/review"
    auth.login(world.alta_steering)
    post_form(client, page, {"body": SECRET})
    post_form(client, row, {"body": SECRET + "-rad"})
    auth.logout()
    threads = _thread_ids(app)
    assert len(threads) == 2
    for person in (
        world.rana_in_north,
        world.rana_steering,
        world.hemnes_coordinator,
        world.hemnes_participant,
        world.rana_coordinator,
    ):
        auth.login(person)
        for path in (page, row, f"/networks/{world.north.id}/steering"):
            response = client.get(path)
            assert SECRET not in response.get_data(as_text=True), (person.email, path)
        assert client.get(page).status_code == 403
        assert client.get(row).status_code == 403
        answer = post_form(client, f"/comment-threads/{threads[0]}/comments", {"body": "x"})
        assert answer.status_code == 403
        auth.logout()
        headers = api_token(person)
        api = "/api/v1"
        for path in (
            f"{api}/commitments/{world.alta_commitment}/comment-threads",
            f"{api}/networks/{world.north.id}/municipalities/{world.alta.id}/comment-threads",
            f"{api}/networks/{world.north.id}/municipalities/{world.alta.id}/review-marks",
            f"{api}/comment-threads/{threads[0]}",
            f"{api}/comment-threads/{threads[0]}/comments",
        ):
            response = client.get(path, headers=headers)
            assert response.status_code == 403, (person.email, path)
            assert SECRET not in response.get_data(as_text=True)
    # Rana's own steering member follows Rana, and the network's steering group follows both
    auth.login(world.rana_steering)
    assert client.get(f"/commitments/{world.rana_commitment}/comments").status_code == 200
    auth.logout()
    auth.login(world.network_steering)
    assert SECRET in client.get(page).get_data(as_text=True)
    assert client.get(f"/commitments/{world.rana_commitment}/comments").status_code == 200


def test_review_mark_shows_in_the_matrix(app, client, auth, world):  # type: ignore[no-untyped-def]
    mark = f"/networks/{world.north.id}/municipalities/{world.alta.id}/review-marks"
    data = {"period": "Høsten 2018", "assessment": "needs_attention", "reason": ""}
    auth.login(world.alta_coordinator)
    assert post_form(client, mark, data).status_code == 403  # coordinators answer, not mark
    auth.logout()
    auth.login(world.alta_steering)
    refused = post_form(client, mark, data)
    assert refused.status_code == 422
    assert "Skriv hvorfor, når kommunen ikke er i rute." in refused.get_data(as_text=True)
    data["reason"] = "Kartleggingen er forsinket."
    assert post_form(client, mark, data).status_code == 302
    # Alta's own steering member may not mark Rana
    rana_mark = f"/networks/{world.north.id}/municipalities/{world.rana.id}/review-marks"
    assert post_form(client, rana_mark, data).status_code == 403
    matrix = client.get(f"/networks/{world.north.id}/steering").get_data(as_text=True)
    assert "Siste gjennomgang" in matrix
    assert "Trenger oppfølging (Høsten 2018," in matrix
    auth.logout()
    auth.login(world.network_steering)
    ok = {"period": "Vår 2019", "assessment": "on_track", "reason": ""}
    assert post_form(client, rana_mark, ok).status_code == 302
    matrix = client.get(f"/networks/{world.north.id}/steering").get_data(as_text=True)
    assert "I rute (Vår 2019," in matrix and "Trenger oppfølging (Høsten 2018," in matrix


def test_api_threads_comments_resolve_and_marks(app, client, world, api_token):  # type: ignore[no-untyped-def]
    steering, coordinator = api_token(world.alta_steering), api_token(world.alta_coordinator)
    base = f"/api/v1/commitments/{world.alta_commitment}/comment-threads"
    made = client.post(base, json={"body": "Status?"}, headers=steering)
    assert made.status_code == 201, made.get_json()
    thread = made.get_json()
    assert thread["comments"][0]["author_role"] == "steering"
    answer = client.post(
        f"/api/v1/comment-threads/{thread['id']}/comments",
        json={"body": "I rute."},
        headers=coordinator,
    )
    assert answer.status_code == 201 and answer.get_json()["author"] == "Koordinator Alta"
    listed = client.get(
        f"/api/v1/comment-threads/{thread['id']}/comments?page_size=1", headers=steering
    )
    assert len(listed.get_json()) == 1
    assert json_total(listed) == 2
    resolved = client.patch(
        f"/api/v1/comment-threads/{thread['id']}", json={"resolved": True}, headers=coordinator
    )
    assert resolved.status_code == 200 and resolved.get_json()["resolved"] is True
    again = client.patch(
        f"/api/v1/comment-threads/{thread['id']}", json={"resolved": True}, headers=coordinator
    )
    assert again.status_code == 400
    threads = client.get(base, headers=coordinator)
    assert json_total(threads) == 1 and threads.get_json()[0]["resolved"] is True
    marks = f"/api/v1/networks/{world.north.id}/municipalities/{world.alta.id}/review-marks"
    assert (
        client.post(
            marks, json={"period": "H18", "assessment": "on_track"}, headers=coordinator
        ).status_code
        == 403
    )
    made = client.post(
        marks,
        json={"period": "H18", "assessment": "off_track", "reason": "Ingen plan."},
        headers=steering,
    )
    assert made.status_code == 201, made.get_json()
    listed = client.get(marks, headers=coordinator)
    assert listed.get_json()[0]["assessment"] == "off_track" and json_total(listed) == 1


def json_total(response: Any) -> int:
    import json

    return int(json.loads(response.headers["X-Pagination"])["total"])


def test_goal_and_action_threads(app, client, auth, world):  # type: ignore[no-untyped-def]
    from heltidnett.goals.models import Action, Goal
    from heltidnett.goals.progress import Direction

    with app.app_context():
        goal = Goal(
            municipality_id=world.alta.id,
            title="Flere i hele stillinger",
            measure_name="Ansatte i turnus",
            measure_unit="count",
            direction=Direction.AT_LEAST,
            target_value=50.0,
            target_due=date(2030, 1, 1),
        )
        db.session.add(goal)
        db.session.flush()
        action = Action(goal_id=goal.id, title="Kartlegge ønsket stillingsstørrelse")
        db.session.add(action)
        db.session.commit()
        goal_id, action_id = goal.id, action.id
    auth.login(world.alta_steering)
    for path in (f"/goals/{goal_id}/comments", f"/goal-actions/{action_id}/comments"):
        assert post_form(client, path, {"body": "Hvordan måles dette?"}).status_code == 302
        assert "Hvordan måles dette?" in client.get(path).get_data(as_text=True)
    auth.logout()
    auth.login(world.rana_in_north)
    assert client.get(f"/goals/{goal_id}/comments").status_code == 403
    assert client.get(f"/goal-actions/{action_id}/comments").status_code == 403


def test_commitment_pages_link_to_the_threads_for_those_who_follow(app, client, auth, world):  # type: ignore[no-untyped-def]
    link = f"/commitments/{world.alta_commitment}/comments"
    auth.login(world.alta_coordinator)
    assert link in client.get(f"/commitments/{world.alta_commitment}/follow-up").get_data(
        as_text=True
    )
    assert link in client.get(f"/networks/{world.north.id}/commitments").get_data(as_text=True)
    auth.logout()
    auth.login(world.rana_in_north)
    assert link not in client.get(f"/networks/{world.north.id}/commitments").get_data(as_text=True)
