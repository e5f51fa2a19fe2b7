"""The shared-learning flow in a real browser: gallery, presentation, ideas, commitments, matrix."""

from __future__ import annotations

import re

import pytest

from tests.browser_support import axe_violations, login

pytestmark = pytest.mark.browser


def _no_violations(page) -> None:  # type: ignore[no-untyped-def]
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def _network_url(page, live_server) -> str:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Heltid i nord").first.click()
    page.wait_for_load_state("networkidle")
    return page.url


def test_gallery_presentation_and_idea_taken_home(page, live_server) -> None:  # type: ignore[no-untyped-def]
    login(page, live_server, "deltaker.hemnes@example.org")
    network = _network_url(page, live_server)
    page.goto(f"{network}/stories")
    assert page.get_by_role("heading", name=re.compile("publiserte fortellinger")).is_visible()
    _no_violations(page)

    page.get_by_label("Kommune", exact=True).select_option(label="Alta")
    page.get_by_role("button", name="Vis").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="1 publisert fortelling").is_visible()

    page.get_by_role("link", name="Presentasjonsmodus").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Fortelling 1 av 1").is_visible()
    _no_violations(page)
    page.goto(f"{network}/stories/present")
    page.keyboard.press("ArrowRight")
    assert page.get_by_text(re.compile(r"Fortelling 2 av \d+")).is_visible()
    assert "n=2" in page.url  # the address follows, so a reload stays on the story
    assert page.locator("article:visible").count() == 1  # one story fills the screen
    assert page.get_by_role("link", name="← Forrige").is_visible()
    _no_violations(page)
    page.keyboard.press("ArrowLeft")
    assert page.get_by_text(re.compile(r"Fortelling 1 av \d+")).is_visible()
    assert not page.get_by_role("link", name="← Forrige").is_visible()
    with page.expect_navigation():
        page.keyboard.press("Escape")
    assert page.url.endswith("/stories")

    page.get_by_role("link", name="Heltidserklæringen må på plass").click()
    page.wait_for_load_state("networkidle")
    _no_violations(page)
    page.get_by_role("textbox", name=re.compile(r"^Innspill")).fill(
        "Lag en egen kick-off for tillitsvalgte."
    )
    page.get_by_role("button", name="Gi innspill").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Takk! Innspillet er gitt til Alta.").is_visible()
    story_url = page.url.split("#")[0]

    page.context.clear_cookies()
    login(page, live_server, "koordinator.alta@example.org")
    page.goto(story_url)
    idea = page.locator("li", has_text="Lag en egen kick-off for tillitsvalgte.")
    idea.get_by_role("button", name="Ta med hjem").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Innspillet er tatt med hjem.").is_visible()
    page.get_by_role("link", name="Se hva Alta har tatt med hjem").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("cell", name="Lag en egen kick-off for tillitsvalgte.").count() == 1
    _no_violations(page)


def test_story_form_keeps_text_when_poster_is_refused(page, live_server) -> None:  # type: ignore[no-untyped-def]
    login(page, live_server, "koordinator.rana@example.org")
    network = _network_url(page, live_server)
    page.goto(f"{network}/stories/new")
    _no_violations(page)
    page.get_by_label("Tittel").fill("Arbeidstidsordninger med pilotene")
    page.get_by_label("Lært", exact=True).fill("Pilotene må eie forslagene.")
    page.get_by_label("Arbeidstidsordning").check()
    page.set_input_files(
        "#poster", files=[{"name": "plakat.png", "mimeType": "image/png", "buffer": b"MZ nope"}]
    )
    page.get_by_role("button", name="Lagre som utkast").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("alert").get_by_text("Denne filtypen kan ikke lastes opp").is_visible()
    assert page.get_by_label("Tittel").input_value() == "Arbeidstidsordninger med pilotene"
    assert page.get_by_label("Lært", exact=True).input_value() == "Pilotene må eie forslagene."
    assert page.get_by_label("Arbeidstidsordning").is_checked()
    _no_violations(page)


def test_commitments_loop_and_steering_matrix(page, live_server) -> None:  # type: ignore[no-untyped-def]
    login(page, live_server, "styring.alta@example.org")
    network = _network_url(page, live_server)
    page.goto(f"{network}/steering")
    assert page.get_by_role("columnheader", name="Forpliktelser fulgt opp").is_visible()
    _no_violations(page)
    page.get_by_role("link", name="Samling 3").first.click()
    page.wait_for_load_state("networkidle")
    _no_violations(page)

    page.context.clear_cookies()
    login(page, live_server, "veileder@example.org")
    page.goto(f"{network}/steering")
    page.get_by_role("link", name="Samling 3").first.click()
    page.wait_for_load_state("networkidle")
    gathering3 = page.url
    page.goto(f"{network}/commitments")
    _no_violations(page)
    follow = page.get_by_role("link", name=re.compile("^Følg opp"))
    assert follow.count() == 1  # the one commitment left open in the demo
    page.goto(gathering3)
    page.get_by_role("link", name="Hemnes").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Vurderingskrysset: Hemnes").is_visible()
    _no_violations(page)
    page.goto(f"{network}/steering")
    page.get_by_role("link", name="Forankring i egen kommune").last.click()
    page.wait_for_load_state("networkidle")
    _no_violations(page)
