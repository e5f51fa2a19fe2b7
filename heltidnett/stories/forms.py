"""Forms for stories and ideas."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from heltidnett.core.forms import FileField, options
from heltidnett.stories.labels import IDEA_KIND_LABELS, THEME_LABELS
from heltidnett.stories.services import MAX_ANSWER, MAX_TEXT, POSTER_MAX_BYTES


class StoryForm(FlaskForm):
    municipality = SelectField(_l("Kommune"), coerce=int)
    gathering = SelectField(
        _l("Samling"),
        coerce=int,
        description=_l("Samlingen der fortellingen blir fortalt."),
    )
    title = StringField(
        _l("Tittel"),
        validators=[DataRequired(_l("Gi fortellingen en tittel.")), Length(max=200)],
    )
    done_text = TextAreaField(
        _l("Gjort"),
        description=_l("Hva har vi gjort siden sist?"),
        validators=[Optional(), Length(max=MAX_TEXT)],
    )
    learned_text = TextAreaField(
        _l("Lært"),
        description=_l("Hva har vi lært?"),
        validators=[Optional(), Length(max=MAX_TEXT)],
    )
    smart_text = TextAreaField(
        _l("Lurt"),
        description=_l("Hva var lurt?"),
        validators=[Optional(), Length(max=MAX_TEXT)],
    )
    themes = SelectMultipleField(
        _l("Temaer"), choices=options((t.value, label) for t, label in THEME_LABELS.items())
    )
    poster = FileField(
        _l("Bilde av plakaten"),
        description=_l("Valgfritt. PNG, JPEG, WebP eller GIF, høyst %(mb)d MB."),
        max_bytes=POSTER_MAX_BYTES,
    )


class IdeaForm(FlaskForm):
    kind = SelectField(
        _l("Type innspill"),
        choices=options((k.value, label) for k, label in IDEA_KIND_LABELS.items()),
    )
    text = TextAreaField(
        _l("Innspill"),
        description=_l("En idé eller et spørsmål til vertskommunen."),
        validators=[DataRequired(_l("Skriv innspillet ditt.")), Length(max=2000)],
    )


class AnswerForm(FlaskForm):
    """The host's answer to a question on its story (one form per question: prefix a<id>)."""

    answer = TextAreaField(
        _l("Svar"),
        description=_l("Svaret vises under spørsmålet, med navnet ditt og datoen."),
        validators=[DataRequired(_l("Skriv svaret ditt.")), Length(max=MAX_ANSWER)],
    )
