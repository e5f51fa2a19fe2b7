"""Norwegian labels of the goals domain's fixed values, and the colours of their tags."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from heltidnett.goals.models import ActionStatus, Benefit
from heltidnett.goals.progress import Direction, Status

STATUS_LABELS = {
    Status.ON_TRACK: _l("I rute"),
    Status.AT_RISK: _l("I faresonen"),
    Status.OFF_TRACK: _l("Ikke i rute"),
    Status.NO_DATA: _l("Ingen tall"),
    Status.STALE: _l("Gamle tall"),
}
STATUS_COLORS = {
    Status.ON_TRACK: "success",
    Status.AT_RISK: "warning",
    Status.OFF_TRACK: "danger",
    Status.NO_DATA: "neutral",
    Status.STALE: "neutral",
}
DIRECTION_LABELS = {
    Direction.AT_LEAST: _l("Minst"),
    Direction.AT_MOST: _l("Høyst"),
}
BENEFIT_LABELS = {
    Benefit.QUALITY: _l("Kvalitet"),
    Benefit.COMPETENCE: _l("Kompetanse"),
    Benefit.CAPACITY: _l("Kapasitet"),
    Benefit.CONTINUITY: _l("Kontinuitet"),
}
ACTION_LABELS = {
    ActionStatus.PLANNED: _l("Planlagt"),
    ActionStatus.IN_PROGRESS: _l("Pågår"),
    ActionStatus.DONE: _l("Gjennomført"),
    ActionStatus.STOPPED: _l("Stanset"),
}
ACTION_COLORS = {
    ActionStatus.PLANNED: "neutral",
    ActionStatus.IN_PROGRESS: "info",
    ActionStatus.DONE: "success",
    ActionStatus.STOPPED: "neutral",
}
MEASURE_UNIT_LABELS = {
    "percent": _l("Prosent"),
    "count": _l("Antall"),
    "fte": _l("Årsverk"),
    "hours": _l("Timer"),
    "nok": _l("Kroner"),
}
