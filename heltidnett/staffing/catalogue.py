"""The catalogue of staffing indicators: stable codes, names in nb/nn/en, units, kinds."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Unit(enum.StrEnum):
    """What an indicator's value counts or measures."""

    COUNT = "count"
    FTE = "fte"
    PERCENT = "percent"
    HOURS = "hours"
    NOK = "nok"


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator: entered by the municipality or computed from the entered ones."""

    code: str
    nb: str
    nn: str
    en: str
    unit: Unit
    higher_is_better: bool | None
    computed: bool = False
    additive: bool = True  # entered values that roll up by summing (not percentages)

    def name(self, language: str = "nb") -> str:
        """The indicator's name in nb, nn or en (Bokmål for anything else)."""
        return {"nn": self.nn, "en": self.en}.get(language, self.nb)


def _e(
    code: str, nb: str, nn: str, en: str, unit: Unit, better: bool | None, additive: bool = True
) -> Indicator:
    return Indicator(code, nb, nn, en, unit, better, additive=additive and unit != Unit.PERCENT)


def _c(code: str, nb: str, nn: str, en: str, unit: Unit, better: bool | None) -> Indicator:
    return Indicator(code, nb, nn, en, unit, better, computed=True, additive=False)


P, F, C, H, K = Unit.PERCENT, Unit.FTE, Unit.COUNT, Unit.HOURS, Unit.NOK

BANDS: list[tuple[str, str]] = [
    ("100", "100 %"),
    ("80_99", "80–99,9 %"),
    ("50_79", "50–79,9 %"),
    ("30_49", "30–49,9 %"),
    ("0_29", "0–29,9 %"),
]

ENTERED: list[Indicator] = [
    _e(
        "positions_planned",
        "Stillinger, planlagt",
        "Stillingar, planlagt",
        "Positions, planned",
        C,
        None,
    ),
    _e("fte_planned", "Årsverk, planlagt", "Årsverk, planlagt", "FTE, planned", F, None),
    _e(
        "positions_actual",
        "Stillinger, faktisk",
        "Stillingar, faktisk",
        "Positions, actual",
        C,
        None,
    ),
    _e("fte_actual", "Årsverk, faktisk", "Årsverk, faktisk", "FTE, actual", F, None),
    *[
        _e(
            f"positions_band_{key}",
            f"Stillinger {label}",
            f"Stillingar {label}",
            f"Positions {label.replace(',', '.')}",
            C,
            None,
        )
        for key, label in BANDS
    ],
    _e(
        "vacant_positions",
        "Ubesatte stillinger",
        "Ubesette stillingar",
        "Vacant positions",
        C,
        False,
    ),
    _e("vacant_fte", "Ubesatte årsverk", "Ubesette årsverk", "Vacant FTE", F, False),
    _e("temps_count", "Tilkallingsvikarer", "Tilkallingsvikarar", "On-call temps", C, False),
    _e(
        "temps_fte",
        "Merarbeid uten stilling, årsverk",
        "Meirarbeid utan stilling, årsverk",
        "Extra work without a position, FTE",
        F,
        False,
    ),
    _e("hired_shifts", "Innleide vakter", "Innleigde vakter", "Hired shifts", C, False),
    _e("overtime_hours", "Overtid, timer", "Overtid, timar", "Overtime, hours", H, False),
    _e(
        "cost_holiday_cover",
        "Kostnad ferieavvikling",
        "Kostnad ferieavvikling",
        "Cost of holiday cover",
        K,
        False,
    ),
    _e("cost_temps", "Kostnad vikarer", "Kostnad vikarar", "Cost of temps", K, False),
    _e("cost_overtime", "Kostnad overtid", "Kostnad overtid", "Cost of overtime", K, False),
    _e("sick_leave_pct", "Sykefravær", "Sjukefråvær", "Sick leave", P, False),
    _e(
        "turnover_shifts_pct",
        "Turnover i vakter",
        "Turnover i vakter",
        "Turnover in shifts",
        P,
        False,
    ),
    _e(
        "turnover_staff_pct",
        "Turnover i bemanning (nytilsettinger)",
        "Turnover i bemanning (nytilsetjingar)",
        "Turnover in staff (new hires)",
        P,
        False,
    ),
    _e(
        "fte_higher_education",
        "Årsverk med relevant høyere utdanning",
        "Årsverk med relevant høgare utdanning",
        "FTE with relevant higher education",
        F,
        None,
    ),
    _e(
        "fte_trade_certificate",
        "Årsverk med relevant fagbrev",
        "Årsverk med relevant fagbrev",
        "FTE with relevant trade certificate",
        F,
        None,
    ),
    _e(
        "fte_unskilled",
        "Årsverk uten relevant formell utdanning",
        "Årsverk utan relevant formell utdanning",
        "FTE without relevant formal education",
        F,
        None,
    ),
    _e(
        "weekend_hours_per_employee",
        "Helgetimer per ansatt",
        "Helgetimar per tilsett",
        "Weekend hours per employee",
        H,
        None,
        additive=False,
    ),
]

WEEKDAYS: list[tuple[str, str, str, str]] = [
    ("mon", "mandag", "måndag", "Monday"),
    ("tue", "tirsdag", "tysdag", "Tuesday"),
    ("wed", "onsdag", "onsdag", "Wednesday"),
    ("thu", "torsdag", "torsdag", "Thursday"),
    ("fri", "fredag", "fredag", "Friday"),
    ("sat", "lørdag", "laurdag", "Saturday"),
    ("sun", "søndag", "sundag", "Sunday"),
]
COMPETENCES: list[tuple[str, str, str, str]] = [
    ("higher", "høyere utdanning", "høgare utdanning", "higher education"),
    ("trade", "fagbrev", "fagbrev", "trade certificate"),
    ("unskilled", "uten formell utdanning", "utan formell utdanning", "no formal education"),
]
KINDS: list[tuple[str, str, str, str]] = [
    ("planned", "planlagt", "planlagt", "planned"),
    ("actual", "faktisk", "faktisk", "actual"),
]

WEEKDAY_STAFFING: list[Indicator] = [
    _e(
        f"staff_{kind}_{day}_{comp}",
        f"Bemanning {knb} {dnb}, {cnb}",
        f"Bemanning {knn} {dnn}, {cnn}",
        f"Staffing {ken} {den}, {cen}",
        C,
        None,
    )
    for kind, knb, knn, ken in KINDS
    for day, dnb, dnn, den in WEEKDAYS
    for comp, cnb, cnn, cen in COMPETENCES
]

COMPUTED: list[Indicator] = [
    _c(
        "avg_position_size_planned",
        "Gjennomsnittlig stillingsstørrelse, planlagt",
        "Gjennomsnittleg stillingsstorleik, planlagt",
        "Average position size, planned",
        P,
        True,
    ),
    _c(
        "avg_position_size_actual",
        "Gjennomsnittlig stillingsstørrelse, faktisk",
        "Gjennomsnittleg stillingsstorleik, faktisk",
        "Average position size, actual",
        P,
        True,
    ),
    _c("fulltime_share", "Heltidsandel", "Heltidsdel", "Full-time share", P, True),
    *[
        _c(
            f"band_share_{key}",
            f"Andel stillinger {label}",
            f"Del stillingar {label}",
            f"Share of positions {label.replace(',', '.')}",
            P,
            None,
        )
        for key, label in BANDS
    ],
    _c(
        "vacancy_share",
        "Andel ubesatte stillinger",
        "Del ubesette stillingar",
        "Share of vacant positions",
        P,
        False,
    ),
    _c(
        "temps_share_of_staff",
        "Tilkallingsvikarer, andel av alle ansatte",
        "Tilkallingsvikarar, del av alle tilsette",
        "On-call temps, share of all staff",
        P,
        False,
    ),
    _c("hired_fte", "Innleide årsverk", "Innleigde årsverk", "Hired FTE", F, False),
    _c(
        "share_higher_education",
        "Andel årsverk med høyere utdanning",
        "Del årsverk med høgare utdanning",
        "Share of FTE with higher education",
        P,
        True,
    ),
    _c(
        "share_trade_certificate",
        "Andel årsverk med fagbrev",
        "Del årsverk med fagbrev",
        "Share of FTE with trade certificate",
        P,
        True,
    ),
    _c(
        "share_unskilled",
        "Andel årsverk uten formell utdanning",
        "Del årsverk utan formell utdanning",
        "Share of FTE without formal education",
        P,
        False,
    ),
    _c(
        "gap_positions",
        "Avvik stillinger, faktisk – planlagt",
        "Avvik stillingar, faktisk – planlagt",
        "Gap in positions, actual – planned",
        C,
        None,
    ),
    _c(
        "gap_fte",
        "Avvik årsverk, faktisk – planlagt",
        "Avvik årsverk, faktisk – planlagt",
        "Gap in FTE, actual – planned",
        F,
        None,
    ),
    _c(
        "gap_avg_position_size",
        "Avvik gjennomsnittlig stillingsstørrelse",
        "Avvik gjennomsnittleg stillingsstorleik",
        "Gap in average position size",
        P,
        None,
    ),
]

ALL: list[Indicator] = [*ENTERED, *WEEKDAY_STAFFING, *COMPUTED]
BY_CODE: dict[str, Indicator] = {i.code: i for i in ALL}
ENTERED_CODES: list[str] = [i.code for i in ENTERED + WEEKDAY_STAFFING]
COMPUTED_CODES: list[str] = [i.code for i in COMPUTED]
BAND_CODES: list[str] = [f"positions_band_{key}" for key, _label in BANDS]
PERCENT_CODES: frozenset[str] = frozenset(i.code for i in ALL if i.unit == Unit.PERCENT)

# Shown on the entry form and in the comparison picker (the weekday grid has its own table).
MAIN_CODES: list[str] = [i.code for i in ENTERED]


def get(code: str) -> Indicator | None:
    """The indicator with this code, or None."""
    return BY_CODE.get(code)


# The network comparison's choice of indicator: the key indicators first, then every entered
# and computed one (not the weekday grid) under its heading.
KEY_CODES: list[str] = [
    "avg_position_size_planned",
    "fulltime_share",
    "vacancy_share",
    "sick_leave_pct",
]


@dataclass(frozen=True, slots=True)
class Category:
    """A heading of the catalogue, in nb/nn/en, and its indicators' codes."""

    nb: str
    nn: str
    en: str
    codes: tuple[str, ...]

    def name(self, language: str = "nb") -> str:
        """The heading in nb, nn or en (Bokmål for anything else)."""
        return {"nn": self.nn, "en": self.en}.get(language, self.nb)


CATEGORIES: list[Category] = [
    Category(
        "Stillingsstørrelse og heltid",
        "Stillingsstorleik og heiltid",
        "Position size and full time",
        (
            "avg_position_size_planned",
            "avg_position_size_actual",
            "fulltime_share",
            *(f"band_share_{key}" for key, _label in BANDS),
            "gap_avg_position_size",
        ),
    ),
    Category(
        "Stillinger og årsverk",
        "Stillingar og årsverk",
        "Positions and FTE",
        (
            "positions_planned",
            "fte_planned",
            "positions_actual",
            "fte_actual",
            *BAND_CODES,
            "gap_positions",
            "gap_fte",
        ),
    ),
    Category(
        "Ubesatte stillinger",
        "Ubesette stillingar",
        "Vacancies",
        ("vacancy_share", "vacant_positions", "vacant_fte"),
    ),
    Category(
        "Vikarer, innleie og overtid",
        "Vikarar, innleige og overtid",
        "Temps, hired staff and overtime",
        (
            "temps_share_of_staff",
            "temps_count",
            "temps_fte",
            "hired_shifts",
            "hired_fte",
            "overtime_hours",
        ),
    ),
    Category(
        "Sykefravær og turnover",
        "Sjukefråvær og turnover",
        "Sick leave and turnover",
        ("sick_leave_pct", "turnover_shifts_pct", "turnover_staff_pct"),
    ),
    Category(
        "Kompetanse",
        "Kompetanse",
        "Competence",
        (
            "share_higher_education",
            "share_trade_certificate",
            "share_unskilled",
            "fte_higher_education",
            "fte_trade_certificate",
            "fte_unskilled",
        ),
    ),
    Category(
        "Kostnader",
        "Kostnader",
        "Costs",
        ("cost_holiday_cover", "cost_temps", "cost_overtime"),
    ),
    Category(
        "Helg",
        "Helg",
        "Weekends",
        ("weekend_hours_per_employee",),
    ),
]
COMPARED_CODES: list[str] = [code for category in CATEGORIES for code in category.codes]
