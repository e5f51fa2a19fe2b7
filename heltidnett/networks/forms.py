"""Forms for networks, who takes part, and roles."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from heltidnett.core.forms import options
from heltidnett.networks.labels import ROLE_LABELS, STATUS_LABELS


class NetworkForm(FlaskForm):
    name = StringField(
        _l("Navn"), validators=[DataRequired(_l("Gi nettverket et navn.")), Length(max=200)]
    )
    region = StringField(_l("Region"), validators=[Optional(), Length(max=200)])
    description = TextAreaField(_l("Beskrivelse"), validators=[Optional(), Length(max=5000)])
    starts_on = DateField(_l("Startdato"), validators=[Optional()])
    ends_on = DateField(_l("Sluttdato"), validators=[Optional()])
    status = SelectField(
        _l("Status"), choices=options((s.value, label) for s, label in STATUS_LABELS.items())
    )


class ParticipationForm(FlaskForm):
    municipality = SelectField(
        _l("Kommune"), coerce=int, validators=[DataRequired(_l("Velg en kommune."))]
    )


class MembershipForm(FlaskForm):
    email = EmailField(
        _l("E-post til personen"),
        description=_l("Personen må ha en bruker. Nye personer legger du til under «Ny bruker»."),
        validators=[DataRequired(_l("Skriv e-postadressen til personen.")), Length(max=254)],
    )
    role = SelectField(
        _l("Rolle"), choices=options((r.value, label) for r, label in ROLE_LABELS.items())
    )
    municipality = SelectField(
        _l("Kommune"),
        coerce=int,
        description=_l("Påkrevd for koordinatorer."),
        validators=[Optional()],
    )
