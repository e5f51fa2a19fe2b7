"""Login with the work account (issue 20): OpenID Connect against a provider on loopback."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from config import OidcProvider, oidc_providers, oidc_required_domains
from heltidnett.audit.models import AuditEvent
from heltidnett.auth import oidc, services
from heltidnett.auth.models import ExternalIdentity, User, UserSession, WorkLoginDomain
from heltidnett.extensions import db
from tests.conftest import post_form
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider

# ---- configuration ---------------------------------------------------------------------------


def test_providers_are_read_from_the_environment():
    environ = {
        "OIDC_PROVIDERS": "ansattporten, entra",
        "OIDC_ANSATTPORTEN_ISSUER": "https://ansattporten.no/",
        "OIDC_ANSATTPORTEN_CLIENT_ID": "abc",
        "OIDC_ANSATTPORTEN_CLIENT_SECRET": "s1",
        "OIDC_ANSATTPORTEN_SCOPES": "openid profile",
        "OIDC_ANSATTPORTEN_ACR_VALUES": "substantial high",
        "OIDC_ANSATTPORTEN_LABEL": "Ansattporten",
        "OIDC_ENTRA_ISSUER": "https://login.microsoftonline.com/tenant/v2.0",
        "OIDC_ENTRA_CLIENT_ID": "def",
        "OIDC_ENTRA_CLIENT_SECRET": "s2",
    }
    ansattporten, entra = oidc_providers(environ)
    assert ansattporten == OidcProvider(
        name="ansattporten",
        label="Ansattporten",
        issuer="https://ansattporten.no",
        client_id="abc",
        client_secret="s1",
        scopes="openid profile",
        acr_values=("substantial", "high"),
        accepted_acr=("substantial", "high"),
    )
    assert entra.label == "Entra"
    assert entra.scopes == "openid profile email"
    assert entra.acr_values == entra.accepted_acr == ()
    assert oidc_providers({}) == ()


def test_a_provider_missing_its_secret_stops_the_start():
    with pytest.raises(RuntimeError, match="OIDC_ENTRA_CLIENT_SECRET"):
        oidc_providers(
            {
                "OIDC_PROVIDERS": "entra",
                "OIDC_ENTRA_ISSUER": "https://x",
                "OIDC_ENTRA_CLIENT_ID": "a",
            }
        )
    with pytest.raises(RuntimeError, match="not a name"):
        oidc_providers({"OIDC_PROVIDERS": "bad/name"})


def test_required_domains_are_read_from_the_environment():
    assert oidc_required_domains(
        {"OIDC_REQUIRED_DOMAINS": "@Alta.kommune.no, rana.kommune.no"}
    ) == {
        "alta.kommune.no",
        "rana.kommune.no",
    }


# ---- the flow against the loopback provider ---------------------------------------------------


@pytest.fixture(scope="module")
def _provider() -> Iterator[Provider]:
    provider = Provider()
    yield provider
    provider.stop()


@pytest.fixture
def provider(app, _provider: Provider) -> Iterator[Provider]:
    """The loopback provider configured as "testid" (with acr required), fresh for each test."""
    _provider.claims, _provider.sign_with_stranger, _provider.down = {}, False, False
    _provider.subject, _provider.email, _provider.acr = "sub-0001", "kari@alta.kommune.no", "high"
    _provider.discovery_issuer = None
    saved = app.config["OIDC_PROVIDERS"]
    app.config["OIDC_PROVIDERS"] = (
        OidcProvider(
            name="testid",
            label="Testporten",
            issuer=_provider.issuer,
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            scopes="openid profile email",
            acr_values=("substantial", "high"),
            accepted_acr=("substantial", "high"),
        ),
    )
    oidc.reset(app)
    yield _provider
    app.config["OIDC_PROVIDERS"] = saved
    oidc.reset(app)


def start(client) -> str:
    """Press the button: the redirect to the provider's authorize endpoint."""
    response = client.get("/login/oidc/testid")
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def provider_login(client, provider: Provider) -> Any:
    """The whole round: our app, the provider (which logs the person in at once), the callback."""
    authorize = start(client)
    assert authorize.startswith(provider.issuer + "/authorize")
    back = requests.get(authorize, allow_redirects=False, timeout=5).headers["Location"]
    return client.get(back)


def failures(app, reason: str) -> list[AuditEvent]:
    with app.app_context():
        events = db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == "login_failed")
        ).all()
        return [e for e in events if e.summary.get("reason") == reason]


def logged_in(client) -> bool:
    return client.get("/account").status_code == 200


@pytest.fixture
def kari(make_user):
    return make_user(email="Kari@alta.kommune.no", name="Kari Nordmann")


def test_the_login_page_has_a_button_per_provider(client, provider):
    page = client.get("/login").get_data(as_text=True)
    assert "Logg inn med Testporten" in page


def test_an_invited_user_logs_in_and_is_linked(app, client, provider, kari):
    response = provider_login(client, provider)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert logged_in(client)
    asked = provider.authorize_requests[-1]
    assert asked["code_challenge_method"] == "S256" and asked["nonce"] and asked["state"]
    assert asked["acr_values"] == "substantial high"
    assert asked["redirect_uri"] == "http://localhost/login/oidc/testid/callback"
    with app.app_context():
        identity = db.session.scalars(sa.select(ExternalIdentity)).one()
        assert (identity.user_id, identity.provider, identity.subject) == (
            kari.id,
            "testid",
            "sub-0001",
        )
        assert identity.email == "kari@alta.kommune.no"
        # the same server-side session as a password login
        assert db.session.scalars(
            sa.select(UserSession).where(UserSession.user_id == kari.id)
        ).one()
        login = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "login")).one()
        assert login.summary == {"provider": "testid"}
    page = client.get("/account").get_data(as_text=True)
    assert "Koblet til Testporten" in page


def test_the_linked_subject_logs_in_after_the_email_changes(app, client, provider, kari):
    provider_login(client, provider)
    fresh = app.test_client()
    provider.email = "kari.nordmann@annen.no"
    provider_login(fresh, provider)
    assert logged_in(fresh)


def test_nobody_is_created_for_an_unknown_person(app, client, provider, make_user):
    provider.email = "ukjent@hemnes.kommune.no"
    response = provider_login(client, provider)
    assert response.headers["Location"] == "/login"
    assert not logged_in(client)
    page = client.get("/login").get_data(as_text=True)
    assert "Vi fant ingen bruker i heltidnett for denne jobbkontoen" in page
    assert "prosessveilederen" in page
    assert failures(app, "refused")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ExternalIdentity)) == 0


def test_an_unverified_email_links_nobody(app, client, provider, kari):
    provider.claims = {"email_verified": False}
    provider_login(client, provider)
    assert not logged_in(client)
    assert failures(app, "refused")


def test_a_deactivated_user_is_refused(app, client, provider, make_user):
    make_user(email="kari@alta.kommune.no", active=False)
    provider_login(client, provider)
    assert not logged_in(client)


@pytest.mark.parametrize(
    "bend",
    [
        pytest.param({"claims": {"aud": "another-client"}}, id="wrong-audience"),
        pytest.param({"claims": {"iss": "https://evil.example"}}, id="wrong-issuer"),
        pytest.param({"claims": {"exp": int(time.time()) - 3600}}, id="expired"),
        pytest.param({"sign_with_stranger": True}, id="bad-signature"),
        pytest.param({"claims": {"nonce": "not-the-nonce"}}, id="wrong-nonce"),
        pytest.param({"claims": {"acr": None}}, id="missing-acr"),
        pytest.param({"acr": "low"}, id="too-weak-acr"),
    ],
)
def test_a_bad_id_token_is_refused(app, client, provider, kari, bend):
    for name, value in bend.items():
        setattr(provider, name, value)
    response = provider_login(client, provider)
    assert response.headers["Location"] == "/login"
    assert not logged_in(client)
    assert "Vi kunne ikke bekrefte innloggingen fra Testporten" in client.get("/login").get_data(
        as_text=True
    )
    assert failures(app, "bad_token")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ExternalIdentity)) == 0


def test_a_replayed_state_is_refused(app, client, provider, kari):
    authorize = start(client)
    back = requests.get(authorize, allow_redirects=False, timeout=5).headers["Location"]
    client.get(back)
    post_form(client, "/logout", {}, form_page="/account")
    response = client.get(back)  # the same browser, the same code and state once more
    assert response.headers["Location"] == "/login"
    assert not logged_in(client)
    assert "allerede brukt" in client.get("/login").get_data(as_text=True)
    assert failures(app, "bad_state")


def test_a_callback_without_a_started_login_is_refused(app, client, provider, kari):
    response = client.get("/login/oidc/testid/callback?code=abc&state=made-up")
    assert response.headers["Location"] == "/login"
    assert not logged_in(client)
    assert failures(app, "bad_state")


def test_a_provider_that_is_down_is_a_message(app, client, provider, kari):
    provider.down = True
    response = client.get("/login/oidc/testid")
    assert response.headers["Location"] == "/login"
    assert "Testporten svarer ikke" in client.get("/login").get_data(as_text=True)
    assert failures(app, "provider_down")


def test_a_token_endpoint_that_fails_is_a_message(app, client, provider, kari):
    authorize = start(client)
    back = requests.get(authorize, allow_redirects=False, timeout=5).headers["Location"]
    provider.down = True  # discovery was read before: the token endpoint is what fails
    response = client.get(back)
    assert response.headers["Location"] == "/login"
    assert not logged_in(client)
    assert failures(app, "provider_down")


def test_a_discovery_naming_another_issuer_is_refused(app, client, provider, kari):
    provider.discovery_issuer = "https://evil.example"
    client.get("/login/oidc/testid")
    assert failures(app, "provider_down")


def test_a_rotated_signing_key_is_fetched(app, client, provider, kari):
    provider_login(client, provider)  # the JWKS is read and kept
    provider.rotate()
    fresh = app.test_client()
    provider_login(fresh, provider)
    assert logged_in(fresh)


def test_logout_ends_the_provider_session_too(app, client, provider, kari):
    provider_login(client, provider)
    response = post_form(client, "/logout", {}, form_page="/account")
    # not a redirect: the CSP's form-action 'self' would stop the browser following it
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    location = html.unescape(re.search(r'id="provider-logout" href="([^"]+)"', page).group(1))
    assert 'http-equiv="refresh" content="0; url=' in page
    assert location.startswith(provider.issuer + "/logout?")
    assert "id_token_hint=" in location
    assert "post_logout_redirect_uri=http%3A%2F%2Flocalhost%2Flogin" in location
    assert not logged_in(client)


def test_the_link_is_removed_from_the_profile(app, client, provider, kari):
    provider_login(client, provider)
    post_form(client, "/account/identities/testid/remove", {}, form_page="/account")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ExternalIdentity)) == 0
    page = client.get("/account").get_data(as_text=True)
    assert "Ikke koblet til Testporten." in page
    assert "/account/identities/testid/link" in page


def test_an_unknown_provider_is_not_found(client, provider):
    assert client.get("/login/oidc/nope/callback").status_code == 404


def test_a_required_domain_cannot_log_in_with_a_password(app, client, auth, kari, make_user):
    app.config["OIDC_REQUIRED_DOMAINS"] = frozenset({"alta.kommune.no"})
    try:
        response = auth.login(kari)
        assert response.status_code == 200
        assert "logger inn med jobbkontoen" in response.get_data(as_text=True)
        assert not logged_in(client)
        other = make_user(email="ola@hemnes.kommune.no")
        assert auth.login(other).status_code == 302
    finally:
        app.config["OIDC_REQUIRED_DOMAINS"] = frozenset()


# ---- linking from the profile, invitations, the admin's removal and required domains ---------


def follow(client, start_path: str) -> Any:
    """Start a provider login at one of our paths and come back through the provider."""
    response = client.get(start_path)
    assert response.status_code == 302, response.get_data(as_text=True)
    back = requests.get(response.headers["Location"], allow_redirects=False, timeout=5)
    return client.get(back.headers["Location"])


def identity_users(app) -> list[tuple[int, str]]:
    with app.app_context():
        rows = db.session.scalars(sa.select(ExternalIdentity)).all()
        return [(row.user_id, row.subject) for row in rows]


def test_a_logged_in_user_links_her_work_account_from_the_profile(
    app, client, auth, provider, kari
):
    auth.login(kari)
    provider.email = "kari.n@annen.no"  # her own account, even with another e-mail
    assert "Koble til Testporten" in client.get("/account").get_data(as_text=True)
    response = follow(client, "/account/identities/testid/link")
    assert response.headers["Location"] == "/account"
    assert identity_users(app) == [(kari.id, "sub-0001")]
    page = client.get("/account").get_data(as_text=True)
    assert "Jobbkontoen hos Testporten er koblet til brukeren din." in page
    assert "Koblet til Testporten (kari.n@annen.no)" in page
    # and it logs her in from now on
    fresh = app.test_client()
    provider_login(fresh, provider)
    assert logged_in(fresh)


def test_a_work_account_linked_to_someone_else_is_not_linked_again(
    app, client, auth, provider, kari, make_user
):
    ola = make_user(email="ola@alta.kommune.no")
    with app.app_context():
        db.session.add(ExternalIdentity(user_id=ola.id, provider="testid", subject="sub-0001"))
        db.session.commit()
    auth.login(kari)
    response = follow(client, "/account/identities/testid/link")
    assert response.headers["Location"] == "/account"
    page = client.get("/account").get_data(as_text=True)
    assert "allerede koblet til en annen bruker" in page
    assert identity_users(app) == [(ola.id, "sub-0001")]
    with app.app_context():
        refused = db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == "login_failed")
        ).one()
        assert refused.summary["method"] == "oidc_link"


def test_linking_needs_a_login(client, provider):
    response = client.get("/account/identities/testid/link")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def invited(app, email: str = "kari@alta.kommune.no") -> tuple[User, str]:
    """A person an admin invited: no password yet, a set-password link."""
    with app.app_context():
        user = services.create_user(db.session, email=email, name="Kari Nordmann")
        token = services.create_password_link(db.session, user, None)
        db.session.commit()
        return user, token


def test_an_invitation_is_accepted_with_the_work_account(app, client, provider):
    user, token = invited(app)
    page = client.get(f"/set-password/{token}").get_data(as_text=True)
    assert f"/set-password/{token}/oidc/testid" in page
    response = follow(client, f"/set-password/{token}/oidc/testid")
    assert response.headers["Location"] == "/"
    assert logged_in(client)
    assert identity_users(app) == [(user.id, "sub-0001")]
    with app.app_context():
        assert services.valid_password_link(db.session, token) is None  # spent


def test_an_invitation_needs_the_invited_email(app, client, provider):
    _user, token = invited(app, "kari@alta.kommune.no")
    provider.email = "noen.annen@alta.kommune.no"
    response = follow(client, f"/set-password/{token}/oidc/testid")
    assert response.headers["Location"] == "/login"
    assert not logged_in(client)
    assert "Invitasjonen gjelder kari@alta.kommune.no" in client.get("/login").get_data(
        as_text=True
    )
    assert identity_users(app) == []
    assert failures(app, "refused")
    with app.app_context():
        assert services.valid_password_link(db.session, token) is not None  # still usable


def test_a_spent_invitation_does_not_start_a_provider_login(app, client, provider):
    _user, token = invited(app)
    follow(client, f"/set-password/{token}/oidc/testid")
    fresh = app.test_client()
    assert fresh.get(f"/set-password/{token}/oidc/testid").status_code == 404


def test_an_admin_removes_a_users_link(app, client, auth, provider, kari, make_user):
    provider_login(app.test_client(), provider)  # kari links her account
    admin = make_user(is_admin=True)
    auth.login(admin)
    page = client.get("/users").get_data(as_text=True)
    assert "Jobbkonto: Testporten" in page
    path = f"/users/{kari.id}/identities/testid/remove"
    response = post_form(client, path, {}, form_page="/users")
    assert response.headers["Location"] == "/users"
    assert identity_users(app) == []


def test_only_an_admin_removes_another_users_link(app, client, auth, provider, kari, make_user):
    provider_login(app.test_client(), provider)
    auth.login(make_user())
    response = post_form(client, f"/users/{kari.id}/identities/testid/remove", {}, "/account")
    assert response.status_code == 403
    assert identity_users(app) == [(kari.id, "sub-0001")]


def test_an_admin_requires_the_work_account_for_a_domain(app, client, auth, kari, make_user):
    admin = make_user(is_admin=True)
    auth.login(admin)
    path = "/users/work-login-domains"
    bad = post_form(client, path, {"domain": "ikke et domene"})
    assert "er ikke et e-postdomene" in bad.get_data(as_text=True)
    response = post_form(client, path, {"domain": "@Alta.Kommune.no"})
    assert response.headers["Location"] == path
    assert "alta.kommune.no" in client.get(path).get_data(as_text=True)
    again = post_form(client, path, {"domain": "alta.kommune.no"})
    assert "står allerede på listen" in again.get_data(as_text=True)
    auth.logout()

    refused = auth.login(kari)
    assert refused.status_code == 200
    assert "Brukere med e-post hos alta.kommune.no logger inn med jobbkontoen" in (
        refused.get_data(as_text=True)
    )
    assert not logged_in(client)
    assert auth.login(make_user(email="ola@hemnes.kommune.no")).status_code == 302
    auth.logout()

    auth.login(admin)
    with app.app_context():
        row = db.session.scalars(sa.select(WorkLoginDomain)).one()
    post_form(client, f"{path}/{row.id}/remove", {}, form_page=path)
    auth.logout()
    assert auth.login(kari).status_code == 302


def test_only_an_admin_sees_the_work_login_domains(client, auth, make_user):
    auth.login(make_user())
    assert client.get("/users/work-login-domains").status_code == 403


def test_an_invitation_spent_during_the_provider_login_is_refused(app, client, provider):
    _user, token = invited(app)
    response = client.get(f"/set-password/{token}/oidc/testid")
    with client.session_transaction() as kept:  # the link's id, not its secret, in the cookie
        assert token not in repr(dict(kept))
        assert set(kept["oidc_purpose"]) == {"invite"}
    back = requests.get(response.headers["Location"], allow_redirects=False, timeout=5)
    with app.app_context():  # meanwhile the link is used to choose a password
        link = services.valid_password_link(db.session, token)
        services.use_password_link(db.session, link, "et-langt-og-trygt-passord-2026")
        db.session.commit()
    refused = client.get(back.headers["Location"])
    assert refused.headers["Location"] == "/login"
    assert not logged_in(client)
    assert "Invitasjonslenken er utløpt eller allerede brukt" in client.get("/login").get_data(
        as_text=True
    )
    assert identity_users(app) == []
