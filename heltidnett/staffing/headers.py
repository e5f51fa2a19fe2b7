"""Recognising a sheet's column headers: the unit, the period and the indicators by name.

A header is recognised when, written the same way, it is an indicator's name in Bokmål,
Nynorsk or English, or its code: case, spacing and punctuation do not count, nor a unit in
brackets or at the end ("Sykefravær (%)", "Kostnad vikarer i kroner") or a count word before
or after ("Antall stillinger, planlagt", "Number of vacant positions"). Brackets that are part
of a name may be left out ("Turnover i bemanning"), and æ, ø, å written ae, o, a. A header two
indicators could have (none today) is recognised as neither. Pure Python, without Flask.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from heltidnett.staffing import catalogue

UNIT = "unit"
PERIOD = "period"
# the template's first two headers, in the user's language, and other names people use
UNIT_NAMES = {"nb": "Enhet", "nn": "Eining", "en": "Unit"}
PERIOD_NAMES = {"nb": "Periode", "nn": "Periode", "en": "Period"}
OTHER_UNIT_NAMES = ("Avdeling", "Enhetsnavn", "Einingsnamn", "Unit name")
OTHER_PERIOD_NAMES = ("År", "Year")

BRACKETED = re.compile(r"[(\[{]([^)\]}]*)[)\]}]")
NOT_A_WORD = re.compile(r"[\W_]+")
COUNTING = r"antall|antal|ant|talet på|tal på|number of|no of|count of"
LEADING = re.compile(rf"^(?:{COUNTING}) ")
UNITS = (
    r"antall|antal|ant|tal|count|number|"
    r"(?:i |in )?(?:prosent|percent|pst|pct)|"
    r"(?:i |in )?(?:kroner|kr|nok)"
)
TRAILING = re.compile(rf" (?:{UNITS})$")
FOLDED = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


def words(text: str, *, brackets: bool = True, fold: bool = False) -> str:
    """A header or name as lower-case words: punctuation and extra spaces gone, '%' read as
    'prosent', then a count word in front and a unit at the end left out. Without `brackets`,
    what stands in brackets is left out too; with `fold`, æ, ø, å and accents are plain."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = BRACKETED.sub(r" \1 " if brackets else " ", text).replace("%", " prosent ")
    if fold:
        text = unicodedata.normalize("NFKD", text.translate(FOLDED))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = NOT_A_WORD.sub(" ", text).strip()
    text = LEADING.sub("", text)
    while (shorter := TRAILING.sub("", text)) != text and shorter:
        text = shorter
    return text


def _variants(text: str, fold: bool) -> list[str]:
    return list(dict.fromkeys(words(text, brackets=b, fold=fold) for b in (True, False)))


def _names() -> list[tuple[str, str]]:
    """(name, target) for everything a header can be: unit, period and importable indicators
    (their names in nb, nn and en, and their codes)."""
    pairs = [(n, UNIT) for n in [*UNIT_NAMES.values(), *OTHER_UNIT_NAMES, UNIT]]
    pairs += [(n, PERIOD) for n in [*PERIOD_NAMES.values(), *OTHER_PERIOD_NAMES, PERIOD]]
    for indicator in catalogue.ALL:
        if not indicator.computed:
            names = (indicator.nb, indicator.nn, indicator.en, indicator.code)
            pairs += [(name, indicator.code) for name in names]
    return pairs


@functools.cache
def _table(fold: bool) -> dict[str, str]:
    """Words → target; words that would name two targets are left out."""
    found: dict[str, set[str]] = {}
    for name, target in _names():
        for key in _variants(name, fold):
            found.setdefault(key, set()).add(target)
    return {key: next(iter(t)) for key, t in found.items() if len(t) == 1 and key}


def recognise(header: str) -> str | None:
    """What a header names: "unit", "period", an importable indicator's code, or None."""
    for fold in (False, True):
        table = _table(fold)
        for key in _variants(header, fold):
            if key in table:
                return table[key]
    return None


def template_headers(language: str) -> list[str]:
    """The import template's headers in a language: unit, period, then every entered
    indicator's name."""
    return [
        UNIT_NAMES.get(language, UNIT_NAMES["nb"]),
        PERIOD_NAMES.get(language, PERIOD_NAMES["nb"]),
        *(catalogue.BY_CODE[code].name(language) for code in catalogue.ENTERED_CODES),
    ]
