"""Figures that are allowed but unlikely (staffing/checks.py doubts): marked in the import's
preview and on the entry form, and saved only once the person says they checked them."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest

from heltidnett.extensions import db
from heltidnett.municipalities.models import Municipality
from heltidnett.staffing import checks, services
from tests.conftest import post_form
from tests.staffing_files import stored, value_count, xlsx_bytes
from tests.test_staffing import _pending_id, _text, _upload

NAN = float("nan")


def _doubts(values: dict[str, list[float]], previous: dict[str, list[float]] | None = None):  # type: ignore[no-untyped-def]
    arrays = {c: np.array(v, dtype="float64") for c, v in values.items()}
    before = {c: np.array(v, dtype="float64") for c, v in (previous or {}).items()}
    return {c: found.tolist() for c, found in checks.doubts(arrays, before).items()}


def test_sick_leave_above_30_percent_is_doubted() -> None:
    sick = checks.DOUBTS.index(checks.high_sick_leave) + 1
    found = _doubts({"sick_leave_pct": [6.35, 30.0, 30.1, 63.5, NAN]})
    assert found["sick_leave_pct"] == [0, 0, sick, sick, 0]


def test_fte_far_above_positions_is_doubted_on_both_figures() -> None:
    far = checks.DOUBTS.index(checks.fte_far_over_positions) + 1
    found = _doubts({"positions_actual": [10, 10, 10, NAN], "fte_actual": [12.0, 12.1, 30.0, 30.0]})
    assert found["fte_actual"] == [0, far, far, 0]
    assert found["positions_actual"] == [0, far, far, 0]
    arrays = {"positions_planned": np.array([10.0]), "fte_planned": np.array([30.0])}
    settled = checks.doubts(arrays, {}, confirmed=True)  # the form's confirmation says so
    assert settled["fte_planned"].tolist() == [0]


def test_a_tenfold_change_from_the_previous_period_is_doubted() -> None:
    jump = checks.DOUBTS.index(checks.jump_from_previous) + 1
    found = _doubts(
        {"temps_count": [474, 47, 4, 12, 5, 9.1]},
        {"temps_count": [47.4, 47, 47, 0, NAN, 90]},
    )
    assert found["temps_count"] == [jump, 0, jump, 0, 0, 0]  # 9,1 / 90 is just above a tenth


def test_doubts_refuse_nothing_that_the_rules_let_through() -> None:
    values = {"sick_leave_pct": np.array([63.5])}
    given = {"sick_leave_pct": np.array([True])}
    assert checks.check(values, given)["sick_leave_pct"].tolist() == [0]  # allowed
    assert _doubts({"sick_leave_pct": [63.5]})["sick_leave_pct"] != [0]  # but doubted


def _alta_with_2017(app: Any, tenants: Any) -> None:
    """Alta's Elvebakken sykehjem with 2017 figures stored."""
    with app.app_context():
        alta = db.session.get(Municipality, tenants.alta.id)
        values = {"positions_planned": 73.0, "fte_planned": 47.4, "temps_count": 12.0}
        services.save_entry(
            db.session, None, alta, tenants.alta_unit, "2017", values, False, checked=True
        )
        db.session.commit()


ROWS = [
    ["unit", "period", "positions_planned", "fte_planned", "temps_count", "sick_leave_pct"],
    ["Elvebakken sykehjem", "2018", 73, 47.4, 120, 63.5],
    ["Hele kommunen", "2018", 287, 186.5, 40, 8.1],
]


def test_preview_marks_unlikely_figures_and_confirm_needs_the_tick(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    _alta_with_2017(app, tenants)
    auth.login(tenants.alta_coordinator)
    pending_id = _pending_id(_upload(client, tenants.alta.id, xlsx_bytes(ROWS), "alta.xlsx"))
    preview = f"/staffing/imports/{pending_id}"
    page = _text(client.get(preview))
    assert "Tall som bør sjekkes" in page
    assert "2 tall er lovlige, men uvanlige" in page
    assert "Sykefraværet er over 30 %. Stemmer tallet?" in page
    assert "minst ti ganger så stort eller så lite som forrige periode" in page
    assert "12,00" in page  # the temps of 2017 the 120 is compared with
    assert 'name="checked"' in page and "Jeg har sjekket tallene som er markert" in page
    assert len(re.findall(r'<tr class="staffing-doubted">', page)) >= 2
    before = value_count(app)
    refused = post_form(client, f"{preview}/confirm", {}, form_page=preview)
    assert refused.status_code == 302 and refused.headers["Location"].endswith(preview)
    assert "2 tall er markert som uvanlige" in _text(client.get(preview))
    assert value_count(app) == before  # nothing saved without the tick
    saved = post_form(client, f"{preview}/confirm", {"checked": "y"}, form_page=preview)
    assert saved.status_code == 302 and "/municipalities/" in saved.headers["Location"]
    values = {f"{unit}:{period}:{code}": v for (unit, period, code), v in stored(app).items()}
    assert any(k.endswith(":2018:sick_leave_pct") and v == 63.5 for k, v in values.items())


def test_preview_without_doubts_asks_for_no_tick(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    _alta_with_2017(app, tenants)
    auth.login(tenants.alta_coordinator)
    rows = [ROWS[0], ["Elvebakken sykehjem", "2018", 73, 48.0, 11, 9.5]]
    pending_id = _pending_id(_upload(client, tenants.alta.id, xlsx_bytes(rows), "alta.xlsx"))
    preview = f"/staffing/imports/{pending_id}"
    page = _text(client.get(preview))
    assert "Tall som bør sjekkes" not in page and 'name="checked"' not in page
    assert post_form(client, f"{preview}/confirm", {}, form_page=preview).status_code == 302
    assert value_count(app) == 3 + 4


def test_fte_imported_far_above_stored_positions_is_doubted(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    with app.app_context():
        alta = db.session.get(Municipality, tenants.alta.id)
        values = {"positions_actual": 40.0}
        services.save_entry(db.session, None, alta, tenants.alta_unit, "2018", values, False)
        db.session.commit()
    auth.login(tenants.alta_coordinator)
    rows = [["unit", "period", "fte_actual"], ["Elvebakken sykehjem", "2018", 55.0]]
    pending_id = _pending_id(_upload(client, tenants.alta.id, xlsx_bytes(rows), "alta.xlsx"))
    page = _text(client.get(f"/staffing/imports/{pending_id}"))
    assert "Årsverk er mer enn 1,2 ganger stillingene. Stemmer tallene?" in page


def test_entry_form_marks_unlikely_figures_and_saves_them_once_ticked(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    path = f"/municipalities/{tenants.alta.id}/staffing/entry"
    data = {"unit": str(tenants.alta_unit.id), "period": "2018", "sick_leave_pct": "63,5"}
    response = post_form(client, path, data)
    page = _text(response)
    assert response.status_code == 200
    assert "Tall som er lovlige, men uvanlige" in page
    assert "Sykefraværet er over 30 %. Stemmer tallet?" in page
    assert 'value="63,5"' in page  # what was typed stays
    assert "Jeg har sjekket tallene som er markert" in page
    assert "Skjemaet har feil" not in page  # a doubt is no error, the first time
    assert value_count(app) == 0
    again = _text(post_form(client, path, data | {"asked": "y"}))
    assert "Sjekk tallene som er markert, og kryss av for at du har sjekket dem." in again
    assert value_count(app) == 0
    saved = post_form(client, path, data | {"checked": "y"})
    assert saved.status_code == 302
    assert value_count(app) == 1


def test_save_entry_refuses_unchecked_doubts_by_itself(app: Any, tenants: Any) -> None:
    with app.app_context():
        alta = db.session.get(Municipality, tenants.alta.id)
        with pytest.raises(services.DoubtsUnchecked):
            services.save_entry(
                db.session, None, alta, None, "2018", {"sick_leave_pct": 40.0}, False
            )
        db.session.rollback()
    assert value_count(app) == 0


def test_bands_far_short_of_the_positions_are_doubted() -> None:
    """Only "Stillinger 100 %" given for 48 positions would make the full-time share 100 %."""
    short = checks.DOUBTS.index(checks.bands_short_of_positions) + 1
    found = _doubts(
        {
            "positions_planned": [48, 48, 48, NAN, 48],
            "positions_band_100": [15, 15, 44, 15, NAN],
            "positions_band_80_99": [NAN, 30, NAN, NAN, NAN],
        }
    )
    assert found["positions_band_100"] == [short, 0, 0, 0, 0]  # 15 of 48; 45; 44 (> 90 %)
    assert found["positions_band_80_99"] == [0, 0, 0, 0, 0]
    assert found["positions_planned"] == [0, 0, 0, 0, 0]


def test_a_sheet_with_one_band_is_doubted_in_the_preview(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    rows = [
        ["Enhet", "Periode", "Stillinger, planlagt", "Stillinger 100 %"],
        ["Elvebakken sykehjem", "2018", 48, 15],
    ]
    pending_id = _pending_id(_upload(client, tenants.alta.id, xlsx_bytes(rows), "alta.xlsx"))
    page = _text(client.get(f"/staffing/imports/{pending_id}"))
    assert "Tall som bør sjekkes" in page
    assert "Stillingene i båndene er langt færre enn stillinger, planlagt" in page
    assert 'name="checked"' in page
