"""The rules of staffing figures, each written once, with its message, for every path that
writes them.

The entry form (`services.check_entry`, run again by `services.save_entry` itself), the file
import (`importer.check_grid`) and the API (`services.rows_from_json`, through check_grid)
refuse the same values with the same words, because they all ask `check` here.

A value rule looks at each value of one indicator: `(indicator, values) -> broken`. A row
rule looks at the values of one unit and period together (the form's fields, one row of a
sheet), once the value rules have taken out what they refuse: `(values by code) -> broken by
code`. Values are numpy arrays, one item per row, so a sheet's whole column is checked in one
call and the form's one value as an array of one. A rule's message is a function of the
caller's gettext (`_`): the app passes Flask-Babel's, the benchmark a plain one.

Pure Python and numpy, without Flask, as the importer is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from heltidnett.core.lazy import numpy as np
from heltidnett.staffing import catalogue
from heltidnett.staffing.catalogue import Indicator, Unit

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Array = NDArray[Any]  # one item per row (numpy itself is imported when first used)

Translate = Callable[..., str]
Message = Callable[[Translate], str]
TOLERANCE = 1e-9  # sums of decimal fractions are not exact


@dataclass(frozen=True)
class ValueRule:
    """A rule on each value of an indicator: the values that break it, and what to say."""

    broken: Callable[[Indicator, Array], Array]
    message: Message


@dataclass(frozen=True)
class RowRule:
    """A rule on the values of one unit and period together: the values it refuses, by
    indicator. `confirm`: what the entry form asks instead, for a figure a person may
    confirm (a file cannot). `form_field`: the one field the form shows the message on, for a
    rule about a group of fields; otherwise each refused field shows it."""

    broken: Callable[[Mapping[str, Array]], dict[str, Array]]
    message: Message
    confirm: Message | None = None
    form_field: str | None = None


def value_rule(message: Message) -> Callable[[Callable[[Indicator, Array], Array]], ValueRule]:
    """Make a function `(indicator, values) -> broken` a value rule with this message."""
    return lambda broken: ValueRule(broken, message)


def row_rule(
    message: Message, confirm: Message | None = None, form_field: str | None = None
) -> Callable[[Callable[[Mapping[str, Array]], dict[str, Array]]], RowRule]:
    """Make a function `(values by code) -> broken by code` a row rule with this message."""
    return lambda broken: RowRule(broken, message, confirm, form_field)


# ---- where: the unit and period a row is about ---------------------------------------------


def unknown_unit(_: Translate) -> str:
    """A unit name the municipality does not have (the form offers only its own)."""
    return _("Kommunen har ingen enhet med dette navnet.")


def not_a_period(_: Translate) -> str:
    """A cell or field that `periods.parse_period` reads as no period."""
    return _("Perioden må være et år (2018), en måned (2018-03) eller en uke (2018-W43).")


# ---- what: each value on its own ------------------------------------------------------------


@value_rule(lambda _: _("Ikke et tall."))
def not_a_number(indicator: Indicator, values: Array) -> Array:
    """Text that is no number (NaN here), and numbers too large to hold ('1e999')."""
    return ~np.isfinite(values)


@value_rule(lambda _: _("Tallet kan ikke være negativt."))
def negative(indicator: Indicator, values: Array) -> Array:
    """Nothing counted or measured here is below zero."""
    return values < 0


@value_rule(lambda _: _("En andel må være mellom 0 og 100 %."))
def share_over_100(indicator: Indicator, values: Array) -> Array:
    """A share is a percentage."""
    return values > 100 if indicator.unit == Unit.PERCENT else _none(values)


@value_rule(lambda _: _("Antallet må være et helt tall."))
def fractional_count(indicator: Indicator, values: Array) -> Array:
    """People and positions are counted whole."""
    if indicator.unit != Unit.COUNT:
        return _none(values)
    with np.errstate(invalid="ignore"):  # infinity has been refused already
        return np.abs(values - np.round(values)) > TOLERANCE


# ---- what: the values of one unit and period together -----------------------------------


@row_rule(
    lambda _: _("Årsverk kan ikke være flere enn stillinger."),
    confirm=lambda _: _(
        "Årsverk er flere enn stillinger. Kryss av for å bekrefte at tallet stemmer."
    ),
)
def fte_over_positions(values: Mapping[str, Array]) -> dict[str, Array]:
    """FTE, planned or actual, are no more than the positions they are worked in."""
    pairs = [("positions_planned", "fte_planned"), ("positions_actual", "fte_actual")]
    return {
        fte: values[fte] > values[positions] + TOLERANCE
        for positions, fte in pairs
        if positions in values and fte in values
    }


@row_rule(
    lambda _: _("Stillingene i båndene er flere enn stillinger, planlagt."),
    form_field=catalogue.BAND_CODES[0],
)
def bands_over_positions(values: Mapping[str, Array]) -> dict[str, Array]:
    """The positions counted in the size bands are no more than the planned positions: every
    band given is refused, as nobody can tell which one is wrong."""
    bands = [code for code in catalogue.BAND_CODES if code in values]
    if not bands or "positions_planned" not in values:
        return {}
    given = np.column_stack([values[code] for code in bands])
    total = np.where(np.isnan(given).all(axis=1), np.nan, np.nansum(given, axis=1))
    over = total > values["positions_planned"] + TOLERANCE
    return {code: over & ~np.isnan(values[code]) for code in bands}


VALUE_RULES: list[ValueRule] = [not_a_number, negative, share_over_100, fractional_count]
ROW_RULES: list[RowRule] = [fte_over_positions, bands_over_positions]
RULES: list[ValueRule | RowRule] = [*VALUE_RULES, *ROW_RULES]  # a value breaks the first only


def check(
    values: Mapping[str, Array], given: Mapping[str, Array], confirmed: bool = False
) -> dict[str, Array]:
    """The rule each value breaks, by indicator code: its number in RULES counted from 1, 0
    for none (int8, one item per row). A value is charged with the first rule it breaks.

    `values`: each entered indicator's numbers as floats, NaN where not a number or blank;
    `given`: where a value was given (the cell or field was not blank). `confirmed`: a person
    confirmed the figures that rules with `confirm` question, which then pass.
    """
    found: dict[str, Array] = {}
    kept: dict[str, Array] = {}  # what the row rules see: the values no value rule refused
    for code, numbers in values.items():
        indicator = catalogue.BY_CODE[code]
        broken = np.zeros(len(numbers), dtype=np.int8)
        with np.errstate(invalid="ignore"):  # NaN compares as False, as it should here
            for number, rule in enumerate(VALUE_RULES, start=1):
                broken[(broken == 0) & given[code] & rule.broken(indicator, numbers)] = number
        found[code] = broken
        kept[code] = np.where(broken == 0, numbers, np.nan)
    for number, row in enumerate(ROW_RULES, start=len(VALUE_RULES) + 1):
        if confirmed and row.confirm is not None:
            continue
        with np.errstate(invalid="ignore"):
            for code, refused in row.broken(kept).items():
                found[code][(found[code] == 0) & refused] = number
    return found


def messages(_: Translate, ask: bool = False) -> list[str]:
    """Each rule's message in the caller's language, by its number in `check` (0: "").
    `ask`: the confirm message of a rule that has one (the entry form asks a person)."""
    said = [""]
    for rule in RULES:
        confirm = rule.confirm if isinstance(rule, RowRule) else None
        said.append((confirm if ask and confirm is not None else rule.message)(_))
    return said


def _none(values: Array) -> Array:
    return np.zeros(len(values), dtype=bool)


# ---- doubts: figures that are allowed but unlikely ---------------------------------------
#
# A doubt does not refuse a value: the import preview and the entry form mark it and save it
# only once the person has ticked that they checked the marked figures. A doubt looks at the
# values of one unit and period (NaN: not given) and at each indicator's value in the
# previous period of the same kind for the same unit (NaN: none stored or imported), and
# names the values it doubts, by code. Only values no rule above refused are doubted.

SICK_LEAVE_LIMIT = 30.0
"""Sick leave above this share (%) is doubted. Health and care services in Norway have around
9-11 % sick leave, and a unit with a third of its staff away all period is rare enough to be
a typing error more often than a fact: 63,5 where 6,35 was meant, or a fraction column read
as percent twice."""

FTE_PER_POSITION_LIMIT = 1.2
"""FTE above positions × this are doubted. Average position size = FTE / positions
(DOMAIN.md), and a position is at most 100 %: FTE above positions means extra work counted
in, which `fte_over_positions` refuses in a row and the entry form lets a person confirm.
Across figures saved at different times (positions stored, FTE imported later) no rule
refuses it, and an average position size over 120 % (a whole extra day a week for every
employee) is more likely a count of people mistaken for positions, or the other way round."""

JUMP_FACTOR = 10.0
"""A value at least this many times, or at most one this-many-th of, the same unit's value of
the same indicator in the previous period is doubted: staffing figures drift by percents
from one period to the next, and a tenfold change is most often a misplaced decimal comma
(47,4 typed 474) or a whole municipality's figure on a unit's row."""


@dataclass(frozen=True)
class Doubt:
    """A rule on figures that are allowed but unlikely: the values it doubts, by code, and
    what to say. `settled_by_confirm`: whether the entry form's confirmation that FTE may exceed
    positions settles it already (the person has said so)."""

    unlikely: Callable[[Mapping[str, Array], Mapping[str, Array]], dict[str, Array]]
    message: Message
    settled_by_confirm: bool = False


def doubt(
    message: Message, settled_by_confirm: bool = False
) -> Callable[[Callable[[Mapping[str, Array], Mapping[str, Array]], dict[str, Array]]], Doubt]:
    """Make a function `(values by code, previous by code) -> doubted by code` a doubt."""
    return lambda unlikely: Doubt(unlikely, message, settled_by_confirm)


@doubt(lambda _: _("Sykefraværet er over 30 %. Stemmer tallet?"))
def high_sick_leave(values: Mapping[str, Array], previous: Mapping[str, Array]) -> dict[str, Array]:
    """Sick leave above SICK_LEAVE_LIMIT."""
    if "sick_leave_pct" not in values:
        return {}
    return {"sick_leave_pct": values["sick_leave_pct"] > SICK_LEAVE_LIMIT + TOLERANCE}


@doubt(
    lambda _: _("Årsverk er mer enn 1,2 ganger stillingene. Stemmer tallene?"),
    settled_by_confirm=True,
)
def fte_far_over_positions(
    values: Mapping[str, Array], previous: Mapping[str, Array]
) -> dict[str, Array]:
    """FTE above positions × FTE_PER_POSITION_LIMIT, planned or actual: both are doubted, as
    either may be the wrong one."""
    found: dict[str, Array] = {}
    for positions, fte in [
        ("positions_planned", "fte_planned"),
        ("positions_actual", "fte_actual"),
    ]:
        if positions in values and fte in values:
            far = values[fte] > values[positions] * FTE_PER_POSITION_LIMIT + TOLERANCE
            found[fte] = found.get(fte, _none(far)) | far
            found[positions] = found.get(positions, _none(far)) | far
    return found


@doubt(lambda _: _("Tallet er minst ti ganger så stort eller så lite som forrige periode."))
def jump_from_previous(
    values: Mapping[str, Array], previous: Mapping[str, Array]
) -> dict[str, Array]:
    """A value at least JUMP_FACTOR times the previous period's, or at most its
    JUMP_FACTOR-th; zero on either side is no jump (a unit's first temps, or its last)."""
    found: dict[str, Array] = {}
    for code, now in values.items():
        before = previous.get(code)
        if before is None:
            continue
        both = (now > 0) & (before > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(both, now / np.where(both, before, 1.0), 1.0)
        found[code] = both & ((ratio >= JUMP_FACTOR) | (ratio <= 1 / JUMP_FACTOR))
    return found


BANDS_SHORT_LIMIT = 0.9
"""Positions in the size bands below this share of the planned positions are doubted. Every
position has a size, so the bands add up to the positions (the seeds' figures do, exactly);
a sheet with only some bands filled in ("Stillinger 100 %" alone) would otherwise give a
full-time share of 100 %, as the share is counted among the positions in the bands."""


@doubt(
    lambda _: _(
        "Stillingene i båndene er langt færre enn stillinger, planlagt, og heltidsandelen "
        "regnes bare av dem. Mangler noen bånd?"
    )
)
def bands_short_of_positions(
    values: Mapping[str, Array], previous: Mapping[str, Array]
) -> dict[str, Array]:
    """The positions in the size bands given fall below BANDS_SHORT_LIMIT of the planned
    positions: every band given is doubted, as the missing ones are not there to mark."""
    bands = [code for code in catalogue.BAND_CODES if code in values]
    if not bands or "positions_planned" not in values:
        return {}
    given = np.column_stack([values[code] for code in bands])
    total = np.where(np.isnan(given).all(axis=1), np.nan, np.nansum(given, axis=1))
    short = total < values["positions_planned"] * BANDS_SHORT_LIMIT - TOLERANCE
    return {code: short & ~np.isnan(values[code]) for code in bands}


DOUBTS: list[Doubt] = [
    high_sick_leave,
    fte_far_over_positions,
    jump_from_previous,
    bands_short_of_positions,
]


def doubts(
    values: Mapping[str, Array], previous: Mapping[str, Array], confirmed: bool = False
) -> dict[str, Array]:
    """The doubt each value raises, by code: its number in DOUBTS counted from 1, 0 for none
    (int8, one item per row); the first doubt counts. `values` and `previous`: floats by code,
    NaN where not given. `confirmed`: as for `check` (settles `fte_far_over_positions`)."""
    length = len(next(iter(values.values()))) if values else 0
    found = {code: np.zeros(length, dtype=np.int8) for code in values}
    for number, rule in enumerate(DOUBTS, start=1):
        if confirmed and rule.settled_by_confirm:
            continue
        with np.errstate(invalid="ignore"):  # NaN compares as False: no doubt
            for code, doubted in rule.unlikely(values, previous).items():
                if code in found:
                    found[code][(found[code] == 0) & doubted] = number
    return found


def doubt_messages(_: Translate) -> list[str]:
    """Each doubt's message in the caller's language, by its number in `doubts` (0: "")."""
    return ["", *(rule.message(_) for rule in DOUBTS)]
