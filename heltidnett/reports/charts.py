"""Charts: a pandas DataFrame in, an accessible SVG string out (matplotlib, no Flask).

The SVG carries role="img", <title> and <desc>; matplotlib's inline style attributes and
<style> element are turned into presentation attributes, so the SVG can be inlined in a
page whose Content Security Policy forbids inline styles. Ids get a per-chart prefix so two
charts on one page never share an id.
"""

from __future__ import annotations

import html
import io
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from heltidnett.core.lazy import pandas as pd
from heltidnett.core.lazy import pyplot as plt
from heltidnett.core.numbers import format_percent

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PALETTE = ["#1E4D8C", "#3C8DBC", "#7FB3D5", "#F0A202", "#B03A2E", "#5B8C5A", "#6C3483"]
_LOCK = threading.Lock()  # matplotlib's state is not thread-safe
STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
ID_ATTR = re.compile(r'\bid="([^"]+)"')

Formatter = Callable[[float], str]

# Every chart is drawn under these settings. Labels are user text (unit and municipality
# names, periods): `text.parse_math` off keeps "$…$" literal instead of mathtext markup.
RC_PARAMS = {
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "svg.hashsalt": "heltidnett",
    "text.parse_math": False,
    "text.usetex": False,
}


@contextmanager
def _drawing() -> Iterator[None]:
    """Hold matplotlib's global state for one chart, with the chart settings in effect."""
    # matplotlib's stub types rc_context's keys as a Literal of every setting's name
    with _LOCK, plt.rc_context(RC_PARAMS):  # type: ignore[arg-type]
        yield


def percent(value: float, locale: str) -> str:
    """'65,5 %' for axis ticks and labels (whole numbers without decimals: '20 %'), written
    the way `locale` writes numbers ('65.5 %' in English)."""
    return format_percent(value, 0 if float(value).is_integer() else 1, locale)


def _ticks(value_format: Formatter | None, locale: str) -> Formatter:
    """The chart's number format: the one given, or percentages in the chart's language."""
    return value_format or (lambda v: percent(v, locale))


def _style_to_attributes(match: re.Match[str]) -> str:
    attrs: list[str] = []
    for declaration in match.group(1).split(";"):
        if ":" not in declaration:
            continue
        prop, value = (part.strip() for part in declaration.split(":", 1))
        if prop == "font":
            size, _, family = value.partition(" ")
            attrs.append(f'font-size="{size}"')
            if family:
                attrs.append(f'font-family="{html.escape(family.replace(chr(39), ""))}"')
        elif prop and value:
            attrs.append(f'{prop}="{html.escape(value)}"')
    return " " + " ".join(attrs) if attrs else ""


def _svg(fig: Figure, title: str, description: str, chart_id: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)
    svg = STYLE_ATTR.sub(_style_to_attributes, svg)
    svg = ID_ATTR.sub(lambda m: f'id="{chart_id}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{chart_id}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{chart_id}-{m.group(1)}"', svg)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    head = (
        f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'class="chart" stroke-linejoin="round" stroke-linecap="butt"'
    )
    svg = svg.replace("<svg", head, 1)
    close = svg.index(">", svg.index("<svg")) + 1
    svg = (
        svg[:close]
        + f'<title id="{chart_id}-title">{html.escape(title)}</title>'
        + f'<desc id="{chart_id}-desc">{html.escape(description)}</desc>'
        + svg[close:]
    )
    return svg


def _figure(width: float, height: float) -> tuple[Figure, plt.Axes]:
    fig, ax = plt.subplots(figsize=(width, height))
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x" if height > width * 0.6 else "y", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    return fig, ax


def stacked_bars(
    frame: pd.DataFrame,
    title: str,
    description: str,
    chart_id: str,
    value_format: Formatter | None = None,
    *,
    locale: str,
) -> str:
    """Horizontal stacked bars: one bar per row (index as labels), one segment per column."""
    fmt = _ticks(value_format, locale)
    with _drawing():
        height = max(2.2, 0.45 * len(frame) + 1.4)
        fig, ax = _figure(8, height)
        left = pd.Series(0.0, index=frame.index)
        labels = [str(i) for i in frame.index]
        for n, column in enumerate(frame.columns):
            values = frame[column].fillna(0).astype(float)
            ax.barh(labels, values, left=left, color=PALETTE[n % len(PALETTE)], label=str(column))
            left = left + values
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: fmt(v)))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False)
        return _svg(fig, title, description, chart_id)


def grouped_bars(
    frame: pd.DataFrame,
    title: str,
    description: str,
    chart_id: str,
    value_format: Formatter | None = None,
    *,
    locale: str,
) -> str:
    """Vertical bars grouped per row: one colour per column."""
    fmt = _ticks(value_format, locale)
    with _drawing():
        fig, ax = _figure(8, 3.6)
        count = max(1, len(frame.columns))
        width = 0.8 / count
        positions = range(len(frame))
        for n, column in enumerate(frame.columns):
            values = frame[column].fillna(0).astype(float)
            ax.bar(
                [p + n * width - 0.4 + width / 2 for p in positions],
                values,
                width=width,
                color=PALETTE[n % len(PALETTE)],
                label=str(column),
            )
        ax.set_xticks(list(positions))
        crowded = len(frame) > 5
        ax.set_xticklabels(
            [str(i) if crowded else _wrap(str(i)) for i in frame.index],
            fontsize=9,
            rotation=30 if crowded else 0,
            ha="right" if crowded else "center",
        )
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: fmt(v)))
        if count > 1:
            below = -0.62 if crowded else -0.22
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, below), ncol=3, frameon=False)
        return _svg(fig, title, description, chart_id)


def lines(
    frame: pd.DataFrame,
    title: str,
    description: str,
    chart_id: str,
    value_format: Formatter | None = None,
    dashed: Sequence[str] = (),
    levels: Sequence[tuple[str, float]] = (),
    *,
    locale: str,
) -> str:
    """Lines over the index (e.g. periods), one per column; `dashed` columns are references;
    `levels` are (label, value) drawn as level dotted lines across (a goal's targets)."""
    fmt = _ticks(value_format, locale)
    with _drawing():
        fig, ax = _figure(8, 3.4)
        labels = [str(i) for i in frame.index]
        for n, column in enumerate(frame.columns):
            values = frame[column].astype(float)
            ax.plot(
                labels,
                values.to_numpy(),
                marker="o",
                linestyle="--" if column in dashed else "-",
                color=PALETTE[n % len(PALETTE)],
                label=str(column),
            )
        for n, (label, value) in enumerate(levels):
            ax.axhline(
                value,
                linestyle=":",
                linewidth=1.6,
                color=PALETTE[(len(frame.columns) + n + 2) % len(PALETTE)],
                label=label,
            )
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: fmt(v)))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, frameon=False)
        return _svg(fig, title, description, chart_id)


def _wrap(text: str, width: int = 14) -> str:
    words, line, out = text.split(), "", []
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    return "\n".join(out)
