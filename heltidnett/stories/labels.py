"""Norwegian labels of the stories domain's fixed values."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from heltidnett.stories.models import IdeaKind, StoryStatus, Theme

THEME_LABELS = {
    Theme.ANCHORING: _l("Forankring"),
    Theme.EMPLOYEE_INVOLVEMENT: _l("Medarbeiderinvolvering"),
    Theme.PARTY_COOPERATION: _l("Partssamarbeid"),
    Theme.MAPPING: _l("Kartlegging og analyse"),
    Theme.WORKING_TIME: _l("Arbeidstidsordning"),
    Theme.TASK_SHARING: _l("Oppgavedeling"),
    Theme.COMPETENCE: _l("Kompetanse"),
    Theme.LEADERSHIP: _l("Ledelse"),
    Theme.WELFARE_TECHNOLOGY: _l("Velferdsteknologi"),
    Theme.VOLUNTEERING: _l("Frivillighet"),
    Theme.RESOURCE_GROUPS: _l("Ressursgrupper"),
    Theme.RECRUITMENT: _l("Rekruttering"),
}

STATUS_LABELS = {StoryStatus.DRAFT: _l("Utkast"), StoryStatus.PUBLISHED: _l("Publisert")}

IDEA_KIND_LABELS = {IdeaKind.IDEA: _l("Idé"), IdeaKind.QUESTION: _l("Spørsmål")}
