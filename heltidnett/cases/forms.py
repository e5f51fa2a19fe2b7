"""The facilitator's form for a case, the search form and the story's bank switch."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from heltidnett.cases.labels import ARRANGEMENT_LABELS, THEME_LABELS
from heltidnett.core.forms import MARKUP_HINT, IntegerField, options

MAX_TEXT = 20_000


class CaseForm(FlaskForm):
    place = StringField(
        _l("Kommune eller enhet"),
        description=_l("For eksempel «Sunndal» eller «Bergen – Kolstihagen sykehjem»."),
        validators=[
            DataRequired(_l("Skriv hvilken kommune eller enhet eksempelet er fra.")),
            Length(max=160),
        ],
    )
    county = StringField(_l("Fylke"), validators=[Optional(), Length(max=100)])
    population = IntegerField(
        _l("Innbyggertall"),
        validators=[
            Optional(),
            NumberRange(min=0, message=_l("Innbyggertallet kan ikke være negativt.")),
        ],
    )
    title = StringField(
        _l("Tittel"),
        validators=[DataRequired(_l("Gi eksempelet en tittel.")), Length(max=200)],
    )
    themes = SelectMultipleField(
        _l("Temaer"),
        choices=options((t.value, label) for t, label in THEME_LABELS.items()),
        validators=[DataRequired(_l("Velg minst ett tema."))],
    )
    arrangement = SelectField(
        _l("Arbeidstidsordning"),
        choices=options(
            [
                ("", _l("Ingen bestemt")),
                *((a.value, label) for a, label in ARRANGEMENT_LABELS.items()),
            ]
        ),
        validators=[Optional()],
    )
    summary = TextAreaField(
        _l("Sammendrag"),
        description=_l("To–tre setninger: hva og hvorfor."),
        validators=[Optional(), Length(max=2000)],
    )
    done_text = TextAreaField(
        _l("Hva ble gjort"), description=MARKUP_HINT, validators=[Optional(), Length(max=MAX_TEXT)]
    )
    results_text = TextAreaField(
        _l("Resultater"),
        description=_l("Med tall der dere har dem."),
        validators=[Optional(), Length(max=MAX_TEXT)],
    )
    contact_role = StringField(
        _l("Kontakt (rolle)"),
        description=_l("Bare rollen, for eksempel «Enhetsleder sykehjem». Navn bare med samtykke."),
        validators=[Optional(), Length(max=200)],
    )
    sources = TextAreaField(_l("Kilder"), validators=[Optional(), Length(max=4000)])
