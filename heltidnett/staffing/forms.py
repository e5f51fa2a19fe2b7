"""Forms for entering staffing figures and importing spreadsheets."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from heltidnett.staffing import catalogue
from heltidnett.staffing.importer import parse_numbers


def parse_number(text: str | None) -> float | None:
    """A number as people write it: '27,51', '1 322,6', '63,5 %'; None for empty text."""
    import pandas as pd

    if text is None or not str(text).strip():
        return None
    value, _percent, _blank = parse_numbers(pd.Series([str(text)], dtype=object))
    number = value.iloc[0]
    if pd.isna(number):
        raise ValueError(text)
    return float(number)


class NumberField(StringField):
    """A text field for a Norwegian number; keeps what was typed when it is not one."""

    number: float | None = None

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist)
        try:
            self.number = parse_number(self.data)
        except ValueError:
            self.number = None
            raise ValueError(_l("Skriv et tall, for eksempel 27,51.")) from None


class EntryForm(FlaskForm):
    """Figures for one unit (or the whole municipality) and one period."""

    unit = SelectField(_l("Enhet"))
    period = StringField(
        _l("Periode"),
        description=_l("Et år (2018), en måned (2018-03) eller en uke (2018-W43)."),
        validators=[DataRequired(_l("Skriv perioden.")), Length(max=10)],
    )
    confirm_fte = BooleanField(_l("Jeg bekrefter at årsverk kan være flere enn stillinger her"))
    checked = BooleanField(_l("Jeg har sjekket tallene som er markert"))


def entry_form(data: dict[str, Any] | None = None, **kwargs: Any) -> EntryForm:
    """An entry form with one number field per entered indicator (the weekday grid too)."""

    class Form(EntryForm):
        pass

    for indicator in [*catalogue.ENTERED, *catalogue.WEEKDAY_STAFFING]:
        setattr(Form, indicator.code, NumberField(indicator.nb))
    return Form(data=data, **kwargs)


class ImportForm(FlaskForm):
    file = FileField(
        _l("Regneark"),
        description=_l("xlsx, xls, ods eller csv, høyst 20 MB. Første rad er overskrifter."),
    )
