"""In headless Chromium: the facilitator opens a poll and shows it on the big screen; a
participant on a 390-px phone, without an account, joins with the code and answers; the answer
appears on the presenter view within a few seconds, without a reload; a reload gives no second
answer, and a closed poll's results cannot be changed (issue 16)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import axe_violations, login

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", "artifacts/screenshots"))


def _check(page: Any, name: str) -> None:
    """No WCAG 2.1 A/AA violation on the page; keep a screenshot of it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"polls_{name}.png"), full_page=True)
    assert axe_violations(page) == [], name


def test_an_answer_from_a_phone_appears_on_the_presenter_view(browser, page, live_server):  # type: ignore[no-untyped-def]
    url = live_server.url
    login(page, live_server, "veileder@example.org")
    page.goto(url + "/gatherings/1")
    page.get_by_role("link", name="Avstemninger").click()
    _check(page, "index")
    page.get_by_label("Mal").select_option(label="Forankring, skala 1–10")
    page.get_by_role("button", name="Lag avstemningen").click()
    page.get_by_role("button", name="Åpne avstemningen").click()
    assert page.get_by_text("Avstemningen er åpen").is_visible()
    _check(page, "poll")
    code = page.locator(".poll-code").first.inner_text().strip()
    poll_url = page.url

    presenter = page.context.new_page()
    presenter.goto(poll_url + "/present")
    assert presenter.locator(".poll-count").inner_text() == "0"
    _check(presenter, "present")

    phone_context = browser.new_context(
        bypass_csp=True, locale="nb-NO", viewport={"width": 390, "height": 844}
    )
    try:
        phone = phone_context.new_page()
        phone.goto(url + "/p")
        phone.get_by_label("Kode").fill("999 999" if code != "999999" else "111111")
        phone.get_by_role("button", name="Gå videre").click()
        assert phone.get_by_text("Ingen avstemning har koden").is_visible()
        phone.get_by_label("Kode").fill(code)
        phone.get_by_role("button", name="Gå videre").click()
        phone.get_by_label("Kommunen din").select_option(label="Alta")
        phone.locator(".poll-scale__option", has_text="7").first.click()
        _check(phone, "answer_phone")
        phone.get_by_role("button", name="Send svaret").click()
        assert phone.get_by_text("Svaret er lagret").is_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390

        # the presenter view catches up by itself (the fragment is fetched every second)
        presenter.wait_for_function(
            "document.querySelector('.poll-count').textContent.trim() === '1'", timeout=6000
        )

        # a reload and a changed answer are still one answer
        phone.reload()
        phone.locator(".poll-scale__option", has_text="9").first.click()
        phone.get_by_role("button", name="Send svaret").click()
        presenter.wait_for_timeout(2500)
        assert presenter.locator(".poll-count").inner_text() == "1"

        # the phone keeps its page open while the facilitator closes the poll
        phone.reload()
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Avslutt avstemningen").click()
        presenter.wait_for_function(
            "document.querySelector('#poll-live').textContent.includes('minst tre')",
            timeout=6000,
        )
        _check(presenter, "present_closed")
        # a change sent from the stale page is refused, and the closed results stay
        phone.locator(".poll-scale__option", has_text="2").first.click()
        phone.get_by_role("button", name="Send svaret").click()
        assert phone.get_by_text("er avsluttet").first.is_visible()
        _check(phone, "answer_closed_phone")
        presenter.wait_for_timeout(1500)
        assert presenter.locator(".poll-count").inner_text() == "1"
        page.reload()
        assert page.get_by_text("1 har svart.").is_visible()
        phone.reload()
        assert phone.get_by_text("er avsluttet").is_visible()
        # an expired code typed at the short address says so too
        phone.goto(url + "/p")
        phone.get_by_label("Kode").fill(code)
        phone.get_by_role("button", name="Gå videre").click()
        assert phone.get_by_text("er avsluttet").is_visible()
    finally:
        phone_context.close()
