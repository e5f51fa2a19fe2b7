"""Forms for a goal, a value of its own measure and an action."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from heltidnett.core.forms import DecimalField, options
from heltidnett.goals.labels import (
    ACTION_LABELS,
    BENEFIT_LABELS,
    DIRECTION_LABELS,
    MEASURE_UNIT_LABELS,
)

NUMBER_HINT = _l("Prosent skrives som tall, for eksempel 45,5.")


class GoalForm(FlaskForm):
    title = StringField(
        _l("Mål"),
        description=_l("Kort og konkret, for eksempel «Andel hele stillinger minst 50 %»."),
        validators=[DataRequired(_l("Skriv en tittel på målet.")), Length(max=200)],
    )
    situation = TextAreaField(
        _l("Situasjonen nå"),
        description=_l("Hvor står dere i dag, og hvorfor er målet viktig?"),
        validators=[Optional(), Length(max=5000)],
    )
    indicator = SelectField(
        _l("Indikator"),
        description=_l(
            "Velg en indikator fra bemanningstallene, så følger målet tallene av seg selv. "
            "Velg «Egen måling» hvis dere måler noe annet."
        ),
    )
    measure_name = StringField(
        _l("Egen måling"),
        description=_l("Bare for egen måling: hva dere måler, for eksempel «Ansatte i turnus»."),
        validators=[Optional(), Length(max=200)],
    )
    measure_unit = SelectField(
        _l("Enhet for egen måling"),
        choices=options(MEASURE_UNIT_LABELS.items()),
        default="percent",
    )
    direction = SelectField(
        _l("Retning"),
        choices=options((d.value, label) for d, label in DIRECTION_LABELS.items()),
        description=_l("Minst: tallet skal opp til målet. Høyst: tallet skal ned til målet."),
    )
    baseline_period = SelectField(
        _l("Utgangspunkt"),
        description=_l("Perioden målet måles fra. Tom: den første verdien."),
    )
    first_target_value = DecimalField(
        _l("Første mål"), description=NUMBER_HINT, places=None, validators=[Optional()]
    )
    first_target_due = DateField(_l("Første mål, dato"), validators=[Optional()])
    target_value = DecimalField(
        _l("Langsiktig mål"),
        description=NUMBER_HINT,
        places=None,
        validators=[InputRequired(_l("Skriv målet som et tall."))],
    )
    target_due = DateField(
        _l("Langsiktig mål, dato"),
        validators=[InputRequired(_l("Velg datoen målet skal være nådd."))],
    )
    units = SelectMultipleField(
        _l("Enheter"),
        coerce=int,
        description=_l("Tom: hele kommunen. Hold Ctrl (Cmd på Mac) for å velge flere."),
        validators=[Optional()],
    )
    responsible = StringField(
        _l("Ansvarlig"),
        description=_l("Person eller rolle, for eksempel kommunalsjef helse og omsorg."),
        validators=[Optional(), Length(max=200)],
    )
    benefit = SelectField(
        _l("Gevinst"),
        choices=options(
            [("", _l("Ikke valgt")), *((b.value, label) for b, label in BENEFIT_LABELS.items())]
        ),
    )
    shared = BooleanField(
        _l("Del målet med de andre kommunene i nettverket"),
        description=_l(
            "Verdiene for enheter med 10 årsverk eller færre vises likevel ikke for andre kommuner."
        ),
    )


class ValueForm(FlaskForm):
    measured_on = DateField(
        _l("Dato for målingen"), validators=[InputRequired(_l("Velg datoen for målingen."))]
    )
    value = DecimalField(
        _l("Verdi"), description=NUMBER_HINT, validators=[InputRequired(_l("Skriv verdien."))]
    )
    note = StringField(_l("Merknad"), validators=[Optional(), Length(max=500)])


class ActionForm(FlaskForm):
    title = StringField(
        _l("Tiltak"),
        validators=[DataRequired(_l("Skriv hva tiltaket er.")), Length(max=200)],
    )
    owner = StringField(_l("Ansvarlig"), validators=[Optional(), Length(max=200)])
    due_on = DateField(_l("Frist"), validators=[Optional()])
    status = SelectField(
        _l("Status"), choices=options((s.value, label) for s, label in ACTION_LABELS.items())
    )
    commitment = SelectField(
        _l("Forpliktelse tiltaket følger opp"),
        default="",
        description=_l(
            "Valgfritt. Oppfølgingen av forpliktelsen vises ved tiltaket, og tiltakets status "
            "ved forpliktelsen."
        ),
    )
    notes = TextAreaField(_l("Notater"), validators=[Optional(), Length(max=5000)])
