"""Forms for the declaration's text, the transitions of its status, signatories and comments."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from heltidnett.core.forms import DecimalField, options
from heltidnett.declarations.labels import DEFINITION_LABELS, SECTION_LABELS


class VersionForm(FlaskForm):
    # the revision the form was opened at: a save applies only to it (compare-and-set)
    revision = HiddenField()
    definition_kind = SelectField(
        _l("Definisjon av heltid"),
        description=_l("Brukes når heltidsandelen i bemanningstallene regnes ut."),
        choices=options((k.value, label) for k, label in DEFINITION_LABELS.items()),
    )
    threshold_percent = DecimalField(
        _l("Egen grense (prosent)"),
        description=_l(
            "Bare for «En annen grense»: heltid fra denne stillingsstørrelsen, for eksempel 85."
        ),
        places=None,
        validators=[Optional()],
    )
    background = TextAreaField(SECTION_LABELS["background"], validators=[Length(max=20_000)])
    definition_text = TextAreaField(
        SECTION_LABELS["definition_text"], validators=[Length(max=20_000)]
    )
    goals = TextAreaField(SECTION_LABELS["goals"], validators=[Length(max=20_000)])
    principles = TextAreaField(SECTION_LABELS["principles"], validators=[Length(max=20_000)])
    measures = TextAreaField(SECTION_LABELS["measures"], validators=[Length(max=20_000)])
    follow_up = TextAreaField(SECTION_LABELS["follow_up"], validators=[Length(max=20_000)])


class TransitionForm(FlaskForm):
    """The facts of one transition; which are needed depends on its `target` status."""

    target = HiddenField()
    approved_on = DateField(_l("Dato for godkjenning i ledergruppen"), validators=[Optional()])
    approved_by_body = StringField(
        _l("Ledergruppe"),
        description=_l("For eksempel «Ledergruppen i helse og omsorg»."),
        validators=[Length(max=200)],
    )
    adopted_by_body = StringField(
        _l("Vedtatt av"),
        description=_l("Det politiske organet, for eksempel formannskapet eller kommunestyret."),
        validators=[Length(max=200)],
    )
    adopted_on = DateField(_l("Vedtaksdato"), validators=[Optional()])
    case_number = StringField(
        _l("Saksnummer"), description=_l("For eksempel 18/1234."), validators=[Length(max=40)]
    )


class SignatoryForm(FlaskForm):
    role = StringField(
        _l("Rolle"),
        description=_l("For eksempel rådmann, hovedtillitsvalgt eller hovedverneombud."),
        validators=[DataRequired(_l("Skriv rollen.")), Length(max=200)],
    )
    name = StringField(_l("Navn"), validators=[DataRequired(_l("Skriv navnet.")), Length(max=200)])
    organisation = StringField(
        _l("Organisasjon"),
        description=_l("Kommunen, Fagforbundet, NSF, Delta …"),
        validators=[DataRequired(_l("Skriv organisasjonen.")), Length(max=200)],
    )


class CommentForm(FlaskForm):
    section = SelectField(_l("Gjelder"))
    body = TextAreaField(
        _l("Kommentar"), validators=[DataRequired(_l("Skriv kommentaren.")), Length(max=5_000)]
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.section.choices = options([("", _l("Hele erklæringen")), *SECTION_LABELS.items()])
