"""Names shown to users for statuses, definitions and sections."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from heltidnett.core.i18n import format_percent
from heltidnett.declarations.models import DefinitionKind, Status

STATUS_LABELS = {
    Status.DRAFT: _l("Utkast"),
    Status.CONSULTATION: _l("På høring"),
    Status.APPROVED: _l("Godkjent av ledergruppen"),
    Status.ADOPTED: _l("Vedtatt"),
    Status.PUBLISHED: _l("Publisert"),
}

STATUS_COLORS = {
    Status.DRAFT: "neutral",
    Status.CONSULTATION: "warning",
    Status.APPROVED: "info",
    Status.ADOPTED: "success",
    Status.PUBLISHED: "success",
}

# The button of the transition that moves a version to a status.
TRANSITION_LABELS = {
    Status.DRAFT: _l("Tilbake til utkast"),
    Status.CONSULTATION: _l("Send på høring"),
    Status.APPROVED: _l("Registrer godkjenning"),
    Status.ADOPTED: _l("Registrer politisk vedtak"),
    Status.PUBLISHED: _l("Publiser"),
}

DEFINITION_LABELS = {
    DefinitionKind.FULL: _l("Stilling på 100 %"),
    DefinitionKind.AT_LEAST_80: _l("Stilling på minst 80 %"),
    DefinitionKind.SSB_OVER_90: _l("Stilling over 90 % (slik SSB teller)"),
    DefinitionKind.OTHER: _l("En annen grense"),
}


def threshold_text(threshold: float) -> str:
    """An own threshold as the declaration states it: 85 %, 85,5 % (never rounded to whole)."""
    return format_percent(threshold, 0, up_to=2)


def definition_label(kind: DefinitionKind, threshold: float | None) -> str:
    """The definition chosen, with an own threshold: «En annen grense: 85,5 %»."""
    label = str(DEFINITION_LABELS[kind])
    if kind == DefinitionKind.OTHER and threshold:
        return f"{label}: {threshold_text(threshold)}"
    return label


SECTION_LABELS = {
    "background": _l("Bakgrunn og formål"),
    "definition_text": _l("Hva vi mener med heltid"),
    "goals": _l("Mål"),
    "principles": _l("Prinsipper og lokale retningslinjer"),
    "measures": _l("Tiltak"),
    "follow_up": _l("Oppfølging og rapportering"),
}

NO_DECLARATION = _l("Kommunen har ikke startet på en heltidserklæring ennå.")
