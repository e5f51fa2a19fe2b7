"""In headless Chromium: a declaration from consultation to published and revised, with axe."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from tests.browser_support import axe_violations, login

pytestmark = pytest.mark.browser


def _open_declaration(page: Any, live_server: Any, municipality: str) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Heltid i nord").first.click()
    page.locator("#kommuner").get_by_role("link", name=municipality).click()
    page.get_by_role("link", name="Heltidserklæring", exact=True).click()


def _step(page: Any, button: str) -> None:
    page.get_by_role("button", name=button).last.click()
    page.wait_for_load_state("networkidle")


def test_rana_takes_its_declaration_to_published_and_revises(page: Any, live_server: Any) -> None:
    problems: dict[str, Any] = {}
    login(page, live_server, "koordinator.rana@example.org")
    _open_declaration(page, live_server, "Rana")
    assert page.get_by_text("På høring").first.is_visible()
    problems["consultation"] = axe_violations(page)

    page.get_by_label("Dato for godkjenning i ledergruppen").fill("2018-03-20")
    _step(page, "Registrer godkjenning")
    assert page.get_by_text("Ledergruppen, 20. mars 2018").is_visible()

    page.get_by_label("Vedtatt av").fill("Formannskapet")
    page.get_by_label("Vedtaksdato").fill("2018-04-12")
    page.get_by_label("Saksnummer").fill("sak tolv")
    _step(page, "Registrer politisk vedtak")
    assert page.get_by_role("alert").filter(has_text="Saksnummeret skrives").is_visible()
    assert page.get_by_label("Vedtatt av").input_value() == "Formannskapet"
    problems["error"] = axe_violations(page)
    page.get_by_label("Saksnummer").fill("18/1234")
    _step(page, "Registrer politisk vedtak")

    page.locator("#role").fill("Hovedtillitsvalgt")
    page.locator("#name").fill("Frode Fagforbund")
    page.locator("#organisation").fill("Fagforbundet")
    _step(page, "Legg til underskriver")
    assert page.get_by_role("cell", name="Frode Fagforbund").is_visible()
    _step(page, "Publiser")
    assert page.get_by_text("har nå status «Publisert»").is_visible()
    problems["published"] = axe_violations(page)

    _step(page, "Start versjon 2")
    assert page.get_by_role("heading", name="Endre versjon 2 av heltidserklæringen").is_visible()
    problems["edit"] = axe_violations(page)
    page.get_by_label("Mål", exact=True).fill("Andelen heltid skal være 50 % innen 2020.")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Versjon 1, vedtatt 12. april 2018, gjelder").is_visible()
    page.get_by_role("link", name="Se endringer fra versjon 1").click()
    assert page.locator("ins").filter(has_text="50").first.is_visible()
    problems["compare"] = axe_violations(page)

    v1 = page.request.get(page.url.split("/declaration")[0] + "/declaration/versions/1.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(v1.body())).pages)
    assert "18/1234" in text and "Formannskapet" in text and "50 % innen 2020" not in text
    v2 = page.request.get(page.url.split("/declaration")[0] + "/declaration/versions/2.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(v2.body())).pages)
    assert "50 % innen 2020" in text and "18/1234" not in text
    assert {k: v for k, v in problems.items() if v} == {}


def test_steering_comments_and_others_see_published_only(page: Any, live_server: Any) -> None:
    problems: dict[str, Any] = {}
    login(page, live_server, "styring.alta@example.org")
    _open_declaration(page, live_server, "Alta")
    assert page.get_by_role("heading", name="Ny kommentar").is_visible()
    assert page.get_by_role("button", name="Send på høring").count() == 0
    page.get_by_label("Gjelder").select_option(label="Mål")
    page.locator("#body").fill("Sett et tall på målet for 2019.")
    page.get_by_role("button", name="Lagre kommentaren").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Sett et tall på målet for 2019.").is_visible()
    problems["comment"] = axe_violations(page)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Heltid i nord").first.click()
    page.get_by_role("link", name="Heltidserklæringer", exact=True).click()
    problems["status"] = axe_violations(page)

    page.context.clear_cookies()
    login(page, live_server, "deltaker.hemnes@example.org")
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Heltid i nord").first.click()
    page.get_by_role("link", name="Heltidserklæringer", exact=True).click()
    row = page.get_by_role("row").filter(has_text="Alta")
    assert "Ikke publisert" in row.inner_text()
    _open_declaration(page, live_server, "Hemnes")
    assert page.get_by_text("Versjon 1").first.is_visible()
    assert page.get_by_role("heading", name="Ny kommentar").count() == 0
    assert page.get_by_text("Versjon 2").count() == 0
    problems["participant"] = axe_violations(page)
    assert {k: v for k, v in problems.items() if v} == {}
