"""In headless Chromium: a facilitator plans a gathering from a copied agenda and publishes it;
a coordinator reads it and registers. axe-core checks every page on the way."""

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
    page.screenshot(path=str(SCREENSHOTS / f"gatherings_{name}.png"), full_page=True)
    assert axe_violations(page) == [], name


def test_facilitator_plans_publishes_and_coordinator_registers(page, live_server):  # type: ignore[no-untyped-def]
    url = live_server.url
    login(page, live_server, "veileder@example.org")
    page.goto(url + "/networks/1")
    assert page.locator(".timeline--between").count() >= 3
    _check(page, "network")

    page.get_by_role("link", name="Planlegg en ny samling").click()
    _check(page, "new")
    page.get_by_label("Tittel").fill("Samling 6: oppfølging")
    page.get_by_label("Første dag").fill("2030-03-05")
    page.get_by_label("Siste dag").fill("2030-03-06")
    page.get_by_label("Sted").fill("Tromsø")
    page.get_by_role("button", name="Lagre").click()
    assert page.get_by_role("heading", name="Samling 6: oppfølging", level=1).is_visible()
    gathering_url = page.url

    page.get_by_role("link", name="Kopier program fra en tidligere samling").click()
    _check(page, "copy")
    page.get_by_label("Kopier programmet fra").select_option(
        label="Heltid i nord: Samling 3 (6. mars 2018)"
    )
    page.get_by_role("button", name="Kopier").click()
    assert page.get_by_text("21 programpunkter er kopiert").is_visible()
    _check(page, "copied")

    page.get_by_role("link", name="Nytt punkt tirsdag 5. mars 2030").click()
    page.get_by_label("Starter").fill("10:00")
    page.get_by_label("Varighet (minutter)").fill("15")
    page.get_by_label("Tittel").fill("Vurderingskrysset i kommunegruppene")
    page.get_by_label("Type", exact=True).select_option(label="Gruppearbeid")
    page.get_by_label("Metode").select_option(label="Vurderingskrysset")
    assert "Hva har vi oppnådd?" in page.get_by_label("Steg").input_value()
    _check(page, "item_form")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state("load")
    program = page.locator("#program").inner_text()
    assert "Vurderingskrysset i kommunegruppene" in program
    # inner_text follows the CSS: drop white space so the check does not race the stylesheet
    assert "10.15–10.25" in "".join(program.split()), program  # «Velkommen» moved 15 minutes

    page.on("dialog", lambda dialog: dialog.accept())  # «Publisere programmet?»
    page.get_by_role("button", name="Publiser programmet").click()
    assert page.get_by_text("Programmet er publisert").is_visible()

    for path, name in [
        ("/attendance", "attendance"),
        ("/groups?n=3", "groups"),
        ("/projection", "projection"),
    ]:
        page.goto(gathering_url + path)
        _check(page, name)
    page.goto(url + "/methods")
    _check(page, "methods")
    page.get_by_role("link", name="Ny metode").click()
    _check(page, "method_form")

    page.context.clear_cookies()
    login(page, live_server, "koordinator.alta@example.org")
    page.goto(gathering_url)
    assert "Nytt programpunkt" not in page.content()
    page.get_by_label("Jeg blir med på middagen").check()
    page.get_by_role("button", name="Lagre påmeldingen").click()
    assert page.get_by_text("Påmeldingen er lagret.").is_visible()
    assert page.get_by_text("Du er påmeldt.").is_visible()
    _check(page, "coordinator")
    response = page.request.get(gathering_url + "/program.pdf")
    assert response.status == 200 and response.body().startswith(b"%PDF")
