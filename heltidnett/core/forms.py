"""Small helpers shared by the forms of every domain."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import flask_wtf.file
import wtforms
import wtforms.widgets
from flask_babel import lazy_gettext as _l
from markupsafe import escape
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from heltidnett.core.bounds import TOO_LARGE, in_bounds
from heltidnett.core.numbers import NotANumber, parse_number, parse_whole

# How to write the light markup of `heltidnett.core.markup`: beside every field that takes it.
MARKUP_HINT = _l(
    "Tom linje gir nytt avsnitt. Start en linje med «- » for en punktliste, "
    "eller med «1. » for en nummerert liste."
)


def options(pairs: Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    """Choices for a SelectField from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class NumericInput(wtforms.widgets.TextInput):
    """A text input that brings up the phone's number keyboard. Not `type=number`: browsers
    refuse (and silently empty) "85,5" or "1 322" there."""

    def __init__(self, inputmode: str) -> None:
        super().__init__()
        self.inputmode = inputmode

    def __call__(self, field: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("inputmode", self.inputmode)
        kwargs.setdefault("autocomplete", "off")
        return super().__call__(field, **kwargs)


class _TypedNumber:
    """What every number field shares: its "could not read this" message, our own and in
    Norwegian, which a form may replace (`invalid=`)."""

    invalid_message: Any = ""
    data: Any

    def __init__(self, *args: Any, invalid: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if invalid is not None:
            self.invalid_message = invalid

    @staticmethod
    def read(text: str) -> Any:
        """The number in the typed text (None when empty); NotANumber when there is none."""
        raise NotImplementedError

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist:
            return
        try:
            self.data = self.read(valuelist[0])
        except NotANumber:
            self.data = None
            raise ValueError(str(self.invalid_message)) from None


class DecimalField(_TypedNumber, wtforms.DecimalField):
    """A decimal number as it is typed in Norway (`numbers.parse_number`: a decimal comma or
    point, spaced thousands, "85,5 %"); shown again with a comma in Bokmål and Nynorsk."""

    widget = NumericInput("decimal")
    invalid_message = _l("Skriv inn et tall, for eksempel 85,5.")

    read = staticmethod(parse_number)

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        from heltidnett.core.i18n import current_language

        text = str(super()._value())
        return text.replace(".", ",") if current_language() != "en" else text


class IntegerField(_TypedNumber, wtforms.IntegerField):
    """A whole number as it is typed ("1 322"; `numbers.parse_whole`) that an integer column
    can hold; a larger one is a form error, not a 500."""

    widget = NumericInput("numeric")
    invalid_message = _l("Skriv inn et helt tall.")

    read = staticmethod(parse_whole)

    def pre_validate(self, form: Any) -> None:
        if isinstance(self.data, int) and not in_bounds(self.data):
            raise StopValidation(str(TOO_LARGE))


MB = 1024 * 1024


def too_large(max_bytes: int) -> Any:
    """Why a file is refused for its size, in the user's language (the server's message and
    the one the browser shows before sending are this one)."""
    return _l("Filen er for stor. Største tillatte størrelse er %(mb)d MB.", mb=max_bytes // MB)


class LimitText:
    """A file field's help text with its limit put in (`%(mb)d`), in the user's language when
    it is shown, so what the form says is the limit the server applies."""

    def __init__(self, text: Any, mb: int) -> None:
        self.text = text
        self.mb = mb

    def __str__(self) -> str:
        text = str(self.text)
        return text % {"mb": self.mb} if "%(mb)" in text else text

    def __bool__(self) -> bool:
        return bool(str(self.text))

    def __html__(self) -> str:
        return str(escape(str(self)))


class FileField(flask_wtf.file.FileField):
    """A file input with its own size limit: checked in the browser before the form is sent
    (static/js/uploads.js reads `data-max-bytes` and shows `data-too-large`), and again here,
    so a too-large file is an error on this field with everything else typed kept. The limit
    is the field's own, lowered to what the server's configuration keeps (`upload_limit`); the
    help text names it through `%(mb)d`."""

    def __init__(self, *args: Any, max_bytes: int, **kwargs: Any) -> None:
        from heltidnett.core.uploads import upload_limit

        self.max_bytes = upload_limit(max_bytes)
        render_kw = {"data-max-bytes": self.max_bytes, "data-too-large": too_large(self.max_bytes)}
        description = LimitText(kwargs.pop("description", ""), self.max_bytes // MB)
        super().__init__(
            *args,
            description=description,
            render_kw=render_kw | (kwargs.pop("render_kw", None) or {}),
            **kwargs,
        )

    def pre_validate(self, form: Any) -> None:
        from werkzeug.datastructures import FileStorage

        from heltidnett.core.uploads import file_size

        upload = self.data  # an edit form filled from its object holds the stored file: no upload
        if (
            isinstance(upload, FileStorage)
            and upload.filename
            and file_size(upload) > self.max_bytes
        ):
            raise StopValidation(str(too_large(self.max_bytes)))
