"""Norwegian labels of the comments domain's fixed values."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from heltidnett.comments.models import ReviewAssessment, SubjectKind

ASSESSMENT_LABELS = {
    ReviewAssessment.ON_TRACK: _l("I rute"),
    ReviewAssessment.NEEDS_ATTENTION: _l("Trenger oppfølging"),
    ReviewAssessment.OFF_TRACK: _l("Ikke i rute"),
}
ASSESSMENT_COLORS = {
    ReviewAssessment.ON_TRACK: "success",
    ReviewAssessment.NEEDS_ATTENTION: "warning",
    ReviewAssessment.OFF_TRACK: "danger",
}
ROLE_LABELS = {
    "steering": _l("styringsgruppe"),
    "coordinator": _l("koordinator"),
    "facilitator": _l("prosessveileder"),
    "admin": _l("administrator"),
}
SUBJECT_LABELS = {
    SubjectKind.COMMITMENT: _l("Forpliktelse"),
    SubjectKind.GOAL: _l("Mål"),
    SubjectKind.ACTION: _l("Tiltak"),
    SubjectKind.MATRIX_ROW: _l("Rad i styringsmatrisen"),
}
