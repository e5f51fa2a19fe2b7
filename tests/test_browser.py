"""In headless Chromium: log in, open a network, and let axe-core check every page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser_support import axe_violations, login

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", "artifacts/screenshots"))


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_coordinator_logs_in_and_opens_a_network(page, live_server):
    page.goto(live_server.url + "/")
    assert page.url.startswith(live_server.url + "/login")
    assert axe_violations(page) == []
    _shot(page, "login")
    login(page, live_server, "koordinator.alta@example.org")
    assert page.get_by_role("heading", name="Mine nettverk").is_visible()
    cards = page.locator(".grid-cards h2").all_inner_texts()
    assert cards == ["Heltid i nord"]  # Alta takes part in this network only
    _shot(page, "networks")
    page.get_by_role("link", name="Heltid i nord").click()
    assert page.get_by_role("heading", name="Heltid i nord", level=1).is_visible()
    assert page.locator("#kommuner").get_by_role("link", name="Hemnes").is_visible()
    _shot(page, "network")


PAGES = {
    "koordinator.alta@example.org": [
        "/",
        "/networks/1",
        "/municipalities/1",
        "/account",
        "/account/password",
    ],
    "veileder@example.org": [
        "/",
        "/networks/2",
        "/networks/2/edit",
        "/networks/new",
        "/municipalities/new",
        "/users",
        "/users/new",
        "/units/1/edit",
    ],
    "admin@example.org": ["/audit", "/municipalities/1/edit"],
}


@pytest.mark.parametrize("email", list(PAGES))
def test_every_page_passes_axe(page, live_server, email):
    login(page, live_server, email)
    problems = {}
    for path in PAGES[email]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        violations = axe_violations(page)
        if violations:
            problems[path] = violations
        _shot(page, f"{email.split('@')[0]}{path.replace('/', '_') or '_root'}")
    assert problems == {}
