"""In headless Chromium: a coordinator imports a spreadsheet, fixes a cell, sees the dashboard.

axe-core checks every staffing page for WCAG 2.1 A and AA violations.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser_support import axe_violations, login
from tests.staffing_files import ods_bytes, xlsx_bytes

pytestmark = pytest.mark.browser


def _alta_id(page, live_server) -> str:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/networks/1")
    page.locator("#kommuner").get_by_role("link", name="Alta").click()
    match = re.search(r"/municipalities/(\d+)", page.url)
    assert match
    return match.group(1)


def _preview(page, sheet: Path) -> None:  # type: ignore[no-untyped-def]
    """Upload a spreadsheet on the import page and open its preview."""
    page.get_by_label("Regneark").set_input_files(str(sheet))
    page.get_by_role("button", name="Last opp og forhåndsvis").click()


def test_import_fix_and_dashboard(page, live_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    login(page, live_server, "koordinator.alta@example.org")
    alta = _alta_id(page, live_server)
    page.get_by_role("link", name="Bemanningsindikatorer").click()
    assert page.get_by_role("heading", name="Bemanningsindikatorer for Alta").is_visible()
    assert page.locator(".staffing-summary").get_by_text("65,0\u00a0%").is_visible()
    assert page.locator("svg.chart[role=img]").count() >= 3
    assert axe_violations(page) == []

    sheet = tmp_path / "alta-2016.ods"
    sheet.write_bytes(
        ods_bytes(
            [
                ["unit", "period", "positions_planned", "fte_planned", "sick_leave_pct"],
                ["Elvebakken sykehjem", "2016", 70, 44.1, 0.12],
                ["Ekornsvingen sykehjem", "2016", 40, "tjuetre", 0.18],
            ],
            frozenset({4}),
        )
    )
    page.get_by_role("link", name="Importer regneark").click()
    assert axe_violations(page) == []
    _preview(page, sheet)
    assert page.get_by_role("cell", name="tjuetre").is_visible()
    assert page.get_by_role("cell", name="Ikke et tall.").is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Rettet verdi for rad 3, fte_planned").fill("22,4")
    page.get_by_role("button", name="Bruk rettelsene").click()
    assert page.get_by_text("6 nye verdier").is_visible()
    page.get_by_role("button", name="Importer 6 verdier").click()
    assert page.get_by_text("Importen er lagret: 6 tall").is_visible()
    assert "period=" in page.url  # lands on the period just imported
    page.goto(f"{live_server.url}/municipalities/{alta}/staffing?period=2016")
    table = page.locator("section[aria-labelledby=table-heading] table")
    assert "56,0\u00a0%" in table.inner_text()  # 22,4 / 40 for Ekornsvingen
    assert "63,0\u00a0%" in table.inner_text()  # 44,1 / 70 for Elvebakken

    page.goto(f"{live_server.url}/municipalities/{alta}/staffing/entry?unit=whole&period=2019")
    assert axe_violations(page) == []
    page.get_by_label("Stillinger, planlagt").fill("10")
    page.get_by_label("Årsverk, planlagt").fill("12,5")
    page.get_by_role("button", name="Lagre tallene").click()
    assert page.get_by_text("Skjemaet har feil som må rettes").is_visible()
    assert page.get_by_label("Årsverk, planlagt").input_value() == "12,5"
    assert axe_violations(page) == []


def test_excel_sheet_read_column_by_column_reaches_the_dashboard(  # type: ignore[no-untyped-def]
    page, live_server, tmp_path: Path
) -> None:
    login(page, live_server, "koordinator.alta@example.org")
    alta = _alta_id(page, live_server)
    sheet = tmp_path / "alta-2015.xlsx"  # one type per column: the column reader takes it
    sheet.write_bytes(
        xlsx_bytes(
            [
                ["unit", "period", "positions_planned", "fte_planned", "sick_leave_pct"],
                ["Elvebakken sykehjem", "2015", 70, 42, 0.115],
                ["Ekornsvingen sykehjem", "2015", 40, 18, 0.2],
            ],
            frozenset({4}),  # sick leave in percent-formatted cells
        )
    )
    page.goto(f"{live_server.url}/municipalities/{alta}/staffing/import")
    _preview(page, sheet)
    assert page.get_by_text("6 nye verdier").is_visible()
    assert page.get_by_role("cell", name="Ikke et tall.").count() == 0
    assert axe_violations(page) == []
    page.get_by_role("button", name="Importer 6 verdier").click()
    assert page.get_by_text("Importen er lagret: 6 tall").is_visible()
    assert "period=" in page.url  # lands on the period just imported
    page.goto(f"{live_server.url}/municipalities/{alta}/staffing?period=2015")
    table = page.locator("section[aria-labelledby=table-heading] table").inner_text()
    assert "60,0\u00a0%" in table  # 42 / 70 for Elvebakken
    assert "45,0\u00a0%" in table  # 18 / 40 for Ekornsvingen
    assert "11,5\u00a0%" in table  # 0,115 in a percent cell is 11,5 %


def test_network_comparison_hides_small_units(page, live_server) -> None:  # type: ignore[no-untyped-def]
    login(page, live_server, "koordinator.hemnes@example.org")
    page.goto(live_server.url + "/networks/1/staffing?period=2017")
    assert page.get_by_role("heading", name="Bemanningsindikatorer i Heltid i nord").is_visible()
    text = page.locator("main").inner_text()
    assert "Alta: Elvebakken sykehjem" in text
    assert "Hjemmetjenesten Vest" not in text  # 8,1 FTE: hidden from Hemnes
    assert axe_violations(page) == []
