"""The person's e-mail choice per kind and a network's reminder settings (a field per kind)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import Length

from heltidnett.core.forms import options
from heltidnett.notifications.kinds import CHANNEL_LABELS, DEFAULT_DAYS, KIND_LABELS, NETWORK_KINDS
from heltidnett.notifications.models import Channel, Kind


def preferences_form(current: dict[Kind, Channel], **kwargs: Any) -> FlaskForm:
    """A select per kind: at once, daily digest or never."""

    class PreferencesForm(FlaskForm):
        pass

    for kind in Kind:
        field = SelectField(
            KIND_LABELS[kind],
            choices=options((c.value, CHANNEL_LABELS[c]) for c in Channel),
            default=current[kind].value,
        )
        setattr(PreferencesForm, f"kind_{kind.value}", field)
    return PreferencesForm(**kwargs)


def reminders_form(choices: list[Any], **kwargs: Any) -> FlaskForm:
    """Per network kind: on or off, and for the deadlines how many days before."""

    class RemindersForm(FlaskForm):
        pass

    by_kind = {c.kind: c for c in choices}
    for kind in NETWORK_KINDS:
        choice = by_kind[kind]
        setattr(
            RemindersForm,
            f"on_{kind.value}",
            BooleanField(KIND_LABELS[kind], default=choice.enabled),
        )
        if kind in DEFAULT_DAYS:
            setattr(
                RemindersForm,
                f"days_{kind.value}",
                StringField(
                    _l("Dager før fristen"),
                    default=", ".join(str(d) for d in choice.days_before),
                    description=_l("Hele tall skilt med komma, for eksempel 7, 1."),
                    validators=[Length(max=100)],
                ),
            )
    return RemindersForm(**kwargs)
