"""The rules of staffing figures (staffing/checks.py): the entry's service enforces them
without its view, and the entry, the import and the API say the same about the same value."""

from __future__ import annotations

from typing import Any

import pytest

from heltidnett.extensions import db
from heltidnett.municipalities.models import Municipality
from heltidnett.staffing import catalogue, checks, importer, services
from tests.conftest import post_form
from tests.staffing_files import value_count

UNIT = "Elvebakken sykehjem"
ENTRY_CODES = [i.code for i in [*catalogue.ENTERED, *catalogue.WEEKDAY_STAFFING]]

# The values of one unit and period that break a rule, and the field the entry shows it on.
CASES: dict[str, tuple[dict[str, float], str]] = {
    "too large to hold": ({"fte_actual": float("inf")}, "fte_actual"),
    "negative": ({"temps_count": -2}, "temps_count"),
    "share over 100": ({"sick_leave_pct": 140}, "sick_leave_pct"),
    "count not whole": ({"positions_planned": 10.5}, "positions_planned"),
    "fte over positions": ({"positions_planned": 10, "fte_planned": 12.5}, "fte_planned"),
    "bands over positions": (
        {"positions_planned": 10, "positions_band_100": 8, "positions_band_0_29": 4},
        "positions_band_100",
    ),
}


def _entry(given: dict[str, float]) -> dict[str, float | None]:
    """The entry form's values: every field, the given ones filled."""
    return {**dict.fromkeys(ENTRY_CODES), **given}


@pytest.mark.parametrize("case", sorted(CASES))
def test_save_entry_refuses_by_itself_what_check_entry_refuses(app: Any, tenants: Any, case: str):  # type: ignore[no-untyped-def]
    given, field = CASES[case]
    values = _entry(given)
    with app.app_context():
        problems = services.check_entry(values, False)
        assert field in problems
        alta = db.session.get(Municipality, tenants.alta.id)
        with pytest.raises(services.EntryRefused) as refused:
            services.save_entry(db.session, None, alta, None, "2018", values, False)
        assert refused.value.problems == problems
        assert problems[field] in str(refused.value)
        db.session.commit()
    assert value_count(app) == 0


def test_save_entry_takes_a_confirmed_fte_over_positions(app: Any, tenants: Any):  # type: ignore[no-untyped-def]
    values = _entry({"positions_planned": 10, "fte_planned": 10.5})
    with app.app_context():
        alta = db.session.get(Municipality, tenants.alta.id)
        with pytest.raises(services.EntryRefused):
            services.save_entry(db.session, None, alta, None, "2018", values, False)
        changes = services.save_entry(db.session, None, alta, None, "2018", values, True)
        db.session.commit()
    assert changes.added == 2 and value_count(app) == 2


@pytest.mark.parametrize("case", sorted(CASES))
def test_entry_import_and_api_say_the_same_of_the_same_value(app: Any, tenants: Any, case: str):  # type: ignore[no-untyped-def]
    from flask_babel import gettext

    given, field = CASES[case]
    headers = ["unit", "period", *given]
    grid = importer.Grid(headers, [[UNIT, "2018", *given.values()]])
    items = [
        {"unit": UNIT, "period": "2018", "indicator": code, "value": value}
        for code, value in given.items()
    ]
    with app.app_context():
        entry = services.check_entry(_entry(given), False)
        checked = importer.check_grid(
            grid, {h: h for h in headers}, {UNIT.lower(): tenants.alta_unit.id}, gettext
        )
        alta = db.session.get(Municipality, tenants.alta.id)
        _rows, errors = services.rows_from_json(db.session, alta, items)
        fte = checks.fte_over_positions
        assert fte.confirm is not None
        asked, said = fte.confirm(gettext), fte.message(gettext)
    imported = {r.column: r.reason for r in checked.rejected}
    api = {items[int(n)]["indicator"]: reasons for n, reasons in errors.items()}
    assert api[field] == [imported[field]]  # the API's rows are checked as a sheet's
    if case == "fte over positions":  # the form asks to confirm; a file cannot
        assert (entry[field], imported[field]) == (asked, said)
    else:
        assert entry[field] == imported[field]


def test_the_api_checks_fte_against_positions_given_in_another_row(client, tenants, api_token, app):  # type: ignore[no-untyped-def]
    url = f"/api/v1/municipalities/{tenants.alta.id}/measurements"
    rows = [
        {"unit": UNIT, "period": "2018", "indicator": "positions_planned", "value": 10},
        {"unit": "Hele kommunen", "period": "2018", "indicator": "fte_planned", "value": 12},
        {"unit": UNIT.upper(), "period": 2018, "indicator": "fte_planned", "value": 12},
    ]
    response = client.post(url, headers=api_token(tenants.alta_coordinator), json=rows)
    assert response.status_code == 422
    assert response.json["error"]["details"] == {
        "2": ["Årsverk kan ikke være flere enn stillinger."]
    }
    assert value_count(app) == 0


def test_the_entry_form_refuses_a_number_too_large_to_hold(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    path = f"/municipalities/{tenants.alta.id}/staffing/entry"
    data = {"unit": str(tenants.alta_unit.id), "period": "2018", "fte_planned": "1e999"}
    response = post_form(client, path, data)
    assert response.status_code == 200
    # the shared Norwegian number parser refuses exponents before any rule runs
    assert "Skriv et tall, for eksempel 27,51." in response.get_data(as_text=True)
    assert value_count(app) == 0
