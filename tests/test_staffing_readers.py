"""The two xlsx readers agree: what the column reader takes, it reads as the cell reader does."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

from heltidnett.staffing import importer
from tests.staffing_files import xlsx_bytes

UNITS = {"ekornsvingen": 1, "elvebakken": 2, "12": 3}


def workbook(rows: list[list[Any]], start: tuple[int, int] = (0, 0)) -> bytes:
    """An xlsx as Excel writes it, sick leave (the fifth column) in percent-formatted cells."""
    return xlsx_bytes(rows, frozenset({4}), start)


HEADERS = ["unit", "period", "positions_planned", "fte_planned", "sick_leave_pct"]

SAME = {
    "template": [
        HEADERS,
        ["Ekornsvingen", "2017", 40, 26.0, 12.5],
        ["Elvebakken", "2017", 30, None, 8],
        [None, None, None, None, None],  # an empty row is skipped by both
        ["Hele kommunen", "2017-W43", 70, 45.5, None],
        ["Ukjent", "2017", 10, 12, 101],  # an unknown unit: its values are not checked
        ["Elvebakken", "1899", -1, 2.5, 3],  # a bad period
        ["Elvebakken", "2018", 10, 12, 101],  # FTE above positions, a share above 100
    ],
    "years as numbers": [
        HEADERS,
        ["Ekornsvingen", 2016, 40, 22.4, 13.2],
        ["Ekornsvingen", 2017, 40, 26, 12.1],
        ["Elvebakken", 2017.5, 40, 26, 12.1],
    ],
    "dates as periods and percent cells": [
        HEADERS,
        ["Ekornsvingen", dt.datetime(2024, 2, 1), 40, 22, 0.132],
        ["Elvebakken", dt.datetime(2024, 3, 1), 40, 22, 0.085],
        ["Elvebakken", None, 40, 22, 0.085],
    ],
    "formulas and a later row that wins": [
        HEADERS,
        ["Elvebakken", "2018", "=10+30", 20, 5],
        ["Ekornsvingen", "2018", 10, 5, 5],
        ["Ekornsvingen", "2018", 11, 6, 5],
    ],
    "blank headers and a sheet that starts at C4": [
        ["unit", None, "period", "fte_planned"],
        ["Ekornsvingen", "x", "2018", 5],
        ["Elvebakken", None, "2018", 6],
    ],
    "headers only": [HEADERS],
}

CELL_BY_CELL = {
    "numbers and text in one column": [
        HEADERS,
        ["Ekornsvingen", "2018", 40, "tjuetre", 12],
        ["Elvebakken", "2018", 40, 22.4, "13,2 %"],
    ],
    "numbers as unit names": [
        HEADERS,
        [12, "2018", 40, 20, 5],
        ["Ekornsvingen", "2018", 10, 5, 5],
    ],
    "the same header twice": [
        ["unit", "period", "fte_planned", "fte_planned"],
        ["Ekornsvingen", "2018", 5, 6],
    ],
    "a header that is a number": [
        ["unit", "period", 2018],
        ["Ekornsvingen", "2018", 5],
    ],
    "true and false": [
        ["unit", "period", "fte_planned"],
        ["Ekornsvingen", "2018", True],
    ],
    "dates among numbers": [
        ["unit", "period", "fte_planned"],
        ["Ekornsvingen", "2018", dt.datetime(2024, 2, 1)],
        ["Elvebakken", "2018", 4],
    ],
}


def _plain(value: Any) -> Any:
    """A cell as both readers should agree on it: blanks alike, a date by its day."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _outcome(grid: importer.Grid) -> tuple[Any, ...]:
    """What the rest of the import sees of a grid: headers, cells, fractions, the check."""
    mapping = importer.auto_mapping(grid.headers)
    cells = [[_plain(v) for v in row] for row in grid.rows()]
    fractions = importer.fraction_columns(grid, mapping)
    try:
        checked = importer.check_grid(grid, mapping, UNITS, percent_as_fraction=fractions)
    except importer.ImportError_ as error:
        return grid.headers, cells, fractions, str(error)
    rows = checked.rows.astype({c: str for c in ("column", "unit", "period", "indicator")})
    return grid.headers, cells, fractions, rows.to_dict("records"), checked.rejected


@pytest.mark.parametrize("case", sorted(SAME))
def test_the_column_reader_reads_as_the_cell_reader(case: str) -> None:
    start = (3, 2) if "C4" in case else (0, 0)
    data = workbook(SAME[case], start)
    columns = importer.read_columns(data)
    assert columns is not None, "this sheet should be read column by column"
    assert isinstance(columns.body, pd.DataFrame)
    assert _outcome(columns) == _outcome(importer.read_cells(data))
    assert isinstance(importer.read_file(data, "xlsx").body, pd.DataFrame)


def test_the_readers_agree_on_what_a_template_check_finds() -> None:
    data = workbook(SAME["template"])
    _headers, cells, _fractions, rows, rejected = _outcome(importer.read_columns(data))
    period_rule = "Perioden må være et år (2018), en måned (2018-03) eller en uke (2018-W43)."
    assert {(r.row, r.column, r.value, r.reason) for r in rejected} == {  # the sheet's rows
        (6, "unit", "Ukjent", "Kommunen har ingen enhet med dette navnet."),
        (7, "period", "1899", period_rule),
        (8, "fte_planned", "12", "Årsverk kan ikke være flere enn stillinger."),
        (8, "sick_leave_pct", "101", "En andel må være mellom 0 og 100 %."),
    }
    assert {(r["unit"], r["period"], r["indicator"], r["value"]) for r in rows} >= {
        ("Ekornsvingen", "2017", "fte_planned", 26.0),
        ("Hele kommunen", "2017-W43", "fte_planned", 45.5),
    }
    assert cells[2] == [None] * 5  # the empty row stays, unchecked, so row numbers hold
    assert cells[3] == ["Hele kommunen", "2017-W43", 70.0, 45.5, None]


@pytest.mark.parametrize("case", sorted(CELL_BY_CELL))
def test_sheets_the_column_reader_cannot_settle_go_cell_by_cell(case: str) -> None:
    data = workbook(CELL_BY_CELL[case])
    assert importer.read_columns(data) is None
    grid = importer.read_file(data, "xlsx")
    assert not isinstance(grid.body, pd.DataFrame)
    assert grid.headers[0] == "unit"


def test_mixed_cells_keep_their_text_for_the_rejection_list() -> None:
    grid = importer.read_file(workbook(CELL_BY_CELL["numbers and text in one column"]), "xlsx")
    checked = importer.check_grid(grid, importer.auto_mapping(grid.headers), UNITS)
    assert [(r.row, r.column, r.value, r.reason) for r in checked.rejected] == [
        (2, "fte_planned", "tjuetre", "Ikke et tall.")
    ]
    assert set(checked.rows["value"]) >= {22.4, 13.2}


def test_a_broken_xlsx_gets_the_cell_readers_message() -> None:
    data = workbook(SAME["template"])
    third = len(data) // 3
    broken = data[:third] + b"\0" * third + data[2 * third :]  # the directory at the end holds
    assert importer.read_columns(broken) is None
    with pytest.raises(importer.ImportError_):
        importer.read_file(broken, "xlsx")


class PanicException(BaseException):
    """What pyo3 raises when the Rust parser panics."""


def test_a_panic_in_either_reader_is_a_file_that_cannot_be_read(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import fastexcel
    import python_calamine

    def panic(*args: Any, **kwargs: Any) -> None:
        raise PanicException("index out of bounds")

    data = workbook(SAME["template"])
    monkeypatch.setattr(fastexcel, "read_excel", panic)
    assert importer.read_columns(data) is None
    assert not isinstance(importer.read_file(data, "xlsx").body, pd.DataFrame)
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", panic)
    with pytest.raises(importer.ImportError_, match="kunne ikke leses"):
        importer.read_file(data, "xlsx")


def test_an_interrupt_while_reading_is_not_taken_for_a_broken_file(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import fastexcel

    def interrupt(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fastexcel, "read_excel", interrupt)
    with pytest.raises(KeyboardInterrupt):
        importer.read_columns(workbook(SAME["template"]))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_rejected_cells_carry_the_files_row_numbers_past_blank_rows(kind: str) -> None:
    rows = [
        ["unit", "period", "fte_planned"],
        ["Ekornsvingen", "2018", 5],
        [None, None, None],
        ["", "", ""],
        ["Elvebakken", "2018", "tjue"],
    ]
    if kind == "csv":
        text = "\n".join(";".join("" if v is None else str(v) for v in row) for row in rows)
        data = ("\n" + text + "\n").encode()  # rows count from the headers, as row 1
    else:
        data = workbook(rows)
    grid = importer.read_file(data, kind)
    checked = importer.check_grid(grid, importer.auto_mapping(grid.headers), UNITS)
    assert [(r.row, r.column, r.value) for r in checked.rejected] == [(5, "fte_planned", "tjue")]
    assert checked.rows["row"].tolist() == [2]  # the blank rows are skipped, not rejected
