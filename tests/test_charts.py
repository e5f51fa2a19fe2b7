"""Charts draw user text (unit, municipality and period names) as plain text, never as markup."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pandas as pd
import pytest

from heltidnett.reports import charts

# mathtext would draw a fraction, fail on an unclosed group, or eat the backslash
HOSTILE = ["$\\frac{1}{0}$", "$x^{$", "$x^{", "\\$", "$5$&<b>", "$\\alpha$"]

Chart = Callable[[pd.DataFrame, str, str, str], str]
CHARTS: dict[str, Chart] = {
    "stacked_bars": charts.stacked_bars,
    "grouped_bars": charts.grouped_bars,
    "lines": charts.lines,
}


def _frame() -> pd.DataFrame:
    """Hostile names as row labels (ticks) and as column labels (legend)."""
    return pd.DataFrame(
        {f"{name}serie": [float(n + 1)] * len(HOSTILE) for n, name in enumerate(HOSTILE)},
        index=HOSTILE,
    )


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_chart_draws_hostile_names_as_literal_text(name: str) -> None:
    svg = CHARTS[name](_frame(), "Tittel $x^{$", "Beskrivelse $\\frac{1}{0}$", "c", locale="nb")
    assert svg.startswith("<svg")
    for text in HOSTILE:
        literal = html.escape(text, quote=False)
        assert f">{literal}</text>" in svg, text  # tick label, kept as typed
        assert f">{literal}serie</text>" in svg, text  # legend entry, kept as typed
    assert "<tspan" not in svg  # mathtext writes tspans; plain text never does
    assert '<title id="c-title">Tittel $x^{$</title>' in svg


def test_charts_leave_the_global_matplotlib_settings_alone() -> None:
    import matplotlib

    before = matplotlib.rcParams["text.parse_math"]
    charts.lines(pd.DataFrame({"$a$": [1.0]}, index=["2017"]), "T", "D", "c", locale="nb")
    assert matplotlib.rcParams["text.parse_math"] == before


def _ticks(svg: str) -> list[str]:
    """The texts the SVG draws (ticks, legend), without the title and description."""
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


@pytest.mark.parametrize("name", list(CHARTS))
def test_english_charts_write_english_numbers(name: str) -> None:
    frame = pd.DataFrame({"Planlagt": [1.0, 3.0], "Faktisk": [1.5, 0.0]}, index=["2016", "2017"])
    english = _ticks(CHARTS[name](frame, "T", "D", "c", locale="en"))
    norwegian = _ticks(CHARTS[name](frame, "T", "D", "c", locale="nb"))
    assert "2.5\u00a0%" in english, english  # ticks every half per cent
    assert not any("," in t for t in english), english  # neither decimals nor thousands
    assert "2,5\u00a0%" in norwegian, norwegian
    assert not any("." in t for t in norwegian), norwegian


def test_dashboard_charts_follow_the_language() -> None:
    from heltidnett.staffing import dashboard

    english = dashboard.national_chart("en").svg
    norwegian = dashboard.national_chart("nb").svg
    assert "80–99.9\u00a0%" in _ticks(english)  # the legend of the bands
    assert "80–99,9\u00a0%" in _ticks(norwegian)
    assert not any(re.search(r"\d,\d", t) for t in _ticks(english)), _ticks(english)
    assert not any(re.search(r"\d\.\d", t) for t in _ticks(norwegian)), _ticks(norwegian)
