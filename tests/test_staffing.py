"""Staffing pages: dashboard, entry, import with preview and fixes, exports, access."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import sqlalchemy as sa

from heltidnett.extensions import db
from heltidnett.staffing import seeds
from heltidnett.staffing.models import Measurement, PendingImport
from tests.conftest import post_form
from tests.staffing_files import ods_bytes, stored, value_count, xlsx_bytes


@pytest.fixture
def load_rows(app: Any) -> Callable[..., None]:
    """Store (unit, period, indicator, value) rows for a municipality, creating its units."""
    import pandas as pd
    import sqlalchemy as sa

    from heltidnett.extensions import db
    from heltidnett.municipalities.models import Municipality, Unit
    from heltidnett.staffing import services

    def load(municipality: Any, rows: list[tuple[str, str, str, float]]) -> None:
        with app.app_context():
            m = db.session.get(Municipality, municipality.id)
            units = {}
            for name in dict.fromkeys(r[0] for r in rows):
                unit = db.session.scalar(
                    sa.select(Unit).where(Unit.municipality_id == m.id, Unit.name == name)
                )
                if unit is None:
                    unit = Unit(municipality_id=m.id, name=name)
                    db.session.add(unit)
                    db.session.flush()
                units[name] = unit.id
            frame = pd.DataFrame(
                {
                    "unit_id": [units[r[0]] for r in rows],
                    "unit": [r[0] for r in rows],
                    "period": [r[1] for r in rows],
                    "indicator": [r[2] for r in rows],
                    "value": [float(r[3]) for r in rows],
                }
            )
            services.save_rows(db.session, None, m, frame, "test")
            db.session.commit()

    return load


def _count(app: Any) -> int:
    return value_count(app)


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"[ \t\r\n]+", " ", response.get_data(as_text=True))


def _upload(client, municipality_id: int, data: bytes, filename: str):  # type: ignore[no-untyped-def]
    path = f"/municipalities/{municipality_id}/staffing/import"
    return post_form(
        client,
        path,
        {"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def _pending_id(response) -> int:  # type: ignore[no-untyped-def]
    match = re.search(r"/staffing/imports/(\d+)", response.headers["Location"])
    assert match
    return int(match.group(1))


def test_dashboard_shows_alta_averages_and_band_profile(app, client, auth, tenants, load_rows):  # type: ignore[no-untyped-def]
    load_rows(tenants.alta, seeds.alta_rows())
    auth.login(tenants.alta_coordinator)
    page = _text(client.get(f"/municipalities/{tenants.alta.id}/staffing"))
    assert "Bemanningsindikatorer for Alta" in page
    assert "65,0\u00a0%" in page  # planned average, whole municipality (seed: 65,0 %)
    assert "27,9\u00a0%" in page  # full-time share, whole municipality (seed: 27,9 %)
    assert "56,3\u00a0%" in page and "80,1\u00a0%" in page  # Ekornsvingen, Hjemmetjenesten Øst
    assert 'role="img"' in page and '<title id="chart-bands-title">' in page
    assert ' style="' not in page  # charts are safe under the CSP
    assert "Nasjonal turnusprofil 2012–2017" in page and "22,8\u00a0%" in page


def test_small_units_are_hidden_from_other_municipalities(app, client, auth, tenants, load_rows):  # type: ignore[no-untyped-def]
    load_rows(tenants.alta, seeds.alta_rows())
    auth.login(tenants.hemnes_coordinator)
    page = _text(client.get(f"/municipalities/{tenants.alta.id}/staffing"))
    assert "Hjemmetjenesten Vest" not in page  # 8,1 actual FTE
    assert "Elvebakken sykehjem" in page
    assert "10 årsverk eller færre" in page
    compare = _text(client.get(f"/networks/{tenants.north.id}/staffing?period=2017"))
    assert "Hjemmetjenesten Vest" not in compare and "Alta: Elvebakken sykehjem" in compare
    export = client.get(f"/municipalities/{tenants.alta.id}/staffing/export.csv?period=2017")
    assert "Hjemmetjenesten Vest" not in export.get_data(as_text=True)
    auth.logout()
    auth.login(tenants.alta_coordinator)
    assert "Hjemmetjenesten Vest" in _text(
        client.get(f"/municipalities/{tenants.alta.id}/staffing")
    )


def test_other_network_cannot_see_or_change_figures(app, client, auth, tenants, load_rows):  # type: ignore[no-untyped-def]
    load_rows(tenants.alta, seeds.alta_rows())
    auth.login(tenants.rana_coordinator)
    mid = tenants.alta.id
    assert client.get(f"/municipalities/{mid}/staffing").status_code == 403
    assert client.get(f"/municipalities/{mid}/staffing/export.xlsx").status_code == 403
    assert client.get(f"/municipalities/{mid}/staffing/entry").status_code == 403
    assert client.get(f"/networks/{tenants.north.id}/staffing").status_code == 403
    response = _upload(client, tenants.rana.id, b"unit;period\n", "x.csv")
    assert response.status_code in (200, 302)
    # a form post to Alta's import with a valid token of Rana's own page
    token_page = f"/municipalities/{tenants.rana.id}/staffing/import"
    forbidden = post_form(
        client,
        f"/municipalities/{mid}/staffing/import",
        {"file": (io.BytesIO(b"unit;period\n"), "x.csv")},
        form_page=token_page,
        content_type="multipart/form-data",
    )
    assert forbidden.status_code == 403


def test_steering_and_participants_cannot_enter_figures(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_steering)
    assert client.get(f"/municipalities/{tenants.alta.id}/staffing").status_code == 200
    assert client.get(f"/municipalities/{tenants.alta.id}/staffing/entry").status_code == 403
    assert client.get(f"/municipalities/{tenants.alta.id}/staffing/import").status_code == 403


def test_pending_import_belongs_to_its_uploader(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    rows = [["unit", "period", "positions_planned"], ["Elvebakken sykehjem", "2018", 73]]
    pending_id = _pending_id(_upload(client, tenants.alta.id, xlsx_bytes(rows), "alta.xlsx"))
    auth.logout()
    auth.login(tenants.hemnes_coordinator)
    assert client.get(f"/staffing/imports/{pending_id}").status_code == 403
    token = f"/municipalities/{tenants.hemnes.id}/staffing/import"
    response = post_form(client, f"/staffing/imports/{pending_id}/confirm", {}, form_page=token)
    assert response.status_code == 403
    assert _count(app) == 0


def test_excel_import_preview_fix_and_confirm(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    rows = [
        ["unit", "period", "positions_planned", "fte_planned", "sick_leave_pct"],
        ["Elvebakken sykehjem", "2017", 73, 47.4, 0.14],
        ["Elvebakken sykehjem", "2018", 73, "førtisju", 0.12],
        ["Ukjent enhet", "2017", 10, 5, 0.1],
        ["Elvebakken sykehjem", "2019", 10, 12, 0.1],
    ]
    response = _upload(client, tenants.alta.id, xlsx_bytes(rows, frozenset({4})), "alta.xlsx")
    assert response.status_code == 302
    pending_id = _pending_id(response)
    page = _text(client.get(f"/staffing/imports/{pending_id}"))
    assert "Ingenting er lagret ennå" in page
    assert "førtisju" in page and "Ikke et tall." in page
    assert "Ukjent enhet" in page and "ingen enhet med dette navnet" in page
    assert "Årsverk kan ikke være flere enn stillinger." in page
    assert _count(app) == 0  # the preview writes nothing
    post_form(
        client,
        f"/staffing/imports/{pending_id}/fixes",
        {"fix-3-fte_planned": "47,2"},
        form_page=f"/staffing/imports/{pending_id}",
    )
    page = _text(client.get(f"/staffing/imports/{pending_id}"))
    assert "førtisju" not in page
    response = post_form(
        client,
        f"/staffing/imports/{pending_id}/confirm",
        {},
        form_page=f"/staffing/imports/{pending_id}",
    )
    assert response.status_code == 302
    values = {f"{period}:{code}": value for (_u, period, code), value in stored(app).items()}
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(PendingImport.id))) == 0
    assert values["2017:sick_leave_pct"] == pytest.approx(14.0)  # percent cell 14 %
    assert values["2018:fte_planned"] == pytest.approx(47.2)
    assert "2019:fte_planned" not in values and values["2019:positions_planned"] == 10
    dashboard = _text(client.get(f"/municipalities/{tenants.alta.id}/staffing?period=2017"))
    assert "64,9\u00a0%" in dashboard  # 47,4 / 73


def test_preview_counts_one_in_the_singular(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    rows = [
        ["unit", "period", "fte_planned", "positions_planned"],
        ["Elvebakken sykehjem", "2017", 5, "fem"],
    ]
    response = _upload(client, tenants.alta.id, xlsx_bytes(rows), "alta.xlsx")
    page = _text(client.get(f"/staffing/imports/{_pending_id(response)}"))
    assert "Ingenting er lagret ennå. 1 rad i filen." in page
    assert "1 ny verdi" in page and "1 celle avvist" in page
    assert "0 verdier endres" in page and "0 verdier er uendret" in page


def test_libreoffice_import_and_reimport_reports_changes(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    rows = [
        ["unit", "period", "positions_planned", "fte_planned", "sick_leave_pct"],
        ["Elvebakken sykehjem", "2017", 73, 47.4, 0.14],
        ["Hele kommunen", "2017", 287, 186.53, 0.129],
    ]
    pending_id = _pending_id(
        _upload(client, tenants.alta.id, ods_bytes(rows, frozenset({4})), "a.ods")
    )
    page = _text(client.get(f"/staffing/imports/{pending_id}"))
    assert "6 nye verdier" in page
    post_form(
        client,
        f"/staffing/imports/{pending_id}/confirm",
        {},
        form_page=f"/staffing/imports/{pending_id}",
    )
    assert _count(app) == 6
    rows[1][3] = 47.0
    pending_id = _pending_id(
        _upload(client, tenants.alta.id, ods_bytes(rows, frozenset({4})), "a.ods")
    )
    page = _text(client.get(f"/staffing/imports/{pending_id}"))
    assert "1 verdi endres" in page and "5 verdier er uendret" in page
    assert "47,40" in page and "47,00" in page
    response = post_form(
        client,
        f"/staffing/imports/{pending_id}/confirm",
        {},
        form_page=f"/staffing/imports/{pending_id}",
    )
    assert _count(app) == 6
    follow = _text(client.get(response.headers["Location"]))
    assert "0 nye, 1 erstattet (fantes fra før med et annet tall), 5 uendret" in follow


def test_csv_with_norwegian_numbers_and_mapping_saved(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    csv = (
        "Avdeling;År;Stillinger;Årsverk;Sykefravær\r\n"
        "Elvebakken sykehjem;01.12.2017;1\u00a0073;47,4;14,0 %\r\n"
    ).encode("cp1252", errors="replace")
    csv = (
        "\ufeffAvdeling;Periode;Stillinger;Årsverk;Sykefravær\r\n"
        "Elvebakken sykehjem;2017;1\u00a0073;1 047,4;14,0 %\r\n"
    ).encode()
    pending_id = _pending_id(_upload(client, tenants.alta.id, csv, "egen.csv"))
    page = _text(client.get(f"/staffing/imports/{pending_id}"))
    assert "Filen følger ikke malen" in page
    post_form(
        client,
        f"/staffing/imports/{pending_id}/mapping",
        {
            "col-0": "unit",
            "col-1": "period",
            "col-2": "positions_planned",
            "col-3": "fte_planned",
            "col-4": "sick_leave_pct",
        },
        form_page=f"/staffing/imports/{pending_id}",
    )
    page = _text(client.get(f"/staffing/imports/{pending_id}"))
    assert "3 nye verdier" in page and "1\u00a0047,40" in page and "14,00" in page
    # the next file with the same headers is mapped at once
    again = _pending_id(_upload(client, tenants.alta.id, csv, "egen.csv"))
    assert "Filen følger ikke malen" not in _text(client.get(f"/staffing/imports/{again}"))


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * (450 * 1024 * 1024))
    return buffer.getvalue()


def _macro() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/vbaProject.bin", b"\x00" * 64)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "bilde.xlsx", "Denne filtypen kan ikke lastes opp"),
        (_macro(), "makro.xlsm", "makroer"),
        (b"PK\x03\x04" + b"\x00" * 200, "skadet.xlsx", "skadet"),
        (b"", "tom.csv", "Filen er tom"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "gammel.xls", "filtypen"),
    ],
)
def test_hostile_or_broken_files_are_refused(app, client, auth, tenants, data, name, message):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    response = _upload(client, tenants.alta.id, data, name)
    assert response.status_code == 422
    assert message in _text(response)
    assert _count(app) == 0


def test_zip_bomb_is_refused_before_parsing(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    response = _upload(client, tenants.alta.id, _bomb(), "bombe.xlsx")
    assert response.status_code == 422
    assert "for stor når den pakkes ut" in _text(response)
    assert _count(app) == 0


def test_formulas_are_read_as_their_cached_values(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    rows = [["unit", "period", "positions_planned"], ["Elvebakken sykehjem", "2017", "=1+1"]]
    pending_id = _pending_id(_upload(client, tenants.alta.id, xlsx_bytes(rows), "formel.xlsx"))
    page = _text(client.get(f"/staffing/imports/{pending_id}"))
    assert "999,00" in page  # the cached value, not a computed 2


def test_entry_form_checks_and_keeps_input(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    path = f"/municipalities/{tenants.alta.id}/staffing/entry"
    unit = str(tenants.alta_unit.id)
    response = post_form(
        client,
        path,
        {
            "unit": unit,
            "period": "2018",
            "positions_planned": "10",
            "positions_band_100": "8",
            "positions_band_0_29": "4",
            "fte_planned": "12,5",
            "sick_leave_pct": "140",
            "temps_count": "mange",
        },
    )
    page = _text(response)
    assert response.status_code == 200
    assert "Stillingene i båndene er flere enn stillinger, planlagt." in page
    assert "Årsverk er flere enn stillinger" in page
    assert "En andel må være mellom 0 og 100 %." in page
    assert "Skriv et tall" in page and 'value="mange"' in page and 'value="12,5"' in page
    assert _count(app) == 0
    response = post_form(
        client,
        path,
        {
            "unit": unit,
            "period": "2018",
            "positions_planned": "10",
            "positions_band_100": "9",  # of 10: no band is missing
            "fte_planned": "10,5",
            "confirm_fte": "y",
        },
    )
    assert response.status_code == 302
    assert _count(app) == 3
    loaded = _text(client.get(f"{path}?unit={unit}&period=2018"))
    assert 'value="10,5"' in loaded


def test_export_xlsx_has_real_numbers_and_csv_escapes(app, client, auth, tenants, load_rows):  # type: ignore[no-untyped-def]
    load_rows(tenants.alta, [("=HYPERLINK(1)", "2018", "positions_planned", 42)])
    load_rows(tenants.alta, [("=HYPERLINK(1)", "2018", "fte_planned", 27.51)])
    auth.login(tenants.alta_coordinator)
    response = client.get(f"/municipalities/{tenants.alta.id}/staffing/export.xlsx?period=2018")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    unit_row = next(r for r in rows if r[0] and "HYPERLINK" in r[0])
    assert unit_row[0].startswith("'=")
    avg = unit_row[header.index("Gjennomsnittlig stillingsstørrelse, planlagt")]
    assert avg == pytest.approx(0.655, abs=1e-4)  # 65,5 % as a real percent cell
    csv = client.get(f"/municipalities/{tenants.alta.id}/staffing/export.csv?period=2018")
    text = csv.get_data(as_text=True)
    assert "'=HYPERLINK(1)" in text and "65,5" in text


def test_municipality_page_links_to_dashboard(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    page = _text(client.get(f"/municipalities/{tenants.alta.id}"))
    assert f'href="/municipalities/{tenants.alta.id}/staffing"' in page


def test_network_comparison_export(app, client, auth, tenants, load_rows):  # type: ignore[no-untyped-def]
    load_rows(tenants.alta, seeds.alta_rows())
    auth.login(tenants.facilitator)
    query = "period=2017&indicator=fulltime_share&indicator=avg_position_size_planned"
    page = _text(client.get(f"/networks/{tenants.north.id}/staffing?{query}"))
    assert "Heltidsandel" in page and "27,9\u00a0%" in page and "65,0\u00a0%" in page
    response = client.get(f"/networks/{tenants.north.id}/staffing/export.xlsx?{query}")
    rows = list(
        openpyxl.load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True)
    )
    assert rows[0] == ("Kommune", "Heltidsandel", "Gjennomsnittlig stillingsstørrelse, planlagt")
    alta = next(r for r in rows if r[0] == "Alta")
    assert alta[1] == pytest.approx(0.2787, abs=1e-4)
    hemnes = next(r for r in rows if r[0] == "Hemnes")
    assert hemnes[1] is None


def test_kamfjord_before_and_after(app, client, auth, tenants, load_rows):  # type: ignore[no-untyped-def]
    load_rows(tenants.hemnes, seeds.kamfjord_rows())
    auth.login(tenants.hemnes_coordinator)
    before = _text(client.get(f"/municipalities/{tenants.hemnes.id}/staffing?period=2021-09"))
    after = _text(client.get(f"/municipalities/{tenants.hemnes.id}/staffing?period=2022-04"))
    assert "15,6\u00a0%" in before and "56,5\u00a0%" in before
    assert "44,0\u00a0%" in after and "75,0\u00a0%" in after
    assert 'id="chart-size-title"' in after  # the months make a development over time


def test_reimport_replaces_stored_values_and_reports_them(app, tenants, load_rows):  # type: ignore[no-untyped-def]
    import pandas as pd

    from heltidnett.auth.models import User
    from heltidnett.municipalities.models import Municipality, Unit
    from heltidnett.staffing import services

    load_rows(
        tenants.alta,
        [
            ("Elvebakken", "2017", "positions_planned", 73),
            ("Elvebakken", "2017", "fte_planned", 47.4),
            ("Elvebakken", "2018", "fte_planned", 40),
        ],
    )
    with app.app_context():
        m = db.session.get(Municipality, tenants.alta.id)
        actor = db.session.get(User, tenants.alta_coordinator.id)
        unit_id = db.session.scalar(sa.select(Unit.id).where(Unit.name == "Elvebakken"))
        frame = pd.DataFrame(
            {
                "unit_id": [unit_id] * 3,
                "unit": ["Elvebakken"] * 3,
                "period": ["2017"] * 3,
                "indicator": ["positions_planned", "fte_planned", "sick_leave_pct"],
                "value": [73.0, 47.0, 12.5],
            }
        )
        changes = services.save_rows(db.session, actor, m, frame, "test")
        db.session.commit()
        assert (changes.added, changes.changed, changes.unchanged) == (1, 1, 1)
        assert changes.examples == [("Elvebakken", "2017", "fte_planned", 47.4, 47.0)]
        assert services.stored_values(db.session, m.id, unit_id, "2017") == {
            "positions_planned": 73.0,
            "fte_planned": 47.0,
            "sick_leave_pct": 12.5,
        }
        assert services.stored_values(db.session, m.id, unit_id, "2018") == {"fte_planned": 40.0}
        by_period = {
            r.period: r
            for r in db.session.scalars(
                sa.select(Measurement).where(Measurement.unit_id == unit_id)
            )
        }
        assert by_period["2017"].updated_by_id == actor.id  # the row the save changed
        assert by_period["2018"].updated_by_id is None
        assert by_period["2017"].updated_at >= by_period["2018"].updated_at


FIXTURES = Path(__file__).parent / "fixtures" / "staffing"


@pytest.mark.parametrize("name", ["staffing_libreoffice.ods", "staffing_libreoffice.xls"])
def test_spreadsheet_saved_by_libreoffice_imports(app, client, auth, tenants, name):  # type: ignore[no-untyped-def]
    """Files converted by LibreOffice Calc (soffice --convert-to) from a filled-in template."""
    auth.login(tenants.alta_coordinator)
    response = _upload(client, tenants.alta.id, (FIXTURES / name).read_bytes(), name)
    assert response.status_code == 302
    pending_id = _pending_id(response)
    page = _text(client.get(f"/staffing/imports/{pending_id}"))
    assert "9 nye verdier" in page
    assert _count(app) == 0  # the preview writes nothing
    post_form(
        client,
        f"/staffing/imports/{pending_id}/confirm",
        {},
        form_page=f"/staffing/imports/{pending_id}",
    )
    values = stored(app)
    unit = tenants.alta_unit.id
    assert len(values) == 9
    assert values[unit, "2017", "positions_planned"] == 73
    assert values[unit, "2017", "fte_planned"] == pytest.approx(47.4)
    assert values[unit, "2017", "sick_leave_pct"] == pytest.approx(14.0)  # a 14 % cell
    assert values[unit, "2018-03", "sick_leave_pct"] == pytest.approx(12.5)
    assert values["whole", "2017", "fte_planned"] == pytest.approx(186.53)
    assert values["whole", "2017", "sick_leave_pct"] == pytest.approx(12.9)


def test_network_comparison_costs_the_same_with_more_municipalities(  # type: ignore[no-untyped-def]
    app, client, auth, tenants, load_rows, make_network, count_statements
):
    small = make_network("Ett medlem", [tenants.alta])
    large = make_network("Tre medlemmer", [tenants.alta, tenants.hemnes, tenants.rana])
    load_rows(tenants.alta, seeds.alta_rows())
    load_rows(tenants.hemnes, [("Hemnes sykehjem", "2017", "positions_planned", 30)])
    load_rows(tenants.rana, [("Selfors sykehjem", "2017", "positions_planned", 25)])
    auth.login(tenants.admin)
    query = "staffing?period=2017&indicator=fulltime_share"
    with count_statements() as one:
        assert client.get(f"/networks/{small.id}/{query}").status_code == 200
    with count_statements() as three:
        page = _text(client.get(f"/networks/{large.id}/{query}"))
    assert "Hemnes" in page and "Rana" in page
    assert len(three) == len(one)


def test_unit_names_with_dollars_keep_dashboard_and_exports_working(
    app, client, auth, tenants, load_rows
):  # type: ignore[no-untyped-def]
    """Item 7: a unit name is text in the charts, never matplotlib markup."""
    names = {"Elvebakken sykehjem": "$x^{$", "Hjemmetjenesten Øst": "$\\frac{1}{0}$"}
    rows = [(names.get(unit, unit), *rest) for unit, *rest in seeds.alta_rows()]
    load_rows(tenants.alta, rows)
    with app.app_context():
        db.session.get(type(tenants.alta), tenants.alta.id).name = "Alta $5$"
        db.session.commit()
    auth.login(tenants.alta_coordinator)
    mid = tenants.alta.id
    page = client.get(f"/municipalities/{mid}/staffing?period=2017")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert ">$x^{$</text>" in body and ">$\\frac{1}{0}$</text>" in body
    for fmt in ("xlsx", "csv"):
        assert client.get(f"/municipalities/{mid}/staffing/export.{fmt}").status_code == 200
    chart = client.get(f"/municipalities/{mid}/staffing/export.csv?chart=chart-bands")
    assert "$x^{$" in chart.get_data(as_text=True)
    auth.logout()
    auth.login(tenants.facilitator)
    compare = client.get(f"/networks/{tenants.north.id}/staffing?period=2017")
    assert compare.status_code == 200 and ">Alta $5$</text>" in compare.get_data(as_text=True)


@pytest.mark.parametrize("name", ["sparse-z1048576.xlsx", "wide-xfd3.xlsx"])
def test_tiny_sheets_with_a_huge_range_keep_no_pending_import(app, client, auth, tenants, name):  # type: ignore[no-untyped-def]
    """Issue 12 item 5: A1…C2 plus Z1048576, and XFD3, are refused before reading."""
    from heltidnett.staffing.models import PendingImport
    from tests.hostile.corpus import CORPUS

    auth.login(tenants.alta_coordinator)
    data = next(h for h in CORPUS if h.name == name).make()
    response = _upload(client, tenants.alta.id, data, name)
    assert response.status_code == 422
    assert "Slett de tomme radene" in _text(response) or "Høyst 200 kolonner" in _text(response)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PendingImport)) == 0
