"""The bell and the notification list in Chromium, at desktop and phone width."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.browser_support import axe_violations, login

pytestmark = pytest.mark.browser

COORDINATOR = "koordinator.vadso@example.org"


@pytest.fixture(scope="module")
def notified(live_server: Any) -> Any:
    """The demo after the job has run on the days the network's reminders fall due."""
    from heltidnett.notifications import jobs

    app = live_server.server.app
    with app.app_context():
        for day in ((2026, 11, 21), (2026, 12, 7), (2026, 12, 13)):
            jobs.send_reminders(datetime(*day, 8, tzinfo=UTC))
    return live_server


@pytest.mark.parametrize("width", [1280, 390])
def test_bell_counts_and_the_list_links_to_each_object(
    page: Any, notified: Any, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    login(page, notified, COORDINATOR)
    bell = page.locator("a.bell")
    assert bell.is_visible()
    count = int(bell.locator(".bell__count").get_attribute("data-unread"))
    assert count >= 2
    bell.click()
    page.wait_for_load_state()
    rows = page.locator(".notification-list > li")
    assert rows.count() == count
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
    page.locator(".notification-list > li.is-unread a.ds-link").first.click()
    page.wait_for_load_state()
    assert "/notifications" not in page.url
    assert page.locator("a.bell .bell__count").get_attribute("data-unread") == str(count - 1)
    page.goto(f"{notified.url}/notifications")
    page.get_by_role("button", name="Merk alle som lest").click()
    page.wait_for_load_state()
    assert page.locator("a.bell .bell__count").count() == 0
    assert page.locator(".notification-list > li.is-read").count() == count
    # leave the next width its unread notifications
    for _ in range(count):
        page.get_by_role("button", name="Merk som ulest").first.click()
        page.wait_for_load_state()
