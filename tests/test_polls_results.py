"""A poll's results outside the room (issue 16, items 4 and 7): the API's paged list of a
gathering's polls and a poll's results, the xlsx download, the word cloud beside the phrases,
and the municipality's page."""

from __future__ import annotations

import io
import re

import pytest

from tests.test_polls import answer_as

pytest_plugins = ["tests.gatherings_fixtures", "tests.polls_fixtures"]


def _three_from_alta(app, poll_id: int, alta_id: int, values=(8, 6, 7)) -> None:  # type: ignore[no-untyped-def]
    for n, value in enumerate(values):
        answer_as(app, poll_id, f"alta{n}".ljust(64, "x"), alta_id, value=value)


def _close(app, poll_id: int, tenants) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.auth.models import User
    from heltidnett.extensions import db
    from heltidnett.polls import services
    from heltidnett.polls.models import Poll

    with app.test_request_context():
        actor = db.session.get(User, tenants.facilitator.id)
        services.close_poll(db.session, actor, db.session.get(Poll, poll_id))
        db.session.commit()


# ---- the API -----------------------------------------------------------------------------


def test_the_api_lists_a_gatherings_polls_paged_drafts_for_facilitators_only(  # type: ignore[no-untyped-def]
    client, api_token, tenants, make_gathering, make_poll
) -> None:
    gathering_id = make_gathering()
    opened = [make_poll(gathering_id=gathering_id)[0] for _ in range(2)]
    draft, draft_code = make_poll(status="draft", gathering_id=gathering_id)
    url = f"/api/v1/gatherings/{gathering_id}/polls"

    facilitator = client.get(f"{url}?page_size=2", headers=api_token(tenants.facilitator))
    assert facilitator.status_code == 200
    assert [p["id"] for p in facilitator.get_json()] == opened
    assert '"total": 3' in facilitator.headers["X-Pagination"]
    rest = client.get(f"{url}?page=2&page_size=2", headers=api_token(tenants.facilitator))
    assert [(p["id"], p["code"]) for p in rest.get_json()] == [(draft, draft_code)]

    coordinator = client.get(url, headers=api_token(tenants.alta_coordinator)).get_json()
    assert [p["id"] for p in coordinator] == opened  # no draft
    assert {p["code"] for p in coordinator} == {None}  # the code is read off the big screen
    assert client.get(url, headers=api_token(tenants.rana_coordinator)).status_code == 403


def test_the_api_gives_results_only_once_revealed_and_withholds_small_municipalities(  # type: ignore[no-untyped-def]
    app, client, api_token, tenants, make_poll
) -> None:
    poll_id, _code = make_poll()
    _three_from_alta(app, poll_id, tenants.alta.id)
    for n, value in enumerate([2, 3]):
        answer_as(app, poll_id, f"hemnes{n}".ljust(64, "x"), tenants.hemnes.id, value=value)
    url = f"/api/v1/polls/{poll_id}/results"
    hidden = client.get(url, headers=api_token(tenants.alta_coordinator))
    assert hidden.status_code == 403
    assert hidden.get_json()["error"]["message"] == "Resultatene er ikke vist ennå."

    _close(app, poll_id, tenants)  # closing reveals them
    body = client.get(url, headers=api_token(tenants.alta_coordinator)).get_json()
    assert body["devices"] == 5 and body["poll"]["status"] == "closed"
    question = body["questions"][0]
    assert question["n"] == 5 and question["mean"] == pytest.approx(26 / 5)
    assert {b["label"]: b["count"] for b in question["distribution"]}["8"] == 1
    assert len(question["distribution"]) == 10
    by_name = {m["name"]: m for m in question["municipalities"]}
    assert by_name["Alta"] == {"name": "Alta", "n": 3, "mean": pytest.approx(7.0)}
    assert by_name["Hemnes"] == {"name": "Hemnes", "n": None, "mean": None}
    assert body["wheel"] is None


def test_the_api_gives_the_wheel_beside_the_previous_round(app, client, api_token) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.auth.models import User
    from heltidnett.demo import load_demo
    from heltidnett.extensions import db
    from heltidnett.polls import demo, services

    with app.test_request_context():
        load_demo(db.session)
        db.session.commit()
        second = services.poll_by_code(db.session, demo.WHEEL_ROUNDS[1][2])
        poll_id, first_id = second.id, services.previous_round(db.session, second).id
        veileder = db.session.scalar(db.select(User).where(User.email == "veileder@example.org"))
    body = client.get(f"/api/v1/polls/{poll_id}/results", headers=api_token(veileder)).get_json()
    assert body["wheel"]["previous_poll_id"] == first_id
    step_one = body["wheel"]["steps"][0]
    assert step_one["network_mean"] == pytest.approx(93 / 12)
    alta = next(c for c in step_one["municipalities"] if c["municipality"] == "Alta")
    assert alta["mean"] == pytest.approx(25 / 3) and alta["previous"] == pytest.approx(19 / 3)


# ---- the download and the word cloud -----------------------------------------------------


def test_the_results_download_as_xlsx_with_numbers_as_numbers(  # type: ignore[no-untyped-def]
    app, client, auth, tenants, make_poll
) -> None:
    import openpyxl

    poll_id, _code = make_poll()
    _three_from_alta(app, poll_id, tenants.alta.id)
    auth.login(tenants.facilitator)
    page = client.get(f"/polls/{poll_id}").get_data(as_text=True)
    assert f"/polls/{poll_id}/results.xlsx" in page
    download = client.get(f"/polls/{poll_id}/results.xlsx")
    assert download.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(download.data))
    assert book.sheetnames[:2] == ["Svar", "Per kommune"]
    rows = list(book["Svar"].iter_rows(values_only=True))
    summary = rows[1]
    assert summary[5] == 3 and summary[6] == pytest.approx(7.0)
    eight = next(r for r in rows[2:] if r[2] == "8")
    assert eight[3] == 1 and eight[4] == pytest.approx(1 / 3)
    alta = list(book["Per kommune"].iter_rows(values_only=True))[1]
    assert alta[1:] == ("Alta", 3, pytest.approx(7.0))


def test_the_download_is_refused_to_a_reader_before_the_results_are_revealed(  # type: ignore[no-untyped-def]
    client, auth, tenants, make_poll
) -> None:
    poll_id, _code = make_poll()
    auth.login(tenants.alta_coordinator)
    assert client.get(f"/polls/{poll_id}/results.xlsx").status_code == 403


def test_phrases_show_as_a_word_cloud_beside_their_table(  # type: ignore[no-untyped-def]
    app, client, auth, tenants, make_poll
) -> None:
    poll_id, _code = make_poll("phrases")
    for n, text in enumerate(["Tillit", "tillit", "TILLIT", "Turnus"]):
        answer_as(app, poll_id, str(n) * 64, tenants.alta.id, text=text)
    auth.login(tenants.facilitator)
    page = client.get(f"/polls/{poll_id}").get_data(as_text=True)
    # the same words in any case are one phrase, shown largest; the table holds the counts
    assert re.search(r'poll-cloud__word--5" data-count="3">tillit<', page, re.IGNORECASE)
    assert 'class="poll-cloud__word poll-cloud__word--2" data-count="1">Turnus<' in page
    assert re.search(r'class="poll-phrase">tillit</th><td class="num">3</td>', page, re.I)


# ---- the municipality's page -------------------------------------------------------------


def test_the_municipality_page_shows_its_wheel_round_by_round(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.demo import DEMO_PASSWORD, load_demo
    from heltidnett.extensions import db

    with app.test_request_context():
        ctx = load_demo(db.session)
        db.session.commit()
        alta, vestvagoy = ctx.municipalities["Alta"].id, ctx.municipalities["Vestvågøy"].id
    auth.login("koordinator.alta@example.org", DEMO_PASSWORD)
    home = client.get(f"/municipalities/{alta}").get_data(as_text=True)
    assert f"/municipalities/{alta}/polls" in home
    page = client.get(f"/municipalities/{alta}/polls").get_data(as_text=True)
    # two rounds, newest first, only Alta's column: step 1 was 8,3 after 6,3
    assert page.count('class="poll-spider__current"') == 2
    assert page.count("Gevinsthjulet for Alta") == 2
    assert "Gevinsthjulet for Rana" not in page
    assert re.search(r"8,3 <span class=\"poll-wheel__previous\">\(6,3\)</span>", page)
    assert page.index("Runde 2") < page.index("Runde 1")
    # Vestvågøy had two people in round one: no spider for it, the round drawn from three
    other = client.get(f"/municipalities/{vestvagoy}/polls")
    assert other.status_code == 200
    assert other.get_data(as_text=True).count('class="poll-spider__current"') == 1


def test_the_demo_compares_two_btv_rounds_of_the_wheel(app) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.demo import load_demo
    from heltidnett.extensions import db
    from heltidnett.polls import demo, services
    from heltidnett.polls.models import PollStatus

    with app.test_request_context():
        load_demo(db.session)
        load_demo(db.session)  # twice: nothing added
        first, second = (services.poll_by_code(db.session, r[2]) for r in demo.BTV_ROUNDS)
        assert first.gathering.title == "BTV NyttBlikk samling 2"
        assert second.gathering.title == "BTV NyttBlikk samling 3"
        assert first.status == second.status == PollStatus.CLOSED
        assert services.figures(db.session, second).devices == 24
        wheel = services.wheel_overview(db.session, second)
        assert wheel.previous.id == first.id
        assert len(wheel.municipalities) == 8 and len(wheel.spiders) == 8
        cells = dict(zip(wheel.municipalities, wheel.rows[0].cells, strict=True))
        assert cells["Lier"].mean == pytest.approx(8.0) and cells["Lier"].previous == 6.0
        assert cells["Nore og Uvdal"].previous is None  # two answered in round one
        db.session.rollback()


def test_a_poll_is_started_from_an_agenda_item(app, client, auth, tenants, make_gathering) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.extensions import db
    from heltidnett.polls.models import Poll
    from tests.conftest import post_form

    gathering_id = make_gathering()
    auth.login(tenants.facilitator)
    programme = client.get(f"/gatherings/{gathering_id}").get_data(as_text=True)
    found = re.search(rf"/gatherings/{gathering_id}/polls\?item=(\d+)#new-heading", programme)
    assert found, "no poll link on the agenda items"
    item_id = found.group(1)
    page = client.get(f"/gatherings/{gathering_id}/polls?item={item_id}").get_data(as_text=True)
    assert re.search(
        rf'<option selected value="{item_id}">|<option value="{item_id}" selected', page
    )
    made = post_form(
        client,
        f"/gatherings/{gathering_id}/polls",
        {"template": "anchoring", "title": "", "agenda_item": item_id},
        form_page=f"/gatherings/{gathering_id}/polls",
    )
    assert made.status_code == 302
    with app.app_context():
        poll = db.session.scalars(db.select(Poll).where(Poll.gathering_id == gathering_id)).one()
        assert poll.agenda_item_id == int(item_id)


# ---- privacy -----------------------------------------------------------------------------


def test_an_answer_keeps_no_address_or_device_details(app, client, make_poll, tenants) -> None:  # type: ignore[no-untyped-def]
    import sqlalchemy as sa

    from heltidnett.audit.models import AuditEvent
    from heltidnett.extensions import db
    from heltidnett.polls.models import Poll, Response
    from tests.conftest import post_form

    address, agent = "203.0.113.77", "Mozilla/5.0 (Fingerprint 4711)"
    client.environ_base.update(REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    poll_id, code = make_poll()
    with app.app_context():
        field = f"q{db.session.get(Poll, poll_id).questions[0].id}"
    sent = post_form(client, f"/p/{code}", {"municipality": str(tenants.alta.id), field: "7"})
    assert sent.status_code == 302
    columns = {c.name for c in Response.__table__.columns}
    assert columns == {
        "id",
        "question_id",
        "municipality_id",
        "device_hash",
        "value",
        "choices",
        "text",
        "created_at",
        "updated_at",
    }
    with app.app_context():
        (row,) = db.session.execute(sa.select(Response.__table__)).all()
        assert address not in repr(row) and "Fingerprint" not in repr(row)
        assert len(row.device_hash) == 64  # the hash of the cookie's random token, no more
        answered = db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.object_type.like("%esponse%"))
        ).all()
        assert answered == []  # answers are not in the audit log (which keeps addresses)
