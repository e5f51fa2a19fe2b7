"""Forms for chapters, prompts and feedback (answers are saved field by field, see views)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from heltidnett.core.forms import MARKUP_HINT, IntegerField, options
from heltidnett.workbooks.labels import KIND_LABELS


class ChapterForm(FlaskForm):
    number = IntegerField(
        _l("Kapittelnummer"),
        validators=[
            DataRequired(_l("Skriv kapittelnummeret.")),
            NumberRange(min=1, max=99, message=_l("Kapittelnummeret må være fra 1 til 99.")),
        ],
    )
    title = StringField(
        _l("Tittel"), validators=[DataRequired(_l("Skriv en tittel.")), Length(max=200)]
    )
    introduction = TextAreaField(
        _l("Innledning"), description=MARKUP_HINT, validators=[Optional(), Length(max=20_000)]
    )
    opens_after_gathering = SelectField(
        _l("Åpner etter samling"), coerce=int, validators=[Optional()]
    )
    due_on = DateField(
        _l("Frist"),
        description=_l("Vanligvis før neste samling."),
        validators=[Optional()],
    )
    opens_on = DateField(_l("Åpner dato"), validators=[Optional()])
    opens_time = TimeField(
        _l("Åpner klokken"), description=_l("Tomt: kl. 08.00."), validators=[Optional()]
    )

    def validate_opens_time(self, field: Any) -> None:
        if field.data is not None and self.opens_on.data is None:
            raise ValidationError(_l("Velg også dagen kapittelet åpner."))


class TemplateForm(FlaskForm):
    source = SelectField(_l("Mal"), validators=[DataRequired(_l("Velg en mal."))])
    number = IntegerField(
        _l("Kapittelnummer"),
        description=_l("Tomt: malens nummer."),
        validators=[Optional(), NumberRange(min=1, max=99)],
    )
    due_on = DateField(_l("Frist"), validators=[Optional()])


class PromptForm(FlaskForm):
    kind = SelectField(
        _l("Type"), choices=options((k.value, label) for k, label in KIND_LABELS.items())
    )
    label = TextAreaField(
        _l("Spørsmål"), validators=[DataRequired(_l("Skriv spørsmålet.")), Length(max=500)]
    )
    help_text = TextAreaField(_l("Veiledning"), validators=[Optional(), Length(max=5000)])
    options = TextAreaField(
        _l("Alternativer, kolonner eller skala"),
        description=_l(
            "Valg: ett alternativ per linje. Tabell: én kolonne per linje. Skala: «1-10»."
        ),
        validators=[Optional(), Length(max=5000)],
    )
