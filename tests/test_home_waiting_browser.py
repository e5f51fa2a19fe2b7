""" "Dette venter på deg" in a real browser: each demo role's home page at desktop and phone
width lists its lines at the top, never scrolls sideways, and every line's link opens."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import axe_violations, login

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", "artifacts/screenshots"))
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

# The demo's people and the lines each must find (by kind) on the living network's home page
ROLES = {
    "veileder": {"give_feedback", "declaration_comment", "gathering_plan", "poll_running"},
    "koordinator.bodo": {"question", "chapter", "registration", "poll"},
    "koordinator.salangen": {"idea", "declaration_draft", "chapter", "action"},
    "styring.vadso": {"declaration_comment", "commitment", "registration"},
    "deltaker.bodo": {"registration", "poll"},
}


@pytest.fixture(params=list(WIDTHS))
def view(browser: Any, request: Any) -> Iterator[tuple[str, Any]]:
    context = browser.new_context(bypass_csp=True, locale="nb-NO", viewport=WIDTHS[request.param])
    yield request.param, context.new_page()
    context.close()


@pytest.mark.parametrize("who", list(ROLES))
def test_each_roles_home_page_lists_what_waits(view, live_server, who) -> None:  # type: ignore[no-untyped-def]
    width, page = view
    login(page, live_server, f"{who}@example.org")
    response = page.goto(live_server.url + "/")
    assert response.status == 200
    page.wait_for_load_state("load")
    section = page.locator("#venter")
    assert section.get_by_role("heading", name="Dette venter på deg").is_visible()
    items = section.locator(".todo-item")
    kinds = {items.nth(i).get_attribute("data-kind") for i in range(items.count())}
    assert ROLES[who] <= kinds, kinds
    # the list is the first thing under the header: above the network cards
    cards = page.locator(".grid-cards")
    assert section.bounding_box()["y"] < cards.bounding_box()["y"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(SCREENSHOTS / f"home_{who.replace('.', '_')}_{width}.png"), full_page=True
    )
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= WIDTHS[width]["width"], f"{who}: the page is {scroll} px wide"
    for i in range(items.count()):
        assert items.nth(i).locator(".todo-what").is_visible()
    if width == "desktop":
        assert axe_violations(page) == []
        for href in section.locator("a.todo-what").evaluate_all("(as) => as.map(a => a.href)"):
            answer = page.request.get(href)
            assert answer.status == 200, href


def test_a_line_leads_to_the_place_to_do_it(page, live_server) -> None:  # type: ignore[no-untyped-def]
    login(page, live_server, "deltaker.bodo@example.org")
    page.goto(live_server.url + "/")
    page.locator("#venter .todo-item[data-kind=registration] a").click()
    page.wait_for_load_state("load")
    assert "/gatherings/" in page.url and page.url.endswith("#pamelding")
    assert page.locator("#pamelding").is_visible()
