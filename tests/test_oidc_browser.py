"""In headless Chromium, against a real OpenID provider on loopback (oidc-provider, run by
Node.js): an invited coordinator logs in with her work account and lands on her home page; an
uninvited person is refused with a message (issue 20)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import LiveServer, axe_violations, login, require_chromium
from tests.oidc_node import NodeProvider, node_provider
from tests.test_oidc_node import configured

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", "artifacts/screenshots"))
INVITED = "koordinator.jobb@alta.kommune.no"
INVITED_BY_LINK = "koordinator.lenke@rana.kommune.no"


def _check(page: Any, name: str) -> None:
    """No WCAG 2.1 A/AA violation on the page; keep a screenshot of it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"oidc_{name}.png"), full_page=True)
    assert axe_violations(page) == [], name


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, NodeProvider]]:
    """The demo served with the node provider configured as "Testporten", and a coordinator of
    Alta invited by the admin (no password: the invitation is her only way in)."""
    require_chromium()
    import sqlalchemy as sa

    from heltidnett.auth.models import User
    from heltidnett.demo import load_demo
    from heltidnett.extensions import db
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks import services as network_services
    from heltidnett.networks.models import Network
    from tests.conftest import make_app

    app = make_app("sqlite", tmp_path_factory.mktemp("oidc-live"))
    with app.app_context():
        load_demo(db.session)
        admin = db.session.scalars(sa.select(User).where(User.is_admin.is_(True))).first()
        network = db.session.scalars(
            sa.select(Network).where(Network.name == "Heltid i nord")
        ).one()
        alta = db.session.scalars(sa.select(Municipality).where(Municipality.name == "Alta")).one()
        assert admin is not None
        _user, _link, pending = network_services.invite_user(
            db.session,
            actor=admin,
            name="Kari Koordinator",
            email=INVITED,
            network_id=network.id,
            role="coordinator",
            municipality_id=alta.id,
        )
        assert pending is None
        rana = db.session.scalars(sa.select(Municipality).where(Municipality.name == "Rana")).one()
        _user, link, _pending = network_services.invite_user(
            db.session,
            actor=admin,
            name="Rita Rana",
            email=INVITED_BY_LINK,
            network_id=network.id,
            role="coordinator",
            municipality_id=rana.id,
        )
        app.config["INVITATION_TOKEN"] = link
        db.session.commit()
    server = LiveServer(app)
    with node_provider(
        [server.url + "/login/oidc/testid/callback"], [server.url + "/login"]
    ) as provider:
        app.config["OIDC_PROVIDERS"] = (configured(provider.issuer),)
        server.start()
        yield server, provider
        server.stop()


def test_an_invitation_is_accepted_with_the_work_account(browser, site):  # type: ignore[no-untyped-def]
    server, _provider = site
    token = server.server.app.config["INVITATION_TOKEN"]
    context = browser.new_context(bypass_csp=True, locale="nb-NO")
    page = context.new_page()
    page.goto(f"{server.url}/set-password/{token}")
    _check(page, "invitation")
    page.get_by_role("link", name="Logg inn med Testporten").click()
    page.get_by_label("Brukernavn").fill(INVITED_BY_LINK)
    page.get_by_role("button", name="Logg inn hos Testporten").click()
    page.wait_for_load_state("networkidle")
    assert page.url == server.url + "/"
    assert page.get_by_role("heading", name="Mine nettverk").is_visible()
    page.goto(f"{server.url}/set-password/{token}")  # the invitation is spent
    assert page.get_by_role("heading", name="Mine nettverk").count() == 0
    context.close()


def test_an_admin_sees_the_links_and_the_work_login_domains(browser, site):  # type: ignore[no-untyped-def]
    server, _provider = site
    context = browser.new_context(
        bypass_csp=True, locale="nb-NO", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    login(page, server, "admin@example.org")
    page.goto(server.url + "/users/work-login-domains")
    page.get_by_label("E-postdomene").fill("rana.kommune.no")
    page.get_by_role("button", name="Legg til").click()
    assert page.get_by_text("Brukere med e-post hos rana.kommune.no logger nå inn").is_visible()
    _check(page, "domains_1280")
    page.set_viewport_size({"width": 390, "height": 844})
    _check(page, "domains_390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server.url + "/users")
    _check(page, "users_1280")
    context.close()


def _provider_login(page: Any, server: LiveServer, login: str) -> None:
    page.goto(server.url + "/login")
    page.get_by_role("link", name="Logg inn med Testporten").click()
    page.get_by_label("Brukernavn").fill(login)
    page.get_by_role("button", name="Logg inn hos Testporten").click()
    page.wait_for_load_state("networkidle")


def test_an_invited_coordinator_logs_in_with_her_work_account(browser, site):  # type: ignore[no-untyped-def]
    server, _provider = site
    context = browser.new_context(
        bypass_csp=True, locale="nb-NO", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(server.url + "/login")
    _check(page, "login_1280")
    page.set_viewport_size({"width": 390, "height": 844})
    _check(page, "login_390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    _provider_login(page, server, INVITED)
    assert page.url == server.url + "/"
    assert page.get_by_role("heading", name="Mine nettverk").is_visible()
    assert page.get_by_role("link", name="Heltid i nord").first.is_visible()

    page.goto(server.url + "/account")
    assert page.get_by_text("Koblet til Testporten").is_visible()
    _check(page, "account_1280")
    page.set_viewport_size({"width": 390, "height": 844})
    _check(page, "account_390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_an_uninvited_person_is_refused_with_a_message(browser, site):  # type: ignore[no-untyped-def]
    server, _provider = site
    context = browser.new_context(bypass_csp=True, locale="nb-NO")
    page = context.new_page()
    _provider_login(page, server, "ukjent@hemnes.kommune.no")
    assert page.url == server.url + "/login"
    alert = page.get_by_text("Vi fant ingen bruker i heltidnett for denne jobbkontoen")
    assert alert.is_visible()
    _check(page, "refused")
    page.goto(server.url + "/account")
    assert page.url.startswith(server.url + "/login")  # not logged in
    context.close()
