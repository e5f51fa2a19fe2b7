"""The tables and charts of a municipality's dashboard and a network comparison."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from heltidnett.core.i18n import format_number, format_percent
from heltidnett.core.lazy import pandas as pd
from heltidnett.reports import charts
from heltidnett.reports.export import Column, Table
from heltidnett.staffing import catalogue
from heltidnett.staffing.periods import period_kind, sort_key
from heltidnett.staffing.reference import national_profile

WHOLE = -1
SUMMARY_CODES = [
    "avg_position_size_planned",
    "avg_position_size_actual",
    "fulltime_share",
    "vacancy_share",
    "temps_share_of_staff",
    "sick_leave_pct",
]
TABLE_CODES = [
    "positions_planned",
    "fte_planned",
    "avg_position_size_planned",
    "positions_actual",
    "fte_actual",
    "avg_position_size_actual",
    "fulltime_share",
    *[f"band_share_{k}" for k, _l in catalogue.BANDS],
    "vacant_positions",
    "vacancy_share",
    "temps_count",
    "temps_share_of_staff",
    "temps_fte",
    "hired_shifts",
    "hired_fte",
    "overtime_hours",
    "sick_leave_pct",
    "turnover_shifts_pct",
    "turnover_staff_pct",
    "share_higher_education",
    "share_trade_certificate",
    "share_unskilled",
    "weekend_hours_per_employee",
    "gap_fte",
]


# The position-size bands of catalogue.BANDS as bounds, so a legend writes them in its language
BAND_BOUNDS: dict[str, tuple[float, float | None]] = {
    "100": (100, None),
    "80_99": (80, 99.9),
    "50_79": (50, 79.9),
    "30_49": (30, 49.9),
    "0_29": (0, 29.9),
}


def band_label(key: str, language: str) -> str:
    """A band as a legend writes it: '80–99,9 %' (Norwegian), '80–99.9 %' (English)."""
    low, high = BAND_BOUNDS[key]
    if high is None:
        return format_percent(low, 0, language)
    return f"{format_number(low, 0, language)}–{format_percent(high, 1, language)}"


@dataclass
class Chart:
    """An SVG chart and the table of its numbers."""

    svg: str
    table: Table
    id: str


@dataclass
class Dashboard:
    period: str | None
    summary: list[tuple[str, str]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    table: Table | None = None


def column_for(code: str, language: str) -> Column:
    """An export column for an indicator: percentages and decimals with real formats."""
    indicator = catalogue.BY_CODE[code]
    if indicator.unit == catalogue.Unit.PERCENT:
        return Column(indicator.name(language), "percent", 1)
    if indicator.unit in (catalogue.Unit.FTE,):
        return Column(indicator.name(language), "decimal", 2)
    if indicator.unit == catalogue.Unit.HOURS:
        return Column(indicator.name(language), "decimal", 1)
    return Column(indicator.name(language), "int" if code in catalogue.ENTERED_CODES else "decimal")


def format_value(code: str, value: Any, language: str | None = None) -> str:
    """A value for the screen, by the indicator's unit."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    unit = catalogue.BY_CODE[code].unit
    if unit == catalogue.Unit.PERCENT:
        return format_percent(value, 1, language)
    if unit == catalogue.Unit.FTE:
        return format_number(value, 2, language)
    if unit == catalogue.Unit.HOURS:
        return format_number(value, 1, language)
    digits = 0 if float(value).is_integer() else 1
    return format_number(value, digits, language)


def _clean(value: Any) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return float(value)


def unit_label(unit_id: int, names: dict[int, str]) -> str:
    return _("Hele kommunen") if unit_id == WHOLE else names.get(unit_id, "?")


def indicators_table(
    frame: pd.DataFrame, names: dict[int, str], codes: list[str], language: str, title: str
) -> Table:
    """Rows of units (the whole municipality last), a column per indicator."""
    columns = [Column(_("Enhet"), "text", width=30)] + [column_for(c, language) for c in codes]
    rows = []
    for rec in frame.sort_values("unit_id", key=lambda s: s.eq(WHOLE)).to_dict("records"):
        rows.append([unit_label(int(rec["unit_id"]), names)] + [_clean(rec.get(c)) for c in codes])
    return Table(title, columns, rows)


def _units_frame(frame: pd.DataFrame, names: dict[int, str], codes: list[str]) -> pd.DataFrame:
    data = frame.copy()
    data.index = [unit_label(int(u), names) for u in data["unit_id"]]
    for code in codes:
        if code not in data:
            data[code] = float("nan")
    return data[codes]


def build_dashboard(
    table: pd.DataFrame, names: dict[int, str], period: str | None, language: str, name: str
) -> Dashboard:
    """Summary, charts with their tables and the whole table for one period."""
    dashboard = Dashboard(period)
    if table.empty or period is None:
        return dashboard
    current = table[table["period"] == period]
    total = current[current["unit_id"] == WHOLE]
    units = current[current["unit_id"] != WHOLE].sort_values(
        "unit_id", key=lambda s: s.map(lambda u: names.get(int(u), ""))
    )
    if not total.empty:
        first = total.iloc[0]
        dashboard.summary = [
            (catalogue.BY_CODE[c].name(language), format_value(c, first.get(c), language))
            for c in SUMMARY_CODES
        ]
    both = pd.concat([units, total])
    band_codes = [f"band_share_{k}" for k, _l in catalogue.BANDS]
    bands = _units_frame(both, names, band_codes).dropna(how="all")
    if not bands.empty:
        bands.columns = [band_label(k, language) for k, _l in catalogue.BANDS]
        title = _("Stillingsprofil per enhet, %(period)s", period=period)
        dashboard.charts.append(
            _chart(
                charts.stacked_bars(
                    bands,
                    title,
                    _("Andel stillinger i hvert bånd av stillingsstørrelse, per enhet."),
                    "chart-bands",
                    locale=language,
                ),
                both,
                names,
                band_codes,
                language,
                title,
                "chart-bands",
            )
        )
    dashboard.charts.extend(_size_over_time(table, language, name, period_kind(period)))
    competence_codes = ["share_higher_education", "share_trade_certificate", "share_unskilled"]
    competence = _units_frame(both, names, competence_codes).dropna(how="all")
    if not competence.empty:
        competence.columns = [catalogue.BY_CODE[c].name(language) for c in competence_codes]
        title = _("Kompetansesammensetning per enhet, %(period)s", period=period)
        dashboard.charts.append(
            _chart(
                charts.stacked_bars(
                    competence,
                    title,
                    _("Andel årsverk etter formell kompetanse, per enhet."),
                    "chart-competence",
                    locale=language,
                ),
                both,
                names,
                competence_codes,
                language,
                title,
                "chart-competence",
            )
        )
    temp_codes = ["temps_count", "temps_fte", "hired_fte"]
    temps = _units_frame(units, names, temp_codes).dropna(how="all")
    if not temps.empty:
        temps.columns = [catalogue.BY_CODE[c].name(language) for c in temp_codes]
        title = _("Vikarer og innleie per enhet, %(period)s", period=period)
        dashboard.charts.append(
            _chart(
                charts.grouped_bars(
                    temps,
                    title,
                    _("Tilkallingsvikarer, merarbeid uten stilling og innleide årsverk."),
                    "chart-temps",
                    value_format=lambda v: format_number(v, 0, language),
                    locale=language,
                ),
                both,
                names,
                temp_codes,
                language,
                title,
                "chart-temps",
            )
        )
    sick = _units_frame(both, names, ["sick_leave_pct"]).dropna(how="all")
    if not sick.empty:
        sick.columns = [catalogue.BY_CODE["sick_leave_pct"].name(language)]
        title = _("Sykefravær per enhet, %(period)s", period=period)
        dashboard.charts.append(
            _chart(
                charts.stacked_bars(
                    sick,
                    title,
                    _("Sykefravær i prosent, per enhet."),
                    "chart-sick",
                    locale=language,
                ),
                both,
                names,
                ["sick_leave_pct"],
                language,
                title,
                "chart-sick",
            )
        )
    dashboard.table = indicators_table(
        both, names, TABLE_CODES, language, _("Indikatorer %(period)s", period=period)
    )
    return dashboard


def _chart(
    svg: str,
    frame: pd.DataFrame,
    names: dict[int, str],
    codes: list[str],
    language: str,
    title: str,
    chart_id: str,
) -> Chart:
    return Chart(svg, indicators_table(frame, names, codes, language, title), chart_id)


def _size_over_time(table: pd.DataFrame, language: str, name: str, kind: str) -> list[Chart]:
    """Average position size planned and actual over periods of one kind (years: with the
    national reference)."""
    total = table[table["unit_id"] == WHOLE]
    years = total[total["period"].map(period_kind) == kind]
    codes = ["avg_position_size_planned", "avg_position_size_actual"]
    if years.empty or years[codes].isna().all().all():
        return []
    if len(years) < 2 and not years["period"].isin(national_profile().index).any():
        return []  # one point is no development over time
    series = years.set_index("period")[codes].sort_index(key=lambda s: s.map(sort_key))
    series.columns = [catalogue.BY_CODE[c].name(language) for c in codes]
    reference = _("Landet, turnus (KS PAI)")
    national = national_profile()["avg_position_size_actual"]
    if kind == "year" and any(p in national.index for p in series.index):
        periods = sorted(set(series.index) | set(national.index), key=sort_key)
        series = series.reindex(periods)
        series[reference] = [national.get(p) for p in series.index]
    title = _("Gjennomsnittlig stillingsstørrelse over tid, %(name)s", name=name)
    svg = charts.lines(
        series,
        title,
        _("Planlagt og faktisk gjennomsnittlig stillingsstørrelse per periode."),
        "chart-size",
        dashed=[reference],
        locale=language,
    )
    columns = [Column(_("Periode"), "text")] + [Column(str(c), "percent", 1) for c in series]
    rows = [
        [p, *[_clean(v) for v in row]] for p, row in zip(series.index, series.values, strict=True)
    ]
    return [Chart(svg, Table(title, columns, rows), "chart-size")]


def national_chart(language: str) -> Chart:
    """The national rota profile 2012-2017 as stacked bars, with its table."""
    codes = [f"band_share_{k}" for k, _l in catalogue.BANDS]
    frame = national_profile()[codes].copy()
    frame.columns = [band_label(k, language) for k, _l in catalogue.BANDS]
    title = _("Nasjonal turnusprofil 2012–2017 (KS PAI)")
    svg = charts.stacked_bars(
        frame,
        title,
        _("Andel ansatte i helse og omsorg etter stillingsstørrelse, turnus, per år."),
        "chart-national",
        locale=language,
    )
    all_codes = [*codes, "avg_position_size_actual"]
    columns = [Column(_("År"), "text")] + [column_for(c, language) for c in all_codes]
    rows = [
        [period, *[float(v) for v in national_profile().loc[period, all_codes]]]
        for period in national_profile().index
    ]
    return Chart(svg, Table(title, columns, rows), "chart-national")


def comparison(
    table: pd.DataFrame,
    municipalities: dict[int, str],
    codes: list[str],
    period: str,
    language: str,
) -> tuple[list[Chart], Table]:
    """Municipalities side by side (whole-municipality values) on the chosen indicators: a
    chart with its table for each indicator some municipality has a value of, and the table
    of them all."""
    current = (
        table[(table["period"] == period) & (table["unit_id"] == WHOLE)]
        if not table.empty
        else table
    )
    columns = [Column(_("Kommune"), "text", width=24)] + [column_for(c, language) for c in codes]
    rows = []
    by_mid = (
        {int(r["municipality_id"]): r for r in current.to_dict("records")}
        if not current.empty
        else {}
    )
    for mid, mname in sorted(municipalities.items(), key=lambda kv: kv[1]):
        rec = by_mid.get(mid, {})
        rows.append([mname, *[_clean(rec.get(c)) for c in codes]])
    result = Table(_("Kommunene side om side, %(period)s", period=period), columns, rows)
    found = []
    for n, code in enumerate(codes, start=1):
        if all(r[n] is None for r in rows):
            continue
        found.append(
            _compare_chart(code, [(r[0], r[n]) for r in rows], columns, n, period, language)
        )
    return found, result


def _compare_chart(
    code: str,
    values: list[tuple[str, float | None]],
    columns: list[Column],
    n: int,
    period: str,
    language: str,
) -> Chart:
    """One indicator's municipalities as bars, with its table."""
    indicator = catalogue.BY_CODE[code]
    title = f"{indicator.name(language)}, {period}"
    frame = pd.DataFrame(
        {indicator.name(language): [v for _m, v in values]}, index=[m for m, _v in values]
    )
    fmt = (
        (lambda v: charts.percent(v, language))
        if indicator.unit == catalogue.Unit.PERCENT
        else (lambda v: format_number(v, 0, language))
    )
    svg = charts.grouped_bars(
        frame,
        title,
        _("Kommunene i nettverket side om side."),
        compare_chart_id(code),
        value_format=fmt,
        locale=language,
    )
    table = Table(title, [columns[0], columns[n]], [[m, v] for m, v in values])
    return Chart(svg, table, compare_chart_id(code))


def compare_chart_id(code: str) -> str:
    """The id of an indicator's chart in the network comparison."""
    return f"chart-compare-{code}"
