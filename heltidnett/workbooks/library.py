"""The built-in chapter templates: chapters 2 (Heltid i nord) and 3 (BTV NyttBlikk) of the seeds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l

from heltidnett.workbooks.models import PromptKind


@dataclass(frozen=True)
class PromptTemplate:
    kind: PromptKind
    label: str
    help_text: str = ""
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ChapterTemplate:
    key: str
    name: Any  # a lazy string: shown in the facilitator's list of templates
    number: int
    title: str
    introduction: str
    prompts: tuple[PromptTemplate, ...]


HELTID_I_NORD_2 = ChapterTemplate(
    key="heltid-i-nord-2",
    name=_l("Kapittel 2 fra Heltid i nord: forankring, strategi og nåsituasjon"),
    number=2,
    title="Forankring, strategi og nåsituasjonen",
    introduction=(
        "Mellomarbeid fram til neste samling. Fortsett forankringsarbeidet i egen kommune, "
        "lag en lokal heltidserklæring, og velg ut noen piloter som skaffer seg dypere innsikt "
        "i konsekvensene av dagens arbeidstidsorganisering.\n\n"
        "Bruk HTA «lokale retningslinjer for å øke antall heltidsstillinger» for formalisering."
    ),
    prompts=(
        PromptTemplate(
            PromptKind.TEXT,
            "a) Prosessen for å sikre forankring, samarbeid og involvering av dem som blir "
            "berørt av endringen",
            "Hvem er involvert (ledelse, tillitsvalgte, verneombud, medarbeidere), og hvordan?",
        ),
        PromptTemplate(
            PromptKind.TEXT,
            "b) Heltidskultur som strategi for å løse samfunnsoppdraget",
        ),
        PromptTemplate(
            PromptKind.SMART,
            "c) Kartlegging av nåsituasjonen: konsekvensene av dagens arbeidstidsordning for "
            "kvalitet, arbeidsmiljø og effektivitet",
            "Fortell om analysen (S), de målbare målene (M), tiltakene (T), hvem som har "
            "hovedansvaret og når tiltaket skal være gjennomført.",
        ),
        PromptTemplate(
            PromptKind.SCALE,
            "Hvor godt har dere forankret arbeidet?",
            "1 = lite, 10 = svært godt.",
            {"min": 1, "max": 10},
        ),
    ),
)

BTV_3 = ChapterTemplate(
    key="btv-nyttblikk-3",
    name=_l("Kapittel 3 fra BTV NyttBlikk: framdriftsplan, kompetanse, involvering, definisjon"),
    number=3,
    title="Framdriftsplan, innsikt og en første definisjon av heltidskultur",
    introduction=(
        "Ta utgangspunkt i det dere kom fram til på samlingen. Forbered også historien om "
        "medarbeiderinvolvering som dere skal dele på neste samling."
    ),
    prompts=(
        PromptTemplate(
            PromptKind.RANKED,
            "1. Framdriftsplan: hva er lavt hengende frukter vi kan realisere før neste "
            "nettverkssamling, og hva er mer krevende og må jobbes med over tid?",
            "List opp tiltakene, og nummerer dem deretter etter prioritet.",
        ),
        PromptTemplate(
            PromptKind.TABLE,
            "2. Bruk kompetanseprofilene for å avdekke gap mellom planlagt og faktisk "
            "kompetansesammensetning gjennom uka og året",
            "Hva forteller dette dere? Hva trenger dere å vite mer om? Kartlegg variasjonene "
            "i drift: har vi nok kapasitet og kompetanse til å løse oppgavene?",
            {"columns": ["Enhet", "Kompetanse", "Planlagt", "Faktisk", "Hva forteller gapet oss?"]},
        ),
        PromptTemplate(
            PromptKind.TEXT,
            "3. Historien om hvordan dere har involvert medarbeiderne i heltidskulturarbeidet, "
            "og hvilke erfaringer dere gjorde",
            "Bruk gjerne IGP for å mobilisere alle på en trygg og inkluderende måte. Aktuelle "
            "temaer: hvorfor heltidskultur er viktig, brukerperspektivet, og hva som "
            "kjennetegner en god vakt.",
        ),
        PromptTemplate(
            PromptKind.TEXT,
            "4. Første versjon av en meningsfull definisjon av heltidskultur i kommunen. Når "
            "kan dere si at dere har en heltidskultur, og hvilke indikatorer gir det mening å "
            "følge med på?",
            "Ta utgangspunkt i innsikten fra punkt 1–3 og gevinstrealiseringstilnærmingen.",
        ),
        PromptTemplate(
            PromptKind.CHOICE,
            "Hvor lang tid tror dere det tar før kommunen har en heltidskultur?",
            "",
            {"choices": ["1–3 år", "4–7 år", "8–12 år", "Vi tviler på at vi kommer dit"]},
        ),
    ),
)

BUILT_IN: dict[str, ChapterTemplate] = {t.key: t for t in (HELTID_I_NORD_2, BTV_3)}
