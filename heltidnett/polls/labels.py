"""The names of templates, question kinds and statuses as the pages show them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from heltidnett.polls.models import PollStatus, PollTemplate, QuestionKind

TEMPLATE_LABELS = {
    PollTemplate.WHEEL: _l("Gevinsthjulet: egenvurdering av de ti stegene"),
    PollTemplate.ANCHORING: _l("Forankring, skala 1–10"),
    PollTemplate.CULTURE_TIME: _l("Tid til heltidskultur"),
    PollTemplate.PHRASES: _l("Åpent spørsmål med korte svar"),
    PollTemplate.CUSTOM: _l("Egne spørsmål"),
}

KIND_LABELS = {
    QuestionKind.SCALE: _l("Skala 1–10"),
    QuestionKind.SINGLE: _l("Ett valg"),
    QuestionKind.MULTIPLE: _l("Flere valg"),
    QuestionKind.TEXT: _l("Korte svar"),
    QuestionKind.WHEEL_STEP: _l("Steg i gevinsthjulet, 1–10"),
}

STATUS_LABELS = {
    PollStatus.DRAFT: _l("Utkast"),
    PollStatus.OPEN: _l("Åpen"),
    PollStatus.CLOSED: _l("Avsluttet"),
}

STATUS_COLORS = {
    PollStatus.DRAFT: "neutral",
    PollStatus.OPEN: "success",
    PollStatus.CLOSED: "info",
}

LABELS = {
    "template_labels": TEMPLATE_LABELS,
    "kind_labels": KIND_LABELS,
    "status_labels": STATUS_LABELS,
    "status_colors": STATUS_COLORS,
}
