"""Notifications, reminders and e-mail: the bell and its list, per-kind e-mail choices and
digests, the outbox against a real SMTP server on loopback, and reminders sent once."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from heltidnett.extensions import db
from heltidnett.notifications import jobs, services
from heltidnett.notifications.mail import unsubscribe_token
from heltidnett.notifications.models import (
    Channel,
    Kind,
    Notification,
    OutboxMessage,
    OutboxStatus,
    SentReminder,
)
from tests.conftest import post_form
from tests.smtp_support import Inbox, smtp_server

NOW = datetime(2030, 3, 4, 8, 0, tzinfo=UTC)  # a Monday morning in Norway
TODAY = services.local_today(NOW)


@pytest.fixture
def smtp(app: Flask) -> Iterator[Inbox]:
    """aiosmtpd on loopback, and the app's MAIL_* pointing at it (restored afterwards)."""
    keys = ("MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS", "PUBLIC_BASE_URL", "MAIL_DEFAULT_SENDER")
    saved = {k: app.config.get(k) for k in keys}
    with smtp_server() as (inbox, port):
        app.config.update(
            MAIL_SERVER="127.0.0.1",
            MAIL_PORT=port,
            MAIL_USE_TLS=False,
            PUBLIC_BASE_URL="https://heltidnett.example.org",
            MAIL_DEFAULT_SENDER="heltidnett <varsel@example.org>",
        )
        try:
            yield inbox
        finally:
            app.config.update(saved)


def add_chapter(app: Flask, network: Any, due: date, number: int = 1, **fields: Any) -> int:
    """An open chapter (opened long ago: no 'opens' event) with the given due date."""
    from heltidnett.workbooks.models import Chapter

    with app.app_context():
        chapter = Chapter(
            network_id=network.id,
            number=number,
            title=fields.pop("title", f"Kapittel {number}"),
            due_on=due,
            opens_at=fields.pop("opens_at", NOW - timedelta(days=30)),
            **fields,
        )
        db.session.add(chapter)
        db.session.commit()
        return chapter.id


def run(app: Flask, now: datetime = NOW, digests: bool = False) -> jobs.RunResult:
    with app.app_context():
        return jobs.send_reminders(now, digests=digests)


def notifications_of(app: Flask, user: Any) -> list[Notification]:
    with app.app_context():
        return list(
            db.session.scalars(sa.select(Notification).where(Notification.user_id == user.id))
        )


def set_channel(app: Flask, user: Any, kind: Kind, channel: Channel) -> None:
    from heltidnett.auth.models import User

    with app.app_context():
        services.set_preference(db.session, db.session.get(User, user.id), kind, channel)
        db.session.commit()


# --- the "done when" ---------------------------------------------------------------------


def test_chapter_due_in_seven_days_tells_the_coordinator_once_in_app_and_by_mail(
    app: Flask, tenants: Any, smtp: Inbox
) -> None:
    t = tenants
    add_chapter(app, t.north, TODAY + timedelta(days=7), title="Heltid i praksis")
    first = run(app)
    second = run(app, NOW + timedelta(minutes=5))  # the next cron run finds it again
    alta = [n for n in notifications_of(app, t.alta_coordinator) if n.kind is Kind.CHAPTER_DUE]
    assert len(alta) == 1
    assert alta[0].params["days"] == 7
    mails = smtp.to(t.alta_coordinator.email)
    assert len(mails) == 1, [m["Subject"] for m in mails]
    assert "Heltid i praksis" in mails[0]["Subject"]
    assert first.notified == 2 and second.notified == 0  # Alta's and Hemnes' coordinators
    assert len(smtp.messages) == 2
    assert not smtp.to(t.rana_coordinator.email)  # another network's chapter


def test_preference_never_stops_the_mail_but_not_the_bell(
    app: Flask, tenants: Any, smtp: Inbox
) -> None:
    t = tenants
    set_channel(app, t.alta_coordinator, Kind.CHAPTER_DUE, Channel.NEVER)
    add_chapter(app, t.north, TODAY + timedelta(days=7))
    run(app)
    assert [n.kind for n in notifications_of(app, t.alta_coordinator)] == [Kind.CHAPTER_DUE]
    assert smtp.to(t.alta_coordinator.email) == []
    assert len(smtp.to(t.hemnes_coordinator.email)) == 1


def test_one_day_before_is_a_second_reminder_and_a_submitted_chapter_gets_none(
    app: Flask, tenants: Any, smtp: Inbox
) -> None:
    from heltidnett.workbooks.models import ChapterDelivery, DeliveryStatus

    t = tenants
    chapter_id = add_chapter(app, t.north, TODAY + timedelta(days=7))
    run(app)
    with app.app_context():
        db.session.add(
            ChapterDelivery(
                chapter_id=chapter_id, municipality_id=t.hemnes.id, status=DeliveryStatus.SUBMITTED
            )
        )
        db.session.commit()
    run(app, NOW + timedelta(days=6))
    run(app, NOW + timedelta(days=6, hours=1))
    alta = [n.params["days"] for n in notifications_of(app, t.alta_coordinator)]
    assert sorted(alta) == [1, 7]
    assert [n.params["days"] for n in notifications_of(app, t.hemnes_coordinator)] == [7]
    assert len(smtp.to(t.alta_coordinator.email)) == 2


# --- well-formed e-mail, in the reader's language --------------------------------------------


def test_messages_are_well_formed_in_the_readers_language(
    app: Flask, tenants: Any, smtp: Inbox
) -> None:
    from heltidnett.auth.models import User

    t = tenants
    with app.app_context():
        db.session.get(User, t.alta_coordinator.id).language = "en"
        db.session.get(User, t.hemnes_coordinator.id).language = "nn"
        db.session.commit()
    add_chapter(app, t.north, TODAY + timedelta(days=7), title="Heltid i praksis")
    run(app)
    (english,) = smtp.to(t.alta_coordinator.email)
    (nynorsk,) = smtp.to(t.hemnes_coordinator.email)
    for message in (english, nynorsk):
        for header in ("From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe"):
            assert message[header], header
        assert message["From"] == "heltidnett <varsel@example.org>"
        assert message.get_content_type() == "multipart/alternative"
        parts = [p.get_content_type() for p in message.iter_parts()]
        assert parts == ["text/plain", "text/html"]
        html = message.get_body(("html",)).get_content()
        assert "<img" not in html.lower()  # no tracking pixels
        assert "https://heltidnett.example.org/chapters/" in html
        assert re.search(
            r"<https://heltidnett.example.org/unsubscribe/[^>]+>", message["List-Unsubscribe"]
        )
    assert english["Content-Language"] == "en"
    english_text = english.get_body(("plain",)).get_content()
    assert "due in 7 days" in english_text, english_text
    assert "Hello" in english_text or "Hi" in english_text
    nynorsk_text = nynorsk.get_body(("plain",)).get_content()
    assert "frist om 7 dagar" in nynorsk_text, nynorsk_text
    assert "Heltid i praksis" in english["Subject"]


def test_a_gathering_mail_has_its_date_place_and_ics(app: Flask, tenants: Any, smtp: Inbox) -> None:
    from heltidnett.gatherings.models import Gathering, GatheringStatus

    t = tenants
    with app.app_context():
        gathering = Gathering(
            network_id=t.north.id,
            number=3,
            title="Samling 3",
            place="Bodø",
            starts_on=TODAY + timedelta(days=20),
            ends_on=TODAY + timedelta(days=21),
            status=GatheringStatus.PUBLISHED,
            published_at=NOW - timedelta(hours=1),
        )
        db.session.add(gathering)
        db.session.commit()
    run(app)
    (message,) = smtp.to(t.hemnes_participant.email)
    text = message.get_body(("plain",)).get_content()
    assert "Samling 3" in text and "Bodø" in text
    assert "25. mars 2030" in text  # starts_on, in Bokmål
    (ics,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert ics.get_filename() == "samling-3.ics"
    assert message["Content-Language"] == "nb"  # on the whole message, beside the attachment
    assert (
        b"BEGIN:VEVENT" in ics.get_content().encode()
        if isinstance(ics.get_content(), str)
        else ics.get_content()
    )
    assert not smtp.to(t.facilitator.email)  # the facilitator published it


# --- the outbox keeps what the server refuses ------------------------------------------------


def test_a_refusing_server_leaves_the_mail_queued_and_it_is_retried(
    app: Flask, tenants: Any, smtp: Inbox
) -> None:
    t = tenants
    smtp.refusing = True
    add_chapter(app, t.north, TODAY + timedelta(days=7))
    result = run(app)
    assert result.refused == 2 and result.sent == 0 and smtp.refused == 2
    with app.app_context():
        rows = db.session.scalars(sa.select(OutboxMessage)).all()
        assert {r.status for r in rows} == {OutboxStatus.PENDING}
        assert all("451" in r.last_error and r.attempts == 1 for r in rows)
        assert all(r.next_attempt_at > NOW for r in rows)
    assert run(app, NOW + timedelta(minutes=1)).refused == 0  # not yet due again
    smtp.refusing = False
    again = run(app, NOW + timedelta(minutes=10))
    assert again.sent == 2
    assert len(smtp.to(t.alta_coordinator.email)) == 1
    with app.app_context():
        rows = db.session.scalars(sa.select(OutboxMessage)).all()
        assert {r.status for r in rows} == {OutboxStatus.SENT}
        assert {r.attempts for r in rows} == {2}
    assert run(app, NOW + timedelta(hours=2)).sent == 0  # sent once


def test_an_unreachable_server_keeps_the_mail_too(app: Flask, tenants: Any) -> None:
    from tests.smtp_support import free_port

    t = tenants
    saved = {k: app.config.get(k) for k in ("MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_USE_TLS=False)
    try:
        add_chapter(app, t.north, TODAY + timedelta(days=7))
        assert run(app).refused == 2
    finally:
        app.config.update(saved)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 2


# --- the daily digest --------------------------------------------------------------------------


def test_digest_groups_by_network_and_item_and_is_never_empty(
    app: Flask, tenants: Any, smtp: Inbox
) -> None:
    t = tenants
    set_channel(app, t.alta_coordinator, Kind.CHAPTER_DUE, Channel.DIGEST)
    set_channel(app, t.alta_coordinator, Kind.COMMITMENT_PASSED, Channel.DIGEST)
    add_chapter(app, t.north, TODAY + timedelta(days=7), number=1, title="Første")
    add_chapter(app, t.north, TODAY + timedelta(days=7), number=2, title="Andre")
    run(app)
    assert smtp.to(t.alta_coordinator.email) == []  # waits for the digest
    result = run(app, NOW + timedelta(hours=1), digests=True)
    assert result.digests == 1
    (digest,) = smtp.to(t.alta_coordinator.email)
    text = digest.get_body(("plain",)).get_content()
    assert "== Heltid i nord ==" in text
    assert text.index("Første") < text.index("Andre")
    assert text.count("Kapittel") == 2
    assert "(2)" in digest["Subject"]
    assert run(app, NOW + timedelta(days=1), digests=True).digests == 0  # nothing new: no mail
    assert len(smtp.to(t.alta_coordinator.email)) == 1


def test_a_digest_shows_only_the_latest_reminder_of_an_item(
    app: Flask, tenants: Any, smtp: Inbox
) -> None:
    t = tenants
    set_channel(app, t.alta_coordinator, Kind.CHAPTER_DUE, Channel.DIGEST)
    add_chapter(app, t.north, TODAY + timedelta(days=7), title="Heltid i praksis")
    run(app)
    run(app, NOW + timedelta(days=6))
    assert len(notifications_of(app, t.alta_coordinator)) == 2  # the bell shows both
    run(app, NOW + timedelta(days=6, hours=1), digests=True)
    (digest,) = smtp.to(t.alta_coordinator.email)
    text = digest.get_body(("plain",)).get_content()
    assert text.count("Heltid i praksis") == 1 and "har frist i morgen" in text
    assert "(1)" in digest["Subject"]


# --- two runs at once --------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def race_app(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Flask]:
    """An app of its own whose rows are committed, so two runs see each other (both backends)."""
    import os

    from tests.conftest import _create_database, make_app, postgresql_url

    if request.param == "postgresql":
        if not os.environ.get("TEST_DATABASE_URL"):
            pytest.skip("TEST_DATABASE_URL is not set")
        url = sa.make_url(postgresql_url())
        url = url.set(database=f"{url.database}_race")
        _create_database(url)
        import tests.conftest as conftest

        original = conftest.postgresql_url
        conftest.postgresql_url = lambda: url.render_as_string(hide_password=False)  # type: ignore[assignment]
        try:
            app = make_app("postgresql", tmp_path)
        finally:
            conftest.postgresql_url = original  # type: ignore[assignment]
    else:
        app = make_app("sqlite", tmp_path)
    yield app
    with app.app_context():
        db.engine.dispose()


def test_two_runs_at_once_send_each_reminder_once(race_app: Flask) -> None:
    from heltidnett.auth.models import User
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks.models import Membership, Network, NetworkRole, Participation

    app = race_app
    with app.app_context():
        network = Network(name="Kappløp")
        db.session.add(network)
        db.session.flush()
        for n in range(6):
            municipality = Municipality(name=f"Kommune {n}", number=str(9100 + n))
            user = User(
                email=f"k{n}@example.org", name=f"K {n}", password_hash="x", session_nonce=f"n{n}"
            )
            db.session.add_all([municipality, user])
            db.session.flush()
            db.session.add(Participation(network_id=network.id, municipality_id=municipality.id))
            db.session.add(
                Membership(
                    user_id=user.id,
                    network_id=network.id,
                    role=NetworkRole.COORDINATOR,
                    municipality_id=municipality.id,
                )
            )
        db.session.commit()
        network_ref = type("Ref", (), {"id": network.id})
    for n in range(3):
        add_chapter(app, network_ref, TODAY + timedelta(days=7), number=n + 1)
    with smtp_server() as (inbox, port):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
        barrier = threading.Barrier(4)
        errors: list[BaseException] = []

        def one_run() -> None:
            try:
                with app.app_context():
                    barrier.wait(timeout=10)
                    jobs.send_reminders(NOW)
                    db.session.remove()
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=one_run) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not errors, errors
        with app.app_context():
            assert db.session.scalar(sa.select(sa.func.count(SentReminder.id))) == 18
            assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == 18
            assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 18
        assert len(inbox.messages) == 18
        assert len({(m["To"], m["Subject"]) for m in inbox.messages}) == 18


# --- the bell, the list and the choices -------------------------------------------------------


def test_bell_list_and_marking_read(app: Flask, client: Any, auth: Any, tenants: Any) -> None:
    t = tenants
    add_chapter(app, t.north, TODAY + timedelta(days=7), title="Heltid i praksis")
    add_chapter(app, t.north, TODAY + timedelta(days=1), number=2, title="Andre kapittel")
    run(app)
    auth.login(t.alta_coordinator)
    home = client.get("/").get_data(as_text=True)
    assert 'data-unread="2"' in home
    page = client.get("/notifications").get_data(as_text=True)
    assert page.count('class="is-unread"') == 2
    assert "Heltid i praksis" in page and "har frist i morgen" in page
    first = notifications_of(app, t.alta_coordinator)[0]
    opened = client.get(f"/notifications/{first.id}/open")
    assert opened.status_code == 302
    assert opened.headers["Location"].endswith(
        f"/chapters/{first.endpoint_args['chapter_id']}/deliveries/{t.alta.id}"
    )
    assert 'data-unread="1"' in client.get("/notifications").get_data(as_text=True)
    post_form(client, f"/notifications/{first.id}/read", {}, form_page="/notifications")
    assert 'data-unread="2"' in client.get("/notifications").get_data(as_text=True)  # unread again
    post_form(client, "/notifications/read-all", {}, form_page="/notifications")
    page = client.get("/notifications").get_data(as_text=True)
    assert "data-unread" not in page and 'class="is-read"' in page
    assert "Ingen uleste varsler." in client.get("/notifications?vis=uleste").get_data(as_text=True)
    auth.logout()
    auth.login(t.hemnes_coordinator)
    assert client.get(f"/notifications/{first.id}/open").status_code == 403
    assert client.post(f"/notifications/{first.id}/read").status_code in (400, 403)


def test_old_notifications_are_purged_after_90_days(app: Flask, tenants: Any) -> None:
    t = tenants
    add_chapter(app, t.north, TODAY + timedelta(days=7))
    run(app)
    assert len(notifications_of(app, t.alta_coordinator)) == 1
    run(app, NOW + timedelta(days=89))
    assert len(notifications_of(app, t.alta_coordinator)) == 1
    run(app, NOW + timedelta(days=91))
    assert notifications_of(app, t.alta_coordinator) == []


def test_the_settings_page_stores_a_choice_per_kind(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    t = tenants
    auth.login(t.alta_coordinator)
    assert "/account/notifications" in client.get("/account").get_data(as_text=True)
    data = {f"kind_{k.value}": "immediate" for k in Kind}
    data["kind_chapter_due"] = "digest"
    data["kind_feedback"] = "never"
    response = post_form(client, "/account/notifications", data)
    assert response.status_code == 302
    with app.app_context():
        from heltidnett.auth.models import User

        chosen = services.preferences(db.session, db.session.get(User, t.alta_coordinator.id))
    assert chosen[Kind.CHAPTER_DUE] is Channel.DIGEST and chosen[Kind.FEEDBACK] is Channel.NEVER
    bad = post_form(client, "/account/notifications", {**data, "kind_feedback": "sometimes"})
    assert bad.status_code == 200 and "Ikke et gyldig valg" in bad.get_data(as_text=True)


def test_unsubscribe_link_works_without_login(app: Flask, client: Any, tenants: Any) -> None:
    t = tenants
    with app.app_context():
        token = unsubscribe_token(t.alta_coordinator.id, Kind.CHAPTER_DUE)
    page = client.get(f"/unsubscribe/{token}")
    assert page.status_code == 200
    assert "Fristen for et kapittel nærmer seg" in page.get_data(as_text=True)
    with app.app_context():
        from heltidnett.auth.models import User

        user = db.session.get(User, t.alta_coordinator.id)
        assert services.channel_of(db.session, user.id, Kind.CHAPTER_DUE) is Channel.IMMEDIATE
    done = post_form(client, f"/unsubscribe/{token}", {})
    assert done.status_code == 200 and "Du får ikke lenger e-post" in done.get_data(as_text=True)
    with app.app_context():
        assert (
            services.channel_of(db.session, t.alta_coordinator.id, Kind.CHAPTER_DUE)
            is Channel.NEVER
        )
        assert (
            services.channel_of(db.session, t.alta_coordinator.id, Kind.FEEDBACK)
            is Channel.IMMEDIATE
        )
    assert client.get(f"/unsubscribe/{token}x").status_code == 404


def test_facilitator_sets_which_reminders_go_out_and_when(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    t = tenants
    path = f"/networks/{t.north.id}/reminders"
    auth.login(t.alta_coordinator)
    assert client.get(path).status_code == 403
    auth.logout()
    auth.login(t.facilitator)
    page = client.get(path).get_data(as_text=True)
    assert 'value="7, 1"' in page
    form = {
        f"on_{k.value}": "y"
        for k in Kind
        if k not in (Kind.ACTION_PASSED, Kind.DECLARATION_STEP, Kind.REPORT_READY)
    }
    form.update(days_chapter_due="3", days_registration_deadline="3")
    bad = post_form(client, path, {**form, "days_chapter_due": "sju"})
    assert "Skriv antall dager som hele tall" in bad.get_data(as_text=True)
    assert post_form(client, path, form).status_code == 302
    add_chapter(app, t.north, TODAY + timedelta(days=7))
    add_chapter(app, t.north, TODAY + timedelta(days=3), number=2)
    run(app)
    assert [n.params["days"] for n in notifications_of(app, t.alta_coordinator)] == [3]
    form.pop("on_chapter_due")
    post_form(client, path, form)
    add_chapter(app, t.north, TODAY + timedelta(days=3), number=3)
    run(app, NOW + timedelta(minutes=5))
    assert len(notifications_of(app, t.alta_coordinator)) == 1


def test_events_reach_the_right_people(app: Flask, tenants: Any) -> None:
    """Feedback, an idea on a story, a commitment past its date, a declaration step."""
    from heltidnett.commitments.models import Commitment
    from heltidnett.gatherings.models import Gathering
    from heltidnett.stories.models import Idea, IdeaKind, Story
    from heltidnett.workbooks.models import ChapterDelivery, DeliveryStatus

    t = tenants
    chapter_id = add_chapter(app, t.north, TODAY + timedelta(days=30))
    with app.app_context():
        gathering = Gathering(
            network_id=t.north.id,
            number=1,
            title="Samling 1",
            starts_on=TODAY - timedelta(days=30),
            ends_on=TODAY - timedelta(days=30),
        )
        db.session.add(gathering)
        db.session.flush()
        db.session.add(
            ChapterDelivery(
                chapter_id=chapter_id,
                municipality_id=t.alta.id,
                status=DeliveryStatus.FEEDBACK_GIVEN,
                feedback="Fint",
                feedback_at=NOW - timedelta(hours=2),
                feedback_by_id=t.facilitator.id,
            )
        )
        story = Story(
            network_id=t.north.id,
            municipality_id=t.hemnes.id,
            gathering_id=gathering.id,
            title="Turnus i Hemnes",
        )
        db.session.add(story)
        db.session.flush()
        db.session.add(
            Idea(
                story_id=story.id,
                kind=IdeaKind.QUESTION,
                text="Hvordan?",
                author_id=t.alta_coordinator.id,
                created_at=NOW - timedelta(hours=1),
            )
        )
        db.session.add(
            Commitment(
                network_id=t.north.id,
                gathering_id=gathering.id,
                municipality_id=t.alta.id,
                text="Kartlegge deltid",
                owner="Alta",
                due_on=TODAY - timedelta(days=1),
            )
        )
        db.session.commit()
    run(app)
    alta = sorted(n.kind.value for n in notifications_of(app, t.alta_coordinator))
    hemnes = sorted(n.kind.value for n in notifications_of(app, t.hemnes_coordinator))
    assert alta == ["commitment_passed", "feedback"]
    assert hemnes == ["story_idea"]
    assert notifications_of(app, t.facilitator) == []
    assert notifications_of(app, t.rana_coordinator) == []


def test_rq_cron_scheduler_registers_the_job_and_the_digest() -> None:
    import os

    from redis import Redis

    from heltidnett.notifications.cli import DIGEST_CRON, INTERVAL_CRON, QUEUE, scheduler_for

    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set")
    scheduler = scheduler_for(Redis.from_url(url), jobs.rq_send_reminders)
    registered = {
        (j.queue_name, j.cron, (j.kwargs or {}).get("digests", False)) for j in scheduler._cron_jobs
    }
    assert registered == {(QUEUE, INTERVAL_CRON, False), (QUEUE, DIGEST_CRON, True)}


def test_more_events_reach_the_right_people(app: Flask, tenants: Any) -> None:
    """A programme changed after publishing, the registration deadline for those not
    registered, a chapter opening, an action past its date, a declaration waiting."""
    from datetime import time

    from heltidnett.declarations.models import (
        Declaration,
        DeclarationTransition,
        DeclarationVersion,
        Status,
    )
    from heltidnett.gatherings.models import AgendaItem, Gathering, GatheringStatus, Registration
    from heltidnett.goals.models import Action, Goal
    from heltidnett.goals.progress import Direction

    t = tenants
    add_chapter(
        app, t.north, TODAY + timedelta(days=30), number=4, opens_at=NOW - timedelta(hours=3)
    )
    with app.app_context():
        gathering = Gathering(
            network_id=t.north.id,
            number=2,
            title="Samling 2",
            starts_on=TODAY + timedelta(days=10),
            ends_on=TODAY + timedelta(days=10),
            status=GatheringStatus.PUBLISHED,
            published_at=NOW - timedelta(days=20),
            registration_deadline=TODAY + timedelta(days=3),
        )
        db.session.add(gathering)
        db.session.flush()
        db.session.add(
            AgendaItem(
                gathering_id=gathering.id,
                day=gathering.starts_on,
                starts_at=time(10, 0),
                duration_minutes=30,
                title="Velkommen",
                changed_at=NOW - timedelta(hours=2),
            )
        )
        db.session.add(
            Registration(
                gathering_id=gathering.id,
                user_id=t.hemnes_participant.id,
                last_name="Hemnes",
                first_name="Deltaker",
                email=t.hemnes_participant.email,
            )
        )
        goal = Goal(
            municipality_id=t.hemnes.id,
            title="Heltid",
            direction=Direction.AT_LEAST,
            target_value=50,
            target_due=TODAY + timedelta(days=300),
        )
        db.session.add(goal)
        db.session.flush()
        db.session.add(Action(goal_id=goal.id, title="Kartlegge", due_on=TODAY - timedelta(days=2)))
        declaration = Declaration(municipality_id=t.alta.id)
        db.session.add(declaration)
        db.session.flush()
        version = DeclarationVersion(
            declaration_id=declaration.id, number=1, status=Status.CONSULTATION
        )
        db.session.add(version)
        db.session.flush()
        db.session.add(
            DeclarationTransition(
                version_id=version.id,
                from_status=Status.DRAFT,
                to_status=Status.CONSULTATION,
                at=NOW - timedelta(hours=1),
            )
        )
        db.session.commit()
    run(app)
    kinds = {
        name: sorted(n.kind.value for n in notifications_of(app, getattr(t, name)))
        for name in (
            "alta_coordinator",
            "hemnes_coordinator",
            "hemnes_participant",
            "alta_steering",
        )
    }
    assert kinds["alta_coordinator"] == [
        "chapter_opens",
        "declaration_step",
        "programme_changed",
        "registration_deadline",
    ]
    assert kinds["hemnes_coordinator"] == [
        "action_passed",
        "chapter_opens",
        "programme_changed",
        "registration_deadline",
    ]
    assert kinds["hemnes_participant"] == ["programme_changed"]  # registered already
    assert kinds["alta_steering"] == ["programme_changed", "registration_deadline"]
    assert notifications_of(app, t.rana_coordinator) == []


def test_send_reminders_command_reports_what_it_did(app: Flask, runner: Any, tenants: Any) -> None:
    now = datetime.now(UTC)
    add_chapter(
        app,
        tenants.north,
        services.local_today(now) + timedelta(days=7),
        opens_at=now - timedelta(days=30),
    )
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 notifications, 0 e-mails sent")
    again = runner.invoke(args=["send-reminders", "--digest"])
    assert again.output.startswith("0 notifications")
