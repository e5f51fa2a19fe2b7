"""In headless Chromium: a steering member comments on Alta's commitment, Alta's coordinator
answers and resolves the thread; Rana's coordinator never sees it; a review mark in the matrix."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser_support import axe_violations, login

pytestmark = pytest.mark.browser

QUESTION = "Styringsgruppen spør: hvordan følges dette opp i budsjettet?"


def _alta_commitment_comments(page: Any, live_server: Any) -> str:
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Heltid i nord").first.click()
    page.get_by_role("link", name="Forpliktelser", exact=True).first.click()
    card = page.locator("li.commitment").filter(has_text="Alta").last
    card.get_by_role("link", name="Kommentarer").click()
    page.wait_for_load_state("networkidle")
    return page.url


@pytest.mark.parametrize("width", [1280, 390])
def test_steering_asks_coordinator_answers_thread_resolved(
    page: Any, live_server: Any, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    problems: dict[str, Any] = {}
    question = f"{QUESTION} ({width})"
    login(page, live_server, "styring.alta@example.org")
    url = _alta_commitment_comments(page, live_server)
    page.locator("#body").fill(question)
    page.get_by_role("button", name="Lagre kommentaren").click()
    page.wait_for_load_state("networkidle")
    thread = page.locator("[data-thread]").filter(has_text=question)
    assert thread.get_by_text("Åpen", exact=True).is_visible()
    assert thread.get_by_text("(styringsgruppe)").is_visible()
    problems["asked"] = axe_violations(page)

    page.context.clear_cookies()
    login(page, live_server, "koordinator.alta@example.org")
    page.goto(url)
    thread = page.locator("[data-thread]").filter(has_text=question)
    thread.locator("textarea").fill("Det er satt av midler; status kommer på neste møte.")
    thread.get_by_role("button", name="Svar").click()
    page.wait_for_load_state("networkidle")
    thread = page.locator("[data-thread]").filter(has_text=question)
    thread.get_by_role("button", name="Marker som løst").click()
    page.wait_for_load_state("networkidle")
    thread = page.locator("[data-thread]").filter(has_text=question)
    assert thread.get_by_text("Løst", exact=True).is_visible()
    assert thread.get_by_text("(koordinator)").is_visible()
    assert thread.get_by_text("Løst av Koordinator Alta").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    problems["resolved"] = axe_violations(page)

    page.context.clear_cookies()
    login(page, live_server, "koordinator.rana@example.org")
    response = page.goto(url)
    assert response.status == 403
    assert question not in page.content()
    assert not any(problems.values()), problems


def test_review_mark_shows_in_the_matrix(page: Any, live_server: Any) -> None:
    login(page, live_server, "styring.alta@example.org")
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Heltid i nord").first.click()
    page.get_by_role("link", name="Styringsmatrise", exact=True).first.click()
    row = page.get_by_role("row").filter(has_text="Alta").first
    row.get_by_role("link", name="I rute (Høsten 2018").click()
    page.wait_for_load_state("networkidle")
    page.locator("#period").fill("Våren 2019")
    page.locator("#assessment").select_option("off_track")
    page.get_by_role("button", name="Lagre vurderingen").click()
    assert page.get_by_text("Skriv hvorfor, når kommunen ikke er i rute.").first.is_visible()
    page.locator("#reason").fill("Budsjettet mangler midler til hele stillinger.")
    page.get_by_role("button", name="Lagre vurderingen").click()
    page.wait_for_load_state("networkidle")
    assert not axe_violations(page)
    page.get_by_role("link", name="Styringsmatrise").first.click()
    row = page.get_by_role("row").filter(has_text="Alta").first
    assert row.get_by_text("Ikke i rute (Våren 2019").is_visible()
