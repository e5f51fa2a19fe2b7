"""The shared report plumbing: PDFs that fetch nothing outside, exports that neutralise formulas."""

from __future__ import annotations

import io

import pytest
from python_calamine import CalamineWorkbook

from heltidnett.reports.export import Column, Table, escape_text, to_csv, to_xlsx
from heltidnett.reports.pdf import render_pdf


def test_pdf_is_tagged_and_fetches_nothing_from_outside() -> None:
    html = (
        '<html lang="nb"><head><title>Testrapport</title></head><body><h1>Testrapport</h1>'
        '<img src="http://example.org/spy.png" alt=""><img src="file:///etc/passwd" alt="">'
        "<p>65,5 %</p></body></html>"
    )
    pdf = render_pdf(html)
    assert pdf.startswith(b"%PDF")
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert "65,5 %" in reader.pages[0].extract_text()
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert reader.trailer["/Root"]["/Lang"] == "nb"
    assert reader.metadata.title == "Testrapport"


def test_pdf_metadata_falls_back_to_the_arguments() -> None:
    from pypdf import PdfReader

    pdf = render_pdf("<html><body><p>Uten tittel</p></body></html>", title="Reserve", language="nn")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Reserve"
    assert reader.trailer["/Root"]["/Lang"] == "nn"


@pytest.mark.parametrize("text", ["=SUM(A1:A2)", "+47 99", "-1+2", "@cmd", "\t=1"])
def test_formula_like_text_is_escaped(text: str) -> None:
    assert escape_text(text) == "'" + text
    assert escape_text(-1.5) == -1.5
    assert escape_text("Alta") == "Alta"


def test_xlsx_keeps_numbers_and_escapes_text() -> None:
    table = Table(
        "Stillinger",
        [Column("Enhet"), Column("Stillinger", "int"), Column("Snitt", "percent")],
        [['=HYPERLINK("x")', 42, 65.5], ["Elvebakken sykehjem", -3, 56.3]],
    )
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(to_xlsx([table])))
    rows = workbook.get_sheet_by_name("Stillinger").to_python()
    assert rows[0] == ["Enhet", "Stillinger", "Snitt"]
    assert rows[1][0] == '\'=HYPERLINK("x")'
    assert rows[1][1] == 42
    assert rows[1][2] == pytest.approx(0.655)
    assert rows[2][1] == -3


def test_csv_uses_decimal_comma_and_escapes() -> None:
    table = Table(
        "t", [Column("Navn"), Column("Andel", "percent")], [["@evil", 65.5], ["Alta", None]]
    )
    text = to_csv(table).decode("utf-8-sig")
    assert text.splitlines() == ["Navn;Andel", "'@evil;65,5", "Alta;"]


def test_csv_numbers_are_written_as_the_page_writes_them() -> None:
    table = Table(
        "t",
        [Column("Antall", "int"), Column("Snitt", "decimal", 2), Column("Beløp", "decimal", 0)],
        [[12.0, 929.155, 1234567], [-3, 0.5, None]],
    )
    text = to_csv(table).decode("utf-8-sig")
    # whole numbers bare, no thousands separator, ties rounded as core.numbers rounds on pages
    assert text.splitlines()[1:] == ["12;929,16;1234567", "-3;0,50;"]
