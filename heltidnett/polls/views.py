"""Routes: a gathering's polls and the facilitator's buttons, the presenter view for the big
screen (with its live fragment), and the participant's pages at the short address /p.

The participant pages need no account (they are in `auth.session.PUBLIC_ENDPOINTS`): they
find the poll by its six-digit code, never by an id, and know the device by its signed cookie.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.core.forms import options
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.gatherings.models import Gathering
from heltidnett.municipalities.models import Municipality
from heltidnett.polls import device, export, guessing, permissions, qr, services
from heltidnett.polls.forms import CopyPollForm, JoinForm, NewPollForm, QuestionForm, answer_form
from heltidnett.polls.labels import LABELS
from heltidnett.polls.models import Poll, PollTemplate, Question, QuestionKind
from heltidnett.reports.export import table_response

bp = Blueprint("polls", __name__, template_folder="templates")


def join_url(poll: Poll) -> str:
    """The address on the big screen and in the QR code."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    path = url_for("polls.answer", code=poll.code)
    return (
        base.rstrip("/") + path if base else url_for("polls.answer", code=poll.code, _external=True)
    )


# ---- the facilitator ---------------------------------------------------------------------


def _new_form(gathering: Gathering) -> NewPollForm:
    form = NewPollForm()
    form.agenda_item.choices = options(
        [
            ("", _("Ikke knyttet til et programpunkt")),
            *((str(i.id), i.title) for i in gathering.items),
        ]
    )
    chosen = request.args.get("item", "")
    if not form.is_submitted() and any(str(i.id) == chosen for i in gathering.items):
        form.agenda_item.data = chosen  # opened from the agenda item
    return form


def _copy_form(gathering: Gathering) -> CopyPollForm:
    form = CopyPollForm()
    form.source.choices = options(
        [("", _("Velg avstemning"))]
        + [
            (str(p.id), f"{p.gathering.title}: {p.title}")
            for p in services.earlier_polls(db.session, gathering)
        ]
    )
    return form


def _index(gathering: Gathering, new: NewPollForm, copy: CopyPollForm, status: int = 200) -> Any:
    return (
        render_template(
            "polls/index.html",
            gathering=gathering,
            polls=services.polls_of(db.session, gathering),
            new_form=new,
            copy_form=copy,
            can_run=permissions.can_run_polls(current_user, gathering),
            **LABELS,
        ),
        status,
    )


@bp.get("/gatherings/<int:gathering_id>/polls")
@access.loads(Gathering)
def index(gathering: Gathering) -> Any:
    return _index(gathering, _new_form(gathering), _copy_form(gathering))


@bp.post("/gatherings/<int:gathering_id>/polls")
@access.loads(Gathering, right=access.Right.EDIT)
def create(gathering: Gathering) -> Any:
    form = _new_form(gathering)
    if form.validate_on_submit():
        item = next((i for i in gathering.items if str(i.id) == form.agenda_item.data), None)
        with attempt() as outcome:
            poll = services.create_poll(
                db.session,
                current_user,
                gathering,
                PollTemplate(form.template.data),
                form.title.data or "",
                item,
            )
        if not outcome.failed:
            flash(_("Avstemningen er laget. Åpne den når salen er klar."), "success")
            return redirect(url_for("polls.show", poll_id=poll.id))
        form.title.errors = [outcome.message]
    return _index(gathering, form, _copy_form(gathering), 400)


@bp.post("/gatherings/<int:gathering_id>/polls/copy")
@access.loads(Gathering, right=access.Right.EDIT)
def copy(gathering: Gathering) -> Any:
    form = _copy_form(gathering)
    if form.validate_on_submit():
        source = next(
            (
                p
                for p in services.earlier_polls(db.session, gathering)
                if str(p.id) == form.source.data
            ),
            None,
        )
        if source is not None:
            with attempt() as outcome:
                poll = services.copy_poll(db.session, current_user, gathering, source)
            if not outcome.failed:
                flash(_("Avstemningen er kopiert. Den er et utkast til du åpner den."), "success")
                return redirect(url_for("polls.show", poll_id=poll.id))
            form.source.errors = [outcome.message]
    return _index(gathering, _new_form(gathering), form, 400)


def _show(poll: Poll, form: QuestionForm, status: int = 200) -> Any:
    results = permissions.can_see_results(current_user, poll)
    return (
        render_template(
            "polls/show.html",
            poll=poll,
            gathering=poll.gathering,
            form=form,
            can_run=permissions.can_run_poll(current_user, poll),
            figures=services.figures(db.session, poll) if results else None,
            wheel=services.wheel_overview(db.session, poll) if results else None,
            join_url=join_url(poll),
            qr_svg=qr.svg(join_url(poll)),
            **LABELS,
        ),
        status,
    )


@bp.get("/polls/<int:poll_id>")
@access.loads(Poll)
def show(poll: Poll) -> Any:
    return _show(poll, QuestionForm())


@bp.post("/polls/<int:poll_id>/questions")
@access.loads(Poll, right=access.Right.EDIT)
def add_question(poll: Poll) -> Any:
    form = QuestionForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            services.add_question(
                db.session,
                current_user,
                poll,
                QuestionKind(form.kind.data),
                form.text.data or "",
                form.choices.data or "",
            )
        if not outcome.failed:
            flash(_("Spørsmålet er lagt til."), "success")
            return redirect(url_for("polls.show", poll_id=poll.id))
        field = (
            getattr(form, outcome.error.field or "text", form.text) if outcome.error else form.text
        )
        field.errors = [outcome.message]
    return _show(poll, form, 400)


def _step(poll: Poll, step: Any, success: str) -> Any:
    with attempt(success, flash_error=True):
        step()
    return redirect(request.form.get("next") or url_for("polls.show", poll_id=poll.id))


@bp.post("/polls/<int:poll_id>/open")
@access.loads(Poll, right=access.Right.EDIT)
def open_poll(poll: Poll) -> Any:
    return _step(
        poll,
        lambda: services.open_poll(db.session, current_user, poll),
        _("Avstemningen er åpen. Deltakerne kan svare med koden %(code)s.", code=poll.code),
    )


@bp.post("/polls/<int:poll_id>/close")
@access.loads(Poll, right=access.Right.EDIT)
def close_poll(poll: Poll) -> Any:
    return _step(
        poll,
        lambda: services.close_poll(db.session, current_user, poll),
        _("Avstemningen er avsluttet, og resultatene vises."),
    )


@bp.post("/polls/<int:poll_id>/reveal")
@access.loads(Poll, right=access.Right.EDIT)
def reveal(poll: Poll) -> Any:
    shown = request.form.get("shown") == "1"
    return _step(
        poll,
        lambda: services.reveal(db.session, current_user, poll, shown),
        _("Resultatene vises.") if shown else _("Resultatene er skjult."),
    )


@bp.post("/poll-questions/<int:question_id>/close")
@access.loads(Question, right=access.Right.EDIT)
def close_question(question: Question) -> Any:
    return _step(
        question.poll,
        lambda: services.close_question(db.session, current_user, question),
        _("Spørsmålet er lukket."),
    )


@bp.get("/polls/<int:poll_id>/results.xlsx")
@access.loads(Poll, right=lambda poll, user: permissions.can_see_results(user, poll))
def results_xlsx(poll: Poll) -> Any:
    """The results as a spreadsheet: answers, municipalities, phrases, the gevinsthjul."""
    tables = export.results_tables(
        services.figures(db.session, poll), services.wheel_overview(db.session, poll)
    )
    return table_response(tables, "xlsx", f"avstemning-{poll.id}")


@bp.get("/municipalities/<int:municipality_id>/polls")
@access.loads(Municipality)
def municipality(municipality: Municipality) -> Any:
    """The municipality's self-assessments round by round, and its figures on the scales."""
    return render_template(
        "polls/municipality.html",
        municipality=municipality,
        found=services.municipality_results(db.session, current_user, municipality),
        **LABELS,
    )


# ---- the big screen ----------------------------------------------------------------------


@bp.get("/polls/<int:poll_id>/present")
@access.loads(Poll)
def present(poll: Poll) -> Any:
    return render_template(
        "polls/present.html",
        poll=poll,
        figures=_live_figures(poll),
        join_url=join_url(poll),
        qr_svg=qr.svg(join_url(poll)),
        revealed=poll.results_revealed,
        wheel=_wheel(poll),
        **LABELS,
    )


def _wheel(poll: Poll) -> services.WheelOverview | None:
    return services.wheel_overview(db.session, poll) if poll.results_revealed else None


def _live_figures(poll: Poll) -> services.PollFigures:
    return services.figures(db.session, poll)


@bp.get("/polls/<int:poll_id>/live")
@access.loads(Poll)
def live(poll: Poll) -> Any:
    """The fragment the presenter view asks for every second, read from the database."""
    response = make_response(
        render_template(
            "polls/_live.html",
            poll=poll,
            figures=_live_figures(poll),
            revealed=poll.results_revealed,
            wheel=_wheel(poll),
            **LABELS,
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


# ---- the participant (no account) --------------------------------------------------------


def _find(code: str) -> tuple[Poll | None, str | None, int]:
    """The open poll of a code; or a message and the status to answer with.

    Too many wrong codes from one address are refused before the code is looked up, so a
    guesser learns nothing (a valid code answers the same 429 then).
    """
    if guessing.blocked():
        return None, _("For mange feil koder herfra. Vent noen minutter og prøv igjen."), 429
    poll = services.poll_by_code(db.session, code)
    if poll is None:
        guessing.wrong_code()
    problem = services.code_problem(poll, code)
    return poll, problem, 404 if poll is None else 410


@bp.route("/p", methods=["GET", "POST"])
def join() -> Any:
    """The short address: type the six digits (or scan the QR code, which leads past this)."""
    form = JoinForm()
    if form.validate_on_submit():
        code = services.normal_code(form.code.data or "")
        _poll, problem, status = _find(code)
        if problem is None:
            return redirect(url_for("polls.answer", code=code))
        form.code.errors = [problem]
        return render_template("polls/join.html", form=form), status
    return render_template("polls/join.html", form=form), 400 if form.errors else 200


def _participant(poll: Poll, form: Any, own: dict[int, Any], status: int = 200) -> Any:
    return (
        render_template(
            "polls/answer.html",
            poll=poll,
            form=form,
            own=own,
            kind=QuestionKind,
            **LABELS,
        ),
        status,
    )


@bp.route("/p/<code>", methods=["GET", "POST"])
def answer(code: str) -> Any:
    """The poll on the phone: choose the municipality, answer, change until it closes."""
    poll, problem, status = _find(code)
    if poll is None or problem is not None:
        form = JoinForm(formdata=None)
        form.code.data = services.normal_code(code)[:12]
        form.code.errors = [problem or ""]
        return render_template("polls/join.html", form=form), status
    device_hash = device.device_hash()
    own = services.own_answers(db.session, poll, device_hash)
    municipalities = services.participant_municipalities(db.session, poll)
    form = answer_form(poll.questions, municipalities)
    if request.method == "GET":
        form.municipality.data = next(
            (str(r.municipality_id) for r in own.values() if r.municipality_id), ""
        )
        for question in poll.questions:
            mine = own.get(question.id)
            if mine is not None:
                getattr(form, f"q{question.id}").data = _shown(question, mine)
        response = make_response(_participant(poll, form, own))
        device.ensure(response)
        return response
    if form.validate_on_submit() and device_hash is not None:
        answers = {q.id: _posted(q, getattr(form, f"q{q.id}").data) for q in poll.questions}
        with attempt() as outcome:
            saved = services.save_answers(
                db.session, poll, device_hash, int(form.municipality.data or 0) or None, answers
            )
        if not outcome.failed:
            flash(
                _("Svaret er lagret. Du kan endre det til spørsmålet lukkes.")
                if saved == 1
                else _("Svarene er lagret. Du kan endre dem til spørsmålene lukkes."),
                "success",
            )
            return redirect(url_for("polls.answer", code=poll.code))
        error = outcome.error
        target = getattr(form, error.field, None) if error and error.field else None
        if target is not None:
            target.errors = [outcome.message]
        else:
            flash(outcome.message, "danger")
    elif device_hash is None:
        flash(
            _("Nettleseren din tok ikke imot informasjonskapselen. Last siden på nytt."), "danger"
        )
    return _participant(poll, form, own, 400)


def _shown(question: Question, response: Any) -> Any:
    if question.scaled or question.kind == QuestionKind.SINGLE:
        return str(response.value)
    if question.kind == QuestionKind.MULTIPLE:
        return [str(i) for i in response.choice_indexes]
    return response.text


def _posted(question: Question, data: Any) -> services.Answer:
    if question.kind == QuestionKind.MULTIPLE:
        return services.Answer(choices=tuple(int(v) for v in data or [] if str(v).isdigit()))
    if question.kind == QuestionKind.TEXT:
        return services.Answer(text=data or "")
    return services.Answer(value=int(data) if data and str(data).isdigit() else None)
