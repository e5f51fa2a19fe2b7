"""Forms for gatherings, agenda items, methods, materials, registrations and import."""

from __future__ import annotations

from datetime import time
from typing import Any

import wtforms
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from heltidnett.core.bounds import bounded_int
from heltidnett.core.forms import MB, FileField, IntegerField, options
from heltidnett.gatherings.labels import AGENDA_KIND_LABELS, KIND_LABELS, STATUS_LABELS

MATERIAL_MAX_BYTES = 20 * MB  # a material: a document or an image
IMPORT_MAX_BYTES = 5 * MB  # a participant list


class _NorwegianParse:
    """A field whose 'could not read this' message is our own Norwegian one."""

    invalid_message: Any = ""

    def __init__(self, *args: Any, invalid: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if invalid is not None:
            self.invalid_message = invalid

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)  # type: ignore[misc]
        except ValueError as error:
            raise ValueError(str(self.invalid_message)) from error


class TimeField(_NorwegianParse, wtforms.TimeField):
    invalid_message = _l("Skriv inn et gyldig klokkeslett, som 10:15.")


class DateField(_NorwegianParse, wtforms.DateField):
    invalid_message = _l("Skriv inn en gyldig dato.")


def _method_id(value: Any) -> int:
    """A method's id from the form; anything else becomes -1 (an unknown method)."""
    if value in (None, ""):
        return 0
    try:
        return bounded_int(value)
    except (TypeError, ValueError):
        return -1


class GatheringForm(FlaskForm):
    title = StringField(
        _l("Tittel"), validators=[DataRequired(_l("Gi samlingen en tittel.")), Length(max=200)]
    )
    kind = SelectField(
        _l("Type"), choices=options((k.value, label) for k, label in KIND_LABELS.items())
    )
    number = IntegerField(
        _l("Nummer i rekken"),
        description=_l("La stå tomt for neste ledige nummer."),
        validators=[Optional(), NumberRange(min=1, message=_l("Nummeret må være 1 eller høyere."))],
    )
    theme = StringField(_l("Tema"), validators=[Optional(), Length(max=500)])
    place = StringField(_l("Sted"), validators=[Optional(), Length(max=200)])
    starts_on = DateField(
        _l("Første dag"), validators=[InputRequired(_l("Skriv inn en gyldig dato."))]
    )
    ends_on = DateField(
        _l("Siste dag"), validators=[InputRequired(_l("Skriv inn en gyldig dato."))]
    )
    day_ends_at = TimeField(
        _l("Dagen slutter"),
        default=time(17, 30),
        description=_l("Programpunkter som slutter senere, gir en advarsel."),
        validators=[InputRequired(_l("Skriv inn et klokkeslett som 17:30."))],
    )
    registration_deadline = DateField(_l("Påmeldingsfrist"), validators=[Optional()])
    preparation = TextAreaField(
        _l("Forberedelser for kommunene"),
        description=_l("For eksempel: «Kjenn GJORT-LÆRT-LURT-fortellingen deres»."),
        validators=[Optional(), Length(max=5000)],
    )
    changes_reserved = BooleanField(
        _l("Vis «Med forbehold om endringer» i programmet"), default=True
    )
    status = SelectField(
        _l("Status"), choices=options((s.value, label) for s, label in STATUS_LABELS.items())
    )


class AgendaItemForm(FlaskForm):
    day = SelectField(_l("Dag"), validators=[DataRequired(_l("Velg en dag."))])
    starts_at = TimeField(
        _l("Starter"), validators=[InputRequired(_l("Skriv inn et gyldig klokkeslett, som 10:15."))]
    )
    duration_minutes = IntegerField(
        _l("Varighet (minutter)"),
        invalid=_l("Skriv inn varigheten i hele minutter."),
        validators=[InputRequired(_l("Skriv inn varigheten i hele minutter."))],
    )
    title = StringField(
        _l("Tittel"), validators=[DataRequired(_l("Gi programpunktet en tittel.")), Length(max=300)]
    )
    kind = SelectField(
        _l("Type"),
        default="talk",
        choices=options((k.value, label) for k, label in AGENDA_KIND_LABELS.items()),
    )
    speaker = StringField(
        _l("Innleder eller ansvarlig"),
        description=_l("Navn og organisasjon, eller en kommune."),
        validators=[Optional(), Length(max=300)],
    )
    description = TextAreaField(_l("Beskrivelse"), validators=[Optional(), Length(max=5000)])
    method = SelectField(
        _l("Metode"), coerce=_method_id, validate_choice=False, validators=[Optional()]
    )
    steps = TextAreaField(
        _l("Steg"),
        description=_l("Ett steg per linje. Fylles ut fra metoden."),
        validators=[Optional(), Length(max=5000)],
    )
    roles = StringField(
        _l("Roller"),
        description=_l("Kommaseparert, for eksempel: ordstyrer, sekretær, viddevakt."),
        validators=[Optional(), Length(max=300)],
    )
    timing = StringField(
        _l("Tidsbruk"),
        description=_l("For eksempel: 3 × 7 minutter."),
        validators=[Optional(), Length(max=200)],
    )
    shift_following = BooleanField(_l("Skyv punktene etter dette samme dag"), default=True)


class MethodForm(FlaskForm):
    name = StringField(
        _l("Navn"), validators=[DataRequired(_l("Gi metoden et navn.")), Length(max=100)]
    )
    summary = TextAreaField(_l("Kort beskrivelse"), validators=[Optional(), Length(max=5000)])
    steps = TextAreaField(
        _l("Steg"), description=_l("Ett steg per linje."), validators=[Optional(), Length(max=5000)]
    )
    roles = StringField(
        _l("Roller"), description=_l("Kommaseparert."), validators=[Optional(), Length(max=300)]
    )
    timing = StringField(_l("Tidsbruk"), validators=[Optional(), Length(max=200)])


class MaterialForm(FlaskForm):
    title = StringField(_l("Navn på materialet"), validators=[Optional(), Length(max=200)])
    url = StringField(_l("Lenke"), validators=[Optional(), Length(max=500)])
    file = FileField(
        _l("Eller last opp en fil"),
        description=_l("PDF, Office-dokument eller bilde, høyst %(mb)d MB."),
        max_bytes=MATERIAL_MAX_BYTES,
    )


class CopyForm(FlaskForm):
    source = SelectField(
        _l("Kopier programmet fra"), coerce=int, validators=[DataRequired(_l("Velg en samling."))]
    )
    replace = BooleanField(_l("Erstatt punktene som finnes i programmet nå"))


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RegistrationForm(FlaskForm):
    first_name = StringField(
        _l("Fornavn"), validators=[DataRequired(_l("Skriv inn fornavnet.")), Length(max=100)]
    )
    last_name = StringField(
        _l("Etternavn"), validators=[DataRequired(_l("Skriv inn etternavnet.")), Length(max=100)]
    )
    email = StringField(
        _l("E-post"), validators=[DataRequired(_l("Skriv inn e-postadressen.")), Length(max=255)]
    )
    phone = StringField(_l("Mobil"), validators=[Optional(), Length(max=50)])
    job_title = StringField(_l("Stilling/tittel"), validators=[Optional(), Length(max=200)])
    days = MultiCheckboxField(_l("Dager"))
    dinner = BooleanField(_l("Jeg blir med på middagen"))


class ImportForm(FlaskForm):
    file = FileField(
        _l("Deltakerliste (xlsx eller CSV)"),
        description=_l(
            "Kolonner: Etternavn, Fornavn, E-post, Mobil, Stilling/tittel, Firma. Høyst %(mb)d MB."
        ),
        max_bytes=IMPORT_MAX_BYTES,
    )


class ImportConfirmForm(FlaskForm):
    rows = HiddenField()
