"""Tables to xlsx (real number formats) and CSV, with spreadsheet formulas neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from heltidnett.core.numbers import format_number

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_text(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass
class Column:
    """A column of an exported table: its heading and how numbers in it are shown."""

    title: str
    kind: str = "text"  # text, int, decimal, percent (percentage points), date
    digits: int = 1
    width: float | None = None


@dataclass
class Table:
    """A titled table to export."""

    title: str
    columns: list[Column]
    rows: Sequence[Sequence[Any]] = field(default_factory=list)


def to_csv(table: Table, delimiter: str = ";") -> bytes:
    """CSV as Norwegian Excel opens it: semicolons, decimal comma, UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([escape_text(c.title) for c in table.columns])
    for row in table.rows:
        writer.writerow(
            [_csv_cell(value, column) for value, column in zip(row, table.columns, strict=False)]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(value: Any, column: Column) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float | Decimal):
        # Norwegian Excel reads a decimal comma and no thousands separator: 1322,6
        if column.kind in {"decimal", "percent"}:
            return format_number(value, column.digits, grouping=False)
        return format_number(value, up_to=column.digits, grouping=False)  # whole numbers bare
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(escape_text(str(value)))


def to_xlsx(tables: Iterable[Table]) -> bytes:
    """An xlsx workbook with one sheet per table, numbers as numbers with formats."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    header = workbook.add_format(
        {"bold": True, "bg_color": "#EEF2F7", "border": 1, "text_wrap": True}
    )
    formats = {
        "int": workbook.add_format({"num_format": "# ##0"}),
        "date": workbook.add_format({"num_format": "dd.mm.yyyy"}),
    }
    used: set[str] = set()
    for table in tables:
        name = _sheet_name(table.title, used)
        sheet = workbook.add_worksheet(name)
        for col, column in enumerate(table.columns):
            sheet.write_string(0, col, column.title, header)
            sheet.set_column(col, col, column.width or max(10, min(40, len(column.title) + 2)))
        for r, row in enumerate(table.rows, start=1):
            for c, (value, column) in enumerate(zip(row, table.columns, strict=False)):
                _write(workbook, sheet, formats, r, c, value, column)
        sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


def _write(
    workbook: Any, sheet: Any, formats: dict[str, Any], r: int, c: int, value: Any, column: Column
) -> None:
    if value is None:
        sheet.write_blank(r, c, None)
    elif isinstance(value, bool):
        sheet.write_boolean(r, c, value)
    elif isinstance(value, int | float | Decimal):
        if column.kind == "percent":
            key = f"percent{column.digits}"
            if key not in formats:
                formats[key] = workbook.add_format(
                    {"num_format": "0." + "0" * column.digits + " %" if column.digits else "0 %"}
                )
            sheet.write_number(r, c, float(value) / 100, formats[key])
        elif column.kind == "decimal":
            key = f"decimal{column.digits}"
            if key not in formats:
                formats[key] = workbook.add_format(
                    {"num_format": "# ##0." + "0" * column.digits if column.digits else "# ##0"}
                )
            sheet.write_number(r, c, float(value), formats[key])
        else:
            sheet.write_number(r, c, float(value), formats["int"])
    elif isinstance(value, dt.date):
        sheet.write_datetime(
            r,
            c,
            dt.datetime.combine(value, dt.time())
            if not isinstance(value, dt.datetime)
            else value.replace(tzinfo=None),
            formats["date"],
        )
    else:
        sheet.write_string(r, c, str(escape_text(str(value))))


def _sheet_name(title: str, used: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of []:*?/\\)."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip("'") or "Ark"
    name = clean[:31]
    n = 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = clean[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_response(tables: list[Table], fmt: str, filename: str) -> Any:
    """A download of the tables as xlsx (a sheet each) or CSV (the first table); 404 otherwise."""
    from flask import abort

    from heltidnett.core.downloads import download

    if fmt == "xlsx":
        body, mimetype = to_xlsx(tables), XLSX_MIMETYPE
    elif fmt == "csv":
        body, mimetype = to_csv(tables[0]), "text/csv; charset=utf-8"
    else:
        abort(404)
    return download(body, mimetype, f"{filename}.{fmt}")
