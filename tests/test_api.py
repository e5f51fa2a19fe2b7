"""The JSON API: bearer tokens, one error shape, the OpenAPI document, tenants kept apart."""

from __future__ import annotations

import sqlalchemy as sa

from heltidnett.auth.models import ApiToken
from heltidnett.extensions import db
from heltidnett.municipalities.models import Unit
from tests.conftest import csrf_token, post_form


def test_no_token_is_401_with_the_error_shape(client):
    response = client.get("/api/v1/networks")
    assert response.status_code == 401
    body = response.get_json()
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_bad_or_revoked_token_is_401(app, client, tenants, api_token):
    assert (
        client.get("/api/v1/me", headers={"Authorization": "Bearer htn_nonsense"}).status_code
        == 401
    )
    headers = api_token(tenants.alta_coordinator)
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    with app.app_context():
        token = db.session.scalar(sa.select(ApiToken))
        token.revoked_at = token.created_at
        db.session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_me_and_networks_follow_the_roles(client, tenants, api_token):
    headers = api_token(tenants.alta_coordinator)
    me = client.get("/api/v1/me", headers=headers).get_json()
    assert me["email"] == "koordinator.alta@example.org"
    assert me["memberships"] == [
        {"network_id": tenants.north.id, "role": "coordinator", "municipality_id": tenants.alta.id}
    ]
    networks = client.get("/api/v1/networks", headers=headers).get_json()
    assert [n["name"] for n in networks] == ["Heltid i nord"]
    one = client.get(f"/api/v1/networks/{tenants.north.id}", headers=headers).get_json()
    assert one["status"] == "planned"
    municipalities = client.get(
        f"/api/v1/networks/{tenants.north.id}/municipalities", headers=headers
    )
    assert [m["name"] for m in municipalities.get_json()] == ["Alta", "Hemnes"]


def test_other_tenants_are_403_or_404(client, tenants, api_token):
    headers = api_token(tenants.alta_coordinator)
    assert client.get(f"/api/v1/networks/{tenants.other.id}", headers=headers).status_code == 403
    assert (
        client.get(
            f"/api/v1/networks/{tenants.other.id}/municipalities", headers=headers
        ).status_code
        == 403
    )
    assert (
        client.get(f"/api/v1/municipalities/{tenants.rana.id}/units", headers=headers).status_code
        == 403
    )
    response = client.post(
        f"/api/v1/municipalities/{tenants.rana.id}/units", headers=headers, json={"name": "Kapret"}
    )
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"
    assert client.get("/api/v1/networks/99999", headers=headers).status_code == 404


def test_coordinator_adds_a_unit_with_a_token_without_csrf(app, client, tenants, api_token):
    headers = api_token(tenants.alta_coordinator)
    response = client.post(
        f"/api/v1/municipalities/{tenants.alta.id}/units",
        headers=headers,
        json={"name": "Saga bo- og aktivitetssenter", "kind": "nursing_home", "is_pilot": True},
    )
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["is_pilot"] is True
    listed = client.get(
        f"/api/v1/municipalities/{tenants.alta.id}/units", headers=headers
    ).get_json()
    assert "Saga bo- og aktivitetssenter" in [u["name"] for u in listed]


def test_hemnes_coordinator_cannot_add_alta_units(client, tenants, api_token):
    headers = api_token(tenants.hemnes_coordinator)
    # can read Alta's units (same network) but not change them
    assert (
        client.get(f"/api/v1/municipalities/{tenants.alta.id}/units", headers=headers).status_code
        == 200
    )
    response = client.post(
        f"/api/v1/municipalities/{tenants.alta.id}/units", headers=headers, json={"name": "X"}
    )
    assert response.status_code == 403


def test_invalid_unit_gives_422_and_duplicate_409(app, client, tenants, api_token):
    headers = api_token(tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/units"
    missing = client.post(url, headers=headers, json={"kind": "home_care"})
    assert missing.status_code == 422
    assert "name" in missing.get_json()["error"]["details"]["json"]
    unknown = client.post(url, headers=headers, json={"name": "Ny", "kind": "spaceship"})
    assert unknown.status_code == 422
    assert "spaceship" in unknown.get_json()["error"]["message"]
    duplicate = client.post(url, headers=headers, json={"name": "elvebakken SYKEHJEM"})
    assert duplicate.status_code == 409
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Unit.id))) == 2


def test_cookie_session_api_changes_need_csrf(client, auth, tenants):
    auth.login(tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/units"
    assert client.get(url).status_code == 200
    refused = client.post(url, json={"name": "Uten token"})
    assert refused.status_code == 400
    token = csrf_token(client, "/account")
    accepted = client.post(url, json={"name": "Med token"}, headers={"X-CSRFToken": token})
    assert accepted.status_code == 201


def test_openapi_document_is_generated_from_the_code(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    for path in (
        "/api/v1/me",
        "/api/v1/networks",
        "/api/v1/networks/{network_id}",
        "/api/v1/networks/{network_id}/municipalities",
        "/api/v1/municipalities/{municipality_id}/units",
    ):
        assert path in spec["paths"], path
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert {"get", "post"} <= set(spec["paths"]["/api/v1/municipalities/{municipality_id}/units"])


def test_tokens_are_listed_created_and_revoked_on_the_profile(app, client, auth, tenants):
    auth.login(tenants.alta_coordinator)
    response = post_form(
        client, "/account/tokens", {"token-name": "Excel-kobling"}, form_page="/account"
    )
    assert response.status_code == 302
    page = client.get("/account").get_data(as_text=True)
    assert "Excel-kobling" in page
    import re

    secret = re.search(r'id="new-token">(htn_[\w-]+)<', page).group(1)
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    )
    assert "htn_" not in client.get("/account").get_data(as_text=True).replace(secret[:10], "")
    with app.app_context():
        token_id = db.session.scalar(sa.select(ApiToken.id))
        stored = db.session.scalar(sa.select(ApiToken.token_hash))
    assert secret not in stored  # only the hash is kept
    post_form(client, f"/account/tokens/{token_id}/revoke", {}, form_page="/account")
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )


def test_someone_elses_token_cannot_be_revoked(app, client, auth, tenants, api_token):
    api_token(tenants.rana_coordinator)
    with app.app_context():
        token_id = db.session.scalar(sa.select(ApiToken.id))
    auth.login(tenants.alta_coordinator)
    response = post_form(client, f"/account/tokens/{token_id}/revoke", {}, form_page="/account")
    assert response.status_code == 403
