"""Logging in and out, sessions, throttling, passwords and set-password links."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from heltidnett.audit.models import AuditEvent
from heltidnett.extensions import db
from tests.conftest import TEST_PASSWORD, csrf_token, post_form


def _events(app, action):
    with app.app_context():
        return db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)).all()


def test_login_page_is_the_only_thing_anonymous_visitors_see(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    page = client.get("/login")
    assert page.status_code == 200
    assert "Logg inn" in page.get_data(as_text=True)


def test_login_logout_and_audit(app, client, auth, make_user):
    user = make_user("Kari.Nord@Example.org")
    response = auth.login("kari.nord@example.org")  # e-mail matched regardless of case
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert [e.user_id for e in _events(app, "login")] == [user.id]
    auth.logout()
    assert client.get("/").status_code == 302
    assert len(_events(app, "logout")) == 1


def test_wrong_password_is_refused_and_logged(app, client, auth, make_user):
    make_user("kari@example.org")
    response = auth.login("kari@example.org", "feil-passord-her")
    assert response.status_code == 200
    assert "Feil e-post eller passord." in response.get_data(as_text=True)
    assert client.get("/").status_code == 302
    assert len(_events(app, "login_failed")) == 1


def test_inactive_user_cannot_log_in(client, auth, make_user):
    make_user("borte@example.org", active=False)
    auth.login("borte@example.org")
    assert client.get("/").status_code == 302


def test_login_is_throttled_per_account(app, client, auth, make_user):
    make_user("kari@example.org")
    for _ in range(5):
        assert auth.login("kari@example.org", "feil-passord-her").status_code == 200
    response = auth.login("kari@example.org", TEST_PASSWORD)
    assert response.status_code == 429
    assert "For mange forsøk" in response.get_data(as_text=True)


def test_login_is_throttled_per_address(app, client, auth, make_user):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    try:
        for i in range(3):
            auth.login(f"ukjent{i}@example.org", "feil-passord-her")
        assert auth.login("enda.en@example.org", "feil-passord-her").status_code == 429
    finally:
        app.config["LOGIN_LIMIT_PER_ADDRESS"] = "20 per 15 minutes"


def test_successful_logins_are_not_counted(client, auth, make_user):
    make_user("kari@example.org")
    for _ in range(7):
        assert auth.login("kari@example.org").status_code == 302
        auth.logout()


def test_idle_session_times_out(app, client, auth, make_user):
    make_user("kari@example.org")
    auth.login("kari@example.org")
    with client.session_transaction() as session:
        session["seen_at"] -= app.config["SESSION_IDLE_TIMEOUT"].total_seconds() + 5
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_absolute_session_timeout(app, client, auth, make_user):
    make_user("kari@example.org")
    auth.login("kari@example.org")
    with client.session_transaction() as session:
        session["login_at"] -= app.config["SESSION_ABSOLUTE_TIMEOUT"].total_seconds() + 5
    assert client.get("/").status_code == 302


def test_login_starts_a_new_session(client, auth, make_user):
    make_user("kari@example.org")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    auth.login("kari@example.org")
    with client.session_transaction() as session:
        assert "planted" not in session


def test_password_change_ends_other_sessions(app, auth, client, make_user):
    make_user("kari@example.org")
    other = app.test_client()
    auth.login("kari@example.org")
    from tests.conftest import AuthActions

    AuthActions(other).login("kari@example.org")
    response = post_form(
        client,
        "/account/password",
        {
            "current": TEST_PASSWORD,
            "password": "et helt nytt og langt passord",
            "confirm": "et helt nytt og langt passord",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302


def test_password_policy(app, client, auth, make_user):
    make_user("kari@example.org")
    auth.login("kari@example.org")
    for weak, message in [("kort", "minst 12 tegn"), ("passordpassord", "for vanlig")]:
        response = post_form(
            client,
            "/account/password",
            {"current": TEST_PASSWORD, "password": weak, "confirm": weak},
        )
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)


def test_set_password_link_is_single_use_and_expires(app, client, tenants):
    auth_client = app.test_client()
    from tests.conftest import AuthActions

    AuthActions(auth_client).login(tenants.facilitator)
    page = post_form(
        auth_client,
        "/users/new",
        {
            "name": "Nina Ny",
            "email": "nina.ny@example.org",
            "language": "nn",
            "network": str(tenants.north.id),
            "role": "coordinator",
            "municipality": str(tenants.alta.id),
        },
    )
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    import re

    link = re.search(r"http://localhost(/set-password/[\w-]+)", text).group(1)
    assert client.get(link).status_code == 200
    new_password = "nina sitt lange passord"
    response = post_form(client, link, {"password": new_password, "confirm": new_password})
    assert response.status_code == 302
    assert client.get(link).status_code == 404  # used once
    from tests.conftest import AuthActions as A

    assert A(client).login("nina.ny@example.org", new_password).status_code == 302
    # the role waits for Alta: the facilitator's invitation alone gives no rights over Alta
    assert "Rollen «Koordinator» for Alta gjelder når en koordinator i Alta" in text
    assert "Heltid i nord" not in client.get("/").get_data(as_text=True)
    AuthActions(auth_client).logout()
    AuthActions(auth_client).login(tenants.alta_coordinator)
    assert "Nina Ny (nina.ny@example.org) er invitert til rollen «Koordinator» for Alta" in (
        auth_client.get("/").get_data(as_text=True)
    )
    from heltidnett.networks.models import Invitation

    with app.app_context():
        invitation = db.session.scalar(sa.select(Invitation))
    post_form(auth_client, f"/invitations/{invitation.id}/accept", {}, form_page="/")
    # now the new coordinator sees Alta's network
    assert "Heltid i nord" in client.get("/").get_data(as_text=True)


def test_expired_link_is_refused(app, client, make_user):
    from heltidnett.auth.models import PasswordLink, User
    from heltidnett.auth.services import create_password_link

    user = make_user("kari@example.org")
    with app.app_context():
        token = create_password_link(db.session, db.session.get(User, user.id), None)
        link = db.session.scalar(sa.select(PasswordLink))
        link.expires_at = link.created_at - timedelta(minutes=1)
        db.session.commit()
    response = client.get(f"/set-password/{token}")
    assert response.status_code == 404
    assert "Lenken virker ikke" in response.get_data(as_text=True)


def test_coordinator_cannot_create_users(client, auth, tenants):
    auth.login(tenants.alta_coordinator)
    assert client.get("/users/new").status_code == 403
    token = csrf_token(client, "/account")
    response = client.post(
        "/users/new", data={"csrf_token": token, "name": "X", "email": "x@example.org"}
    )
    assert response.status_code == 403


def test_admin_deactivates_a_user_everywhere(app, client, auth, tenants, api_token):
    from tests.conftest import AuthActions

    victim = app.test_client()
    AuthActions(victim).login(tenants.alta_coordinator)
    headers = api_token(tenants.alta_coordinator)
    auth.login(tenants.admin)
    response = post_form(
        client, f"/users/{tenants.alta_coordinator.id}/active", {"active": "0"}, form_page="/users"
    )
    assert response.status_code == 302
    assert victim.get("/").status_code == 302
    assert victim.get("/api/v1/me", headers=headers).status_code == 401
    post_form(
        client, f"/users/{tenants.alta_coordinator.id}/active", {"active": "1"}, form_page="/users"
    )
    assert AuthActions(app.test_client()).login(tenants.alta_coordinator).status_code == 302


def test_only_admins_deactivate(client, auth, tenants):
    auth.login(tenants.facilitator)
    response = post_form(
        client,
        f"/users/{tenants.alta_coordinator.id}/active",
        {"active": "0"},
        form_page="/account",
    )
    assert response.status_code == 403


def test_password_link_is_mailed_when_mail_is_configured(app, client, auth, tenants, monkeypatch):
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            self.host = host

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            pass

        def login(self, user, password):
            pass

        def send_message(self, message):
            sent.append(message)

    monkeypatch.setattr("smtplib.SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    auth.login(tenants.facilitator)
    page = post_form(
        client,
        "/users/new",
        {
            "name": "Per Post",
            "email": "per.post@example.org",
            "language": "nb",
            "network": str(tenants.north.id),
            "role": "participant",
            "municipality": str(tenants.alta.id),
        },
    )
    assert "Lenken er også sendt på e-post." in page.get_data(as_text=True)
    assert len(sent) == 1 and sent[0]["To"] == "per.post@example.org"
    assert "/set-password/" in sent[0].get_content()


def test_an_expired_session_is_ended_on_the_server_even_when_the_api_answers_401(
    app, client, auth, make_user
):
    """The API answers 401 (rolled back at the end of the request), yet the timed-out session
    stays ended: a copy of its cookie opens nothing afterwards."""
    from heltidnett.auth.models import UserSession

    make_user("kari@example.org")
    auth.login("kari@example.org")
    with client.session_transaction() as session:
        session["seen_at"] -= app.config["SESSION_IDLE_TIMEOUT"].total_seconds() + 5
        copied = dict(session)
    assert client.get("/api/v1/me").status_code == 401
    with app.app_context():
        ended = db.session.scalars(sa.select(UserSession.ended_at)).all()
    assert len(ended) == 1 and ended[0] is not None
    with client.session_transaction() as session:
        session.update(copied, seen_at=copied["login_at"] + 1e9)  # the copy, made fresh
    assert client.get("/api/v1/me").status_code == 401


def test_a_failed_login_is_kept_though_nothing_else_of_the_request_is(app, client, auth, make_user):
    """A wrong password answers the form again (200) and its audit record is committed; once
    the account is locked, the refusal (429) writes nothing, and the lock lives on."""
    make_user("kari@example.org")
    for _ in range(5):
        assert auth.login("kari@example.org", "feil-passord-her").status_code == 200
    assert len(_events(app, "login_failed")) == 5
    assert auth.login("kari@example.org", TEST_PASSWORD).status_code == 429
    assert len(_events(app, "login_failed")) == 5
    assert not _events(app, "login")
    assert auth.login("kari@example.org", TEST_PASSWORD).status_code == 429
