"""Names of prompt kinds, chapter states and delivery statuses, as the user reads them."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from heltidnett.workbooks.models import ChapterState, DeliveryStatus, PromptKind

KIND_LABELS = {
    PromptKind.TEXT: _l("Lang tekst"),
    PromptKind.SMART: _l("SMART-blokk (S, M, T, ansvar, frist)"),
    PromptKind.RANKED: _l("Prioritert liste"),
    PromptKind.SCALE: _l("Skala"),
    PromptKind.CHOICE: _l("Valg"),
    PromptKind.TABLE: _l("Tabell"),
}

STATUS_LABELS = {
    DeliveryStatus.NOT_STARTED: _l("Ikke startet"),
    DeliveryStatus.IN_PROGRESS: _l("Under arbeid"),
    DeliveryStatus.SUBMITTED: _l("Levert"),
    DeliveryStatus.FEEDBACK_GIVEN: _l("Tilbakemelding gitt"),
}

STATUS_COLORS = {
    DeliveryStatus.NOT_STARTED: "neutral",
    DeliveryStatus.IN_PROGRESS: "warning",
    DeliveryStatus.SUBMITTED: "info",
    DeliveryStatus.FEEDBACK_GIVEN: "success",
}

CHAPTER_STATE_LABELS = {
    ChapterState.DRAFT: _l("Utkast"),
    ChapterState.SCHEDULED: _l("Planlagt"),
    ChapterState.OPEN: _l("Åpent"),
}

CHAPTER_STATE_COLORS = {
    ChapterState.DRAFT: "neutral",
    ChapterState.SCHEDULED: "info",
    ChapterState.OPEN: "success",
}


def markup_examples() -> list[str]:
    """What a writer types, one example per way of formatting, for the hint beside a long answer
    (the page shows each beside what it becomes, made by `core.markup.to_html`)."""
    return [
        _("Første avsnitt.\n\nAndre avsnitt etter en tom linje."),
        _("- Heltid\n- Kompetanse"),
        _("1. Kartlegge\n2. Lyse ut"),
        _("Dette er **viktig**."),
        _("Les mer hos [KS](https://www.ks.no)."),
    ]
