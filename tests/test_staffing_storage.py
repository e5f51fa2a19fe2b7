"""How staffing figures are stored: one row per unit and period, merged, cleared and guarded."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from heltidnett.core.errors import ServiceError
from heltidnett.extensions import db
from heltidnett.staffing import importer, services
from heltidnett.staffing.models import Measurement
from tests.conftest import post_form
from tests.staffing_files import stored


def _rows(unit_id: int, period: str, values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": [unit_id] * len(values),
            "unit": ["Elvebakken sykehjem"] * len(values),
            "period": [period] * len(values),
            "indicator": list(values),
            "value": [float(v) for v in values.values()],
        }
    )


def _save(app: Any, municipality_id: int, rows: pd.DataFrame) -> services.Changes:
    from heltidnett.municipalities.models import Municipality

    with app.app_context():
        municipality = db.session.get(Municipality, municipality_id)
        changes = services.save_rows(db.session, None, municipality, rows, "test")
        db.session.commit()
        return changes


def _row_count(app: Any) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(Measurement.id)))


def test_values_of_a_unit_and_period_share_one_row(app, tenants) -> None:  # type: ignore[no-untyped-def]
    unit = tenants.alta_unit.id
    _save(app, tenants.alta.id, _rows(unit, "2017", {"positions_planned": 73, "fte_planned": 47.4}))
    changes = _save(
        app, tenants.alta.id, _rows(unit, "2017", {"fte_planned": 47.0, "sick_leave_pct": 14})
    )
    _save(app, tenants.alta.id, _rows(services.WHOLE, "2017", {"fte_planned": 186.53}))
    assert (changes.added, changes.changed, changes.unchanged) == (1, 1, 0)
    assert _row_count(app) == 2  # Elvebakken 2017 and the whole municipality 2017
    assert stored(app) == {
        (unit, "2017", "positions_planned"): 73.0,  # kept: not in the second save
        (unit, "2017", "fte_planned"): 47.0,
        (unit, "2017", "sick_leave_pct"): 14.0,
        ("whole", "2017", "fte_planned"): 186.53,
    }


def test_entry_form_clears_one_value_and_then_the_row(app, client, auth, tenants) -> None:  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    path = f"/municipalities/{tenants.alta.id}/staffing/entry"
    unit = str(tenants.alta_unit.id)
    base = {"unit": unit, "period": "2018"}
    first = {**base, "positions_planned": "10", "fte_planned": "6,5", "sick_leave_pct": "9"}
    assert post_form(client, path, first).status_code == 302
    emptied = {**base, "positions_planned": "10", "fte_planned": "6,5"}
    assert post_form(client, path, emptied).status_code == 302
    assert "Tallene er lagret: 0 nye, 0 endret, 1 fjernet." in client.get(path).get_data(True)
    assert stored(app) == {
        (tenants.alta_unit.id, "2018", "positions_planned"): 10.0,
        (tenants.alta_unit.id, "2018", "fte_planned"): 6.5,
    }
    assert post_form(client, path, base).status_code == 302
    assert _row_count(app) == 0  # no figures left: no row


def test_a_clash_with_another_save_writes_nothing(app, tenants, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Two saves creating the same unit and period at once: the second is refused whole."""
    from heltidnett.municipalities.models import Municipality

    unit = tenants.alta_unit.id
    _save(app, tenants.alta.id, _rows(unit, "2019", {"positions_planned": 20}))
    _unseen(monkeypatch)  # the second save does not see the first
    with app.app_context():
        municipality = db.session.get(Municipality, tenants.alta.id)
        rows = pd.concat(
            [
                _rows(unit, "2019", {"positions_planned": 99}),
                _rows(services.WHOLE, "2019", {"fte_planned": 5}),
            ]
        )
        with pytest.raises(ServiceError, match="samtidig"):
            services.save_rows(db.session, None, municipality, rows, "test")
        db.session.rollback()
    assert stored(app) == {(unit, "2019", "positions_planned"): 20.0}


def test_figure_patches_group_values_per_unit_and_period() -> None:
    values = pd.DataFrame(
        {
            "id": [np.nan, 7.0, np.nan, 7.0],
            "unit_id": [2, 1, 2, 1],
            "period": ["2018", "2017", "2018", "2017"],
            "indicator": ["fte_planned", "fte_planned", "positions_planned", "sick_leave_pct"],
            "value": [6.5, 47.4, 10.0, 12.5],
        }
    )
    patches = services.figure_patches(values)
    assert patches["id"].tolist() == [7, -1]
    assert patches["unit_id"].tolist() == [1, 2]
    assert patches["figures"].tolist() == [
        '{"fte_planned":47.4,"sick_leave_pct":12.5}',
        '{"fte_planned":6.5,"positions_planned":10.0}',
    ]
    values.loc[0, "value"] = np.inf
    with pytest.raises(ValueError, match="finite"):
        services.figure_patches(values)


@pytest.mark.parametrize("cell", ["inf", "-inf", "nan", "1e999", float("inf")])
def test_infinite_numbers_are_rejected_as_not_numbers(cell: Any) -> None:
    grid = importer.Grid(["unit", "period", "fte_planned"], [["Elvebakken", "2018", cell]])
    checked = importer.check_grid(grid, importer.auto_mapping(grid.headers), {"elvebakken": 1})
    assert checked.rows.empty
    assert [r.reason for r in checked.rejected] == ["Ikke et tall."]


@pytest.mark.parametrize(
    ("headers", "mapping"),
    [
        (["unit", "period", "fte_planned", "fte_planned"], None),  # the same header twice
        (
            ["Enhet", "År", "Årsverk", "fte_planned"],
            {
                "Enhet": "unit",
                "År": "period",
                "Årsverk": "fte_planned",
                "fte_planned": "fte_planned",
            },
        ),
    ],
)
def test_two_columns_for_one_indicator_are_refused(headers: list[str], mapping: Any) -> None:
    grid = importer.Grid(headers, [["Elvebakken", "2018", 5, 6]])
    with pytest.raises(importer.ImportError_, match="Flere kolonner er koblet til det samme"):
        importer.check_grid(grid, mapping or importer.auto_mapping(headers), {"elvebakken": 1})


def _unseen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Later saves do not see what is stored (as in a concurrent transaction)."""
    monkeypatch.setattr(services, "stored_frame", lambda *a: services._empty_stored())


def test_api_answers_a_clash_with_409(app, client, tenants, api_token, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    headers = api_token(tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/measurements"
    row = {"unit": "Elvebakken sykehjem", "period": "2018", "indicator": "fte_planned"}
    assert client.post(url, headers=headers, json=[{**row, "value": 47.4}]).status_code == 201
    _unseen(monkeypatch)
    response = client.post(url, headers=headers, json=[{**row, "value": 50}])
    assert response.status_code == 409
    assert "samtidig" in response.json["error"]["message"]
    assert stored(app) == {(tenants.alta_unit.id, "2018", "fte_planned"): 47.4}


def test_entry_form_keeps_the_typed_values_on_a_clash(
    app, client, auth, tenants, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    path = f"/municipalities/{tenants.alta.id}/staffing/entry"
    form = {"unit": str(tenants.alta_unit.id), "period": "2018", "positions_planned": "10"}
    assert post_form(client, path, form).status_code == 302
    _unseen(monkeypatch)
    response = post_form(client, path, {**form, "positions_planned": "12"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "samtidig" in page and 'value="12"' in page
    assert stored(app) == {(tenants.alta_unit.id, "2018", "positions_planned"): 10.0}
