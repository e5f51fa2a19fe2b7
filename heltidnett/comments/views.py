"""Routes for comment threads on commitments, goals, actions and matrix rows, and review marks."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.comments import permissions, services
from heltidnett.comments.forms import CommentForm, MarkForm
from heltidnett.comments.labels import ASSESSMENT_COLORS, ASSESSMENT_LABELS, ROLE_LABELS
from heltidnett.comments.models import CommentThread, MatrixRow, SubjectKind
from heltidnett.commitments.labels import STATUS_LABELS
from heltidnett.commitments.models import Commitment
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.goals.models import Action, Goal
from heltidnett.municipalities.models import Municipality

bp = Blueprint("comments", __name__, template_folder="templates")

LABELS = {
    "assessment_labels": ASSESSMENT_LABELS,
    "assessment_colors": ASSESSMENT_COLORS,
    "role_labels": ROLE_LABELS,
}


@bp.app_context_processor
def _template_helpers() -> dict[str, Any]:
    """`comments_url(record)`: the page of a commitment's, goal's or action's threads, when the
    user may take part in them (None otherwise)."""

    def comments_url(record: Any) -> str | None:
        if isinstance(record, Commitment):
            if permissions.discusses_commitment(record, current_user):
                return url_for("comments.commitment", commitment_id=record.id)
        elif isinstance(record, Goal):
            if permissions.discusses_goal(record, current_user):
                return url_for("comments.goal", goal_id=record.id)
        elif isinstance(record, Action) and permissions.discusses_action(record, current_user):
            return url_for("comments.action", action_id=record.id)
        return None

    return {"comments_url": comments_url}


def subject_url(kind: SubjectKind, subject_id: int, network_id: int) -> str:
    """The page of a thread's record."""
    if kind == SubjectKind.COMMITMENT:
        return url_for("comments.commitment", commitment_id=subject_id)
    if kind == SubjectKind.GOAL:
        return url_for("comments.goal", goal_id=subject_id)
    if kind == SubjectKind.ACTION:
        return url_for("comments.action", action_id=subject_id)
    return url_for("comments.row", network_id=network_id, municipality_id=subject_id)


def _subject_page(subject: services.Subject, *, starts: bool = True, **extra: Any) -> Any:
    """The record's threads with the form for a new one (a POST that `starts`: the thread)."""
    form = CommentForm() if starts else CommentForm(formdata=None)
    url = subject_url(subject.kind, subject.record.id, subject.network_id)
    if starts and form.validate_on_submit():
        with attempt(success=_("Kommentaren er lagret.")) as outcome:
            services.start_thread(db.session, current_user, subject, form.body.data)
        if not outcome.failed:
            return redirect(url)
        outcome.show_on(form, "body")
    status = 422 if form.errors else 200
    return render_template(
        f"comments/{subject.kind.value}.html",
        subject=subject,
        record=subject.record,
        threads=services.subject_threads(db.session, subject),
        form=form,
        answer_form=CommentForm(formdata=None),
        **extra,
        **LABELS,
    ), status


@bp.route("/commitments/<int:commitment_id>/comments", methods=["GET", "POST"])
@access.loads(Commitment, right=permissions.discusses_commitment)
def commitment(commitment: Commitment) -> Any:
    return _subject_page(
        services.commitment_subject(commitment), status_label=STATUS_LABELS[commitment.status]
    )


@bp.route("/goals/<int:goal_id>/comments", methods=["GET", "POST"])
@access.loads(Goal, right=permissions.discusses_goal)
def goal(goal: Goal) -> Any:
    subject = services.goal_subject(current_user, goal, SubjectKind.GOAL)
    assert subject is not None  # the right has found it
    return _subject_page(subject)


@bp.route("/goal-actions/<int:action_id>/comments", methods=["GET", "POST"])
@access.loads(Action, right=permissions.discusses_action)
def action(action: Action) -> Any:
    subject = services.goal_subject(current_user, action, SubjectKind.ACTION)
    assert subject is not None  # the right has found it
    return _subject_page(subject)


def find_row(network_id: int, municipality_id: int) -> MatrixRow | None:
    """A municipality's row of the network's steering matrix, for the routes that load it."""
    return services.find_row(db.session, network_id, municipality_id)


def _row_page(row: MatrixRow, mark_form: MarkForm | None = None) -> Any:
    can_mark = permissions.can_mark(current_user, row.network.id, row.municipality.id)
    marks = db.session.scalars(services.marks_query(row.network.id, row.municipality.id)).all()
    return _subject_page(
        services.row_subject(row),
        starts=mark_form is None,
        row=row,
        marks=marks,
        mark_form=(mark_form or MarkForm(formdata=None)) if can_mark else None,
    )


@bp.route(
    "/networks/<int:network_id>/municipalities/<int:municipality_id>/review",
    methods=["GET", "POST"],
)
@access.loads(
    MatrixRow, "network_id", "municipality_id", load=find_row, name="row", parent=Municipality
)
def row(row: MatrixRow) -> Any:
    return _row_page(row)


@bp.post("/networks/<int:network_id>/municipalities/<int:municipality_id>/review-marks")
@access.loads(
    MatrixRow,
    "network_id",
    "municipality_id",
    right=permissions.marks_row,
    load=find_row,
    name="row",
    parent=Municipality,
)
def add_mark(row: MatrixRow) -> Any:
    form = MarkForm()
    if form.validate_on_submit():
        with attempt(success=_("Gjennomgangen er registrert.")) as outcome:
            services.add_mark(
                db.session,
                current_user,
                row,
                form.period.data,
                form.assessment.data,
                form.reason.data or "",
            )
        if not outcome.failed:
            return redirect(
                url_for(".row", network_id=row.network.id, municipality_id=row.municipality.id)
            )
        outcome.show_on(form, "reason")
    page, _status = _row_page(row, form)
    return page, 422


def _back(thread: CommentThread) -> Any:
    return redirect(
        subject_url(thread.subject_kind, thread.subject_id, thread.network_id)
        + f"#thread-{thread.id}"
    )


@bp.post("/comment-threads/<int:thread_id>/comments")
@access.loads(CommentThread, "thread_id", name="thread", right=permissions.reads_thread)
def answer(thread: CommentThread) -> Any:
    form = CommentForm()
    if not form.validate_on_submit():
        flash(_("Skriv kommentaren."), "danger")
        return _back(thread)
    with attempt(_("Svaret er lagret."), flash_error=True):
        services.answer(db.session, current_user, thread, form.body.data)
    return _back(thread)


@bp.post("/comment-threads/<int:thread_id>/resolve")
@access.loads(CommentThread, "thread_id", name="thread", right=permissions.reads_thread)
def resolve(thread: CommentThread) -> Any:
    with attempt(_("Tråden er markert som løst."), flash_error=True):
        services.resolve(db.session, current_user, thread)
    return _back(thread)


@bp.post("/comment-threads/<int:thread_id>/reopen")
@access.loads(CommentThread, "thread_id", name="thread", right=permissions.reads_thread)
def reopen(thread: CommentThread) -> Any:
    with attempt(_("Tråden er åpnet igjen."), flash_error=True):
        services.reopen(db.session, current_user, thread)
    return _back(thread)
