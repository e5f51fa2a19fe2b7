"""Forms for a comment and a review mark."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from heltidnett.comments.labels import ASSESSMENT_LABELS
from heltidnett.comments.services import MAX_BODY
from heltidnett.core.forms import options


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Kommentar"),
        validators=[DataRequired(_l("Skriv kommentaren.")), Length(max=MAX_BODY)],
    )


class MarkForm(FlaskForm):
    period = StringField(
        _l("Periode"),
        description=_l("For eksempel «Høsten 2026» eller «Etter samling 3»."),
        validators=[
            DataRequired(_l("Skriv hvilken periode gjennomgangen gjelder.")),
            Length(max=60),
        ],
    )
    assessment = SelectField(
        _l("Vurdering"), choices=options((k.value, v) for k, v in ASSESSMENT_LABELS.items())
    )
    reason = TextAreaField(
        _l("Hvorfor"),
        description=_l("Kort begrunnelse; må fylles ut når kommunen ikke er i rute."),
        validators=[Length(max=MAX_BODY)],
    )
