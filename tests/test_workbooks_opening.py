"""Workbook chapters are prepared as drafts and opened by hand or at a chosen time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from heltidnett.extensions import db
from tests.conftest import csrf_token, post_form

pytest_plugins = ["tests.workbooks_fixtures"]

TITLE = "Heltidskultur i Alta og Hemnes"


def _new_chapter(client: Any, network_id: int, **extra: str) -> Any:
    """Post the new-chapter form as the facilitator does (with a prompt added after)."""
    new = f"/networks/{network_id}/chapters/new"
    data = {
        "c-number": "7",
        "c-title": TITLE,
        "c-introduction": "Beskriv veien videre.",
        "c-opens_after_gathering": "0",
        "c-due_on": "",
        **extra,
    }
    return post_form(client, new, data)


def _chapter_id(app: Any, network_id: int) -> int:
    from heltidnett.workbooks.models import Chapter

    with app.app_context():
        return db.session.scalar(
            sa.select(Chapter.id).where(Chapter.network_id == network_id, Chapter.number == 7)
        )


def _add_prompt(app: Any, client: Any, chapter_id: int) -> int:
    post_form(
        client,
        f"/chapters/{chapter_id}/prompts",
        {"p-kind": "text", "p-label": "Hva tar dere tak i først?", "p-help_text": ""},
        f"/chapters/{chapter_id}",
    )
    from heltidnett.workbooks.models import Prompt

    with app.app_context():
        return db.session.scalar(sa.select(Prompt.id).where(Prompt.chapter_id == chapter_id))


def _answers(app: Any) -> int:
    from heltidnett.workbooks.models import Answer, ChapterDelivery

    with app.app_context():
        return (db.session.scalar(sa.select(sa.func.count(Answer.id))) or 0) + (
            db.session.scalar(sa.select(sa.func.count(ChapterDelivery.id))) or 0
        )


def _coordinator_is_kept_out(
    app: Any, client: Any, auth: Any, tenants: Any, api_token: Any, chapter_id: int, prompt_id: int
) -> None:
    """Alta's coordinator neither reads nor answers the chapter: page, list, API, post."""
    north, alta = tenants.north.id, tenants.alta.id
    delivery = f"/chapters/{chapter_id}/deliveries/{alta}"
    before = _answers(app)
    auth.login(tenants.alta_coordinator)
    assert client.get(f"/chapters/{chapter_id}").status_code == 403
    assert client.get(delivery).status_code == 403
    assert TITLE not in client.get(f"/networks/{north}/workbook").get_data(as_text=True)
    assert TITLE not in client.get(f"/networks/{north}").get_data(as_text=True)
    token = csrf_token(client, "/")
    posted = client.post(
        f"{delivery}/answers/{prompt_id}",
        data={"version": "0", "text": "Vi starter nå", "csrf_token": token},
    )
    assert posted.status_code == 403
    submitted = client.post(f"{delivery}/submit", data={"csrf_token": token})
    assert submitted.status_code == 403
    auth.logout()
    headers = api_token(tenants.alta_coordinator)
    listed = client.get(f"/api/v1/networks/{north}/chapters", headers=headers).get_json()
    assert chapter_id not in [c["id"] for c in listed]
    assert client.get(f"/api/v1/chapters/{chapter_id}", headers=headers).status_code == 403
    assert client.get(f"/api/v1{delivery}", headers=headers).status_code == 403
    put = client.put(
        f"/api/v1{delivery}/answers/{prompt_id}",
        json={"text": "Vi starter nå", "version": 0},
        headers=headers,
    )
    assert put.status_code == 403
    assert _answers(app) == before


def test_a_new_chapter_is_a_draft_that_only_facilitators_see(
    app, client, auth, tenants, api_token
) -> None:
    auth.login(tenants.facilitator)
    created = _new_chapter(client, tenants.north.id)
    assert created.status_code == 302
    chapter_id = _chapter_id(app, tenants.north.id)
    prompt_id = _add_prompt(app, client, chapter_id)
    page = client.get(f"/chapters/{chapter_id}").get_data(as_text=True)
    assert "Kapittelet er et utkast" in page and "Åpne kapittelet" in page
    listing = client.get(f"/networks/{tenants.north.id}/workbook").get_data(as_text=True)
    assert TITLE in listing and "Utkast" in listing
    facilitator_api = api_token(tenants.facilitator)
    chapters = client.get(
        f"/api/v1/networks/{tenants.north.id}/chapters", headers=facilitator_api
    ).get_json()
    assert [c["state"] for c in chapters if c["id"] == chapter_id] == ["draft"]
    auth.logout()
    _coordinator_is_kept_out(app, client, auth, tenants, api_token, chapter_id, prompt_id)
    for person in (tenants.alta_steering, tenants.hemnes_coordinator):
        auth.login(person)
        assert client.get(f"/chapters/{chapter_id}").status_code == 403
        auth.logout()


def test_the_facilitator_opens_a_chapter_by_hand(app, client, auth, tenants, api_token) -> None:
    auth.login(tenants.facilitator)
    _new_chapter(client, tenants.north.id)
    chapter_id = _chapter_id(app, tenants.north.id)
    page = f"/chapters/{chapter_id}"
    empty = post_form(client, f"{page}/open", {}, page)
    assert "Legg til minst ett spørsmål" in client.get(empty.headers["Location"]).get_data(
        as_text=True
    )
    prompt_id = _add_prompt(app, client, chapter_id)
    opened = post_form(client, f"{page}/open", {}, page)
    shown = client.get(opened.headers["Location"]).get_data(as_text=True)
    assert "Kapittelet er åpnet" in shown and "Åpent" in shown
    again = post_form(client, f"{page}/open", {}, page)
    assert "allerede åpent" in client.get(again.headers["Location"]).get_data(as_text=True)
    auth.logout()
    auth.login(tenants.alta_coordinator)
    assert TITLE in client.get(f"/networks/{tenants.north.id}/workbook").get_data(as_text=True)
    delivery = f"/chapters/{chapter_id}/deliveries/{tenants.alta.id}"
    token = csrf_token(client, delivery)
    saved = client.post(
        f"{delivery}/answers/{prompt_id}",
        data={"version": "0", "text": "Vi starter nå", "csrf_token": token},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert saved.status_code == 200 and "Lagret" in saved.get_data(as_text=True)


def test_a_chapter_opens_by_itself_when_its_time_comes(
    app, client, auth, tenants, api_token, monkeypatch
) -> None:
    from zoneinfo import ZoneInfo

    auth.login(tenants.facilitator)
    past = _new_chapter(
        client,
        tenants.north.id,
        **{"c-opens_on": (date.today() - timedelta(days=1)).isoformat(), "c-opens_time": "09:00"},
    )
    assert past.status_code == 200 and "Åpningstidspunktet har passert" in past.get_data(
        as_text=True
    )
    day = date.today() + timedelta(days=3)
    _new_chapter(client, tenants.north.id, **{"c-opens_on": day.isoformat(), "c-opens_time": ""})
    chapter_id = _chapter_id(app, tenants.north.id)
    from heltidnett.workbooks.models import Chapter

    prompt_id = _add_prompt(app, client, chapter_id)
    with app.app_context():
        opens_at = db.session.get(Chapter, chapter_id).opens_at
    assert opens_at == datetime(day.year, day.month, day.day, 8, tzinfo=ZoneInfo("Europe/Oslo"))
    page = client.get(f"/chapters/{chapter_id}").get_data(as_text=True)
    assert "Planlagt" in page and "08.00" in page
    edit = client.get(f"/chapters/{chapter_id}/edit").get_data(as_text=True)
    assert f'value="{day.isoformat()}"' in edit and 'value="08:00"' in edit
    auth.logout()
    _coordinator_is_kept_out(app, client, auth, tenants, api_token, chapter_id, prompt_id)

    # Three days on: nothing has run, the stored time is the same; the chapter is open.
    later = datetime.now(UTC) + timedelta(days=4)
    monkeypatch.setattr("heltidnett.workbooks.models.utcnow", lambda: later)
    monkeypatch.setattr("heltidnett.workbooks.services.utcnow", lambda: later)
    headers = api_token(tenants.alta_coordinator)
    listed = client.get(f"/api/v1/networks/{tenants.north.id}/chapters", headers=headers)
    assert [c["state"] for c in listed.get_json() if c["id"] == chapter_id] == ["open"]
    put = client.put(
        f"/api/v1/chapters/{chapter_id}/deliveries/{tenants.alta.id}/answers/{prompt_id}",
        json={"text": "Vi starter nå", "version": 0},
        headers=headers,
    )
    assert put.status_code == 200 and put.get_json()["version"] == 1
    auth.login(tenants.alta_coordinator)
    assert client.get(f"/chapters/{chapter_id}").status_code == 200


def test_an_open_chapter_keeps_its_opening_and_a_time_needs_a_day(
    app, client, auth, tenants, chapter
) -> None:
    from heltidnett.workbooks.models import Chapter

    with app.app_context():
        opened = db.session.get(Chapter, chapter.id).opens_at
    auth.login(tenants.facilitator)
    edit = f"/chapters/{chapter.id}/edit"
    form = client.get(edit).get_data(as_text=True)
    assert "har vært åpent for kommunene siden" in form and 'name="c-opens_on"' not in form
    fields = {
        "c-number": "2",
        "c-title": "Forankring og nåsituasjon",
        "c-opens_after_gathering": "0",
        "c-opens_on": (date.today() + timedelta(days=5)).isoformat(),
    }
    assert post_form(client, edit, fields).status_code == 302
    with app.app_context():
        assert db.session.get(Chapter, chapter.id).opens_at == opened
    only_time = _new_chapter(client, tenants.north.id, **{"c-opens_time": "10:00"})
    assert "Velg også dagen kapittelet åpner" in only_time.get_data(as_text=True)
    assert 'value="Heltidskultur i Alta og Hemnes"' in only_time.get_data(as_text=True)


def test_no_answer_reaches_a_draft_even_from_an_admin(app, tenants) -> None:
    """The rule lives in the service: an admin (who may write any answer) is refused too."""
    from heltidnett.auth.models import User
    from heltidnett.core.errors import ServiceError
    from heltidnett.networks.models import Network
    from heltidnett.workbooks import services
    from heltidnett.workbooks.models import Prompt

    with app.app_context():
        admin = db.session.get(User, tenants.admin.id)
        network = db.session.get(Network, tenants.north.id)
        draft = services.create_chapter(db.session, admin, network, number=8, title="Utkast")
        prompt = services.save_prompt(db.session, admin, draft, kind="text", label="Spørsmål")
        assert isinstance(prompt, Prompt) and not draft.is_open
        with pytest.raises(ServiceError, match="ikke åpnet ennå"):
            services.save_answer(db.session, admin, prompt, tenants.alta.id, "Tekst", 0)
        with pytest.raises(ServiceError, match="ikke åpnet ennå"):
            services.submit(db.session, admin, draft, tenants.alta.id)
        db.session.rollback()
