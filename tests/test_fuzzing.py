"""Property tests (Hypothesis, 1,000 examples each) on what reads untrusted text: the
spreadsheet/CSV reader and its zip guard, the Norwegian number, percent and period parsing,
and the HTML sanitiser of long answers."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heltidnett.core import markup
from heltidnett.core.i18n import format_number, format_percent
from heltidnett.core.numbers import parse_number
from heltidnett.files import sheets
from heltidnett.staffing import importer
from heltidnett.staffing.periods import parse_period
from tests.hostile.corpus import xlsx

EXAMPLES = 1000
fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# ---- the spreadsheet and CSV reader ------------------------------------------------------

CELLS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", ";", ",", '"', '""', "\n", "\r", "1 322,6", "63,5 %", "2018-W43", "\x00"]),
)


@fuzz
@given(st.binary(max_size=2000))
def test_csv_bytes_give_a_grid_or_the_apps_refusal(data: bytes) -> None:
    try:
        grid = importer.read_file(data, "csv")
    except importer.ImportError_ as error:
        assert str(error)
    else:
        assert all(len(row) == len(grid.headers) for row in grid.rows())


@fuzz
@given(st.lists(st.lists(CELLS, max_size=8), max_size=12), st.sampled_from([";", ","]))
def test_csv_grids_give_a_grid_or_the_apps_refusal(rows: list[list[str]], separator: str) -> None:
    text = "\r\n".join(separator.join(row) for row in rows)
    for encoding in ("utf-8", "cp1252"):
        try:
            grid = importer.read_csv(text.encode(encoding, "replace"))
        except importer.ImportError_ as error:
            assert str(error)
        else:
            assert grid.headers is not None


BASE_XLSX = xlsx()


@fuzz
@given(st.lists(st.tuples(st.integers(0, len(BASE_XLSX) - 1), st.integers(0, 255)), max_size=8))
def test_damaged_spreadsheets_give_the_apps_refusal_in_the_guard(
    flips: list[tuple[int, int]],
) -> None:
    """Bytes of an xlsx changed at random: the zip guard and range scan (which run before any
    reader, in the child) pass it or refuse it with the app's own error, nothing else."""
    data = bytearray(BASE_XLSX)
    for at, value in flips:
        data[at] = value
    try:
        sheets.guard(bytes(data), "xlsx", sheets.SheetLimits())
    except sheets.SheetError as error:
        assert str(error)


@fuzz
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "Z", "AA", "GR", "XFD", "ZZZZ"]), st.integers(1, 2**40)
        ),
        max_size=6,
        unique_by=lambda cell: cell[1],
    ).map(lambda cells: sorted(cells, key=lambda cell: cell[1]))
)
def test_the_range_scan_finds_the_farthest_cell(cells: list[tuple[str, int]]) -> None:
    """Cells anywhere (rows in order, as the format has them): the scan's extent is the
    farthest row and column written."""
    body = "".join(f'<row r="{r}"><c r="{c}{r}"><v>1</v></c></row>' for c, r in cells)
    scan = sheets.XlsxScan()
    sheet = xlsx(body=body, dimension="A1")
    with zipfile.ZipFile(io.BytesIO(sheet)) as archive:
        text = archive.read("xl/worksheets/sheet1.xml")
    for start in range(0, len(text), 97):  # fed in pieces that cut tags apart
        scan.feed(text[start : start + 97])
    extent = scan.extent()
    assert extent.rows == min(max((r for _c, r in cells), default=0), sheets.HUGE)
    assert extent.columns == max((sheets.column_number(c.encode()) for c, _r in cells), default=0)


# ---- Norwegian numbers, percentages and periods ------------------------------------------

NUMBERS = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@fuzz
@given(NUMBERS, st.integers(0, 3), st.sampled_from(["nb", "nn"]))
def test_a_number_written_the_norwegian_way_reads_back(
    value: float, digits: int, locale: str
) -> None:
    text = format_number(value, digits, locale)
    parsed = parse_number(text)
    assert parsed is not None
    assert abs(float(parsed) - value) <= 0.5 * 10**-digits + abs(value) * 1e-12


@fuzz
@given(st.floats(min_value=0, max_value=100, allow_nan=False), st.integers(0, 2))
def test_a_percentage_written_the_norwegian_way_reads_back(value: float, digits: int) -> None:
    text = format_percent(value, digits, "nb")
    assert text.endswith("\u00a0%")
    parsed = parse_number(text)
    assert parsed is not None and abs(float(parsed) - value) <= 0.5 * 10**-digits + 1e-9


@fuzz
@given(st.text(max_size=30))
def test_any_text_is_a_number_or_refused(text: str) -> None:
    try:
        number = parse_number(text)
    except ValueError:
        return
    assert number is None or number == number  # a number, never NaN


@fuzz
@given(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)))
def test_periods_read_back_from_their_codes_and_dates(day: dt.date) -> None:
    month = f"{day.year:04d}-{day.month:02d}"
    iso = day.isocalendar()
    week = f"{iso.year:04d}-W{iso.week:02d}"
    assert parse_period(day.strftime("%d.%m.%Y")) == month
    assert parse_period(month) == month
    assert parse_period(str(day.year)) == str(day.year)
    assert parse_period(day) == month
    if 1990 <= iso.year <= 2100:
        assert parse_period(week) == week


@fuzz
@given(st.one_of(st.text(max_size=20), st.floats(), st.integers(), st.none()))
def test_any_cell_is_a_period_or_none(raw: object) -> None:
    period = parse_period(raw)
    assert period is None or re.fullmatch(r"\d{4}(-\d{2}|-W\d{2})?", period)


# ---- the sanitiser -----------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="https://example.org" onclick="alert(1)">ok</a>',
    "<svg onload=alert(1)>",
    "<p onmouseover='alert(1)'>",
    "<style>body{}</style>",
    "<iframe src=//x>",
    "<!-- c -->",
    "<![CDATA[x]]>",
    "<math><mi xlink:href=javascript:alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<",
    ">",
    "&",
    '"',
    "**",
    "[x](javascript:alert(1))",
    "[x](https://example.org)",
    "\n\n",
    "- ",
    "### ",
]
MARKUP = st.lists(st.one_of(st.text(max_size=10), st.sampled_from(HOSTILE)), max_size=10).map(
    "".join
)


class _Tags(HTMLParser):
    """Tags and attributes of sanitised output, as a browser's tokenizer reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def _assert_safe(output: str) -> None:
    parser = _Tags()
    parser.feed(output)
    parser.close()
    for tag, attrs in parser.found:
        assert tag in markup.ALLOWED_TAGS, output
        for name, value in attrs:
            assert not name.startswith("on"), output
            assert name in {"href", "rel", "title", "lang"}, output  # ammonia keeps title, lang
            if name == "href":
                target = re.sub(r"[\x00-\x20]", "", html.unescape(value or "")).lower()
                assert (
                    target.startswith(("http:", "https:", "mailto:"))
                    or ":" not in target.split("/")[0]
                ), output


@fuzz
@given(MARKUP)
def test_sanitised_html_holds_no_script_and_is_stable(text: str) -> None:
    once = markup.sanitize(text)
    _assert_safe(once)
    assert markup.sanitize(once) == once


@fuzz
@given(MARKUP)
def test_light_markup_gives_safe_html(text: str) -> None:
    out = markup.to_html(text)
    _assert_safe(out)
    assert markup.sanitize(out) == out


def test_the_properties_run_a_thousand_examples_each() -> None:
    assert EXAMPLES >= 1000
    with pytest.raises(AssertionError):
        _assert_safe('<a href="javascript:alert(1)">x</a>')  # the check itself can fail
