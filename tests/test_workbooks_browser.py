"""The workbook in a real browser: autosave, two writers merging, and WCAG 2.1 AA on each page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser_support import login

pytestmark = pytest.mark.browser


def _no_violations(page: Any) -> None:
    from tests.browser_support import axe_violations

    violations = axe_violations(page)
    assert violations == [], (page.url, violations)


def _open_chapter_work(page: Any, live_server: Any, chapter_number: int) -> str:
    """From the network page to Alta's answers to a chapter, as a coordinator clicks."""
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Heltid i nord").click()
    page.get_by_role("link", name="Arbeidsbok", exact=True).first.click()
    page.wait_for_load_state("networkidle")
    _no_violations(page)
    card = page.locator("section.chapter-card", has_text=f"Kapittel {chapter_number}:")
    card.get_by_role("link", name="Alta").click()
    page.wait_for_load_state("networkidle")
    return page.url


def test_coordinator_writes_and_the_answer_is_saved_as_they_type(
    page: Any, live_server: Any
) -> None:
    login(page, live_server, "koordinator.alta@example.org")
    _no_violations(page)
    assert "Tilbakemeldinger på arbeidsboka" in page.content()
    url = _open_chapter_work(page, live_server, 3)
    _no_violations(page)
    section = page.locator("section.prompt-section", has_text="Historien om hvordan")
    field = section.locator("textarea[name=text]")
    field.click()
    field.press("End")
    field.type(" Vi fortsatte med kafédialog.", delay=10)
    status = section.locator(".save-status")
    status.get_by_text("Lagret kl.").wait_for(timeout=10_000)
    page.goto(url)
    assert "Vi fortsatte med kafédialog." in section.locator("textarea[name=text]").input_value()
    section.get_by_role("link", name="Se endringer").click()
    page.wait_for_load_state("networkidle")
    assert "Vi fortsatte med kafédialog." in page.locator("ol.diff-list ins").first.inner_text()
    _no_violations(page)


def test_two_browsers_keep_both_texts(page: Any, browser: Any, live_server: Any) -> None:
    login(page, live_server, "koordinator.alta@example.org")
    url = _open_chapter_work(page, live_server, 3)
    other_context = browser.new_context(bypass_csp=True, locale="nb-NO")
    other = other_context.new_page()
    login(other, live_server, "koordinator.alta@example.org")
    other.goto(url)
    label = "Første versjon av en meningsfull definisjon"
    mine = page.locator("section.prompt-section", has_text=label)
    theirs = other.locator("section.prompt-section", has_text=label)
    mine.locator("textarea[name=text]").fill("Tekst fra den første nettleseren.")
    theirs.locator("textarea[name=text]").fill("Tekst fra den andre nettleseren.")
    mine.get_by_role("button", name="Lagre", exact=True).click()
    mine.locator(".save-ok").wait_for()
    theirs.get_by_role("button", name="Lagre", exact=True).click()
    theirs.get_by_text("Noen andre har lagret dette svaret mens du skrev").wait_for()
    assert "Tekst fra den første nettleseren." in theirs.locator(".merge-panel").inner_text()
    _no_violations(other)
    theirs.get_by_role("button", name="Legg den lagrede teksten under min").click()
    theirs.get_by_role("button", name="Lagre teksten i feltet mitt som ny versjon").click()
    theirs.locator(".save-ok").wait_for()
    page.goto(url)
    text = mine.locator("textarea[name=text]").input_value()
    assert "Tekst fra den andre nettleseren." in text
    assert "Tekst fra den første nettleseren." in text
    other_context.close()


def test_facilitator_pages_are_accessible(page: Any, live_server: Any) -> None:
    login(page, live_server, "veileder@example.org")
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Heltid i nord").click()
    page.get_by_role("link", name="Arbeidsbok", exact=True).first.click()
    page.get_by_role("link", name="Leveranseoversikt").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("table.board-table tbody tr").count() == 4
    _no_violations(page)
    page.get_by_role("link", name="Kapittel 2", exact=True).click()
    page.wait_for_load_state("networkidle")
    _no_violations(page)
    page.get_by_role("link", name="Alta", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "Tilbakemelding gitt" in page.content()
    _no_violations(page)
    page.go_back()
    page.get_by_role("link", name="Endre kapittelet").click()
    _no_violations(page)
    page.go_back()
    page.get_by_role("link", name="Endre").first.click()
    _no_violations(page)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Heltid i nord").click()
    page.get_by_role("link", name="Arbeidsbok", exact=True).first.click()
    page.get_by_role("link", name="Nytt kapittel").click()
    page.wait_for_load_state("networkidle")
    _no_violations(page)
    page.get_by_role("button", name="Lag kapittel fra malen").click()
    page.wait_for_load_state("networkidle")
    assert "allerede et kapittel 2" in page.content()
    _no_violations(page)


def test_a_failed_autosave_says_so_keeps_the_text_and_saves_on_retry(
    page: Any, live_server: Any
) -> None:
    login(page, live_server, "koordinator.alta@example.org")
    url = _open_chapter_work(page, live_server, 3)
    assert page.get_by_text("Svarene lagres automatisk mens du skriver").is_visible()
    section = page.locator("section.prompt-section", has_text="Første versjon av en meningsfull")
    field = section.locator("textarea[name=text]")
    status = section.locator(".save-status")
    # The server answers 500: the writer is told beside the answer, and the text stays.
    page.route("**/answers/**", lambda route: route.fulfill(status=500, body="Feil"))
    field.fill("Heltid er hovedregelen.")
    status.get_by_text("Ikke lagret: noe gikk galt hos oss.").wait_for(timeout=10_000)
    assert field.input_value() == "Heltid er hovedregelen."
    _no_violations(page)
    page.unroute("**/answers/**")
    status.get_by_role("button", name="Prøv igjen").click()
    status.get_by_text("Lagret kl.").wait_for(timeout=10_000)
    # The network is cut: told again; the next change saves by itself once it is back.
    page.route("**/answers/**", lambda route: route.abort())
    field.press("End")
    field.type(" Alle ledige stillinger lyses ut som hele.", delay=5)
    status.get_by_text("Ikke lagret: får ikke kontakt med serveren.").wait_for(timeout=10_000)
    page.unroute("**/answers/**")
    with page.expect_response(
        lambda r: "/answers/" in r.url and "kvartal." in (r.request.post_data or ""),
        timeout=15_000,
    ) as last_save:
        field.type(" Vi måler andelen hvert kvartal.", delay=5)
    assert last_save.value.ok
    status.get_by_text("Lagret kl.").wait_for(timeout=10_000)
    page.goto(url)
    saved = section.locator("textarea[name=text]").input_value()
    assert saved == (
        "Heltid er hovedregelen. Alle ledige stillinger lyses ut som hele. "
        "Vi måler andelen hvert kvartal."
    )


def test_a_writer_logged_out_logs_in_again_and_nothing_is_lost(page: Any, live_server: Any) -> None:
    login(page, live_server, "koordinator.alta@example.org")
    url = _open_chapter_work(page, live_server, 3)
    section = page.locator("section.prompt-section", has_text="Historien om hvordan")
    field = section.locator("textarea[name=text]")
    status = section.locator(".save-status")
    page.context.clear_cookies()  # the session has ended
    field.fill("Skrevet etter at økten gikk ut.")
    status.get_by_text("Ikke lagret: du er logget ut.").wait_for(timeout=10_000)
    assert field.input_value() == "Skrevet etter at økten gikk ut."
    assert status.get_by_role("link", name="Logg inn igjen").is_visible()
    other = page.context.new_page()
    login(other, live_server, "koordinator.alta@example.org")
    other.close()
    status.get_by_role("button", name="Prøv igjen").click()
    status.get_by_text("Lagret kl.").wait_for(timeout=10_000)
    page.goto(url)
    assert section.locator("textarea[name=text]").input_value() == "Skrevet etter at økten gikk ut."


def test_a_table_row_is_added_filled_and_saved(page: Any, live_server: Any) -> None:
    login(page, live_server, "koordinator.alta@example.org")
    url = _open_chapter_work(page, live_server, 3)
    section = page.locator("section.prompt-section", has_text="Bruk kompetanseprofilene")
    rows = section.locator("table.table-input tbody tr")
    before = rows.count()
    section.get_by_role("button", name="Legg til rad").click()
    assert rows.count() == before + 1
    new_cell = section.get_by_label(f"Enhet, rad {before + 1}", exact=True)
    assert new_cell.evaluate("element => element === document.activeElement")
    new_cell.fill("Hjemmetjenesten")
    section.get_by_label(f"Kompetanse, rad {before + 1}", exact=True).fill("Vernepleier")
    section.locator(".save-status").get_by_text("Lagret kl.").wait_for(timeout=10_000)
    # An empty row goes again with "Fjern".
    section.get_by_role("button", name="Legg til rad").click()
    section.get_by_role("button", name=f"Fjern rad {before + 2}").click()
    assert rows.count() == before + 1
    _no_violations(page)
    page.goto(url)
    saved = rows.evaluate_all(
        "rows => rows.map(row => Array.from(row.querySelectorAll('input'), cell => cell.value))"
    )
    assert ["Hjemmetjenesten", "Vernepleier", "", "", ""] in saved
