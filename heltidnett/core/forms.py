"""Small helpers shared by the forms of every domain."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import wtforms
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from heltidnett.core.bounds import TOO_LARGE, in_bounds


def options(pairs: Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    """Choices for a SelectField from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class IntegerField(wtforms.IntegerField):
    """A whole number an integer column can hold; a larger one is a form error, not a 500."""

    def pre_validate(self, form: Any) -> None:
        if isinstance(self.data, int) and not in_bounds(self.data):
            raise StopValidation(str(TOO_LARGE))
