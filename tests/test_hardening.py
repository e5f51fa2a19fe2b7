"""Sessions end at logout, an unreachable database is a 503, tokens stay in the API, the WSGI
entry point fails closed and the OpenAPI document says what the API answers (issue 12,
items 6, 13, 16 and 17)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from config import TestConfig
from heltidnett import create_app
from heltidnett.auth.models import ApiToken, User
from heltidnett.db import utcnow
from heltidnett.extensions import db
from tests.conftest import AuthActions, csrf_token

ROOT = Path(__file__).resolve().parent.parent


# ---- item 6: logout ends the session on the server ----------------------------------------


def _cookie(client) -> str:
    cookie = client.get_cookie("heltidnett_session")
    assert cookie is not None
    return cookie.value


def test_a_cookie_copied_before_logout_opens_nothing_after(app, client, auth, make_user):
    make_user("kari@example.org")
    auth.login("kari@example.org")
    assert client.get("/account").status_code == 200
    copied = _cookie(client)
    auth.logout()
    thief = app.test_client()
    thief.set_cookie("heltidnett_session", copied)
    response = thief.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_logout_ends_only_that_session(app, client, auth, make_user):
    make_user("kari@example.org")
    phone = app.test_client()
    AuthActions(phone).login("kari@example.org")
    auth.login("kari@example.org")
    auth.logout()
    assert client.get("/account").status_code == 302
    assert phone.get("/account").status_code == 200


def test_sessions_are_rows_that_logout_ends(app, client, auth, make_user):
    from heltidnett.auth.models import UserSession

    user = make_user("kari@example.org")
    auth.login("kari@example.org")
    auth.logout()
    with app.app_context():
        rows = db.session.scalars(
            sa.select(UserSession).where(UserSession.user_id == user.id)
        ).all()
    assert len(rows) == 1 and rows[0].ended_at is not None


def test_a_cookie_without_a_server_session_opens_nothing(app, client, auth, make_user):
    user = make_user("kari@example.org")
    with client.session_transaction() as session:  # signed with the key, but never opened
        session["_user_id"] = f"{user.id}:{user.session_nonce}"
        session["login_at"] = session["seen_at"] = utcnow().timestamp()
        session["sid"] = "made-up"
    assert client.get("/account").status_code == 302


# ---- item 13: an unreachable database is a 503 --------------------------------------------

UNREACHABLE = {
    "sqlite": "sqlite:////finnes-ikke/mappe/heltidnett.db",
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:1/heltidnett?connect_timeout=2",
}


@pytest.fixture(params=sorted(UNREACHABLE))
def cut_off(request):
    """An app whose database cannot be reached, and a client with a logged-in cookie."""

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = UNREACHABLE[request.param]

    app = create_app(Config)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1:abcdef"
        session["sid"] = "a-session-key"
        session["login_at"] = session["seen_at"] = utcnow().timestamp()
    yield app, client
    with app.app_context():
        db.engine.dispose()


def test_pages_answer_503_in_our_own_page_when_the_database_is_gone(cut_off):
    _app, client = cut_off
    response = client.get("/account")
    assert response.status_code == 503
    text = response.get_data(as_text=True)
    assert "Tjenesten er midlertidig utilgjengelig" in text
    assert "Traceback" not in text and "OperationalError" not in text
    assert response.headers["Retry-After"] == "30"


def test_the_api_answers_503_in_its_json_shape_when_the_database_is_gone(cut_off):
    app, _client = cut_off
    response = app.test_client().get("/api/v1/me", headers={"Authorization": "Bearer htn_x"})
    assert response.status_code == 503
    assert response.json["error"]["code"] == "service_unavailable"
    assert "databasen" in response.json["error"]["message"]


def test_healthz_answers_503_when_the_database_is_gone(cut_off):
    app, _client = cut_off
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable"}


def test_healthz_answers_200_with_the_database(client):
    assert client.get("/healthz").json == {"status": "ok"}


# ---- item 16: bearer tokens are for the API and its documented downloads -----------------


def test_a_bearer_token_opens_no_page(client, tenants, api_token):
    headers = api_token(tenants.admin)
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    for page in ("/account", "/users", "/audit", f"/networks/{tenants.north.id}"):
        response = client.get(page, headers=headers)
        assert response.status_code == 302, page
        assert response.headers["Location"].startswith("/login")


def test_a_bearer_token_drives_no_form_less_post(app, client, tenants, api_token):
    headers = api_token(tenants.admin)
    with app.app_context():
        token = db.session.scalar(sa.select(ApiToken).where(ApiToken.user_id == tenants.admin.id))
    revoke = client.post(f"/account/tokens/{token.id}/revoke", headers=headers)
    deactivate = client.post(
        f"/users/{tenants.outsider.id}/active", headers=headers, data={"active": "0"}
    )
    assert revoke.status_code in {302, 400, 401, 403}
    assert not revoke.headers.get("Location", "").startswith("/account")
    assert deactivate.status_code in {302, 400, 401, 403}
    with app.app_context():
        assert db.session.get(ApiToken, token.id).revoked_at is None
        assert db.session.get(User, tenants.outsider.id).active is True


def test_a_bearer_token_does_not_ride_on_a_cookie_session(app, client, auth, tenants, api_token):
    """A page request with a cookie and a (foreign) token is still a page request: no token."""
    auth.login(tenants.alta_coordinator)
    headers = api_token(tenants.admin)
    token = csrf_token(client, "/account")
    response = client.get("/audit", headers=headers)
    assert response.status_code == 302
    with app.app_context():
        admin_token = db.session.scalar(
            sa.select(ApiToken).where(ApiToken.user_id == tenants.admin.id)
        )
    client.post(
        f"/account/tokens/{admin_token.id}/revoke", headers=headers, data={"csrf_token": token}
    )
    with app.app_context():
        assert db.session.get(ApiToken, admin_token.id).revoked_at is None


def test_the_downloads_the_api_links_to_take_a_token_and_only_those(
    app, client, tenants, api_token
):
    """The `…_url` fields of the API are the downloads outside /api/v1 that take a token."""
    from heltidnett.core.security import TOKEN_DOWNLOADS

    document = client.get("/api/v1/openapi.json").json
    links = {
        name
        for schema in document["components"]["schemas"].values()
        for name in schema.get("properties", {})
        if name.endswith("_url")
    }
    # results_url leads into /api/v1 itself (a poll's results), which takes the token anyway
    assert links == {"poster_url", "programme_pdf_url", "calendar_url", "results_url"}
    headers = api_token(tenants.facilitator)
    created = client.post(
        f"/api/v1/networks/{tenants.north.id}/gatherings",
        headers=headers,
        json={"title": "Samling 1", "starts_on": "2030-03-06", "ends_on": "2030-03-07"},
    )
    assert created.status_code == 201
    urls = [created.json["programme_pdf_url"], created.json["calendar_url"]]
    endpoints = {app.url_map.bind("localhost").match(url)[0] for url in urls}
    endpoints.add("stories.poster")  # (no story here has a poster: its link is in the document)
    assert endpoints == TOKEN_DOWNLOADS
    for url in urls:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, url
    assert client.get("/stories/999999/poster", headers=headers).status_code == 404
    delete = client.post("/stories/999999/poster/delete", headers=headers)
    assert delete.status_code == 302 and delete.headers["Location"].startswith("/login")


# ---- item 17: the WSGI entry point fails closed ------------------------------------------


def _import_wsgi(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"HELTIDNETT_ENV", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "-c", "import wsgi; print(wsgi.app.config['ENV_NAME'])"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_wsgi_without_environment_refuses_to_start():
    result = _import_wsgi()
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_wsgi_refuses_the_public_development_key():
    result = _import_wsgi(SECRET_KEY="dev-only-not-secret")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_wsgi_starts_in_production_with_a_key_and_in_development_when_told():
    assert _import_wsgi(SECRET_KEY="k" * 40).stdout.strip() == "production"
    assert _import_wsgi(HELTIDNETT_ENV="development").stdout.strip() == "development"


# ---- item 17: the OpenAPI document describes what the API answers ------------------------


def _document(client) -> dict:
    return client.get("/api/v1/openapi.json").json


def test_every_operation_documents_the_one_error_shape(client):
    document = _document(client)
    error = document["components"]["schemas"]["ApiError"]
    assert error["required"] == ["error"]
    body = document["components"]["schemas"]["ApiErrorBody"]
    assert set(body["required"]) == {"code", "message", "details"}
    default = document["components"]["responses"]["DEFAULT_ERROR"]
    assert default["content"]["application/json"]["schema"]["$ref"].endswith("/ApiError")
    operations = 0
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            operations += 1
            responses = operation["responses"]
            assert responses["default"]["$ref"].endswith("/DEFAULT_ERROR"), (method, path)
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    if "$ref" in response:
                        response = document["components"]["responses"][
                            response["$ref"].split("/")[-1]
                        ]
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ApiError"), (method, path, status)
    assert operations >= 28


def test_file_downloads_and_uploads_are_documented_as_files(client):
    document = _document(client)
    template = document["paths"]["/api/v1/indicators/template.xlsx"]["get"]["responses"]["200"]
    assert template["content"] == {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            "schema": {"type": "string", "format": "binary"}
        }
    }
    upload = document["paths"]["/api/v1/municipalities/{municipality_id}/imports"]["post"]
    form = upload["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert form["properties"]["file"] == {"type": "string", "format": "binary"}


def test_path_ids_are_bounded_in_the_document(client):
    document = _document(client)
    parameter = document["paths"]["/api/v1/networks/{network_id}"]["parameters"][0]
    assert parameter["schema"] == {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}


def test_405_names_the_allowed_methods(client, tenants, api_token):
    headers = api_token(tenants.facilitator)
    response = client.delete("/api/v1/networks", headers=headers)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET"}
    assert response.json["error"]["code"] == "method_not_allowed"
    anonymous = client.put("/api/v1/me")
    assert anonymous.status_code == 405 and "GET" in anonymous.headers["Allow"]


def test_an_api_call_without_token_or_cookie_is_401_not_a_csrf_error(client, tenants):
    response = client.post(f"/api/v1/networks/{tenants.north.id}/stories", json={})
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"


def test_every_api_path_answers_an_undocumented_method_with_405_and_allow(
    client, tenants, api_token
):
    headers = api_token(tenants.facilitator)
    document = _document(client)
    checked = 0
    for path, item in document["paths"].items():
        documented = {m.upper() for m in item if m != "parameters"}
        url = re.sub(r"\{[^}]+\}", "1", path)  # every path argument is a whole number
        method = next(m for m in ("DELETE", "PUT", "PATCH", "POST") if m not in documented)
        response = client.open(url, method=method, headers=headers)
        assert response.status_code == 405, (method, url)
        assert set(response.headers["Allow"].split(", ")) - {"HEAD", "OPTIONS"} == documented
        assert response.json["error"]["code"] == "method_not_allowed"
        checked += 1
    assert checked >= 20
