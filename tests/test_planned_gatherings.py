"""A planned gathering's title reaches only those who may see the gathering (item 10)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from heltidnett.extensions import db
from tests.conftest import post_form

pytest_plugins = ["tests.stories_fixtures"]

SECRET = "Hemmelig samling i Tromsø"


@pytest.fixture
def planned(app: Flask, north: Any, make_held_gathering: Any) -> Any:
    """Gathering 5 of Heltid i nord, planned (unpublished), after the held 3 and 4."""
    from heltidnett.gatherings.models import Gathering

    gathering = make_held_gathering(north.north, 5, date(2019, 3, 4), status="planned")
    with app.app_context():
        db.session.get(Gathering, gathering.id).title = SECRET
        db.session.commit()
    north.g5 = gathering
    return north


def _commitment(app: Flask, t: Any, gathering: Any, text: str) -> int:
    """An open commitment of Alta's given at `gathering`; its id."""
    from heltidnett.commitments.models import Commitment

    with app.app_context():
        commitment = Commitment(
            network_id=t.north.id,
            gathering_id=gathering.id,
            municipality_id=t.alta.id,
            text=text,
            owner="Prosjektleder",
            due_on=date(2019, 3, 4),
        )
        db.session.add(commitment)
        db.session.commit()
        return commitment.id


def _page(client: Any, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _member_pages(t: Any, story_id: int) -> list[str]:
    net = t.north.id
    return [
        f"/networks/{net}/stories",
        f"/networks/{net}/stories/present",
        f"/stories/{story_id}",
        f"/gatherings/{t.g4.id}/commitments",
        f"/networks/{net}/commitments",
        f"/networks/{net}",
    ]


def test_members_never_see_a_planned_gatherings_title(
    app: Flask, client: Any, auth: Any, planned: Any, make_story: Any
) -> None:

    t = planned
    story = make_story(t.hemnes, t.g5, "Fortelling fra en planlagt samling")
    _commitment(app, t, t.g5, "Gitt på den planlagte samlingen.")
    for user in (t.alta_coordinator, t.hemnes_participant, t.alta_steering):
        auth.login(user)
        for path in _member_pages(t, story.id):
            page = _page(client, path)
            assert SECRET not in page, (user.email, path)
        steering = client.get(f"/networks/{t.north.id}/steering")
        if steering.status_code == 200:
            assert SECRET not in steering.get_data(as_text=True)
        auth.logout()
    auth.login(t.facilitator)
    gallery = _page(client, f"/networks/{t.north.id}/stories")
    assert f">{SECRET}</option>" in gallery  # the facilitator may filter by it
    assert f"De følges opp på {SECRET}" in _page(client, f"/gatherings/{t.g4.id}/commitments")
    assert SECRET in _page(client, f"/stories/{story.id}")


def test_commitments_page_names_the_next_gathering_only_when_visible(
    client: Any, auth: Any, planned: Any
) -> None:
    t = planned
    auth.login(t.alta_coordinator)
    page = _page(client, f"/gatherings/{t.g4.id}/commitments")
    assert "De følges opp på" not in page
    assert "De følges opp på Samling 4" in _page(client, f"/gatherings/{t.g3.id}/commitments")


def test_api_refuses_a_story_at_a_gathering_the_writer_cannot_see(
    app: Flask, client: Any, planned: Any, api_token: Any
) -> None:
    from heltidnett.stories.models import Story

    t = planned
    base = f"/api/v1/networks/{t.north.id}/stories"
    headers = api_token(t.alta_coordinator)
    story = {"municipality_id": t.alta.id, "title": "Lurt", "done": "Gjort noe", "publish": True}
    for gathering_id in (t.g5.id, t.other_g1.id, 2**31 - 1):
        response = client.post(base, json={**story, "gathering_id": gathering_id}, headers=headers)
        assert response.status_code == 422, gathering_id
        assert response.get_json()["error"]["message"] == "Velg en samling i dette nettverket."
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Story)) == 0
    ok = client.post(base, json={**story, "gathering_id": t.g4.id}, headers=headers)
    assert ok.status_code == 201


def test_story_form_offers_and_takes_only_visible_gatherings(
    app: Flask, client: Any, auth: Any, planned: Any
) -> None:
    t = planned
    auth.login(t.alta_coordinator)
    path = f"/networks/{t.north.id}/stories/new"
    assert SECRET not in _page(client, path)
    data = {
        "municipality": t.alta.id,
        "gathering": t.g5.id,
        "title": "Forankring",
        "done_text": "",
        "learned_text": "",
        "smart_text": "",
        "action": "save",
    }
    response = post_form(client, path, data)
    assert response.status_code == 200  # refused: not a gathering the form offers
    from heltidnett.stories.models import Story

    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Story)) == 0


def test_follow_up_at_a_planned_gathering_is_refused(
    app: Flask, client: Any, auth: Any, planned: Any, api_token: Any
) -> None:
    from heltidnett.commitments.models import Commitment

    t = planned
    commitment_id = _commitment(app, t, t.g3, "Lage en plan.")
    auth.login(t.alta_coordinator)
    path = f"/commitments/{commitment_id}/follow-up?gathering={t.g5.id}"
    assert client.get(path).status_code == 404
    response = client.patch(
        f"/api/v1/commitments/{commitment_id}",
        json={"status": "done", "comment": "", "gathering_id": t.g5.id},
        headers=api_token(t.alta_coordinator),
    )
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(Commitment, commitment_id).followed_up_gathering_id is None


def test_workbook_chapter_names_its_gathering_only_when_visible(
    app: Flask, client: Any, auth: Any, planned: Any
) -> None:
    from heltidnett.workbooks.models import Chapter

    t = planned
    with app.app_context():
        chapter = Chapter(
            network_id=t.north.id,
            number=5,
            title="Etter samling 5",
            opens_after_gathering_id=t.g5.id,
            opens_at=datetime.now(UTC),
        )
        db.session.add(chapter)
        db.session.commit()
        path = f"/chapters/{chapter.id}"
    auth.login(t.alta_coordinator)
    page = _page(client, path)
    assert SECRET not in page and "Åpner etter en samling som ikke er publisert ennå" in page
    auth.logout()
    auth.login(t.facilitator)
    assert f"Åpner etter {SECRET}" in _page(client, path)
