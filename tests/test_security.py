"""The whole route map: login first, CSRF on every change, headers, limits and error pages."""

from __future__ import annotations

import re

import pytest
from werkzeug.routing import Rule
from werkzeug.routing.converters import NumberConverter

from config import ProductionConfig
from heltidnett import create_app
from heltidnett.auth.session import PUBLIC_ENDPOINTS

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def _url(rule: Rule) -> str:
    """A concrete URL for a rule: numbers become 1, choices their first item, strings 'x'."""
    values = {}
    for argument in rule.arguments:
        converter = rule._converters[argument]
        if hasattr(converter, "items"):
            values[argument] = next(iter(converter.items))
        elif isinstance(converter, NumberConverter):
            values[argument] = 1
        else:
            values[argument] = "x"
    return rule.build(values, append_unknown=False)[1]


def _rules(app, methods: set[str]) -> list[tuple[Rule, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        for method in sorted((rule.methods or set()) & methods):
            found.append((rule, method))
    return found


def test_route_map_is_not_empty(app):
    assert len(_rules(app, {"GET"})) >= 15
    assert len(_rules(app, STATE_CHANGING)) >= 10


def test_anonymous_requests_get_the_login_page_or_401(app, client):
    checked = 0
    for rule, method in _rules(app, {"GET", *STATE_CHANGING}):
        url = _url(rule)
        response = client.open(url, method=method)
        if url.startswith("/api/"):
            assert response.status_code == 401, (method, url, response.status_code)
            assert response.get_json()["error"]["code"] == "unauthorized"
        elif method == "GET":
            assert response.status_code == 302, (method, url, response.status_code)
            assert response.headers["Location"].startswith("/login"), (method, url)
        else:
            # no session: refused before anything runs (missing CSRF token, or login)
            assert response.status_code in (302, 400), (method, url, response.status_code)
        checked += 1
    assert checked >= 25


def test_every_state_changing_route_refuses_without_csrf_token(app, client, auth, make_user):
    admin = make_user("admin@example.org", is_admin=True)
    auth.login(admin)
    routes = _rules(app, STATE_CHANGING)
    assert routes
    for rule, method in routes:
        response = client.open(_url(rule), method=method, data={"name": "x"})
        assert response.status_code == 400, (method, rule.rule, response.status_code)
        if rule.rule.startswith("/api/"):
            assert response.get_json()["error"]["code"] == "bad_request"
        else:
            assert "Skjemaet var utløpt eller ugyldig" in response.get_data(as_text=True)


def test_security_headers_on_every_response(client):
    for path in ("/login", "/static/css/app.css", "/nope", "/api/v1/me"):
        response = client.get(path)
        response.close()
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "Strict-Transport-Security" not in response.headers
    https = client.get("/login", base_url="https://localhost")
    assert https.headers["Strict-Transport-Security"].startswith("max-age=")


def test_pages_have_no_inline_script_or_style(client, auth, tenants):
    auth.login(tenants.facilitator)
    for path in ("/login", "/", f"/networks/{tenants.north.id}", "/account", "/users/new"):
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert " style=" not in html, path


def test_session_cookie_flags(client, auth, make_user):
    make_user("kari@example.org")
    response = auth.login("kari@example.org")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", None)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig)


def test_production_cookies_are_secure(monkeypatch):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "x" * 40)
    app = create_app(ProductionConfig)
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_request_size_limit_gives_413(app, client, auth, make_user):
    make_user("kari@example.org")
    auth.login("kari@example.org")
    big = b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post("/account", data=big, content_type="application/octet-stream")
    assert response.status_code == 413
    assert "for stort" in response.get_data(as_text=True)


def test_error_pages_speak_the_users_language_and_show_no_trace(app, client, auth, make_user):
    make_user("en@example.org", language="en")
    assert "Fant ikke siden" in client.get("/finnes-ikke").get_data(as_text=True)
    auth.login("en@example.org")
    page = client.get("/finnes-ikke")
    assert page.status_code == 404
    assert '<html lang="en"' in page.get_data(as_text=True)


def test_unexpected_errors_are_a_500_page_without_trace(monkeypatch, tmp_path):
    from config import TestConfig

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'boom.db'}"

    app = create_app(Config)

    @app.get("/boom-for-test")
    def boom():
        raise RuntimeError("secret internals")

    monkeypatch.setattr("heltidnett.auth.session.PUBLIC_ENDPOINTS", PUBLIC_ENDPOINTS | {"boom"})
    response = app.test_client().get("/boom-for-test")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Noe gikk galt hos oss" in text
    assert "secret internals" not in text and "Traceback" not in text


def test_a_refusal_commits_only_itself(app, tenants):
    """deny() logs the refusal without committing what the request changed before it: the
    end of the request (core.transaction) commits the refusal alone."""
    import sqlalchemy as sa
    from flask_login import login_user
    from werkzeug.exceptions import Forbidden

    from heltidnett.audit.models import AuditEvent
    from heltidnett.auth import access
    from heltidnett.auth.models import User
    from heltidnett.extensions import db
    from heltidnett.municipalities.models import Municipality

    with app.test_request_context("/municipalities/1/edit", method="POST"):
        login_user(db.session.get(User, tenants.hemnes_coordinator.id))
        alta = db.session.get(Municipality, tenants.alta.id)
        alta.name = "Kapret"  # a change made before the check refused the request
        with pytest.raises(Forbidden) as refused:
            access.deny(obj=alta)
        response = app.finalize_request(app.handle_user_exception(refused.value))
        assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Municipality, tenants.alta.id).name == "Alta"
        refusal = db.session.scalar(
            sa.select(AuditEvent).where(AuditEvent.action == "access_denied")
        )
        assert refusal is not None and refusal.object_id == str(tenants.alta.id)
