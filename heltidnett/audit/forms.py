"""The audit log's filter form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional

from heltidnett.core.forms import options

ACTION_LABELS = {
    "": _l("Alle"),
    "create": _l("Opprettet"),
    "update": _l("Endret"),
    "delete": _l("Slettet"),
    "login": _l("Innlogging"),
    "login_failed": _l("Mislykket innlogging"),
    "logout": _l("Utlogging"),
    "password_set": _l("Passord satt"),
    "access_denied": _l("Tilgang nektet"),
    "token_created": _l("API-nøkkel laget"),
    "token_revoked": _l("API-nøkkel trukket tilbake"),
}


class AuditFilterForm(FlaskForm):
    action = SelectField(
        _l("Hendelse"), choices=options(ACTION_LABELS.items()), validators=[Optional()]
    )
    object_type = StringField(_l("Type oppføring"), validators=[Optional(), Length(max=64)])
    actor = StringField(_l("Hvem"), validators=[Optional(), Length(max=254)])
    since = DateField(_l("Fra dato"), validators=[Optional()])
    until = DateField(_l("Til dato"), validators=[Optional()])
