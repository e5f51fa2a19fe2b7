"""The bank's themes, arrangements and population bands as people read them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from heltidnett.cases.models import Arrangement, CaseTheme

THEME_LABELS = {
    CaseTheme.TASK_SHARING: _l("Oppgavedeling"),
    CaseTheme.WORKING_TIME: _l("Arbeidstidsordninger"),
    CaseTheme.WELFARE_TECHNOLOGY: _l("Velferdsteknologi"),
    CaseTheme.RESOURCE_GROUPS: _l("Ressursgrupper"),
    CaseTheme.VOLUNTEERING: _l("Frivillighet"),
    CaseTheme.FULLTIME_CULTURE: _l("Heltidskultur"),
    CaseTheme.COMPETENCE: _l("Kompetanseutvikling"),
    CaseTheme.LEADERSHIP: _l("Ledelse"),
}

ARRANGEMENT_LABELS = {
    Arrangement.LONG_SHIFTS: _l("Langvakter"),
    Arrangement.ANNUAL_ROTA: _l("Årsturnus"),
    Arrangement.RESOURCE_POOL: _l("Ressurspool / delt turnus"),
    Arrangement.ROLLING_ROTA: _l("Rullerende turnus"),
    Arrangement.FLAT_STAFFING: _l("Flat bemanning"),
    Arrangement.OIL_ROTA: _l("«Oljeturnus»"),
    Arrangement.DAY_EVENING_WEEKS: _l("Rene dag- og kveldsuker"),
}

BAND_LABELS = {
    "under_5000": _l("Under 5 000 innbyggere"),
    "5000_20000": _l("5 000–20 000 innbyggere"),
    "20000_50000": _l("20 000–50 000 innbyggere"),
    "over_50000": _l("Over 50 000 innbyggere"),
}
