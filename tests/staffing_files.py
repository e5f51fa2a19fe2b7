"""Spreadsheets for the staffing tests, written as Excel and LibreOffice write them."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any
from xml.sax.saxutils import escape

import xlsxwriter

TEMPLATE_HEADERS = ["unit", "period", "positions_planned", "fte_planned", "sick_leave_pct"]


def xlsx_bytes(
    rows: list[list[Any]],
    percent_cols: frozenset[int] = frozenset(),
    start: tuple[int, int] = (0, 0),
) -> bytes:
    """An xlsx as Excel saves it: numbers as numbers, percent cells formatted as percent, dates
    as date-formatted numbers; the first row at `start` (row, column), counted from 0."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("Ark1")
    percent = workbook.add_format({"num_format": "0.0%"})
    day = workbook.add_format({"num_format": "dd.mm.yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            at = (r + start[0], c + start[1])
            if value is None:
                continue
            if isinstance(value, str) and value.startswith("="):
                sheet.write_formula(*at, value, None, 999)  # cached value 999
            elif isinstance(value, dt.datetime):
                sheet.write_datetime(*at, value, day)
            elif r and c in percent_cols and isinstance(value, float):
                sheet.write_number(*at, value, percent)
            else:
                sheet.write(*at, value)
    workbook.close()
    return buffer.getvalue()


def ods_bytes(rows: list[list[Any]], percent_cols: frozenset[int] = frozenset()) -> bytes:
    """An ODS laid out as LibreOffice Calc writes it (mimetype first, typed cells)."""
    cells_xml = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if value is None:
                cells.append("<table:table-cell/>")
            elif isinstance(value, int | float) and not isinstance(value, bool):
                kind = "percentage" if r and c in percent_cols else "float"
                cells.append(
                    f'<table:table-cell office:value-type="{kind}" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>"
                )
            else:
                cells.append(
                    '<table:table-cell office:value-type="string">'
                    f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
                )
        cells_xml.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        '<office:body><office:spreadsheet><table:table table:name="Ark1">'
        f"{''.join(cells_xml)}</table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.3"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def stored(app: Any) -> dict[tuple[Any, str, str], float]:
    """Every stored value: (unit_id or "whole", period, indicator) → value."""
    import sqlalchemy as sa

    from heltidnett.extensions import db
    from heltidnett.staffing.models import Measurement

    with app.app_context():
        rows = db.session.execute(
            sa.select(Measurement.unit_id, Measurement.period, Measurement.figures)
        ).all()
    return {
        (unit or "whole", period, code): value
        for unit, period, figures in rows
        for code, value in figures.items()
    }


def value_count(app: Any) -> int:
    """How many values are stored, over all municipalities, units and periods."""
    return len(stored(app))
