"""Forms for municipalities and units."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from heltidnett.core.forms import IntegerField, options
from heltidnett.municipalities.labels import UNIT_KIND_LABELS, WRITTEN_STANDARD_LABELS


class MunicipalityForm(FlaskForm):
    name = StringField(
        _l("Navn"), validators=[DataRequired(_l("Skriv kommunens navn.")), Length(max=100)]
    )
    number = StringField(
        _l("Kommunenummer"),
        description=_l("Fire sifre, for eksempel 3401."),
        validators=[
            DataRequired(_l("Skriv kommunenummeret.")),
            Length(
                min=4, max=4, message=_l("Kommunenummeret må ha fire sifre, for eksempel 3401.")
            ),
        ],
    )
    county = StringField(_l("Fylke"), validators=[Optional(), Length(max=100)])
    population = IntegerField(
        _l("Innbyggere"),
        validators=[Optional(), NumberRange(min=0, message=_l("Antallet kan ikke være negativt."))],
    )
    written_standard = SelectField(
        _l("Målform"),
        choices=options((w.value, label) for w, label in WRITTEN_STANDARD_LABELS.items()),
    )


class UnitForm(FlaskForm):
    name = StringField(
        _l("Navn på enheten"), validators=[DataRequired(_l("Gi enheten et navn.")), Length(max=200)]
    )
    kind = SelectField(
        _l("Type"), choices=options((k.value, label) for k, label in UNIT_KIND_LABELS.items())
    )
    is_pilot = BooleanField(_l("Pilotenhet"))
