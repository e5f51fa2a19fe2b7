"""Routes: the bank's search page, a case's page, an open story's page in the bank, the
facilitator's form and the municipality's switch that opens a story to the bank."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.cases import labels, permissions, services
from heltidnett.cases.forms import CaseForm
from heltidnett.cases.models import Case
from heltidnett.core.bounds import bounded_int
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.stories.models import Story

bp = Blueprint("cases", __name__, template_folder="templates")

LABELS = {
    "theme_labels": labels.THEME_LABELS,
    "arrangement_labels": labels.ARRANGEMENT_LABELS,
    "band_labels": labels.BAND_LABELS,
}


def _page() -> int:
    try:
        return bounded_int(request.args.get("page", "1"))
    except ValueError:
        return 1


@bp.get("/bank")
def search() -> Any:
    query = request.args.get("q", "").strip()[:200]
    filters = services.Filters(
        theme=request.args.get("theme", ""),
        arrangement=request.args.get("arrangement", ""),
        band=request.args.get("band", ""),
        county=request.args.get("county", "")[:100],
    )
    results = services.search(db.session, current_user, query, filters, _page())
    return render_template(
        "cases/search.html",
        query=query,
        filters=filters,
        results=results,
        counties=services.counties(db.session),
        highlight=services.highlight,
        can_enter=permissions.can_enter_cases(current_user),
        **LABELS,
    )


@bp.get("/bank/cases/<int:case_id>")
@access.loads(Case)
def show(case: Case) -> Any:
    words = [w for w in request.args.get("q", "").split() if w][:8]
    from heltidnett.cases import norwegian

    return render_template(
        "cases/show.html",
        case=case,
        words=norwegian.query_terms(" ".join(words)),
        highlight=services.highlight,
        similar=services.similar_cases(db.session, case),
        can_edit=case.can_edit(current_user),
        **LABELS,
    )


def _fields(form: CaseForm) -> services.CaseFields:
    return services.CaseFields(
        place=form.place.data or "",
        title=form.title.data or "",
        summary=form.summary.data or "",
        done_text=form.done_text.data or "",
        results_text=form.results_text.data or "",
        contact_role=form.contact_role.data or "",
        sources=form.sources.data or "",
        county=form.county.data or "",
        population=form.population.data,
        arrangement=form.arrangement.data or "",
        themes=list(form.themes.data or []),
    )


@bp.route("/bank/cases/new", methods=["GET", "POST"])
def new() -> Any:
    access.require(permissions.can_enter_cases(current_user))
    form = CaseForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            case = services.create_case(db.session, current_user, _fields(form))
        if outcome.failed:
            form.title.errors = [outcome.message]
        else:
            flash(_("Eksempelet er lagt i idébanken."), "success")
            return redirect(url_for("cases.show", case_id=case.id))
    return render_template("cases/form.html", form=form, case=None)


@bp.route("/bank/cases/<int:case_id>/edit", methods=["GET", "POST"])
@access.loads(Case, right=access.Right.EDIT)
def edit(case: Case) -> Any:
    form = CaseForm(obj=case)
    if request.method == "GET":
        form.themes.data = [t.value for t in case.themes]
        form.arrangement.data = case.arrangement.value if case.arrangement else ""
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_case(db.session, current_user, case, _fields(form))
        if outcome.failed:
            form.title.errors = [outcome.message]
        else:
            flash(_("Eksempelet er lagret."), "success")
            return redirect(url_for("cases.show", case_id=case.id))
    return render_template("cases/form.html", form=form, case=case)


@bp.get("/bank/stories/<int:story_id>")
@access.loads(Story, right=permissions.can_read_in_bank)
def story(story: Story) -> Any:
    from heltidnett.cases import norwegian

    return render_template(
        "cases/story.html",
        story=story,
        words=norwegian.query_terms(request.args.get("q", "")[:200]),
        highlight=services.highlight,
        in_bank=permissions.in_bank(story),
        **LABELS,
    )


@bp.post("/stories/<int:story_id>/bank")
@access.loads(Story, right=access.Right.EDIT)
def open_story(story: Story) -> Any:
    opened = request.form.get("open") == "1"
    message = (
        _("Fortellingen vises nå i idébanken for alle nettverk.")
        if opened
        else _("Fortellingen er tatt ut av idébanken.")
    )
    with attempt(message, flash_error=True):
        services.open_story(db.session, current_user, story, opened)
    return redirect(url_for("stories.show", story_id=story.id))
