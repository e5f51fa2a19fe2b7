"""Forms: a new poll from a template, a copy, a question of one's own, joining and answering."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from heltidnett.core.forms import options
from heltidnett.polls.labels import KIND_LABELS, TEMPLATE_LABELS
from heltidnett.polls.models import SCALE_MAX, SCALE_MIN, TEXT_MAX, PollTemplate, QuestionKind

if TYPE_CHECKING:
    from heltidnett.polls.models import Question


class NewPollForm(FlaskForm):
    template = SelectField(
        _l("Mal"),
        choices=options((t.value, TEMPLATE_LABELS[t]) for t in PollTemplate),
        validators=[DataRequired(_l("Velg en mal."))],
    )
    title = StringField(
        _l("Tittel"),
        description=_l("Står øverst på storskjermen. Tom: malens navn."),
        validators=[Optional(), Length(max=200)],
    )
    agenda_item = SelectField(_l("Programpunkt"), validators=[Optional()])


class CopyPollForm(FlaskForm):
    source = SelectField(
        _l("Avstemning fra en tidligere samling"),
        validators=[DataRequired(_l("Velg avstemningen du vil kopiere."))],
    )


class QuestionForm(FlaskForm):
    kind = SelectField(
        _l("Svartype"),
        choices=options(
            (k.value, KIND_LABELS[k]) for k in QuestionKind if k != QuestionKind.WHEEL_STEP
        ),
    )
    text = StringField(
        _l("Spørsmål"), validators=[DataRequired(_l("Skriv spørsmålet.")), Length(max=500)]
    )
    choices = TextAreaField(
        _l("Svaralternativer"),
        description=_l("Ett per linje. Bare for ett valg og flere valg."),
        validators=[Optional(), Length(max=2000)],
    )


class JoinForm(FlaskForm):
    code = StringField(
        _l("Kode"),
        description=_l("Seks sifre, som vist på storskjermen."),
        validators=[DataRequired(_l("Skriv koden fra storskjermen.")), Length(max=20)],
    )


class AnswerForm(FlaskForm):
    municipality = SelectField(
        _l("Kommunen din"), validators=[DataRequired(_l("Velg kommunen din."))]
    )


def answer_form(questions: list[Question], municipalities: list[Any], **kwargs: Any) -> AnswerForm:
    """The participant's form: the municipality, then a field per question (q<id>)."""
    fields: dict[str, Any] = {}
    for question in questions:
        name = f"q{question.id}"
        if question.scaled:
            scale = options((str(v), str(v)) for v in range(SCALE_MIN, SCALE_MAX + 1))
            fields[name] = RadioField(question.text, choices=scale, validators=[Optional()])
        elif question.kind == QuestionKind.SINGLE:
            picks = options((str(i), c) for i, c in enumerate(question.choice_list))
            fields[name] = RadioField(question.text, choices=picks, validators=[Optional()])
        elif question.kind == QuestionKind.MULTIPLE:
            picks = options((str(i), c) for i, c in enumerate(question.choice_list))
            fields[name] = SelectMultipleField(
                question.text,
                choices=picks,
                validators=[Optional()],
                widget=ListWidget(prefix_label=False),
                option_widget=CheckboxInput(),
            )
        else:
            fields[name] = StringField(question.text, validators=[Optional(), Length(max=TEXT_MAX)])
    form_class = type("PollAnswerForm", (AnswerForm,), fields)
    form: AnswerForm = form_class(**kwargs)
    form.municipality.choices = options(
        [("", _l("Velg kommune")), *((str(m.id), m.name) for m in municipalities)]
    )
    return form
