"""Forms for steering meetings, who attended, what they reviewed and decided."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from heltidnett.core.forms import MARKUP_HINT, options
from heltidnett.meetings.labels import DECISION_LABELS, ROLE_LABELS


class MeetingForm(FlaskForm):
    held_on = DateField(_l("Dato"), validators=[DataRequired(_l("Skriv datoen for møtet."))])
    place = StringField(_l("Sted"), validators=[Optional(), Length(max=200)])
    notes = TextAreaField(
        _l("Referat"), description=MARKUP_HINT, validators=[Optional(), Length(max=4000)]
    )
    next_points = TextAreaField(
        _l("Til oppfølging på neste møte"),
        description=MARKUP_HINT,
        validators=[Optional(), Length(max=4000)],
    )


class NewMeetingForm(MeetingForm):
    """A new meeting: whose steering group met is chosen (the network's or a municipality's)."""

    group = SelectField(_l("Styringsgruppe"), coerce=int)


class AttendeeForm(FlaskForm):
    name = StringField(_l("Navn"), validators=[DataRequired(_l("Skriv navnet.")), Length(max=200)])
    role = SelectField(
        _l("Rolle"),
        choices=options([(r.value, label) for r, label in ROLE_LABELS.items()]),
        validators=[DataRequired(_l("Velg en rolle i styringsgruppen."))],
    )


class ItemForm(FlaskForm):
    target = SelectField(
        _l("Sak møtet gikk gjennom"),
        validators=[DataRequired(_l("Velg hva møtet gikk gjennom."))],
    )
    note = TextAreaField(_l("Merknad"), validators=[Optional(), Length(max=4000)])


class DecisionForm(FlaskForm):
    text = TextAreaField(
        _l("Vedtak"), validators=[DataRequired(_l("Skriv vedtaket.")), Length(max=4000)]
    )
    owner = StringField(
        _l("Ansvarlig"),
        description=_l("Person eller rolle, for eksempel kommunalsjef."),
        validators=[DataRequired(_l("Skriv hvem som har ansvaret.")), Length(max=200)],
    )
    due_on = DateField(_l("Frist"), validators=[Optional()])


class DecisionStatusForm(FlaskForm):
    status = SelectField(
        _l("Status"),
        choices=options([(s.value, label) for s, label in DECISION_LABELS.items()]),
        validators=[DataRequired(_l("Velg åpen eller gjort."))],
    )
    comment = StringField(_l("Kommentar"), validators=[Optional(), Length(max=4000)])
