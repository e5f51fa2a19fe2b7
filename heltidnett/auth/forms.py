"""Forms for logging in, passwords, profiles, tokens and new users."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from heltidnett.core.forms import options

LANGUAGE_PAIRS = [("nb", "Bokmål"), ("nn", "Nynorsk"), ("en", "English")]


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-post"), validators=[DataRequired(_l("Skriv e-postadressen din.")), Length(max=254)]
    )
    password = PasswordField(
        _l("Passord"), validators=[DataRequired(_l("Skriv passordet ditt.")), Length(max=256)]
    )


class SetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Nytt passord"),
        description=_l(
            "Minst 12 tegn. En setning med flere ord er lett å huske og vanskelig å gjette."
        ),
        validators=[DataRequired(_l("Skriv et nytt passord."))],
    )
    confirm = PasswordField(
        _l("Gjenta passordet"),
        validators=[
            DataRequired(_l("Skriv passordet en gang til.")),
            EqualTo("password", _l("Passordene er ikke like.")),
        ],
    )


class ChangePasswordForm(SetPasswordForm):
    current = PasswordField(
        _l("Nåværende passord"), validators=[DataRequired(_l("Skriv passordet du har nå."))]
    )


class ProfileForm(FlaskForm):
    name = StringField(
        _l("Navn"), validators=[DataRequired(_l("Skriv navnet ditt.")), Length(max=200)]
    )
    language = SelectField(_l("Språk"), choices=options(LANGUAGE_PAIRS))


class TokenForm(FlaskForm):
    name = StringField(
        _l("Navn på nøkkelen"),
        description=_l("For eksempel programmet eller skriptet som skal bruke den."),
        validators=[DataRequired(_l("Gi nøkkelen et navn.")), Length(max=100)],
    )


class WorkLoginDomainForm(FlaskForm):
    domain = StringField(
        _l("E-postdomene"),
        description=_l("Det som står etter @, for eksempel alta.kommune.no."),
        validators=[DataRequired(_l("Skriv et e-postdomene.")), Length(max=253)],
    )


class UserForm(FlaskForm):
    name = StringField(_l("Navn"), validators=[DataRequired(_l("Skriv navnet.")), Length(max=200)])
    email = EmailField(
        _l("E-post"),
        validators=[
            DataRequired(_l("Skriv e-postadressen.")),
            Email(
                _l("Skriv en gyldig e-postadresse, for eksempel navn@kommune.no."),
                check_deliverability=False,
            ),
            Length(max=254),
        ],
    )
    language = SelectField(_l("Språk"), choices=options(LANGUAGE_PAIRS))
    network = SelectField(_l("Nettverk"), coerce=int, validators=[Optional()])
    role = SelectField(_l("Rolle i nettverket"), validators=[Optional()])
    municipality = SelectField(
        _l("Kommune"),
        coerce=int,
        description=_l("Påkrevd for koordinatorer."),
        validators=[Optional()],
    )
    is_facilitator = BooleanField(_l("Prosessveileder på plattformen (kan opprette nettverk)"))
    is_admin = BooleanField(_l("Administrator"))
