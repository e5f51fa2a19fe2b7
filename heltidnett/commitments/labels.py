"""Norwegian labels of the commitments domain's fixed values."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from heltidnett.commitments.models import CommitmentStatus, Quadrant

STATUS_LABELS = {
    CommitmentStatus.OPEN: _l("Åpen"),
    CommitmentStatus.DONE: _l("Gjort"),
    CommitmentStatus.PARTLY: _l("Delvis"),
    CommitmentStatus.NOT_DONE: _l("Ikke gjort"),
}
FOLLOW_UP_LABELS = {k: v for k, v in STATUS_LABELS.items() if k != CommitmentStatus.OPEN}
STATUS_COLORS = {
    CommitmentStatus.OPEN: "warning",
    CommitmentStatus.DONE: "success",
    CommitmentStatus.PARTLY: "info",
    CommitmentStatus.NOT_DONE: "danger",
}
QUADRANT_LABELS = {
    Quadrant.ACHIEVED: _l("Hva har vi fått til?"),
    Quadrant.WHY: _l("Hvorfor?"),
    Quadrant.TAKE_HOLD: _l("Hva må vi nå ta tak i?"),
    Quadrant.HOW: _l("Hvordan gjør vi det?"),
}
