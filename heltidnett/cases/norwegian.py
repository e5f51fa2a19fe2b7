"""Norwegian words as the idea bank indexes and searches them.

A word is lower-cased, its Nynorsk forms are brought to the Bokmål ones (``heiltid`` → ``heltid``),
a few synonyms are folded together (``små`` → ``liten``) and the Snowball Norwegian stemmer cuts
its inflection (``langvakter`` → ``langvakt``). Compound parts are found by the search, which
matches a query term anywhere inside an indexed term (``turnus`` in ``årsturnus``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

WORD = re.compile(r"[0-9a-zæøåéèêóòôüäö]+", re.IGNORECASE)
VOWELS = frozenset("aeiouyæåø")
S_ENDING = frozenset("bcdfghjlmnoprtvyz")

STEP1 = sorted(
    [
        "a",
        "e",
        "ede",
        "ande",
        "ende",
        "ane",
        "ene",
        "hetene",
        "en",
        "heten",
        "ar",
        "er",
        "heter",
        "as",
        "es",
        "edes",
        "endes",
        "enes",
        "hetenes",
        "ens",
        "hetens",
        "ers",
        "ets",
        "et",
        "het",
        "ast",
    ],
    key=len,
    reverse=True,
)
STEP3 = sorted(
    ["leg", "eleg", "ig", "eig", "lig", "elig", "els", "lov", "elov", "slov", "hetslov"],
    key=len,
    reverse=True,
)

# Nynorsk word starts and their Bokmål ones, longest first.
NYNORSK = sorted(
    {
        "heil": "hel",
        "tilsett": "ansatt",
        "tenest": "tjenest",
        "sjukepleiar": "sykepleier",
        "sjukeheim": "sykehjem",
        "sjuk": "syk",
        "heim": "hjem",
        "ikkje": "ikke",
        "kvardag": "hverdag",
        "korleis": "hvordan",
        "fleir": "fler",
        "meir": "mer",
        "eiga": "egen",
        "eige": "egen",
        "auk": "øk",
        "brukar": "bruker",
        "leiar": "leder",
        "leiing": "ledelse",
        "arbeidstakar": "arbeidstaker",
        "medarbeidar": "medarbeider",
        "frivilleg": "frivillig",
        "stillingsstorleik": "stillingsstørrelse",
        "storleik": "størrelse",
        "oppgåve": "oppgave",
        "kompetanseutvikl": "kompetanseutvikl",
        "vekeslutt": "helg",
        "veke": "uke",
        "vakter": "vakter",
    }.items(),
    key=lambda pair: len(pair[0]),
    reverse=True,
)

# Words that mean the same to a searcher.
SYNONYMS = {
    "små": "liten",
    "smaa": "liten",
    "lita": "liten",
    "lite": "liten",
    "litt": "liten",
    "store": "stor",
    "større": "stor",
}

STOP_WORDS = frozenset(
    [
        "og",
        "i",
        "på",
        "for",
        "med",
        "til",
        "av",
        "som",
        "det",
        "den",
        "de",
        "en",
        "et",
        "er",
        "å",
        "at",
        "har",
        "var",
        "om",
        "vi",
        "ble",
        "blir",
        "fra",
        "kan",
        "så",
        "men",
        "ved",
        "eller",
        "også",
        "seg",
        "sin",
        "sine",
        "ut",
        "inn",
        "etter",
        "der",
        "nå",
        "dei",
        "ein",
        "eit",
        "på",
        "frå",
        "med",
    ]
)


def _r1(word: str) -> int:
    """The start of the stemmer's R1 region, never before the fourth letter."""
    for index in range(1, len(word)):
        if word[index] not in VOWELS and word[index - 1] in VOWELS:
            return max(index + 1, 3)
    return len(word)


def stem(word: str) -> str:
    """The Snowball Norwegian stem of a lower-cased word."""
    r1 = _r1(word)
    region = word[r1:]
    for suffix in STEP1:
        if region.endswith(suffix):
            word = word[: -len(suffix)]
            break
    else:
        if region.endswith(("erte", "ert")):
            word = word[: -(4 if region.endswith("erte") else 3)] + "er"
        elif region.endswith("s") and len(word) > 1:
            before = word[-2]
            if before in S_ENDING or (before == "k" and len(word) > 2 and word[-3] not in VOWELS):
                word = word[:-1]
    if word[r1:].endswith(("dt", "vt")):
        word = word[:-1]
    region = word[r1:]
    for suffix in STEP3:
        if region.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word


def normal(word: str) -> str:
    """A word's Bokmål start and its synonym, before stemming."""
    word = word.lower()
    word = SYNONYMS.get(word, word)
    for nynorsk, bokmal in NYNORSK:
        if word.startswith(nynorsk):
            return bokmal + word[len(nynorsk) :]
    return word


def term(word: str) -> str | None:
    """The indexed form of one word, or None for a word too common or short to search."""
    lowered = word.lower()
    if len(lowered) < 2 or lowered in STOP_WORDS:
        return None
    return stem(normal(lowered))


def terms(text: str) -> Iterator[str]:
    """The indexed forms of a text's words, in order, repeats kept."""
    for match in WORD.finditer(text):
        found = term(match.group())
        if found:
            yield found


def query_terms(text: str) -> list[str]:
    """A query's distinct terms, in the order typed."""
    return list(dict.fromkeys(terms(text)))


def matches(indexed: str, wanted: str) -> int:
    """How well an indexed term answers a query term: 3 the same word, 2 its start (an
    inflection or a compound's first part), 1 inside it (a compound's later part), 0 not."""
    if indexed == wanted:
        return 3
    if indexed.startswith(wanted):
        return 2
    if len(wanted) >= 4 and wanted in indexed:
        return 1
    return 0
