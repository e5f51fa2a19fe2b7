"""Norwegian labels of the meetings domain's fixed values."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from heltidnett.meetings.models import AttendeeRole, DecisionStatus, ItemKind

ROLE_LABELS = {
    AttendeeRole.LEADER: _l("Leder"),
    AttendeeRole.UNION: _l("Tillitsvalgt"),
    AttendeeRole.SAFETY: _l("Verneombud"),
    AttendeeRole.EMPLOYER: _l("Arbeidsgiver"),
    AttendeeRole.COORDINATOR: _l("Koordinator"),
    AttendeeRole.FACILITATOR: _l("Veileder"),
    AttendeeRole.SECRETARY: _l("Referent"),
    AttendeeRole.OTHER: _l("Annen rolle"),
}
KIND_LABELS = {
    ItemKind.COMMITMENT: _l("Forpliktelse"),
    ItemKind.GOAL: _l("Mål"),
    ItemKind.DECLARATION_VERSION: _l("Heltidserklæring"),
    ItemKind.MILESTONE: _l("Milepæl"),
}
DECISION_LABELS = {
    DecisionStatus.OPEN: _l("Åpen"),
    DecisionStatus.DONE: _l("Gjort"),
}
DECISION_COLORS = {DecisionStatus.OPEN: "warning", DecisionStatus.DONE: "success"}
LABELS = {
    "role_labels": ROLE_LABELS,
    "kind_labels": KIND_LABELS,
    "decision_labels": DECISION_LABELS,
    "decision_colors": DECISION_COLORS,
}
