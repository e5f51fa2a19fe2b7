"""What the goal pages show: values in the measure's unit, period labels, the chart with its
table, and the network overview as a table (for the page and its xlsx download)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flask_babel import gettext as _

from heltidnett.core.i18n import current_language, format_date, format_number, format_percent
from heltidnett.core.lazy import pandas as pd
from heltidnett.goals.labels import BENEFIT_LABELS, DIRECTION_LABELS, STATUS_LABELS
from heltidnett.goals.progress import Point, Status
from heltidnett.reports import charts
from heltidnett.reports.export import Column, Table
from heltidnett.staffing import catalogue

if TYPE_CHECKING:
    from heltidnett.goals.models import Action, Goal
    from heltidnett.goals.services import GoalProgress

# The indicators most goals are set on, first in the picker (as on the dashboard's summary).
KEY_CODES = [
    "fulltime_share",
    "avg_position_size_actual",
    "avg_position_size_planned",
    "vacancy_share",
    "temps_share_of_staff",
    "sick_leave_pct",
]


def indicator_groups(language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The catalogue for a picker: key indicators, then the other computed ones, then the
    entered figures and the weekend staffing, each (group label, [(code, name)])."""
    key = [catalogue.BY_CODE[c] for c in KEY_CODES]
    computed = [i for i in catalogue.COMPUTED if i.code not in KEY_CODES]
    return [
        (_("Nøkkelindikatorer"), [(i.code, i.name(language)) for i in key]),
        (_("Andre beregnede indikatorer"), [(i.code, i.name(language)) for i in computed]),
        (_("Registrerte tall"), [(i.code, i.name(language)) for i in catalogue.ENTERED]),
        (
            _("Bemanning per ukedag"),
            [(i.code, i.name(language)) for i in catalogue.WEEKDAY_STAFFING],
        ),
    ]


def measure_name(goal: Goal, language: str) -> str:
    """The indicator's name, or the municipality's own measure."""
    if goal.indicator_code:
        indicator = catalogue.get(goal.indicator_code)
        return indicator.name(language) if indicator else goal.indicator_code
    return goal.measure_name


def measure_name_of(code: str, language: str) -> str:
    """An indicator's name by its code (the code itself if the catalogue lost it)."""
    indicator = catalogue.get(code)
    return indicator.name(language) if indicator else code


def format_measure(value: float | None, unit: str) -> str:
    """A value in the measure's unit: 45,2 %, 12,50 årsverk-style decimals, whole counts."""
    if value is None:
        return "–"
    if unit == "percent":
        return format_percent(value, 1)
    if unit == "fte":
        return format_number(value, 2)
    if unit == "hours":
        return format_number(value, 1)
    return format_number(value, 0 if float(value).is_integer() else 1)


def point_label(goal: Goal, day: dt.date) -> str:
    """A point's period: a staffing year '2018' or month '03.2018'; own values by their date."""
    if goal.indicator_code is None:
        return format_date(day, "short")
    if day.month == 12 and day.day == 31:
        return str(day.year)
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return f"{day.month:02d}.{day.year}"
    return format_date(day, "short")


@dataclass
class Shown:
    """A goal as a row of the board, the overview or the head of its page."""

    goal: Goal
    measure: str
    direction: str
    status: Status
    status_label: str
    hidden: bool
    baseline: str = "–"
    baseline_period: str = ""
    latest: str = "–"
    latest_period: str = ""
    share: float | None = None  # 0-100
    first_target: str = ""
    target: str = ""
    benefit: str = ""
    projected: str = ""  # the fitted line's value at the current target's date
    current_target: str = ""
    overdue: list[Action] = field(default_factory=list)


def shown(item: GoalProgress, language: str, today: dt.date) -> Shown:
    """The board's view of one goal (values left out when they are a hidden small unit's)."""
    goal, progress = item.goal, item.progress
    row = Shown(
        goal=goal,
        measure=measure_name(goal, language),
        direction=str(DIRECTION_LABELS[goal.direction]),
        status=progress.status,
        status_label=str(STATUS_LABELS[progress.status]),
        hidden=item.hidden,
        benefit=str(BENEFIT_LABELS[goal.benefit]) if goal.benefit else "",
        overdue=[a for a in goal.actions if a.is_overdue(today)],
    )
    unit = goal.measure_unit
    if goal.first_target_value is not None and goal.first_target_due is not None:
        row.first_target = _(
            "%(value)s innen %(date)s",
            value=format_measure(goal.first_target_value, unit),
            date=format_date(goal.first_target_due),
        )
    row.target = _(
        "%(value)s innen %(date)s",
        value=format_measure(goal.target_value, unit),
        date=format_date(goal.target_due),
    )
    if progress.baseline is not None:
        row.baseline = format_measure(progress.baseline.value, unit)
        row.baseline_period = point_label(goal, progress.baseline.as_of)
    elif goal.baseline_period:
        row.baseline_period = goal.baseline_period
    if progress.latest is not None:
        row.latest = format_measure(progress.latest.value, unit)
        row.latest_period = point_label(goal, progress.latest.as_of)
    if progress.share_of_way is not None:
        row.share = progress.share_of_way * 100
    if progress.projected is not None:
        row.projected = format_measure(progress.projected, unit)
    row.current_target = format_measure(progress.target.value, unit)
    return row


@dataclass
class SeriesChart:
    """The goal's chart and the table of its values."""

    svg: str
    table: Table
    id: str = "chart-goal"


def series_chart(item: GoalProgress, language: str) -> SeriesChart | None:
    """The series as a line with both targets as level lines, and its table; None without
    values (or when they are kept back)."""
    goal = item.goal
    if not item.series or item.hidden:
        return None
    name = measure_name(goal, language)
    labels = [point_label(goal, p.as_of) for p in item.series]
    frame = pd.DataFrame({name: [p.value for p in item.series]}, index=labels)
    levels = []
    if goal.first_target_value is not None and goal.first_target_due is not None:
        levels.append(
            (
                _("Første mål, %(date)s", date=format_date(goal.first_target_due, "short")),
                goal.first_target_value,
            )
        )
    levels.append(
        (
            _("Langsiktig mål, %(date)s", date=format_date(goal.target_due, "short")),
            goal.target_value,
        )
    )
    title = _("%(measure)s over tid", measure=name)
    svg = charts.lines(
        frame,
        title,
        _("Målte verdier per periode, med første og langsiktige mål som prikkede linjer."),
        "chart-goal",
        value_format=lambda v: format_measure(v, goal.measure_unit),
        levels=levels,
        locale=current_language(),
    )
    return SeriesChart(svg, values_table(goal, item.series, title))


def _column(goal: Goal, title: str) -> Column:
    if goal.measure_unit == "percent":
        return Column(title, "percent", 1)
    return Column(title, "decimal", 2 if goal.measure_unit == "fte" else 1)


def values_table(goal: Goal, points: list[Point], title: str) -> Table:
    """The series' values, a row per period."""
    columns = [Column(_("Periode"), "text"), _column(goal, _("Verdi"))]
    return Table(title, columns, [[point_label(goal, p.as_of), p.value] for p in points])


def overview_table(rows: list[tuple[str, Shown, GoalProgress]], title: str, language: str) -> Table:
    """The network overview as a spreadsheet: a row per goal, its numbers as numbers (a hidden
    small unit's left empty)."""
    columns = [
        Column(_("Kommune"), "text", width=18),
        Column(_("Mål"), "text", width=40),
        Column(_("Indikator eller måling"), "text", width=28),
        Column(_("Retning"), "text"),
        Column(_("Status"), "text", width=14),
        Column(_("Andel av veien"), "percent", 0),
        Column(_("Utgangspunkt"), "decimal", 1),
        Column(_("Utgangspunkt, periode"), "text"),
        Column(_("Siste verdi"), "decimal", 1),
        Column(_("Siste periode"), "text"),
        Column(_("Første mål"), "decimal", 1),
        Column(_("Første mål, dato"), "date"),
        Column(_("Langsiktig mål"), "decimal", 1),
        Column(_("Langsiktig mål, dato"), "date"),
        Column(_("Ansvarlig"), "text", width=24),
        Column(_("Gevinst"), "text"),
        Column(_("Forfalte tiltak"), "int"),
    ]
    body = []
    for municipality, row, item in rows:
        goal, progress = row.goal, item.progress
        body.append(
            [
                municipality,
                goal.title,
                row.measure,
                row.direction,
                row.status_label,
                None if row.share is None else row.share,
                None if progress.baseline is None else progress.baseline.value,
                row.baseline_period,
                None if progress.latest is None else progress.latest.value,
                row.latest_period,
                goal.first_target_value,
                goal.first_target_due,
                goal.target_value,
                goal.target_due,
                goal.responsible,
                row.benefit,
                len(row.overdue),
            ]
        )
    return Table(title, columns, body)
