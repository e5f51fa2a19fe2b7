"""Importing files as people save them: columns recognised by the indicators' names in nb, nn
and en, the template in the user's language, and text files in the encodings and separators
Excel and LibreOffice write (Windows-1252, UTF-8 with or without BOM, UTF-16)."""

from __future__ import annotations

import codecs
import io
import re
from typing import Any

import pytest
import sqlalchemy as sa
from python_calamine import CalamineWorkbook

from heltidnett.extensions import db
from heltidnett.files.services import sniff
from heltidnett.files.text import encoding_of, looks_like_text
from heltidnett.staffing import catalogue, headers, importer
from tests.conftest import post_form
from tests.staffing_files import stored, xlsx_bytes

MAPPING_ASKED = "Filen følger ikke malen"


def _upload(client: Any, municipality_id: int, data: bytes, filename: str) -> Any:
    return post_form(
        client,
        f"/municipalities/{municipality_id}/staffing/import",
        {"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def _page(client: Any, path: str) -> str:
    return re.sub(r"\s+", " ", client.get(path).get_data(as_text=True))


def _preview(client: Any, response: Any) -> tuple[str, str]:
    """The preview's path and its text, after an upload that was taken."""
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    match = re.search(r"/staffing/imports/\d+", response.headers["Location"])
    assert match
    return match.group(0), _page(client, match.group(0))


def _confirm(client: Any, path: str) -> None:
    post_form(client, f"{path}/confirm", {}, form_page=path)


# ---- header recognition ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Stillinger, planlagt", "positions_planned"),
        ("stillinger planlagt", "positions_planned"),
        ("  STILLINGER,  PLANLAGT ", "positions_planned"),
        ("Antall stillinger, planlagt", "positions_planned"),
        ("Stillingar, planlagt (antal)", "positions_planned"),
        ("Number of positions, planned", "positions_planned"),
        ("positions_planned", "positions_planned"),
        ("Sykefravær (%)", "sick_leave_pct"),
        ("Sykefravær i %", "sick_leave_pct"),
        ("Sjukefråvær, prosent", "sick_leave_pct"),
        ("Sick leave (%)", "sick_leave_pct"),
        ("Sykefravaer", "sick_leave_pct"),
        ("Overtid (timer)", "overtime_hours"),
        ("Overtid, timar", "overtime_hours"),
        ("Kostnad vikarer (kr)", "cost_temps"),
        ("Kostnad vikarar i kroner", "cost_temps"),
        ("Ubesatte (årsverk)", "vacant_fte"),
        ("Turnover i bemanning", "turnover_staff_pct"),
        ("Stillinger 80-99,9 %", "positions_band_80_99"),
        ("Stillingar 100%", "positions_band_100"),
        ("Positions 0–29.9 %", "positions_band_0_29"),
        ("Bemanning planlagt laurdag, fagbrev", "staff_planned_sat_trade"),
        ("Enhet", "unit"),
        ("EINING", "unit"),
        ("Avdeling", "unit"),
        ("Periode", "period"),
        ("År", "period"),
        ("Stillinger", None),  # planned or actual? the user says
        ("Årsverk", None),
        ("Kommentar", None),
        ("Heltidsandel", None),  # computed, not imported
        ("", None),
    ],
)
def test_headers_are_recognised_by_name_in_every_language(header: str, target: str | None) -> None:
    assert headers.recognise(header) == target


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_indicator_name_is_recognised_as_its_own(language: str) -> None:
    """No two importable indicators share a name, written any of the ways recognised."""
    for indicator in [*catalogue.ENTERED, *catalogue.WEEKDAY_STAFFING]:
        name = indicator.name(language)
        assert headers.recognise(name) == indicator.code, name
        assert headers.recognise(f"{name.upper()} (antall)") == indicator.code, name


def test_a_saved_choice_counts_before_what_a_header_names() -> None:
    columns = ["Enhet", "Periode", "Sykefravær", "Kommentar", "Ny kolonne"]
    saved = {"Sykefravær": "", "Kommentar": ""}
    mapping = importer.auto_mapping(columns, saved)
    assert mapping == {"Enhet": "unit", "Periode": "period", "Sykefravær": "", "Kommentar": ""}
    assert importer.needs_mapping(mapping, columns)  # "Ny kolonne" is neither
    columns.pop()
    mapping["Stillinger, planlagt"] = "positions_planned"
    assert not importer.needs_mapping(mapping, [*columns, "Stillinger, planlagt", ""])


# ---- encodings and separators ------------------------------------------------------------

NORWEGIAN_ROWS = [
    ["Enhet", "Periode", "Stillinger, planlagt", "Årsverk, planlagt", "Sykefravær (%)"],
    ["Elvebakken sykehjem", "2017", "73", "47,4", "14,0"],
    ["Hele kommunen", "2017", "310", "186,53", "12,9"],
]


def _text_file(rows: list[list[str]], separator: str) -> str:
    def cell(value: str) -> str:
        return f'"{value}"' if separator in value else value

    return "".join(separator.join(cell(v) for v in row) + "\r\n" for row in rows)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Sykefravær;år\r\n".encode("cp1252"), "cp1252"),
        ("Sykefravær;år\r\n".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "Sykefravær".encode(), "utf-8-sig"),
        ("\ufeffSykefravær\tår".encode("utf-16-le"), "utf-16"),
        ("\ufeffSykefravær\tår".encode("utf-16-be"), "utf-16"),
        ("æ".encode()[:1], "utf-8"),  # a character cut at the end of what is looked at
    ],
)
def test_the_encoding_is_told_by_bom_then_utf8_then_windows_1252(
    data: bytes, encoding: str
) -> None:
    assert encoding_of(data) == encoding


def test_text_in_every_encoding_is_sniffed_as_text_and_binary_is_not() -> None:
    text = _text_file(NORWEGIAN_ROWS, ";")
    assert sniff(text.encode("cp1252")) == "text/plain"
    assert sniff(("\ufeff" + text.replace(";", "\t")).encode("utf-16-le")) == "text/plain"
    assert sniff(("\ufeff" + text).encode("utf-16-be")) == "text/plain"
    # UTF-8 whose 4,096th byte is the first half of an "ø"
    long = ("x" * 4095 + "ø" + text).encode()
    assert sniff(long) == "text/plain"
    assert not looks_like_text(bytes(range(256)) * 4)
    assert not looks_like_text(b"\xff\xfe" + bytes(range(256)))
    assert not looks_like_text("Sykefravær\x01\x02".encode("cp1252"))


@pytest.mark.parametrize(
    ("lines", "separator"),
    [
        (["Enhet;Periode;Stillinger, planlagt", "Elvebakken;2017;47,4"], ";"),
        (["Enhet\tPeriode\tStillinger, planlagt", "Elvebakken\t2017\t47,4"], "\t"),
        (['Enhet,Periode,"Stillinger, planlagt"', 'Elvebakken,2017,"47,4"'], ","),
        (["Enhet,Periode", "Elvebakken,2017"], ","),
        (["Enhet"], ";"),
        (["", "Enhet;Periode", "a;b"], ";"),
    ],
)
def test_the_separator_splits_the_lines_evenly(lines: list[str], separator: str) -> None:
    assert importer.delimiter_of("\r\n".join(lines)) == separator


# ---- the whole way through the pages -------------------------------------------------------


def _assert_norwegian_rows_stored(app: Any, tenants: Any) -> None:
    values = stored(app)
    unit = tenants.alta_unit.id
    assert values[unit, "2017", "positions_planned"] == 73
    assert values[unit, "2017", "fte_planned"] == pytest.approx(47.4)
    assert values[unit, "2017", "sick_leave_pct"] == pytest.approx(14.0)
    assert values["whole", "2017", "fte_planned"] == pytest.approx(186.53)
    assert len(values) == 6


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        # Norwegian Excel's "CSV (semikolondelt)"
        ("bemanning.csv", lambda rows: _text_file(rows, ";").encode("cp1252")),
        # "CSV UTF-8 (kommadelt)", headers with commas in quotes
        ("bemanning.csv", lambda rows: codecs.BOM_UTF8 + _text_file(rows, ",").encode()),
        # "Unicode-tekst": UTF-16 LE with a BOM, tab-separated
        ("bemanning.txt", lambda rows: ("\ufeff" + _text_file(rows, "\t")).encode("utf-16-le")),
    ],
    ids=["windows-1252", "utf-8-bom", "utf-16"],
)
def test_text_saved_by_excel_imports_without_choosing_columns(  # type: ignore[no-untyped-def]
    app, client, auth, tenants, name, encode
):
    auth.login(tenants.alta_coordinator)
    path, page = _preview(client, _upload(client, tenants.alta.id, encode(NORWEGIAN_ROWS), name))
    assert MAPPING_ASKED not in page
    assert "6 nye verdier" in page and "0 celler avvist" in page
    _confirm(client, path)
    _assert_norwegian_rows_stored(app, tenants)


def test_xlsx_with_headers_written_other_ways_imports_without_choosing_columns(  # type: ignore[no-untyped-def]
    app, client, auth, tenants
):
    rows: list[list[Any]] = [
        [
            "EINING",
            "periode",
            "Antall stillingar,  planlagt",
            "årsverk,planlagt (årsverk)",
            "Sjukefråvær (%)",
            "Stillinger 100 %",
            "Overtid (timar)",
            "Kostnad vikarer (kr)",
        ],
        ["Elvebakken sykehjem", "2018", 70, 46.5, 0.131, 65, 310.5, 125000],
    ]
    auth.login(tenants.alta_coordinator)
    data = xlsx_bytes(rows, frozenset({4}))
    path, page = _preview(client, _upload(client, tenants.alta.id, data, "bemanning.xlsx"))
    assert MAPPING_ASKED not in page
    assert "6 nye verdier" in page
    _confirm(client, path)
    values = stored(app)
    unit = tenants.alta_unit.id
    assert values[unit, "2018", "positions_planned"] == 70
    assert values[unit, "2018", "sick_leave_pct"] == pytest.approx(13.1)
    assert values[unit, "2018", "positions_band_100"] == 65
    assert values[unit, "2018", "overtime_hours"] == pytest.approx(310.5)
    assert values[unit, "2018", "cost_temps"] == 125000


def test_an_unknown_column_is_asked_about_with_the_known_ones_chosen(  # type: ignore[no-untyped-def]
    app, client, auth, tenants
):
    text = "Enhet;Periode;Sykefravær (%);Kommentar\r\nElvebakken sykehjem;2017;14,0;Ny leder\r\n"
    auth.login(tenants.alta_coordinator)
    path, page = _preview(client, _upload(client, tenants.alta.id, text.encode("cp1252"), "a.csv"))
    assert MAPPING_ASKED in page
    assert '<option value="sick_leave_pct" selected>' in page
    post_form(
        client,
        f"{path}/mapping",
        {"col-0": "unit", "col-1": "period", "col-2": "sick_leave_pct", "col-3": ""},
        form_page=path,
    )
    assert "1 ny verdi" in _page(client, path)
    # the next file with a comment column is not asked about
    _path, again = _preview(client, _upload(client, tenants.alta.id, text.encode(), "b.csv"))
    assert MAPPING_ASKED not in again


def _set_language(app: Any, user: Any, language: str) -> None:
    from heltidnett.auth.models import User

    with app.app_context():
        db.session.execute(sa.update(User).where(User.id == user.id).values(language=language))
        db.session.commit()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", ["Enhet", "Periode", "Stillinger, planlagt", "Årsverk, planlagt"]),
        ("nn", ["Eining", "Periode", "Stillingar, planlagt", "Årsverk, planlagt"]),
        ("en", ["Unit", "Period", "Positions, planned", "FTE, planned"]),
    ],
)
def test_template_in_the_users_language_imports_without_choosing_columns(  # type: ignore[no-untyped-def]
    app, client, auth, tenants, language, expected
):
    _set_language(app, tenants.alta_coordinator, language)
    auth.login(tenants.alta_coordinator)
    upload_page = client.get(f"/municipalities/{tenants.alta.id}/staffing/import")
    link = re.search(r'href="([^"]*template\.xlsx)"', upload_page.get_data(as_text=True))
    assert link
    template = client.get(link.group(1))
    assert template.status_code == 200
    header = CalamineWorkbook.from_filelike(io.BytesIO(template.data)).get_sheet_by_index(0)
    header_row = header.to_python()[0]
    assert header_row[:4] == expected
    assert header_row == headers.template_headers(language)
    row: list[Any] = [None] * len(header_row)
    row[:4] = ["Elvebakken sykehjem", "2017", 73, 47.4]
    row[header_row.index(catalogue.BY_CODE["sick_leave_pct"].name(language))] = 0.14
    sick = header_row.index(catalogue.BY_CODE["sick_leave_pct"].name(language))
    path, page = _preview(
        client,
        _upload(
            client, tenants.alta.id, xlsx_bytes([header_row, row], frozenset({sick})), "m.xlsx"
        ),
    )
    assert MAPPING_ASKED not in page
    _confirm(client, path)
    values = stored(app)
    unit = tenants.alta_unit.id
    assert values[unit, "2017", "fte_planned"] == pytest.approx(47.4)
    assert values[unit, "2017", "sick_leave_pct"] == pytest.approx(14.0)
