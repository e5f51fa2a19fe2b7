"""Login with the work account against a real OpenID provider (issue 20): the npm package
`oidc-provider` on loopback (tests/oidc_node.py). The app checks its ID tokens; the bad ones
are the provider's own tokens bent after signing (or signed with a stranger's key)."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from config import OidcProvider
from heltidnett.audit.models import AuditEvent
from heltidnett.auth import oidc
from heltidnett.auth.models import ExternalIdentity
from heltidnett.extensions import db
from tests.conftest import post_form
from tests.oidc_node import CLIENT_ID, CLIENT_SECRET, NodeProvider, node_provider, walk_login

CALLBACK = "http://localhost/login/oidc/testid/callback"


@pytest.fixture(scope="module")
def _node() -> Iterator[NodeProvider]:
    with node_provider([CALLBACK], ["http://localhost/login"]) as provider:
        yield provider


def configured(issuer: str) -> OidcProvider:
    """The node provider as "testid", asking for and requiring acr substantial or high."""
    return OidcProvider(
        name="testid",
        label="Testporten",
        issuer=issuer,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        scopes="openid profile email",
        acr_values=("substantial", "high"),
        accepted_acr=("substantial", "high"),
    )


@pytest.fixture
def node(app, _node: NodeProvider) -> Iterator[NodeProvider]:
    _node.bend()
    saved = app.config["OIDC_PROVIDERS"]
    app.config["OIDC_PROVIDERS"] = (configured(_node.issuer),)
    oidc.reset(app)
    yield _node
    _node.bend()
    app.config["OIDC_PROVIDERS"] = saved
    oidc.reset(app)


def login_as(client, login: str) -> Any:
    """Press the button, log in at the provider as `login`, come back to the callback."""
    started = client.get("/login/oidc/testid")
    assert started.status_code == 302, started.get_data(as_text=True)
    return client.get(walk_login(started.headers["Location"], login, CALLBACK))


def logged_in(client) -> bool:
    return client.get("/account").status_code == 200


def failures(app, reason: str) -> list[AuditEvent]:
    with app.app_context():
        events = db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == "login_failed")
        ).all()
        return [e for e in events if e.summary.get("reason") == reason]


def links(app) -> int:
    with app.app_context():
        return int(db.session.scalar(sa.select(sa.func.count()).select_from(ExternalIdentity)))


@pytest.fixture
def kari(make_user):
    return make_user(email="kari@alta.kommune.no", name="Kari Nordmann")


def test_an_invited_user_logs_in_with_the_real_provider(app, client, node, kari):
    response = login_as(client, "kari@alta.kommune.no")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert logged_in(client)
    with app.app_context():
        identity = db.session.scalars(sa.select(ExternalIdentity)).one()
        assert (identity.user_id, identity.subject) == (kari.id, "kari@alta.kommune.no")


def test_an_uninvited_person_is_refused_by_the_app(app, client, node, kari):
    response = login_as(client, "ukjent@hemnes.kommune.no")
    assert response.headers["Location"] == "/login"
    assert not logged_in(client)
    page = client.get("/login").get_data(as_text=True)
    assert "Vi fant ingen bruker i heltidnett for denne jobbkontoen" in page
    assert failures(app, "refused")
    assert links(app) == 0


@pytest.mark.parametrize(
    ("claims", "stranger"),
    [
        pytest.param({"aud": "another-client"}, False, id="wrong-audience"),
        pytest.param({"iss": "https://evil.example"}, False, id="wrong-issuer"),
        pytest.param({"exp": int(time.time()) - 3600}, False, id="expired"),
        pytest.param({}, True, id="bad-signature"),
        pytest.param({"nonce": "not-the-nonce"}, False, id="wrong-nonce"),
        pytest.param({"acr": None}, False, id="missing-acr"),
        pytest.param({"acr": "low"}, False, id="too-weak-acr"),
    ],
)
def test_a_bad_id_token_from_the_real_provider_is_refused(
    app, client, node, kari, claims, stranger
):
    node.bend(claims, stranger=stranger)
    response = login_as(client, "kari@alta.kommune.no")
    assert response.headers["Location"] == "/login"
    assert not logged_in(client)
    page = client.get("/login").get_data(as_text=True)
    assert "Vi kunne ikke bekrefte innloggingen fra Testporten" in page
    assert failures(app, "bad_token")
    assert links(app) == 0


def test_a_replayed_state_is_refused_with_the_real_provider(app, client, node, kari):
    started = client.get("/login/oidc/testid")
    back = walk_login(started.headers["Location"], "kari@alta.kommune.no", CALLBACK)
    assert client.get(back).headers["Location"] == "/"
    post_form(client, "/logout", {}, form_page="/account")
    response = client.get(back)  # the same code and state once more
    assert response.headers["Location"] == "/login"
    assert not logged_in(client)
    assert "allerede brukt" in client.get("/login").get_data(as_text=True)
    assert failures(app, "bad_state")


def test_logout_goes_to_the_real_providers_end_session(app, client, node, kari):
    login_as(client, "kari@alta.kommune.no")
    page = post_form(client, "/logout", {}, form_page="/account").get_data(as_text=True)
    assert node.issuer + "/session/end?" in page
    assert not logged_in(client)
    # the provider accepts our hint and our post-logout address (its confirm page, not an error)
    found = re.search(r'id="provider-logout" href="([^"]+)"', page)
    assert found is not None
    answer = requests.get(html.unescape(found.group(1)), timeout=5)
    assert answer.status_code == 200, answer.text[:300]
