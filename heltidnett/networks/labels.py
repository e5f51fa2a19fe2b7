"""Names shown to users for network statuses and roles."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from heltidnett.networks.models import NetworkRole, NetworkStatus

STATUS_LABELS = {
    NetworkStatus.PLANNED: _l("Planlagt"),
    NetworkStatus.ACTIVE: _l("Aktivt"),
    NetworkStatus.CLOSED: _l("Avsluttet"),
}

ROLE_LABELS = {
    NetworkRole.FACILITATOR: _l("Prosessveileder"),
    NetworkRole.COORDINATOR: _l("Koordinator"),
    NetworkRole.STEERING: _l("Styringsgruppe"),
    NetworkRole.PARTICIPANT: _l("Deltaker"),
}
