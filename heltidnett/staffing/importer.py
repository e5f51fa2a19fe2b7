"""Reading spreadsheets (xlsx, xls, ods via calamine; csv) and checking every cell.

Calamine reads the cached values of cells: formulas and macros are never run. Zip-based
files are checked for their uncompressed size and entry count before calamine opens them.
An xlsx whose columns each hold one type of value is read column by column through
fastexcel (calamine into Arrow arrays); any other sheet cell by cell through python-calamine.
Everything here is pure Python and pandas, without Flask, so the benchmark can time it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from heltidnett.core.cells import cell_text, is_blank
from heltidnett.core.lazy import numpy as np
from heltidnett.core.lazy import pandas as pd
from heltidnett.files import sandbox, sheets
from heltidnett.files.sheets import SheetError, SheetLimits
from heltidnett.files.text import decode as decode_text
from heltidnett.staffing import catalogue, checks
from heltidnett.staffing.headers import recognise
from heltidnett.staffing.periods import parse_period

LIMITS = SheetLimits()
MAX_ROWS = LIMITS.max_rows
WHOLE_MUNICIPALITY = {"", "hele kommunen", "heile kommunen", "kommunen", "total", "sum"}

Translate = Callable[..., str]


ImportError_ = SheetError  # the file cannot be read at all (not a row or cell problem)


def _identity(text: str, **kwargs: Any) -> str:
    return text % kwargs if kwargs else text


@dataclass
class Grid:
    """A sheet's headers and body: row lists (csv, calamine, a stored import) or a frame with
    one column per header (the column reader). Blank cells are "", None or NaN."""

    headers: list[str]
    body: list[list[Any]] | pd.DataFrame

    def frame(self) -> pd.DataFrame:
        """The body with one column per header, numbered from 0."""
        if isinstance(self.body, pd.DataFrame):
            return self.body
        return pd.DataFrame(self.body, columns=range(len(self.headers)), dtype=object)

    def rows(self) -> list[list[Any]]:
        """The body as row lists, blank cells None (to store as JSON)."""
        if not isinstance(self.body, pd.DataFrame):
            return self.body
        columns = [_objects(self.body[c]).to_numpy() for c in self.body.columns]
        return [list(row) for row in zip(*columns, strict=True)]


def read_file(
    data: bytes, kind: str, _: Translate = _identity, limits: SheetLimits = LIMITS
) -> Grid:
    """The first sheet of an xlsx/xls/ods file, or a csv, as headers and body; sheets whose
    used range passes the limits are refused before a reader sizes anything."""
    if kind == "csv":
        return read_csv(data, _, limits)
    sheets.guard(data, kind, limits, _)
    if kind == "xlsx" and (grid := read_columns(data, _, limits)) is not None:
        return grid
    return read_cells(data, _, limits)


def read_untrusted(
    data: bytes, kind: str, _: Translate = _identity, limits: SheetLimits = LIMITS
) -> Grid:
    """read_file in a child process with memory and time limits: no file ends this process."""
    try:
        return sandbox.run(
            read_file, (data, kind, sandbox.defer, limits), limits.process, (SheetError,)
        )
    except SheetError as error:
        raise ImportError_(sandbox.translated(error.args[0], _)) from None
    except sandbox.ChildFailed as error:
        raise ImportError_(
            _("Regnearket kunne ikke leses. Det er for stort eller skadet.")
        ) from error


def read_cells(data: bytes, _: Translate = _identity, limits: SheetLimits = LIMITS) -> Grid:
    """The first sheet of an xlsx, xls or ods file cell by cell (python-calamine)."""
    return _grid(sheets.read_values(data, limits, _), _, limits)


COLUMN_TYPES = {"float", "int", "string", "datetime", "date", "null"}  # null: all blank
GENERATED_SUFFIX = re.compile(r"^(.*)_\d+$")  # fastexcel's name for a repeated header
NUMBER_OR_DATE = re.compile(r"^[\d\s.,:/+\-]+$")


def read_columns(
    data: bytes, _: Translate = _identity, limits: SheetLimits = LIMITS
) -> Grid | None:
    """The first sheet column by column, when every column holds one type of value and every
    header is plain text; None when the cell-by-cell reader must read it.

    Numbers stay in float arrays, without a Python object per cell, which makes large sheets
    faster to read and check (benchmarks/staffing_import.py). A sheet this reader cannot settle
    as the cell-by-cell reader would (a column mixing numbers and text, true/false cells, a
    header that is a number or a date, repeated headers) goes to that reader instead.
    """
    import fastexcel

    try:
        sheet = fastexcel.read_excel(data).load_sheet(
            0, header_row=0, schema_sample_rows=None, dtype_coercion="strict"
        )
        columns = sheet.available_columns()
        headers = [c.name.strip() if c.column_name_from == "looked_up" else "" for c in columns]
        if not columns or any(c.dtype not in COLUMN_TYPES for c in columns):
            return None
        if _ambiguous_headers(headers):
            return None
        read = sheet.to_pandas()
    except BaseException as error:  # mixed columns, a broken file: the cell reader decides
        if not sheets.unreadable(error):
            raise
        return None
    frame = pd.DataFrame(
        {  # numbers as floats; text and dates as Python objects, as the cell reader gives them
            i: read.iloc[:, i].astype("float64")
            if c.dtype in {"float", "int"}
            else _objects(read.iloc[:, i])
            for i, c in enumerate(columns)
        }
    )
    sheets.check_extent(
        sheets.Extent(len(frame) + 1, len(headers), 0, len(frame) + 1), limits, _, declared=False
    )
    return Grid(headers, frame)


def _ambiguous_headers(headers: list[str]) -> bool:
    """Headers the column reader may have changed: numbers, dates and renamed repeats."""
    names = set(headers)
    return any(
        NUMBER_OR_DATE.match(h) or ((m := GENERATED_SUFFIX.match(h)) and m.group(1) in names)
        for h in headers
        if h
    )


def read_csv(data: bytes, _: Translate = _identity, limits: SheetLimits = LIMITS) -> Grid:
    """CSV or text as Excel and LibreOffice save it: UTF-8 (with or without BOM), Windows-1252
    or UTF-16 (files.text), separated by ';', tabs or ','."""
    content = decode_text(data)
    try:
        values = list(csv.reader(io.StringIO(content), delimiter=delimiter_of(content)))
    except csv.Error as error:  # a NUL byte, a field over 128 KB
        raise ImportError_(_("CSV-filen kunne ikke leses. Er den lagret som tekst?")) from error
    sheets.check_width(values, limits, _)
    return _grid(values, _, limits)


DELIMITERS = (";", "\t", ",")  # on a tie, the first: Norwegian Excel separates by ';'
SAMPLE_LINES = 20


def delimiter_of(content: str) -> str:
    """The separator that splits the first lines into the same number of columns, most
    columns first. A decimal comma ('47,4') or a comma in a header ('Stillinger, planlagt')
    splits lines unevenly, so it loses to the ';' or tab the file is separated by."""
    lines = [line for line in content[:65536].splitlines()[:SAMPLE_LINES] if line.strip()]
    best, best_score = DELIMITERS[0], (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        if not widths or widths[0] < 2:
            continue
        score = (sum(w == widths[0] for w in widths), widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _grid(values: list[list[Any]], _: Translate, limits: SheetLimits = LIMITS) -> Grid:
    """Headers from the first row that is not blank, the body from the rows after it. Blank
    rows in between stay (the check skips them), so rows are numbered as in the file from the
    header row on, which is row 1."""
    filled = [i for i, row in enumerate(values) if not _blank(row)]
    if not filled:
        raise ImportError_(_("Filen har ingen rader."))
    first, last = filled[0], filled[-1]
    if last - first + 1 > limits.max_rows:
        raise ImportError_(_("Filen har for mange rader (høyst %(n)s).", n=limits.max_rows))
    headers = ["" if h is None else str(h).strip() for h in values[first]]
    width = len(headers)
    # calamine gives rows of the sheet's width already: keep those lists, pad or cut the rest
    body = [
        r if len(r) == width else list(r[:width]) + [""] * (width - len(r))
        for r in values[first + 1 : last + 1]
    ]
    return Grid(headers, body)


def _blank(row: list[Any]) -> bool:
    """A row list whose every cell is "" or None, as calamine and csv give empty cells."""
    return row.count("") + row.count(None) == len(row)


def _blank_rows(frame: pd.DataFrame) -> pd.Series:
    """Rows whose every cell is blank (None, NaN or ""), column by column, stopping early."""
    blank = pd.Series(True, index=frame.index)
    for column in frame.columns:
        cells = frame[column]
        blank &= cells.isna() if cells.dtype != object else cells.isna() | cells.eq("")
        if not blank.any():
            break
    return blank


def auto_mapping(headers: list[str], saved: dict[str, str] | None = None) -> dict[str, str]:
    """Header → code: the municipality's saved choice for a header ("" for one not to
    import), else what the header names (`headers.recognise`: the template's headers in nb,
    nn or en, the indicators' names and codes, written with other case, spacing or units)."""
    mapping: dict[str, str] = {}
    for header in headers:
        key = header.strip()
        if saved and key in saved:
            mapping[key] = saved[key]
        elif target := recognise(key):
            mapping[key] = target
    return mapping


def needs_mapping(mapping: dict[str, str], headers: list[str] | None = None) -> bool:
    """Whether the user must say what the columns are: unit, period or every indicator is
    missing, or a column with a header (of `headers`) is neither recognised nor chosen."""
    values = set(mapping.values())
    if not ({"unit", "period"} <= values and values - {"unit", "period", ""}):
        return True
    return any(h.strip() and h.strip() not in mapping for h in headers or [])


NUMBER_CLEAN = re.compile(r"[\s\u00a0\u202f']")
NUMBER_RE = re.compile(r"^-?\d+(\.\d+)?$")


def parse_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Numbers from raw cells: (value, was_percent_text, is_blank), vectorised.

    Numeric cells (and plain numeric text) convert in one pass; only the cells left over go
    through the text rules: '1 322,6' (spaces or no-break spaces as thousands), '63,5 %',
    '1.322,6'.
    """
    numeric = pd.to_numeric(raw, errors="coerce").astype("float64")
    percent = pd.Series(False, index=raw.index)
    blank = pd.Series(False, index=raw.index)
    left = numeric.isna()
    if left.any():
        rest = raw[left]
        text = rest.map(lambda v: "" if is_blank(v) else str(v))
        text = text.str.strip()
        blank[text.index] = text.eq("")
        has_percent = text.str.endswith("%")
        cleaned = text.str.rstrip("%").str.replace(NUMBER_CLEAN, "", regex=True)
        both = cleaned.str.contains(",", regex=False) & cleaned.str.contains(".", regex=False)
        cleaned = cleaned.where(~both, cleaned.str.replace(".", "", regex=False))
        cleaned = cleaned.str.replace(",", ".", regex=False).str.replace("\u2212", "-")
        valid = cleaned.str.match(NUMBER_RE)
        numeric[text.index[valid]] = cleaned[valid].astype("float64")
        percent[text.index] = has_percent & valid
    return numeric, percent, blank


@dataclass
class Rejected:
    """A cell that will not be imported, and why."""

    row: int  # spreadsheet row number (header is row 1)
    column: str
    value: str
    reason: str


@dataclass
class Checked:
    """The outcome of checking a grid: accepted long rows and every rejected cell."""

    rows: pd.DataFrame  # unit_id (or -1 for whole municipality), unit, period, indicator, value
    rejected: list[Rejected] = field(default_factory=list)


def _show(value: Any) -> str:
    """A rejected cell as the user typed it: dates the Norwegian way, at most 100 characters."""
    if isinstance(value, dt.date | dt.datetime):
        return value.strftime("%d.%m.%Y")
    return cell_text(value)[:100]


def check_grid(
    grid: Grid,
    mapping: dict[str, str],
    units: dict[str, int],
    _: Translate = _identity,
    percent_as_fraction: set[str] | None = None,
) -> Checked:
    """Check every mapped cell: unit and period known, values within the rules of `checks`
    (the entry form's and the API's too), and a later row for the same unit, period and
    indicator counts instead of an earlier one.

    `units` maps lower-case unit names to ids. Percent columns holding only values between
    0 and 1 from percent-formatted cells are read as fractions (0,635 → 63,5 %). Checks run
    column by column on the whole sheet (pandas, numpy), so large files stay fast.
    """
    unit_col, period_col, indicator_cols = mapped_columns(grid.headers, mapping, _)
    frame = grid.frame()
    if frame.empty:
        raise ImportError_(_("Filen har ingen rader."))
    rejections = Rejections(grid.headers, pd.Series(np.arange(2, len(frame) + 2), frame.index))
    empty = _blank_rows(frame)  # kept so that row numbers are the file's; never checked
    unit, unit_id = _units(frame[unit_col], units)
    bad_unit = unit_id.isna() & ~empty
    rejections.add(bad_unit, unit_col, unit, checks.unknown_unit(_))
    period_cells = _objects(frame[period_col])
    period = _periods(period_cells)
    bad_period = period.isna() & ~empty
    rejections.add(bad_period, period_col, period_cells, checks.not_a_period(_))
    good = ~(bad_unit | bad_period | empty).to_numpy()

    values, given = _indicator_numbers(frame, indicator_cols, percent_as_fraction or set())
    broken = checks.check(values, given)
    accepted = {code: given[code] & (broken[code] == 0) & good for code in values}
    _later_rows_win(accepted, broken, pd.DataFrame({"u": unit_id, "p": period}), good)
    labels = np.array([*checks.messages(_), superseded(_)], dtype=object)
    for col, code in indicator_cols.items():
        refused = pd.Series((broken[code] != 0) & good, index=frame.index)
        rejections.add(refused, col, frame[col], pd.Series(labels[broken[code]], frame.index))
    cells = Cells(
        rejections.rownum, unit_id, unit, period, [values[c] for c in indicator_cols.values()]
    )
    rows = _long_rows(
        [np.flatnonzero(accepted[code]) for code in indicator_cols.values()],
        [(grid.headers[col], code) for col, code in indicator_cols.items()],
        cells,
    )
    return Checked(rows, rejections.listed())


def mapped_columns(
    headers: list[str], mapping: dict[str, str], _: Translate = _identity
) -> tuple[int, int, dict[int, str]]:
    """The unit column, the period column and the indicator columns (index → code) of a
    mapping; refused without all three, or with two columns for the same."""
    columns = {i: mapping.get(h.strip(), "") for i, h in enumerate(headers)}
    unit_col = next((i for i, c in columns.items() if c == "unit"), None)
    period_col = next((i for i, c in columns.items() if c == "period"), None)
    indicator_cols = {
        i: c
        for i, c in columns.items()
        if c in catalogue.BY_CODE and not catalogue.BY_CODE[c].computed
    }
    if unit_col is None or period_col is None or not indicator_cols:
        raise ImportError_(_("Velg hvilke kolonner som er enhet, periode og minst én indikator."))
    refuse_double_mapping(columns, headers, _)
    return unit_col, period_col, indicator_cols


def refuse_double_mapping(columns: dict[int, str], headers: list[str], _: Translate) -> None:
    """Two columns may not feed the same target: which of their values would count?"""
    by_target: dict[str, list[str]] = {}
    for index, target in columns.items():
        if target:
            by_target.setdefault(target, []).append(headers[index])
    for target, names in by_target.items():
        if len(names) > 1:
            raise ImportError_(
                _(
                    "Flere kolonner er koblet til det samme (%(target)s): %(columns)s. Koble bare"
                    " én av dem, eller gi kolonnene ulike navn i regnearket.",
                    target=target,
                    columns=", ".join(f"«{name}»" for name in names),
                )
            )


def _units(cells: pd.Series, units: dict[str, int]) -> tuple[pd.Series, pd.Series]:
    """Each row's unit as typed, and its id: -1 for the whole municipality, NaN when the
    municipality has no unit by that name. Each distinct name is looked up once."""
    if pd.api.types.infer_dtype(cells, skipna=True) not in {"string", "empty"}:
        cells = cells.map(cell_text)  # numbers, dates or true/false among the names: as shown
    codes, distinct = pd.factorize(cells.to_numpy())
    names = [*(cell_text(v) for v in distinct), ""]  # code -1, the last: a blank cell
    ids = [-1 if n.lower() in WHOLE_MUNICIPALITY else units.get(n.lower(), np.nan) for n in names]
    return (
        pd.Series(np.array(names, dtype=object)[codes], index=cells.index, dtype=object),
        pd.Series(np.array(ids, dtype="float64")[codes], index=cells.index),
    )


def _periods(cells: pd.Series) -> pd.Series:
    """Each row's period code, None when its cell is not a period (`periods.parse_period`).
    Each distinct cell is read once."""
    try:
        codes, distinct = pd.factorize(cells.to_numpy())
    except TypeError:  # a cell that cannot be hashed
        codes, distinct = pd.factorize(cells.map(_hashable).to_numpy())
    found = np.array([*(parse_period(v) for v in distinct), None], dtype=object)
    return pd.Series(found[codes], index=cells.index, dtype=object)


def _indicator_numbers(
    frame: pd.DataFrame, indicator_cols: dict[int, str], fractions: set[str]
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Each indicator's numbers (NaN: blank or not a number) and where a cell was not blank,
    by code. Percent columns in `fractions` are read as fractions of one, except cells
    written as percent text."""
    values: dict[str, np.ndarray] = {}
    given: dict[str, np.ndarray] = {}
    for col, code in indicator_cols.items():
        value, percent_text, blank = parse_numbers(frame[col])
        if catalogue.BY_CODE[code].unit == catalogue.Unit.PERCENT and code in fractions:
            value = value.where(percent_text, value * 100)
        values[code] = value.to_numpy(dtype="float64")
        given[code] = ~blank.to_numpy()
    return values, given


def superseded(_: Translate) -> str:
    """A value refused because a later row gives the same unit, period and indicator."""
    return _("Samme enhet, periode og indikator står på en senere rad; den gjelder.")


SUPERSEDED = len(checks.RULES) + 1  # after the numbers of the rules in checks.check


def _later_rows_win(
    accepted: dict[str, np.ndarray],
    broken: dict[str, np.ndarray],
    keys: pd.DataFrame,
    good: np.ndarray,
) -> None:
    """Refuse an accepted value that a later row gives again for the same unit and period
    (columns u and p of `keys`): the later one counts, as when typed over."""
    if not (keys.duplicated(keep="last").to_numpy() & good).any():
        return
    for code, keep in accepted.items():
        at = np.flatnonzero(keep)
        earlier = at[keys.iloc[at].duplicated(keep="last").to_numpy()]
        broken[code][earlier] = SUPERSEDED
        keep[earlier] = False


@dataclass
class Rejections:
    """Rejected cells, gathered column by column and listed in the file's order."""

    headers: list[str]
    rownum: pd.Series  # each row's number in the file (the header is row 1)
    found: list[pd.DataFrame] = field(default_factory=list)

    def add(self, mask: pd.Series, col: int, raw: pd.Series, reason: str | pd.Series) -> None:
        """The cells of column `col` where `mask` holds, as typed (`raw`), and why."""
        if mask.any():
            self.found.append(
                pd.DataFrame(
                    {
                        "row": self.rownum[mask],
                        "column": self.headers[col],
                        "value": raw[mask],
                        "reason": reason[mask] if isinstance(reason, pd.Series) else reason,
                    }
                )
            )

    def listed(self) -> list[Rejected]:
        """By row, then column name."""
        if not self.found:
            return []
        table = pd.concat(self.found, ignore_index=True).sort_values(
            ["row", "column"], kind="stable"
        )
        return [
            Rejected(int(r), str(c), _show(v), str(why))
            for r, c, v, why in zip(
                table["row"], table["column"], table["value"], table["reason"], strict=True
            )
        ]


@dataclass
class Cells:
    """Row-aligned columns of a checked sheet: row numbers, units, periods, and the numbers
    of each indicator column."""

    rownum: pd.Series
    unit_id: pd.Series
    unit: pd.Series
    period: pd.Series
    values: list[np.ndarray]


def _long_rows(
    kept: list[np.ndarray], columns: list[tuple[str, str]], cells: Cells
) -> pd.DataFrame:
    """The accepted cells as long rows, gathered with numpy. Text columns are categoricals (a
    small integer a cell), so a sheet of a million rows stays compact and fast to combine."""
    lengths = [len(k) for k in kept]
    if not sum(lengths):
        return _empty_rows()
    at = np.concatenate(kept)
    which = np.repeat(np.arange(len(columns)), lengths)
    unit_codes, unit_names = pd.factorize(cells.unit)
    period_codes, period_names = pd.factorize(cells.period)
    return pd.DataFrame(
        {
            "row": cells.rownum.to_numpy()[at],
            "column": _categorical([h for h, _c in columns], which),
            "unit_id": cells.unit_id.to_numpy()[at].astype("int64"),
            "unit": pd.Categorical.from_codes(unit_codes[at], unit_names),
            "period": pd.Categorical.from_codes(period_codes[at], period_names),
            "indicator": _categorical([c for _h, c in columns], which),
            "value": np.concatenate([v[k] for v, k in zip(cells.values, kept, strict=True)]),
        }
    )


def _categorical(labels: list[str], which: np.ndarray) -> pd.Categorical:
    """labels[i] for each i in `which`, as a categorical (labels may repeat)."""
    unique = list(dict.fromkeys(labels))
    position = np.array([unique.index(label) for label in labels], dtype=np.int32)
    return pd.Categorical.from_codes(position[which], unique)


def _objects(cells: pd.Series) -> pd.Series:
    """A column as Python objects with None for blanks (NaN, NaT, pandas' NA)."""
    if cells.dtype == object:
        return cells
    values = cells.to_numpy(dtype=object)
    values[cells.isna().to_numpy()] = None
    return pd.Series(values, index=cells.index, dtype=object)


def _numbers(cells: pd.Series) -> pd.Series:
    """The cells holding numbers (not text, dates, true/false or blanks), as floats."""
    if pd.api.types.is_float_dtype(cells):
        return cells.dropna()
    numeric = cells.map(
        lambda v: isinstance(v, float | int) and not isinstance(v, bool) and not is_blank(v)
    ).astype(bool)
    return cells[numeric].astype("float64")


def _hashable(value: Any) -> Any:
    if isinstance(value, dt.datetime):  # a day stands for its month; a date stays an object
        return value.date()
    return value if isinstance(value, str | int | float | dt.date | type(None)) else str(value)


def _empty_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": pd.Series(dtype="int64"),
            "column": pd.Series(dtype=object),
            "unit_id": pd.Series(dtype="int64"),
            "unit": pd.Series(dtype=object),
            "period": pd.Series(dtype=object),
            "indicator": pd.Series(dtype=object),
            "value": pd.Series(dtype="float64"),
        }
    )


def fraction_columns(grid: Grid, mapping: dict[str, str]) -> set[str]:
    """Percent indicators whose numeric cells all lie in 0..1: percent-formatted cells."""
    result: set[str] = set()
    frame = grid.frame()
    for i, header in enumerate(grid.headers):
        code = mapping.get(header.strip(), "")
        indicator = catalogue.BY_CODE.get(code)
        if indicator is None or indicator.unit != catalogue.Unit.PERCENT or frame.empty:
            continue
        numbers = _numbers(frame[i])
        if len(numbers) and (numbers.abs() <= 1).all() and (numbers != 0).any():
            result.add(code)
    return result
