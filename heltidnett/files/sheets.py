"""Untrusted spreadsheets: their used range measured before any reader sizes anything.

A reader (calamine, fastexcel) allocates the rectangle a sheet declares (`<dimension>`) and
the one its cells span, so a 1.6 KB file with a cell at XFD1048576 asks for hundreds of
gigabytes. `guard` streams the first sheet out of the zip (counting what it inflates) and
refuses a sheet whose declared or actual range passes the limits, with a message for the user.
Pure Python without Flask: it runs in the child process that reads the file (sandbox.py).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

from heltidnett.core.numbers import format_number
from heltidnett.files import archive
from heltidnett.files.archive import MB, ZipLimits, ZipRefused
from heltidnett.files.sandbox import ProcessLimits

Translate = Callable[..., str]
HUGE = 10**12  # a row or column number past any limit


class SheetError(ValueError):
    """The file cannot be read at all; the message says why, for the user."""


def _identity(text: str, **kwargs: Any) -> str:
    return text % kwargs if kwargs else text


@dataclass(frozen=True)
class SheetLimits:
    """What an import reads: the used range (rows, columns, rows × columns) and the child
    process's memory and time."""

    max_rows: int = 1_100_000
    max_columns: int = 200
    max_cells: int = 40_000_000  # rows × columns of the used range: what a reader allocates
    zip: ZipLimits = field(default_factory=lambda: ZipLimits(max_unzipped=400 * MB))
    memory_mb: int = 6144
    cpu_seconds: int = 180
    wall_seconds: float = 240.0

    @property
    def process(self) -> ProcessLimits:
        """The child process's limits."""
        return ProcessLimits(self.memory_mb, self.cpu_seconds, self.wall_seconds)


def configured(config: Mapping[str, Any], max_rows: int, max_columns: int) -> SheetLimits:
    """An import's limits: its own rows and columns, the app's cells, memory and time."""
    return SheetLimits(
        max_rows=max_rows,
        max_columns=max_columns,
        max_cells=config.get("SPREADSHEET_MAX_CELLS", 40_000_000),
        zip=ZipLimits(max_unzipped=config.get("SPREADSHEET_MAX_UNZIPPED_MB", 400) * MB),
        memory_mb=config.get("SPREADSHEET_MEMORY_MB", 6144),
        cpu_seconds=config.get("SPREADSHEET_CPU_SECONDS", 180),
        wall_seconds=config.get("SPREADSHEET_WALL_SECONDS", 240),
    )


@dataclass
class Extent:
    """A sheet's used range as found: last row and column, and how many cells and row
    elements it holds (a sheet of few rows that reaches row 1,000,000 is mostly empty)."""

    rows: int = 0
    columns: int = 0
    cells: int = 0
    row_elements: int = 0


def check_extent(extent: Extent, limits: SheetLimits, _: Translate, declared: bool) -> None:
    """Refuse a used range past the limits, saying which limit and how to fix the sheet."""
    where = _("Regnearket oppgir") if declared else _("Regnearket har")
    if extent.rows > limits.max_rows:
        raise SheetError(
            _(
                "%(where)s innhold helt ned til rad %(row)s. Høyst %(n)s rader kan leses.",
                where=where,
                row=_big(extent.rows),
                n=_big(limits.max_rows),
            )
        )
    if extent.columns > limits.max_columns:
        raise SheetError(
            _(
                "%(where)s innhold helt ut til kolonne %(column)s. Høyst %(n)s kolonner kan leses.",
                where=where,
                column=column_name(extent.columns),
                n=limits.max_columns,
            )
        )
    if extent.rows * extent.columns > limits.max_cells:
        raise SheetError(
            _(
                "%(where)s %(rows)s rader og %(columns)s kolonner, for mange celler (høyst"
                " %(n)s). Slett tomme rader og kolonner nederst og til høyre.",
                where=where,
                rows=_big(extent.rows),
                columns=_big(extent.columns),
                n=_big(limits.max_cells),
            )
        )
    if not declared and extent.rows > 10_000 and extent.rows > 2 * extent.row_elements + 10_000:
        raise SheetError(
            _(
                "Regnearket har innhold på rad %(row)s, men de fleste radene før er tomme."
                " Slett de tomme radene (eller cellen langt nede) og prøv igjen.",
                row=_big(extent.rows),
            )
        )


def _big(number: int) -> str:
    """A row or cell count with thousands apart, as Norwegian writes them."""
    return format_number(number) if number < HUGE else "> 10^12"


def _number(digits: bytes) -> int:
    return int(digits) if len(digits) <= 12 else HUGE


def column_name(number: int) -> str:
    """1 → A, 27 → AA, 16384 → XFD; past four letters, a number."""
    if number >= 26**4:
        return _big(number)
    name = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def column_number(letters: bytes) -> int:
    """A → 1, Z → 26, AA → 27, XFD → 16384 (anything longer than four letters: HUGE)."""
    if len(letters) > 4:
        return HUGE
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def zip_refusal(error: ZipRefused, _: Translate) -> SheetError:
    """The user's message for an archive refused by the zip guard."""
    messages = {
        "too_large": _("Regnearket er for stort når det pakkes ut, og blir ikke lest."),
        "macros": _("Regneark med makroer kan ikke importeres. Lagre det som .xlsx."),
        "dtd": _("Regnearket inneholder XML-definisjoner (DTD) og blir ikke lest."),
    }
    return SheetError(
        messages.get(error.reason, _("Regnearket kunne ikke leses. Er filen skadet?"))
    )


def guard(data: bytes, kind: str, limits: SheetLimits, _: Translate = _identity) -> None:
    """Refuse zip bombs and sheets whose used range passes the limits, before reading them.
    (An .xls is bounded by the child process's memory and time instead.)"""
    if kind not in {"xlsx", "ods"}:
        return
    try:
        if kind == "xlsx":
            _guard_xlsx(data, limits, _)
        else:
            _guard_ods(data, limits, _)
    except ZipRefused as error:
        raise zip_refusal(error, _) from error


# ---- xlsx -----------------------------------------------------------------------------

DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*"([^"]*)"')
SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b")
ROOT_PREFIX = re.compile(rb"<(\w+:)?worksheet\b")
FOREIGN_PREFIX = re.compile(rb"<\w+:(?:c|row)[\s>/]")
# the general patterns, for chunks not written the usual way (attributes in another order)
ANY_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
ANY_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr\s*=\s*[\"'](\d+)")
CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr\s*=\s*[\"']([A-Za-z]+)(\d+)")
REF = re.compile(rb"([A-Za-z]*)(\d*)$")
FIRST_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
RELATION_ID = re.compile(rb'\s\w+:id\s*=\s*"([^"]*)"')
RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
ATTRIBUTE = re.compile(rb'(\w+)\s*=\s*"([^"]*)"')


LETTERS = [bytes([code]) for code in range(ord("A"), ord("Z") + 1)]
MAX_WITHOUT_TAG_END = 4 * MB  # a cell holds at most 32,767 characters


@dataclass(frozen=True)
class _Usual:
    """Literal tags of a sheet written the usual way (`<c r="A1"`), with the root's prefix:
    counted and searched at C speed, which keeps a million-row sheet's scan short."""

    cell: bytes
    cell_ref: bytes
    row: bytes
    row_ref: bytes
    row_number: re.Pattern[bytes]
    unusual_ref: re.Pattern[bytes]

    @classmethod
    def of(cls, prefix: bytes) -> _Usual:
        cell, row = b"<" + prefix + b"c", b"<" + prefix + b"row"
        cell_ref, row_ref = cell + b' r="', row + b' r="'
        return cls(
            cell,
            cell_ref,
            row,
            row_ref,
            re.compile(re.escape(row_ref) + rb"(\d+)"),
            # the cell references a usual sheet has few of: columns from AA on, rows from
            # 1,000,000 on (one pass; the rest is measured by the row numbers and the letters)
            re.compile(re.escape(cell_ref) + rb"(?=[A-Z]{2}|[A-Z]\d{7})([A-Z]+)(\d+)"),
        )

    def last_letter(self, body: bytes) -> list[bytes]:
        """The last single-letter column any cell names (by substring search, at C speed);
        only meaningful when no cell names a column of two letters or more."""
        for letter in reversed(LETTERS):
            if self.cell_ref + letter in body:
                return [letter]
        return []


class XlsxScan:
    """Feeds of a sheet's XML, cut at tag ends: its declared and actual used range."""

    def __init__(self) -> None:
        self.carry = b""
        self.declared: Extent | None = None
        self.in_data = False
        self.usual: _Usual | None = None
        self.actual = Extent()
        self.columns: set[bytes] = set()

    def feed(self, chunk: bytes) -> None:
        """Scan the complete tags of carry + chunk; keep the rest for the next chunk."""
        text = self.carry + chunk
        cut = text.rfind(b">") + 1
        body, self.carry = text[:cut], text[cut:]
        if len(self.carry) > MAX_WITHOUT_TAG_END:  # no cell text is this long: not a sheet
            raise ZipRefused("damaged")
        if self.usual is None:
            root = ROOT_PREFIX.search(body)
            self.usual = _Usual.of(root.group(1) or b"" if root else b"")
        if not self.in_data:
            if self.declared is None and (m := DIMENSION.search(body)):
                self.declared = _declared(m.group(1))
            self.in_data = bool(SHEET_DATA.search(body))
        if not self._scan_usual(body, self.usual):
            self._scan_any(body)

    def _scan_usual(self, body: bytes, usual: _Usual) -> bool:
        """Count and measure a chunk whose every cell and row starts with its reference;
        False (nothing counted) when one does not, or another prefix is used."""
        # Every tag that starts like a cell or a row must carry its reference; a chunk with any
        # other tag of that start (`<cols>`, `<rowBreaks>`, a cell without `r`) is scanned the
        # general way, which only the first and last chunks of a usual sheet need.
        cells, rows = body.count(usual.cell_ref), body.count(usual.row_ref)
        if (
            body.count(usual.cell) != cells
            or body.count(usual.row) != rows
            or ((b":c" in body or b":row" in body) and FOREIGN_PREFIX.search(body))
        ):
            return False
        unusual = usual.unusual_ref.findall(body)
        numbers = usual.row_number.findall(body) + [number for _, number in unusual]
        columns = [letters for letters, _ in unusual]
        if not any(len(letters) > 1 for letters in columns):
            columns += usual.last_letter(body)
        self._count(cells, rows, numbers, columns)
        return True

    def _scan_any(self, body: bytes) -> None:
        """Count and measure a chunk written any way the format allows."""
        refs = CELL_REF.findall(body)
        numbers = ROW_NUMBER.findall(body) + [r for _c, r in refs]
        cells, rows = len(ANY_CELL.findall(body)), len(ANY_ROW.findall(body))
        self._count(cells, rows, numbers, [c.upper() for c, _r in refs])

    def _count(self, cells: int, rows: int, numbers: list[bytes], columns: list[bytes]) -> None:
        actual = self.actual
        actual.cells += cells
        actual.row_elements += rows
        farthest = max((_number(n) for n in numbers), default=0)
        actual.rows = max(actual.rows, actual.row_elements, farthest)
        self.columns.update(columns)

    def extent(self) -> Extent:
        """The actual used range, once every chunk is fed."""
        width = max((column_number(c) for c in self.columns), default=0)
        self.actual.columns = max(width, 1 if self.actual.cells else 0)
        return self.actual


def _declared(ref: bytes) -> Extent:
    """The extent a `<dimension ref="A1:XFD1048576">` declares."""
    match = REF.match(ref.rsplit(b":", 1)[-1].strip().replace(b"$", b""))
    if match is None:
        return Extent()
    letters, digits = match.groups()
    return Extent(rows=_number(digits) if digits else 0, columns=column_number(letters))


def first_sheet(zipped: zipfile.ZipFile) -> str | None:
    """The path of the workbook's first sheet (the one the readers read), if it can be found."""
    try:
        workbook = archive.read_part(zipped, zipped.getinfo("xl/workbook.xml"), 16 * MB)
        relations = archive.read_part(zipped, zipped.getinfo("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return None
    sheet = FIRST_SHEET.search(workbook)
    rid = RELATION_ID.search(sheet.group(1)) if sheet else None
    if rid is None:
        return None
    for attributes in RELATIONSHIP.findall(relations):
        values = dict(ATTRIBUTE.findall(attributes))
        if values.get(b"Id") == rid.group(1):
            target = values.get(b"Target", b"").decode("utf-8", "replace")
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return None


def _guard_xlsx(data: bytes, limits: SheetLimits, _: Translate) -> None:
    """Scan the first sheet (every sheet when the first cannot be told) while the zip guard
    inflates it."""
    first = first_sheet(archive.open_archive(data))
    scans: list[XlsxScan] = []

    def scan(info: zipfile.ZipInfo, chunks: Iterator[bytes]) -> None:
        name = info.filename
        if name == first or (first is None and name.startswith("xl/worksheets/")):
            sheet = XlsxScan()
            scans.append(sheet)
            for chunk in chunks:
                sheet.feed(chunk)
                if sheet.declared is not None:
                    check_extent(sheet.declared, limits, _, declared=True)

    archive.check_zip(data, limits.zip, scan)
    for sheet in scans:
        check_extent(sheet.extent(), limits, _, declared=False)


# ---- ods ------------------------------------------------------------------------------

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
CELLS = {TABLE + "table-cell", TABLE + "covered-table-cell"}


class _ChunkStream(io.RawIOBase):
    """A file over an iterator of chunks (for ElementTree.iterparse)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks = chunks
        self.buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self.buffer:
            try:
                self.buffer = next(self.chunks)
            except StopIteration:
                return 0
        size = min(len(target), len(self.buffer))
        target[:size] = self.buffer[:size]
        self.buffer = self.buffer[size:]
        return size


def _repeat(element: ElementTree.Element, name: str) -> int:
    value = element.get(TABLE + name, "1")
    return _number(value.encode()) if value.isdigit() else 1


def ods_extent(chunks: Iterator[bytes]) -> Extent:
    """The first table's used range in content.xml, with repeated rows and cells counted as
    many times as they repeat (trailing empty repeats, as LibreOffice writes, do not count)."""
    extent = Extent()
    row = position = last = cells = 0
    stream = _ChunkStream(chunks)  # the zip guard refuses a DTD before the parser sees one
    for _event, element in ElementTree.iterparse(stream, events=("end",)):  # noqa: S314
        if element.tag in CELLS:
            repeat = _repeat(element, "number-columns-repeated")
            position += repeat
            if len(element) or element.get(OFFICE + "value-type"):
                last, cells = position, cells + repeat
        elif element.tag == TABLE + "table-row":
            repeat = _repeat(element, "number-rows-repeated")
            if last:
                extent.rows = row + repeat
                extent.columns = max(extent.columns, last)
                extent.cells += cells * repeat
            row += repeat
            extent.row_elements += 1 if not last else min(repeat, HUGE)
            position = last = cells = 0
            element.clear()
        elif element.tag == TABLE + "table":
            break
    return extent


def _guard_ods(data: bytes, limits: SheetLimits, _: Translate) -> None:
    """Measure content.xml's first table while the zip guard inflates it."""
    extents: list[Extent] = []

    def scan(info: zipfile.ZipInfo, chunks: Iterator[bytes]) -> None:
        if info.filename == "content.xml":
            try:
                extents.append(ods_extent(chunks))
            except ElementTree.ParseError as error:
                raise ZipRefused("damaged") from error

    archive.check_zip(data, limits.zip, scan)
    for extent in extents:
        check_extent(extent, limits, _, declared=False)


# ---- reading --------------------------------------------------------------------------


def read_guarded(data: bytes, kind: str, limits: SheetLimits, _: Translate) -> list[list[Any]]:
    """The first sheet's cells after the guard; run it in the child process."""
    guard(data, kind, limits, _)
    return read_values(data, limits, _)


def read_values(data: bytes, limits: SheetLimits, _: Translate) -> list[list[Any]]:
    """The first sheet's cells (python-calamine), which the guard has measured."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not workbook.sheet_names:
            raise SheetError(_("Regnearket har ingen ark."))
        values = workbook.get_sheet_by_index(0).to_python(skip_empty_area=True)
    except SheetError:
        raise
    except BaseException as error:  # calamine raises its own types for broken files
        if not unreadable(error):
            raise
        raise SheetError(_("Regnearket kunne ikke leses. Er filen skadet?")) from error
    check_width(values, limits, _)
    return values


def check_width(values: list[list[Any]], limits: SheetLimits, _: Translate) -> None:
    """Refuse rows and columns past the limits in values read (csv, and any sheet)."""
    rows = len(values)
    columns = max((len(r) for r in values), default=0)
    check_extent(Extent(rows, columns, 0, rows), limits, _, declared=False)


def unreadable(error: BaseException) -> bool:
    """Whether a reader's exception says the file cannot be read: any Exception, and a panic in
    the Rust parser (which pyo3 raises as a BaseException), but not an interrupt."""
    return isinstance(error, Exception) or type(error).__name__ == "PanicException"
