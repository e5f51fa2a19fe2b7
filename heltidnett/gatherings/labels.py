"""Norwegian labels for the gathering enums (translated at request time)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from heltidnett.gatherings.models import AgendaKind, GatheringKind, GatheringStatus

KIND_LABELS = {
    GatheringKind.NETWORK: _l("Nettverkssamling"),
    GatheringKind.COORDINATOR: _l("Koordinatorsamling"),
    GatheringKind.DIGITAL: _l("Digitalt møte"),
}

STATUS_LABELS = {
    GatheringStatus.PLANNED: _l("Planlagt"),
    GatheringStatus.PUBLISHED: _l("Publisert"),
    GatheringStatus.HELD: _l("Gjennomført"),
}

STATUS_COLORS = {
    GatheringStatus.PLANNED: "info",
    GatheringStatus.PUBLISHED: "success",
    GatheringStatus.HELD: "neutral",
}

AGENDA_KIND_LABELS = {
    AgendaKind.WELCOME: _l("Velkommen"),
    AgendaKind.TALK: _l("Innlegg"),
    AgendaKind.PLENARY: _l("Plenum"),
    AgendaKind.GROUP_WORK: _l("Gruppearbeid"),
    AgendaKind.MUNICIPALITY_WORK: _l("Kommunevis arbeid"),
    AgendaKind.REFLECTION: _l("Refleksjon"),
    AgendaKind.BREAK: _l("Pause"),
    AgendaKind.MEAL: _l("Måltid"),
    AgendaKind.OTHER: _l("Annet"),
}
