"""The built-in declaration template: section titles, guiding text and starting text.

This is document content, chosen by the municipality's målform (Bokmål or Nynorsk), not
user-interface text: it is not translated through gettext.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from heltidnett.core.i18n import format_number
from heltidnett.declarations.models import DefinitionKind


@dataclass(frozen=True)
class SectionTemplate:
    """One section of the template in one written standard."""

    key: str
    title: str
    guidance: str
    starter: str


_NB = [
    SectionTemplate(
        "background",
        "Bakgrunn og formål",
        "Hvorfor vil kommunen skape en heltidskultur? Vis til den felles erklæringen partene "
        "i kommunal sektor underskrev 12.02.2013, og til hva deltid betyr for kvalitet, "
        "kompetanse, kapasitet og kontinuitet i egne tjenester.",
        "Partene i kommunal sektor underskrev 12.02.2013 en felles erklæring for å skape en "
        "heltidskultur. Kommunen og de tillitsvalgte slutter seg til denne erklæringen. "
        "Formålet er flere og større stillinger, slik at brukerne møter færre og mer kompetente "
        "ansatte, og slik at de ansatte får en forutsigbar arbeidshverdag.",
    ),
    SectionTemplate(
        "definition_text",
        "Hva vi mener med heltid",
        "Skriv kommunens lokale definisjon av heltid: 100 % stilling, minst 80 % stilling, "
        "over 90 % stilling slik SSB teller, eller en annen grense. Definisjonen brukes når "
        "heltidsandelen regnes ut.",
        "",
    ),
    SectionTemplate(
        "goals",
        "Mål",
        "Hvilke målbare mål setter kommunen, og når skal de være nådd? For eksempel andel "
        "heltidsstillinger, gjennomsnittlig stillingsstørrelse og andel ledige stillinger.",
        "Andelen heltidsstillinger i helse og omsorg skal øke hvert år. "
        "Hovedregelen ved utlysning er hele, faste stillinger.",
    ),
    SectionTemplate(
        "principles",
        "Prinsipper og lokale retningslinjer",
        "Bruk HTA «lokale retningslinjer for å øke antall heltidsstillinger» for "
        "formaliseringen: hvordan stillinger lyses ut, hvordan deltidsansatte får økt stilling, "
        "og hvordan arbeidstidsordninger velges sammen med de tillitsvalgte.",
        "Ledige stillinger lyses ut som hele stillinger. Deltidsansatte som ønsker det, "
        "skal tilbys større stilling før nye tilsettes. Arbeidstidsordninger utvikles i "
        "samarbeid med tillitsvalgte og verneombud.",
    ),
    SectionTemplate(
        "measures",
        "Tiltak",
        "Hvilke tiltak setter kommunen i verk (turnusordninger, ressursgrupper, "
        "kompetanseheving, piloter), hvem har ansvaret, og når skal de være gjennomført?",
        "",
    ),
    SectionTemplate(
        "follow_up",
        "Oppfølging og rapportering",
        "Hvordan følges erklæringen opp? Hvilke indikatorer rapporteres, hvor ofte, og til "
        "hvem (ledergruppe, partssammensatt styringsgruppe, formannskap eller kommunestyre)?",
        "Heltidsandel og gjennomsnittlig stillingsstørrelse rapporteres hvert år i "
        "styringsdialogen til kommunestyret.",
    ),
]

_NN = [
    SectionTemplate(
        "background",
        "Bakgrunn og føremål",
        "Kvifor vil kommunen skape ein heiltidskultur? Vis til den felles fråsegna partane "
        "i kommunal sektor skreiv under 12.02.2013, og til kva deltid tyder for kvalitet, "
        "kompetanse, kapasitet og kontinuitet i eigne tenester.",
        "Partane i kommunal sektor skreiv 12.02.2013 under ei felles fråsegn for å skape ein "
        "heiltidskultur. Kommunen og dei tillitsvalde sluttar seg til denne fråsegna. "
        "Føremålet er fleire og større stillingar, slik at brukarane møter færre og meir "
        "kompetente tilsette, og slik at dei tilsette får ein føreseieleg arbeidskvardag.",
    ),
    SectionTemplate(
        "definition_text",
        "Kva vi meiner med heiltid",
        "Skriv den lokale definisjonen kommunen har av heiltid: 100 % stilling, minst 80 % "
        "stilling, over 90 % stilling slik SSB tel, eller ei anna grense. Definisjonen vert "
        "brukt når heiltidsdelen vert rekna ut.",
        "",
    ),
    SectionTemplate(
        "goals",
        "Mål",
        "Kva for målbare mål set kommunen, og når skal dei vere nådde? Til dømes del "
        "heiltidsstillingar, gjennomsnittleg stillingsstorleik og del ledige stillingar.",
        "Delen heiltidsstillingar i helse og omsorg skal auke kvart år. "
        "Hovudregelen ved utlysing er heile, faste stillingar.",
    ),
    SectionTemplate(
        "principles",
        "Prinsipp og lokale retningsliner",
        "Bruk HTA «lokale retningslinjer for å øke antall heltidsstillinger» til "
        "formaliseringa: korleis stillingar vert lyste ut, korleis deltidstilsette får auka "
        "stilling, og korleis arbeidstidsordningar vert valde saman med dei tillitsvalde.",
        "Ledige stillingar vert lyste ut som heile stillingar. Deltidstilsette som ønskjer "
        "det, skal få tilbod om større stilling før nye vert tilsette. Arbeidstidsordningar "
        "vert utvikla i samarbeid med tillitsvalde og verneombod.",
    ),
    SectionTemplate(
        "measures",
        "Tiltak",
        "Kva for tiltak set kommunen i verk (turnusordningar, ressursgrupper, "
        "kompetanseheving, pilotar), kven har ansvaret, og når skal dei vere gjennomførte?",
        "",
    ),
    SectionTemplate(
        "follow_up",
        "Oppfølging og rapportering",
        "Korleis vert fråsegna følgd opp? Kva for indikatorar vert rapporterte, kor ofte, og "
        "til kven (leiargruppe, partssamansett styringsgruppe, formannskap eller kommunestyre)?",
        "Heiltidsdelen og gjennomsnittleg stillingsstorleik vert rapporterte kvart år i "
        "styringsdialogen til kommunestyret.",
    ),
]

TEMPLATES: dict[str, list[SectionTemplate]] = {"nb": _NB, "nn": _NN}
DOCUMENT_TITLE = {
    "nb": "Heltidserklæring for {name} kommune",
    "nn": "Heiltidsfråsegn for {name} kommune",
}


def sections(language: str) -> list[SectionTemplate]:
    """The template's sections in Bokmål ('nb') or Nynorsk ('nn'); Bokmål otherwise."""
    return TEMPLATES.get(language, _NB)


def section(language: str, key: str) -> SectionTemplate:
    """One section of the template by key."""
    return next(s for s in sections(language) if s.key == key)


def document_title(language: str, municipality_name: str) -> str:
    return DOCUMENT_TITLE.get(language, DOCUMENT_TITLE["nb"]).format(name=municipality_name)


def definition_sentence(kind: DefinitionKind, threshold: float | None, language: str) -> str:
    """The definition of full time as one sentence of the document."""
    nn = language == "nn"
    if kind == DefinitionKind.FULL:
        return "Heiltid er 100 % stilling." if nn else "Heltid er 100 % stilling."
    if kind == DefinitionKind.AT_LEAST_80:
        return (
            "Heiltid er stilling på 80 % eller meir."
            if nn
            else "Heltid er stilling på 80 % eller mer."
        )
    if kind == DefinitionKind.SSB_OVER_90:
        return (
            "Heiltid er stilling på meir enn 90 %, slik Statistisk sentralbyrå tel."
            if nn
            else "Heltid er stilling på mer enn 90 %, slik Statistisk sentralbyrå teller."
        )
    value = format_number(threshold or 100, 0, locale=language, up_to=2, grouping=False)
    return (
        f"Heiltid er stilling på {value} % eller meir."
        if nn
        else f"Heltid er stilling på {value} % eller mer."
    )


# A percentage as the text states it: "85,5 %", "85.5%", "100 prosent".
_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s*(?:%|prosent\b)")
_NUMBER = r"\d{1,3}(?:[.,]\d+)?"


def stated_percents(text: str) -> list[float]:
    """The percentages a text states, in order."""
    return [float(m.group(1).replace(",", ".")) for m in _PERCENT.finditer(text or "")]


def is_definition_sentence(text: str, language: str) -> bool:
    """Whether the text is the template's sentence for some definition (so not the user's own):
    it may then be written anew from the definition chosen."""
    text = " ".join((text or "").split())
    fixed = (DefinitionKind.FULL, DefinitionKind.AT_LEAST_80, DefinitionKind.SSB_OVER_90)
    if any(text == definition_sentence(kind, None, language) for kind in fixed):
        return True
    other = re.escape(definition_sentence(DefinitionKind.OTHER, 1, language))
    return re.fullmatch(other.replace("1", _NUMBER, 1), text) is not None
