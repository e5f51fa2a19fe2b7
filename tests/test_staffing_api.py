"""The staffing API: catalogue, template, measurements, imports; access and small units."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from python_calamine import CalamineWorkbook

from heltidnett.extensions import db
from heltidnett.staffing import catalogue, seeds
from tests.staffing_files import value_count, xlsx_bytes


@pytest.fixture
def alta_2017(app: Any, tenants: Any) -> None:
    """Alta's 2017 figures stored through the API's own service."""
    import pandas as pd

    from heltidnett.municipalities.models import Municipality, Unit
    from heltidnett.staffing import services

    with app.app_context():
        alta = db.session.get(Municipality, tenants.alta.id)
        ids = {}
        for name in seeds.ALTA_2017:
            unit = db.session.scalar(
                sa.select(Unit).where(Unit.municipality_id == alta.id, Unit.name == name)
            )
            if unit is None:
                unit = Unit(municipality_id=alta.id, name=name)
                db.session.add(unit)
                db.session.flush()
            ids[name] = unit.id
        rows = seeds.alta_rows()
        frame = pd.DataFrame(rows, columns=["unit", "period", "indicator", "value"])
        frame["unit_id"] = frame["unit"].map(ids)
        services.save_rows(db.session, None, alta, frame, "test")
        db.session.commit()


def _count(app: Any) -> int:
    return value_count(app)


def test_catalogue_lists_every_indicator(client, tenants, api_token: Callable) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/api/v1/indicators", headers=api_token(tenants.hemnes_participant)).json
    codes = {i["code"]: i for i in data}
    assert len(codes) == len(catalogue.ALL)
    assert codes["fte_planned"]["unit"] == "fte" and not codes["fte_planned"]["computed"]
    assert codes["avg_position_size_planned"]["computed"]
    assert codes["fulltime_share"]["names"]["nn"] == "Heltidsdel"
    assert codes["staff_actual_sun_trade"]["names"]["en"].startswith("Staffing actual Sunday")


def test_template_has_unit_period_and_entered_indicators(client, tenants, api_token) -> None:  # type: ignore[no-untyped-def]
    response = client.get(
        "/api/v1/indicators/template.xlsx", headers=api_token(tenants.alta_coordinator)
    )
    assert response.status_code == 200
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.data)).get_sheet_by_index(0)
    names = sheet.to_python()[0]  # Bokmål, the user's language
    assert names == [
        "Enhet",
        "Periode",
        *(catalogue.BY_CODE[c].nb for c in catalogue.ENTERED_CODES),
    ]


def test_measurements_with_computed_values(client, tenants, api_token, alta_2017) -> None:  # type: ignore[no-untyped-def]
    headers = api_token(tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/measurements"
    response = client.get(url, headers=headers, query_string={"period": "2017"})
    rows = response.json
    assert json.loads(response.headers["X-Pagination"])["total"] == 1 + len(seeds.ALTA_2017)
    whole = rows[0]
    assert set(whole) == {"unit", "unit_id", "period", "figures", "computed"}
    assert whole["unit"] is None and whole["unit_id"] is None and whole["period"] == "2017"
    assert whole["figures"]["positions_planned"] == 287
    assert round(whole["computed"]["avg_position_size_planned"], 1) == 65.0
    assert "avg_position_size_planned" not in whole["figures"]
    ekorn = next(r for r in rows if r["unit"] == "Ekornsvingen sykehjem")
    assert ekorn["figures"]["positions_planned"] == 41 and ekorn["unit_id"] is not None
    one = client.get(
        url, headers=headers, query_string={"indicator": "fulltime_share", "period": "2017"}
    ).json
    assert {code for r in one for code in [*r["figures"], *r["computed"]]} == {"fulltime_share"}
    assert any(r["unit"] == "Hjemmetjenesten Vest" and r["computed"] for r in one)
    bad = client.get(url, headers=headers, query_string={"indicator": "nonsense"})
    assert bad.status_code == 422 and bad.json["error"]["message"].startswith("Ukjent indikator")
    no_period = client.get(url, headers=headers, query_string={"from": "i fjor"})
    assert no_period.status_code == 422 and "Perioden må være" in no_period.json["error"]["message"]


def test_other_municipality_gets_no_small_units(client, tenants, api_token, alta_2017) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/municipalities/{tenants.alta.id}/measurements"
    response = client.get(url, headers=api_token(tenants.hemnes_coordinator))
    units = {r["unit"] for r in response.json}
    assert "Hjemmetjenesten Vest" not in units and "Elvebakken sykehjem" in units
    assert any(r["unit_id"] is None for r in response.json)
    assert json.loads(response.headers["X-Pagination"])["total"] == len(seeds.ALTA_2017)
    own = client.get(url, headers=api_token(tenants.alta_coordinator)).json
    whole = [r["figures"]["positions_planned"] for r in (response.json[0], own[0])]
    assert whole == [287, 287]  # the small unit still counts in the totals


@pytest.fixture
def alta_periods(app: Any, tenants: Any) -> None:
    """Alta's figures for the whole municipality and one unit over years, months and weeks."""
    import pandas as pd

    from heltidnett.municipalities.models import Municipality
    from heltidnett.staffing import services

    periods = ["2016", "2017", "2017-03", "2017-W10", "2018", "2018-01", "2018-W02", "2019"]
    rows = [
        (unit_id, unit, period, "positions_planned", 40.0 + n)
        for n, period in enumerate(periods)
        for unit_id, unit in ((tenants.alta_unit.id, "Elvebakken sykehjem"), (-1, ""))
    ]
    with app.app_context():
        alta = db.session.get(Municipality, tenants.alta.id)
        frame = pd.DataFrame(rows, columns=["unit_id", "unit", "period", "indicator", "value"])
        services.save_rows(db.session, None, alta, frame, "test")
        db.session.commit()


def test_measurements_are_paged_in_period_order(client, tenants, api_token, alta_periods) -> None:  # type: ignore[no-untyped-def]
    headers = api_token(tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/measurements"
    seen = []
    for page in (1, 2, 3, 4):
        response = client.get(url, headers=headers, query_string={"page": page, "page_size": 5})
        assert json.loads(response.headers["X-Pagination"])["total"] == 16
        seen += [(r["period"], r["unit_id"]) for r in response.json]
    periods = ["2016", "2017", "2017-03", "2017-W10", "2018", "2018-01", "2018-W02", "2019"]
    unit = tenants.alta_unit.id
    assert seen == [(p, u) for p in periods for u in (None, unit)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"from": "2017", "to": "2017"}, ["2017", "2017-03", "2017-W10"]),
        ({"from": "2017-03", "to": "2018-01"}, ["2017-03", "2017-W10", "2018", "2018-01"]),
        ({"to": "2017-3"}, ["2016", "2017", "2017-03"]),
        ({"kind": "week"}, ["2017-W10", "2018-W02"]),
        ({"kind": "year", "from": "2018"}, ["2018", "2019"]),
        ({"period": "2018-W2"}, ["2018-W02"]),
    ],
)
def test_measurements_by_period(client, tenants, api_token, alta_periods, query, expected) -> None:  # type: ignore[no-untyped-def]
    headers = api_token(tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/measurements"
    rows = client.get(url, headers=headers, query_string={**query, "whole": "true"}).json
    assert [r["period"] for r in rows] == expected


def test_measurements_of_a_unit_or_the_whole(client, tenants, api_token, alta_periods) -> None:  # type: ignore[no-untyped-def]
    headers = api_token(tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/measurements"
    unit = client.get(url, headers=headers, query_string={"unit": tenants.alta_unit.id}).json
    assert {r["unit_id"] for r in unit} == {tenants.alta_unit.id} and len(unit) == 8
    assert unit[0]["figures"] == {"positions_planned": 40.0}
    units = client.get(url, headers=headers, query_string={"whole": "false"}).json
    assert units == unit
    whole = client.get(url, headers=headers, query_string={"whole": "true", "period": "2019"})
    assert [(r["unit_id"], r["figures"]) for r in whole.json] == [(None, {"positions_planned": 47})]
    other = client.get(url, headers=headers, query_string={"unit": tenants.alta_unit.id + 999})
    assert other.status_code == 200 and other.json == []


def test_other_network_is_refused(client, tenants, api_token, alta_2017) -> None:  # type: ignore[no-untyped-def]
    headers = api_token(tenants.rana_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/measurements"
    assert client.get(url, headers=headers).status_code == 403
    row = {"unit": "Elvebakken sykehjem", "period": "2018", "indicator": "fte_planned", "value": 1}
    response = client.post(url, headers=headers, json=[row])
    assert response.status_code == 403
    assert response.json["error"]["code"] == "forbidden"
    files = {"file": (io.BytesIO(b"unit;period;fte_planned\n"), "a.csv")}
    imported = client.post(
        f"/api/v1/municipalities/{tenants.alta.id}/imports", headers=headers, data=files
    )
    assert imported.status_code == 403


def test_post_rows_all_or_none(app, client, tenants, api_token) -> None:  # type: ignore[no-untyped-def]
    headers = api_token(tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/measurements"
    rows = [
        {
            "unit": "Elvebakken sykehjem",
            "period": "2018",
            "indicator": "fte_planned",
            "value": 47.4,
        },
        {
            "unit": "Elvebakken sykehjem",
            "period": "2018",
            "indicator": "sick_leave_pct",
            "value": 140,
        },
        {"unit": "Finnes ikke", "period": "2018", "indicator": "fte_planned", "value": 1},
        {"unit": "", "period": "i fjor", "indicator": "avg_position_size_planned", "value": 1},
    ]
    response = client.post(url, headers=headers, json=rows)
    assert response.status_code == 422
    details = response.json["error"]["details"]
    assert set(details) == {"1", "2", "3"}
    assert "mellom 0 og 100" in details["1"][0]
    assert _count(app) == 0
    good = client.post(url, headers=headers, json=[rows[0], {**rows[1], "value": "14,0 %"}])
    assert good.status_code == 201
    assert good.json == {"added": 2, "changed": 0, "unchanged": 0}
    again = client.post(url, headers=headers, json=[{**rows[0], "value": 47.0}])
    assert again.json == {"added": 0, "changed": 1, "unchanged": 0}


def test_import_preview_then_commit(app, client, tenants, api_token) -> None:  # type: ignore[no-untyped-def]
    headers = api_token(tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/imports"
    data = xlsx_bytes(
        [
            ["unit", "period", "positions_planned", "fte_planned"],
            ["Elvebakken sykehjem", "2017", 73, 47.4],
            ["Elvebakken sykehjem", "2017-13", 73, 47.4],
        ]
    )
    preview = client.post(url, headers=headers, data={"file": (io.BytesIO(data), "a.xlsx")})
    assert preview.status_code == 200
    assert preview.json["committed"] is False and preview.json["rows"] == 2
    assert preview.json["rejected"][0]["row"] == 3
    assert preview.json["rejected"][0]["column"] == "period"
    assert _count(app) == 0
    committed = client.post(
        url + "?commit=true", headers=headers, data={"file": (io.BytesIO(data), "a.xlsx")}
    )
    assert committed.json["committed"] is True
    assert committed.json["changes"]["added"] == 2
    assert _count(app) == 2
    bad = client.post(url, headers=headers, data={"file": (io.BytesIO(b"\x00\x01"), "a.xlsx")})
    assert bad.status_code == 422 and "filtypen" in bad.json["error"]["message"]


def test_filled_template_imports_without_mapping(app, client, tenants, api_token) -> None:  # type: ignore[no-untyped-def]
    headers = api_token(tenants.alta_coordinator)
    template = client.get("/api/v1/indicators/template.xlsx", headers=headers).data
    columns = CalamineWorkbook.from_filelike(io.BytesIO(template)).get_sheet_by_index(0)
    header = columns.to_python()[0]
    row = [""] * len(header)
    row[0], row[1] = "Elvebakken sykehjem", "2018-W43"
    row[header.index("Stillinger, planlagt")] = 42
    row[header.index("Årsverk, planlagt")] = 27.51
    row[header.index("Bemanning planlagt lørdag, fagbrev")] = 4
    data = xlsx_bytes([header, row])
    url = f"/api/v1/municipalities/{tenants.alta.id}/imports?commit=true"
    response = client.post(url, headers=headers, data={"file": (io.BytesIO(data), "mal.xlsx")})
    assert response.json["rows"] == 3 and response.json["rejected"] == []
    rows = client.get(
        f"/api/v1/municipalities/{tenants.alta.id}/measurements",
        headers=headers,
        query_string={"period": "2018-W43", "indicator": "avg_position_size_planned"},
    ).json
    values = [round(r["computed"]["avg_position_size_planned"], 1) for r in rows if r["unit_id"]]
    assert values == [65.5]
