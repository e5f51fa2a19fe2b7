"""Small helpers shared by the forms of every domain."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import wtforms
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from heltidnett.core.bounds import TOO_LARGE, in_bounds

# How to write the light markup of `heltidnett.core.markup`: beside every field that takes it.
MARKUP_HINT = _l(
    "Tom linje gir nytt avsnitt. Start en linje med «- » for en punktliste, "
    "eller med «1. » for en nummerert liste."
)


def options(pairs: Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    """Choices for a SelectField from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


# What may stand between the digits of a number as Norwegians type it: spaces of every width.
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")


def plain_decimal(text: str) -> str:
    """A typed number with a decimal comma and spaced thousands ("1 322,5") as Python reads it."""
    return text.strip().translate(_SPACES).replace(",", ".")


class DecimalField(wtforms.DecimalField):
    """A decimal number as it is typed in Norway: a decimal comma or point, spaced thousands;
    shown again with a comma in Bokmål and Nynorsk."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if valuelist and isinstance(valuelist[0], str):
            valuelist = [plain_decimal(valuelist[0]), *valuelist[1:]]
        super().process_formdata(valuelist)

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        from heltidnett.core.i18n import current_language

        text = str(super()._value())
        return text.replace(".", ",") if current_language() != "en" else text


class IntegerField(wtforms.IntegerField):
    """A whole number an integer column can hold; a larger one is a form error, not a 500."""

    def pre_validate(self, form: Any) -> None:
        if isinstance(self.data, int) and not in_bounds(self.data):
            raise StopValidation(str(TOO_LARGE))
