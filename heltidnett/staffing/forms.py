"""Forms for entering staffing figures and importing spreadsheets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from heltidnett.core.forms import DecimalField, FileField
from heltidnett.staffing import catalogue
from heltidnett.staffing.uploads import MAX_UPLOAD


class NumberField(DecimalField):
    """A staffing figure: the shared Norwegian number field, read as a float (`number`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("invalid", _l("Skriv et tall, for eksempel 27,51."))
        super().__init__(*args, places=None, **kwargs)

    @property
    def number(self) -> float | None:
        """The figure typed, or None (empty, or not a number: then the field has the error)."""
        return float(self.data) if isinstance(self.data, Decimal) else None


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
        description=_l("xlsx, xls, ods eller csv, høyst %(mb)d MB. Første rad er overskrifter."),
        max_bytes=MAX_UPLOAD,
    )
