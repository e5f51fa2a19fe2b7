"""Forms for commitments, their follow-up and the facilitator's milestones."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from heltidnett.commitments.labels import FOLLOW_UP_LABELS
from heltidnett.core.forms import options


class CommitmentForm(FlaskForm):
    municipality = SelectField(_l("Hvem forplikter seg"), coerce=int)
    text = TextAreaField(
        _l("Forpliktelse"),
        description=_l("Det viktigste vi tar tak i hjemme."),
        validators=[DataRequired(_l("Skriv hva dere forplikter dere til.")), Length(max=2000)],
    )
    owner = StringField(
        _l("Ansvarlig"),
        description=_l("Person eller rolle, for eksempel prosjektleder."),
        validators=[DataRequired(_l("Skriv hvem som er ansvarlig.")), Length(max=200)],
    )
    due_on = DateField(
        _l("Frist"),
        description=_l("Tom: neste samling."),
        validators=[Optional()],
    )


class NetworkCommitmentForm(CommitmentForm):
    """A commitment written from the network's pages: the gathering it was given at is chosen."""

    gathering = SelectField(
        _l("Gitt på samling"),
        coerce=int,
        description=_l("Samlingen forpliktelsen hører til. Den følges opp på samlingen etter."),
        validators=[DataRequired(_l("Velg samlingen forpliktelsen ble gitt på."))],
    )


class FollowUpForm(FlaskForm):
    # No status is chosen for the user: "Gjort" as the first option was saved by anyone who
    # only meant to write a comment. A commitment is open until someone says how it went.
    status = SelectField(
        _l("Hvordan gikk det?"),
        choices=options(
            [("", _l("Velg status")), *((s.value, label) for s, label in FOLLOW_UP_LABELS.items())]
        ),
        validators=[DataRequired(_l("Velg gjort, delvis eller ikke gjort."))],
    )
    comment = TextAreaField(_l("Kommentar"), validators=[Optional(), Length(max=2000)])


class MilestoneForm(FlaskForm):
    title = StringField(
        _l("Milepæl"),
        description=_l("For eksempel «Forankring i egen kommune»."),
        validators=[DataRequired(_l("Gi milepælen et navn.")), Length(max=120)],
    )
    description = TextAreaField(_l("Beskrivelse"), validators=[Optional(), Length(max=2000)])


class TickForm(FlaskForm):
    reached = BooleanField(_l("Nådd"))
    reached_on = DateField(_l("Dato"), validators=[Optional()])
    evidence_url = StringField(
        _l("Lenke til dokumentasjon"),
        description=_l("For eksempel vedtaket eller referatet (https://…)."),
        validators=[Optional(), Length(max=500)],
    )
    comment = TextAreaField(_l("Kommentar"), validators=[Optional(), Length(max=1000)])
