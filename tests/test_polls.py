"""Polls at gatherings: templates, one answer per device, closing, codes, the threshold of
three, the participant's pages without an account, the facilitator's buttons and the live
fragment of the presenter view (issue 16)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from heltidnett.core.errors import ServiceError
from heltidnett.extensions import db
from tests.conftest import post_form

pytest_plugins = ["tests.gatherings_fixtures", "tests.polls_fixtures"]


def answer_as(app, poll_id: int, device: str, municipality_id: int, **answer: object) -> None:  # type: ignore[no-untyped-def]
    """Store one device's answer to the poll's first question (directly, through the service)."""
    from heltidnett.polls import services
    from heltidnett.polls.models import Poll

    with app.test_request_context():
        poll = db.session.get(Poll, poll_id)
        services.save_answer(
            db.session,
            poll.questions[0],
            device,
            municipality_id,
            services.Answer(**answer),
        )
        db.session.commit()


def _responses(app, poll_id: int) -> list[tuple[int | None, str, int | None]]:
    from heltidnett.polls.models import Question, Response

    with app.app_context():
        rows = db.session.execute(
            sa.select(Response.value, Response.text, Response.municipality_id)
            .join(Question)
            .where(Question.poll_id == poll_id)
            .order_by(Response.id)
        )
        return [tuple(row) for row in rows]


def _figures(app, poll_id: int):
    from heltidnett.polls import services
    from heltidnett.polls.models import Poll

    with app.test_request_context():
        return services.figures(db.session, db.session.get(Poll, poll_id))


# ---- the rules -------------------------------------------------------------------------


def test_the_wheel_template_asks_the_ten_steps_on_a_scale(app, make_poll) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.polls.models import Poll, QuestionKind

    poll_id, code = make_poll("wheel", status="draft")
    with app.app_context():
        poll = db.session.get(Poll, poll_id)
        assert [q.step for q in poll.questions] == list(range(1, 11))
        assert {q.kind for q in poll.questions} == {QuestionKind.WHEEL_STEP}
        assert "Handlingsrom" in poll.questions[4].text
    assert re.fullmatch(r"[1-9]\d{5}", code)


def test_culture_time_offers_the_four_choices(app, make_poll) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.polls.models import Poll

    poll_id, _code = make_poll("culture_time", status="draft")
    with app.app_context():
        choices = db.session.get(Poll, poll_id).questions[0].choice_list
    assert choices == ["1–3 år", "4–7 år", "8–12 år", "Tviler på at vi kommer dit"]


def test_a_device_has_one_answer_per_question_and_may_change_it(app, make_poll, tenants) -> None:  # type: ignore[no-untyped-def]
    poll_id, _code = make_poll()
    answer_as(app, poll_id, "a" * 64, tenants.alta.id, value=4)
    answer_as(app, poll_id, "a" * 64, tenants.alta.id, value=7)
    assert _responses(app, poll_id) == [(7, "", tenants.alta.id)]


def test_a_closed_question_refuses_an_answer(app, make_poll, tenants) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.auth.models import User
    from heltidnett.polls import services
    from heltidnett.polls.models import Poll

    poll_id, _code = make_poll()
    answer_as(app, poll_id, "a" * 64, tenants.alta.id, value=4)
    with app.test_request_context():
        poll = db.session.get(Poll, poll_id)
        services.close_question(
            db.session, db.session.get(User, tenants.facilitator.id), poll.questions[0]
        )
        with pytest.raises(ServiceError, match="lukket"):
            services.save_answer(
                db.session, poll.questions[0], "a" * 64, tenants.alta.id, services.Answer(value=9)
            )
    assert _responses(app, poll_id) == [(4, "", tenants.alta.id)]


def test_an_answer_outside_the_scale_or_for_another_networks_municipality_is_refused(  # type: ignore[no-untyped-def]
    app, make_poll, tenants
) -> None:
    with pytest.raises(ServiceError, match="1 til 10"):
        answer_as(app, make_poll()[0], "a" * 64, tenants.alta.id, value=11)
    with pytest.raises(ServiceError, match="kommunen"):
        answer_as(app, make_poll()[0], "a" * 64, tenants.rana.id, value=5)


def test_a_code_finds_its_poll_and_says_why_it_cannot_be_answered(app, make_poll) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.polls import services

    open_id, open_code = make_poll()
    _draft, draft_code = make_poll(status="draft")
    _closed, closed_code = make_poll(status="closed")
    with app.test_request_context():
        spaced = f"{open_code[:3]} {open_code[3:]}"
        assert services.poll_by_code(db.session, spaced).id == open_id
        assert (
            services.code_problem(services.poll_by_code(db.session, open_code), open_code) is None
        )
        assert "ikke åpnet" in services.code_problem(
            services.poll_by_code(db.session, draft_code), draft_code
        )
        assert "avsluttet" in services.code_problem(
            services.poll_by_code(db.session, closed_code), closed_code
        )
        unknown = "000000" if "000000" not in (open_code, draft_code, closed_code) else "999999"
        assert services.poll_by_code(db.session, unknown) is None
        assert "Ingen avstemning har koden" in services.code_problem(None, unknown)
        assert services.poll_by_code(db.session, "12ab56") is None


def test_a_municipalitys_figures_show_only_from_three_answers(app, make_poll, tenants) -> None:  # type: ignore[no-untyped-def]
    poll_id, _code = make_poll()
    for n, value in enumerate([8, 6, 7]):
        answer_as(app, poll_id, f"alta{n}".ljust(64, "x"), tenants.alta.id, value=value)
    for n, value in enumerate([2, 3]):
        answer_as(app, poll_id, f"hemnes{n}".ljust(64, "x"), tenants.hemnes.id, value=value)
    result = _figures(app, poll_id).results[0]
    assert result.n == 5
    assert result.mean == pytest.approx(26 / 5)
    by_name = {f.name: f for f in result.municipalities}
    assert by_name["Alta"].mean == pytest.approx(7.0)
    assert by_name["Hemnes"].hidden and by_name["Hemnes"].mean is None


def test_a_question_with_fewer_than_three_answers_shows_no_result(app, make_poll, tenants) -> None:  # type: ignore[no-untyped-def]
    poll_id, _code = make_poll()
    answer_as(app, poll_id, "a" * 64, tenants.alta.id, value=3)
    answer_as(app, poll_id, "b" * 64, tenants.alta.id, value=9)
    result = _figures(app, poll_id).results[0]
    assert result.hidden and result.mean is None and result.bars == []


def test_phrases_are_counted_together_whatever_their_case(app, make_poll, tenants) -> None:  # type: ignore[no-untyped-def]
    poll_id, _code = make_poll("phrases")
    for n, text in enumerate(["Tillit", "tillit ", "Turnus på tvers", "TILLIT"]):
        answer_as(app, poll_id, str(n) * 64, tenants.alta.id, text=text)
    phrases = _figures(app, poll_id).results[0].phrases
    assert phrases[0][1] == 3 and phrases[0][0].casefold() == "tillit"
    assert phrases[1] == ("Turnus på tvers", 1)


def test_a_poll_is_copied_from_an_earlier_gathering_as_the_next_round(  # type: ignore[no-untyped-def]
    app, make_poll, make_gathering, tenants
) -> None:
    from datetime import date

    from heltidnett.auth.models import User
    from heltidnett.gatherings.models import Gathering
    from heltidnett.polls import services
    from heltidnett.polls.models import Poll, PollStatus

    source_id, _code = make_poll("wheel", status="closed")
    later = make_gathering(starts_on=date(2030, 9, 10), number=2)
    with app.test_request_context():
        gathering = db.session.get(Gathering, later)
        actor = db.session.get(User, tenants.facilitator.id)
        assert [p.id for p in services.earlier_polls(db.session, gathering)] == [source_id]
        copy = services.copy_poll(db.session, actor, gathering, db.session.get(Poll, source_id))
        assert copy.round == 2 and copy.status == PollStatus.DRAFT
        assert [q.step for q in copy.questions] == list(range(1, 11))
        assert copy.code != _code


def test_a_closed_poll_cannot_be_opened_again(app, make_poll, tenants) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.auth.models import User
    from heltidnett.polls import services
    from heltidnett.polls.models import Poll

    poll_id, _code = make_poll(status="closed")
    with app.test_request_context():
        poll = db.session.get(Poll, poll_id)
        assert poll.results_revealed  # by default after closing
        with pytest.raises(ServiceError, match="avsluttet"):
            services.open_poll(db.session, db.session.get(User, tenants.facilitator.id), poll)


# ---- the participant's pages (no account) ----------------------------------------------


def test_the_join_page_needs_no_login_and_a_wrong_code_gets_a_clear_message(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/p")
    assert page.status_code == 200
    assert "Skriv koden" in page.get_data(as_text=True)
    response = post_form(client, "/p", {"code": "123 45"})
    assert response.status_code == 404
    assert "Ingen avstemning har koden 12345" in response.get_data(as_text=True)


def test_the_code_leads_to_the_poll_and_an_expired_one_says_so(client, make_poll) -> None:  # type: ignore[no-untyped-def]
    _id, code = make_poll()
    response = post_form(client, "/p", {"code": code}, form_page="/p")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/p/{code}")
    _closed, closed_code = make_poll(status="closed")
    expired = client.get(f"/p/{closed_code}")
    assert expired.status_code == 410
    assert "er avsluttet" in expired.get_data(as_text=True)


def test_a_participant_answers_and_changes_the_answer_without_a_second_one(  # type: ignore[no-untyped-def]
    app, client, make_poll, tenants
) -> None:
    poll_id, code = make_poll()
    page = client.get(f"/p/{code}")
    assert page.status_code == 200
    assert "heltidnett_poll_device" in page.headers.get("Set-Cookie", "")
    from heltidnett.polls.models import Poll

    with app.app_context():
        question_id = db.session.get(Poll, poll_id).questions[0].id
    field = f"q{question_id}"
    first = post_form(client, f"/p/{code}", {"municipality": str(tenants.alta.id), field: "6"})
    assert first.status_code == 302
    again = post_form(client, f"/p/{code}", {"municipality": str(tenants.alta.id), field: "6"})
    assert again.status_code == 302  # the same answer sent twice (a reload)
    changed = post_form(client, f"/p/{code}", {"municipality": str(tenants.alta.id), field: "9"})
    assert changed.status_code == 302
    assert _responses(app, poll_id) == [(9, "", tenants.alta.id)]
    shown = client.get(f"/p/{code}").get_data(as_text=True)
    assert "Du har svart" in shown
    assert re.search(rf'<input checked[^>]*name="{field}" type="radio" value="9">', shown)


def test_another_device_gives_its_own_answer(app, client, make_poll, tenants) -> None:  # type: ignore[no-untyped-def]
    poll_id, code = make_poll()
    from heltidnett.polls.models import Poll

    with app.app_context():
        field = f"q{db.session.get(Poll, poll_id).questions[0].id}"
    post_form(client, f"/p/{code}", {"municipality": str(tenants.alta.id), field: "6"})
    other = app.test_client()
    post_form(other, f"/p/{code}", {"municipality": str(tenants.hemnes.id), field: "3"})
    assert sorted(_responses(app, poll_id)) == [
        (3, "", tenants.hemnes.id),
        (6, "", tenants.alta.id),
    ]


def test_an_answer_without_a_municipality_is_refused_with_its_message(  # type: ignore[no-untyped-def]
    app, client, make_poll
) -> None:
    poll_id, code = make_poll()
    from heltidnett.polls.models import Poll

    with app.app_context():
        field = f"q{db.session.get(Poll, poll_id).questions[0].id}"
    response = post_form(client, f"/p/{code}", {"municipality": "", field: "6"})
    assert response.status_code == 400
    assert "Velg kommunen din." in response.get_data(as_text=True)
    assert _responses(app, poll_id) == []


def test_a_closed_poll_refuses_the_answer_and_keeps_the_old_one(  # type: ignore[no-untyped-def]
    app, client, make_poll, tenants
) -> None:
    from heltidnett.auth.models import User
    from heltidnett.polls import services
    from heltidnett.polls.models import Poll

    poll_id, code = make_poll()
    with app.app_context():
        field = f"q{db.session.get(Poll, poll_id).questions[0].id}"
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"',
        client.get(f"/p/{code}").get_data(as_text=True),
    )
    assert token
    client.post(
        f"/p/{code}",
        data={"csrf_token": token.group(1), "municipality": str(tenants.alta.id), field: "5"},
    )
    with app.test_request_context():
        poll = db.session.get(Poll, poll_id)
        services.close_poll(db.session, db.session.get(User, tenants.facilitator.id), poll)
        db.session.commit()
    late = client.post(
        f"/p/{code}",
        data={"csrf_token": token.group(1), "municipality": str(tenants.alta.id), field: "10"},
    )
    assert late.status_code == 410
    assert "avsluttet" in late.get_data(as_text=True)
    assert _responses(app, poll_id) == [(5, "", tenants.alta.id)]


def test_the_answer_form_needs_its_csrf_token(app, client, make_poll, tenants) -> None:  # type: ignore[no-untyped-def]
    poll_id, code = make_poll()
    client.get(f"/p/{code}")
    response = client.post(f"/p/{code}", data={"municipality": str(tenants.alta.id)})
    assert response.status_code == 400
    assert _responses(app, poll_id) == []


# ---- the facilitator and the big screen ------------------------------------------------


def test_the_facilitator_makes_opens_and_closes_a_poll_from_the_gathering(  # type: ignore[no-untyped-def]
    app, client, auth, tenants, make_gathering
) -> None:
    from heltidnett.polls.models import Poll, PollStatus

    gid = make_gathering()
    auth.login(tenants.facilitator)
    assert f"/gatherings/{gid}/polls" in client.get(f"/gatherings/{gid}").get_data(as_text=True)
    created = post_form(
        client,
        f"/gatherings/{gid}/polls",
        {"template": "culture_time", "title": "", "agenda_item": ""},
    )
    assert created.status_code == 302
    poll_id = int(created.headers["Location"].rsplit("/", 1)[1])
    page = client.get(f"/polls/{poll_id}").get_data(as_text=True)
    assert "Tid til heltidskultur" in page and "<svg" in page
    assert (
        post_form(client, f"/polls/{poll_id}/open", {}, form_page=f"/polls/{poll_id}").status_code
        == 302
    )
    assert (
        post_form(client, f"/polls/{poll_id}/close", {}, form_page=f"/polls/{poll_id}").status_code
        == 302
    )
    with app.app_context():
        poll = db.session.get(Poll, poll_id)
        assert poll.status == PollStatus.CLOSED and poll.results_revealed


def test_a_coordinator_cannot_run_the_poll(client, auth, tenants, make_poll) -> None:  # type: ignore[no-untyped-def]
    poll_id, _code = make_poll(status="draft")
    auth.login(tenants.alta_coordinator)
    assert client.get(f"/polls/{poll_id}").status_code == 403  # a draft
    response = post_form(client, f"/polls/{poll_id}/open", {}, form_page="/p")
    assert response.status_code == 403


def test_the_live_fragment_counts_answers_and_hides_results_until_revealed(  # type: ignore[no-untyped-def]
    app, client, auth, tenants, make_poll
) -> None:
    poll_id, _code = make_poll()
    for n, value in enumerate([8, 6, 7]):
        answer_as(app, poll_id, str(n) * 64, tenants.alta.id, value=value)
    auth.login(tenants.facilitator)
    hidden = client.get(f"/polls/{poll_id}/live").get_data(as_text=True)
    assert 'data-count="3"' in hidden and "Snitt" not in hidden
    assert 'hx-trigger="every 1s"' in hidden
    post_form(client, f"/polls/{poll_id}/reveal", {"shown": "1"}, form_page=f"/polls/{poll_id}")
    shown = client.get(f"/polls/{poll_id}/live").get_data(as_text=True)
    assert "Snitt 7,0" in shown and "n = 3" in shown


def test_a_drafts_code_tells_nothing_of_the_draft(client, make_poll) -> None:  # type: ignore[no-untyped-def]
    _id, code = make_poll(status="draft")
    response = client.get(f"/p/{code}")
    assert response.status_code == 410
    body = response.get_data(as_text=True)
    assert "ikke åpnet ennå" in body and "Forankring" not in body


def test_too_many_wrong_codes_from_one_address_stop_the_guessing(  # type: ignore[no-untyped-def]
    app, client, make_poll, monkeypatch
) -> None:
    _id, code = make_poll()
    monkeypatch.setitem(app.config, "POLL_CODE_LIMIT_PER_ADDRESS", "3 per minute")
    wrong = "100000" if code != "100000" else "100001"
    assert [client.get(f"/p/{wrong}").status_code for _ in range(3)] == [404, 404, 404]
    refused = client.get(f"/p/{code}")  # even the right code: a guesser learns nothing
    assert refused.status_code == 429
    assert "For mange feil koder" in refused.get_data(as_text=True)


def test_the_demo_has_two_closed_wheel_rounds_and_an_open_poll(app) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.demo import load_demo
    from heltidnett.polls import demo, services
    from heltidnett.polls.models import PollStatus

    with app.test_request_context():
        load_demo(db.session)
        first = services.poll_by_code(db.session, demo.WHEEL_ROUNDS[0][2])
        second = services.poll_by_code(db.session, demo.WHEEL_ROUNDS[1][2])
        assert (first.round, second.round) == (1, 2)
        assert first.status == second.status == PollStatus.CLOSED
        step_one = {
            f.name: f for f in services.figures(db.session, first).results[0].municipalities
        }
        assert step_one["Vestvågøy"].hidden  # two answered in round one
        later = {f.name: f for f in services.figures(db.session, second).results[0].municipalities}
        assert later["Alta"].mean == pytest.approx(25 / 3)
        wheel = services.wheel_overview(db.session, second)
        assert wheel.previous.id == first.id
        assert wheel.municipalities == ["Alta", "Hemnes", "Rana", "Vestvågøy"]
        alta, _hemnes, _rana, vestvagoy = wheel.rows[0].cells
        assert alta.mean == pytest.approx(25 / 3) and alta.previous == pytest.approx(19 / 3)
        assert vestvagoy.mean == pytest.approx(20 / 3) and vestvagoy.previous is None
        assert wheel.rows[0].network == pytest.approx(93 / 12)
        living = services.poll_by_code(db.session, demo.LIVING_CODE)
        assert services.code_problem(living, demo.LIVING_CODE) is None
        db.session.rollback()


def test_the_poll_page_shows_the_wheel_beside_the_previous_round(app, client, auth) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.demo import DEMO_PASSWORD, load_demo
    from heltidnett.polls import demo, services

    with app.test_request_context():
        load_demo(db.session)
        db.session.commit()
        poll_id = services.poll_by_code(db.session, demo.WHEEL_ROUNDS[1][2]).id
    auth.login("veileder@example.org", DEMO_PASSWORD)
    page = client.get(f"/polls/{poll_id}").get_data(as_text=True)
    assert "Gevinsthjulet per kommune" in page
    assert re.search(r"8,3 <span class=\"poll-wheel__previous\">\(6,3\)</span>", page)
    assert 'aria-label="Gevinsthjulet for Alta"' in page
    # a spider per municipality; Vestvågøy's previous round had too few answers to draw
    assert page.count('class="poll-spider__current"') == 4
    assert page.count('class="poll-spider__previous"') == 3
    live = client.get(f"/polls/{poll_id}/live").get_data(as_text=True)
    assert "Gevinsthjulet per kommune" in live
