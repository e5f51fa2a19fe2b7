"""Names shown to users for unit kinds and written standards."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from heltidnett.municipalities.models import UnitKind, WrittenStandard

UNIT_KIND_LABELS = {
    UnitKind.NURSING_HOME: _l("Sykehjem"),
    UnitKind.HOME_CARE: _l("Hjemmetjeneste"),
    UnitKind.HOUSING: _l("Bofellesskap og boliger"),
    UnitKind.SHORT_TERM: _l("Korttid"),
    UnitKind.REHABILITATION: _l("Rehabilitering"),
    UnitKind.PSYCHIATRY: _l("Psykisk helse og rus"),
    UnitKind.OTHER: _l("Annet"),
}

WRITTEN_STANDARD_LABELS = {
    WrittenStandard.BOKMAL: _l("Bokmål"),
    WrittenStandard.NYNORSK: _l("Nynorsk"),
}
