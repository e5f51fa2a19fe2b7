"""Routes: a municipality's goal board, a goal's page with its values and actions, and the
network's overview of every municipality's goals (with its xlsx download)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from heltidnett.auth import access
from heltidnett.comments import services as comment_services
from heltidnett.comments.forms import CommentForm as ThreadForm
from heltidnett.comments.labels import ROLE_LABELS
from heltidnett.commitments.labels import STATUS_COLORS as COMMITMENT_COLORS
from heltidnett.commitments.labels import STATUS_LABELS as COMMITMENT_LABELS
from heltidnett.core.bounds import bounded_int
from heltidnett.core.forms import options
from heltidnett.core.i18n import current_language, format_date
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.goals import display, labels, permissions, services
from heltidnett.goals import links as goal_links
from heltidnett.goals.forms import ActionForm, GoalForm, ValueForm
from heltidnett.goals.models import Action, ActionStatus, Benefit, Goal, GoalValue
from heltidnett.goals.progress import AT_RISK_SHARE, Direction, Status
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Network
from heltidnett.networks.services import network_municipalities
from heltidnett.reports.export import table_response
from heltidnett.staffing import services as staffing_services

bp = Blueprint("goals", __name__, template_folder="templates")

OWN_MEASURE = "own"  # the picker's value for a measure of the municipality's own
ALL = ""

LABELS = {
    "status_labels": labels.STATUS_LABELS,
    "status_colors": labels.STATUS_COLORS,
    "action_labels": labels.ACTION_LABELS,
    "action_colors": labels.ACTION_COLORS,
    "measure_unit_labels": labels.MEASURE_UNIT_LABELS,
}


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _decimal(value: float | None) -> Decimal | None:
    """A stored number as the form shows it again: 50 and 45,5, not 50,00."""
    if value is None:
        return None
    return Decimal(int(value)) if float(value).is_integer() else Decimal(repr(value))


# ---- the board ---------------------------------------------------------------------------


@bp.get("/municipalities/<int:municipality_id>/goals")
@access.loads(Municipality)
def board(municipality: Municipality) -> Any:
    today = dt.date.today()
    goals = access.visible(services.goals_of(db.session, municipality), current_user)
    items = services.progress_of(db.session, goals, today, viewer=current_user)
    language = current_language()
    return render_template(
        "goals/board.html",
        municipality=municipality,
        rows=[display.shown(item, language, today) for item in items],
        can_write=permissions.can_write_goals(current_user, municipality.id),
        **LABELS,
    )


# ---- writing a goal ----------------------------------------------------------------------


def _goal_form(municipality: Municipality, goal: Goal | None = None) -> GoalForm:
    form = GoalForm()
    language = current_language()
    choices = [SelectChoice(OWN_MEASURE, _("Egen måling (skriv under)"))]
    for group, members in display.indicator_groups(language):
        choices.extend(SelectChoice(code, name, optgroup=group) for code, name in members)
    form.indicator.choices = choices
    periods = staffing_services.period_choices(
        staffing_services.periods_of(db.session, municipality.id)
    )
    if goal is not None and goal.baseline_period and goal.baseline_period not in periods:
        periods = [goal.baseline_period, *periods]  # set through the API before its figures
    form.baseline_period.choices = options([("", _("Første verdi")), *((p, p) for p in periods)])
    form.units.choices = options((u.id, u.name) for u in municipality.units)
    if not form.is_submitted():
        if goal is None:
            form.indicator.data = "fulltime_share"
            form.direction.data = Direction.AT_LEAST.value
        else:
            _fill(form, goal)
    return form


def _fill(form: GoalForm, goal: Goal) -> None:
    form.title.data = goal.title
    form.situation.data = goal.situation
    form.indicator.data = goal.indicator_code or OWN_MEASURE
    form.measure_name.data = goal.measure_name
    form.measure_unit.data = goal.measure_unit
    form.direction.data = goal.direction.value
    form.baseline_period.data = goal.baseline_period or ""
    form.first_target_value.data = _decimal(goal.first_target_value)
    form.first_target_due.data = goal.first_target_due
    form.target_value.data = _decimal(goal.target_value)
    form.target_due.data = goal.target_due
    form.units.data = [u.id for u in goal.units]
    form.responsible.data = goal.responsible
    form.benefit.data = goal.benefit.value if goal.benefit else ""
    form.shared.data = goal.shared


def _goal_data(form: GoalForm) -> services.GoalData:
    indicator = form.indicator.data
    return services.GoalData(
        title=form.title.data or "",
        situation=(form.situation.data or "").strip(),
        indicator_code=None if indicator == OWN_MEASURE else indicator,
        measure_name=form.measure_name.data or "",
        measure_unit=form.measure_unit.data or "percent",
        direction=Direction(form.direction.data),
        baseline_period=form.baseline_period.data or None,
        first_target_value=_number(form.first_target_value.data),
        first_target_due=form.first_target_due.data,
        target_value=float(form.target_value.data or 0),
        target_due=form.target_due.data or dt.date.today(),
        responsible=form.responsible.data or "",
        benefit=Benefit(form.benefit.data) if form.benefit.data else None,
        unit_ids=list(form.units.data or []),
        shared=bool(form.shared.data),
    )


def _form_page(municipality: Municipality, form: GoalForm, goal: Goal | None, error: str) -> Any:
    page = render_template(
        "goals/form.html", municipality=municipality, form=form, goal=goal, error=error
    )
    return page, (400 if form.is_submitted() else 200)


def _sources() -> dict[str, int | None]:
    """Where a new goal comes from, as "Lag mål av dette" links say in the query:
    `?commitment=<id>`, `?answer=<id>` or `?declaration=<id>` (the service checks them)."""
    return {
        f"source_{kind}_id": request.args.get(kind, type=bounded_int) for kind in goal_links.SOURCES
    }


@bp.route("/municipalities/<int:municipality_id>/goals/new", methods=["GET", "POST"])
@access.loads(Municipality, right=permissions.writes_goals)
def new(municipality: Municipality) -> Any:
    form = _goal_form(municipality)
    error = ""
    if form.validate_on_submit():
        data = _goal_data(form)
        for name, value in _sources().items():
            setattr(data, name, value)
        with attempt() as outcome:
            goal = services.create_goal(db.session, current_user, municipality, data)
        if not outcome.failed:
            flash(_("Målet er lagret."), "success")
            return redirect(url_for(".show", goal_id=goal.id))
        error = outcome.message
    return _form_page(municipality, form, None, error)


@bp.route("/goals/<int:goal_id>/edit", methods=["GET", "POST"])
@access.loads(Goal, right=access.Right.EDIT)
def edit(goal: Goal) -> Any:
    form = _goal_form(goal.municipality, goal)
    error = ""
    if form.validate_on_submit():
        data = _goal_data(form)
        for kind in goal_links.SOURCES:  # the form does not show where it came from: keep it
            name = f"source_{kind}_id"
            setattr(data, name, getattr(goal, name))
        with attempt() as outcome:
            services.update_goal(db.session, current_user, goal, data)
        if not outcome.failed:
            flash(_("Målet er endret."), "success")
            return redirect(url_for(".show", goal_id=goal.id))
        error = outcome.message
    return _form_page(goal.municipality, form, goal, error)


@bp.post("/goals/<int:goal_id>/delete")
@access.loads(Goal, right=access.Right.EDIT)
def delete(goal: Goal) -> Any:
    municipality_id = goal.municipality_id
    with attempt(_("Målet er slettet."), flash_error=True) as outcome:
        services.delete_goal(db.session, current_user, goal)
    if outcome.failed:
        return redirect(url_for(".show", goal_id=goal.id))
    return redirect(url_for(".board", municipality_id=municipality_id))


# ---- a goal's page -----------------------------------------------------------------------


def _action_form(goal: Goal, **kwargs: Any) -> ActionForm:
    """The action form, its commitments those the goal's municipality may follow up."""
    form = ActionForm(**kwargs)
    choices = [SelectChoice("", _("Ingen"))]
    for commitment in services.commitments_for(db.session, goal.municipality_id):
        group = _("Felles for nettverket") if commitment.municipality_id is None else None
        label = _(
            "%(text)s (frist %(date)s)",
            text=_shorten(commitment.text),
            date=format_date(commitment.due_on, "short"),
        )
        choices.append(SelectChoice(str(commitment.id), label, optgroup=group))
    form.commitment.choices = choices
    return form


def _shorten(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _goal_page(
    goal: Goal,
    action_form: ActionForm | None = None,
    value_form: ValueForm | None = None,
) -> str:
    today = dt.date.today()
    language = current_language()
    (item,) = services.progress_of(db.session, [goal], today, viewer=current_user)
    can_edit = goal.can_edit(current_user)
    if can_edit:
        action_form = action_form or _action_form(goal, prefix="a", formdata=None)
        if not goal.tied_to_indicator:
            value_form = value_form or ValueForm(prefix="v", formdata=None)
    discussion = comment_services.goal_subject(current_user, goal)
    if not comment_services.may_discuss(discussion, current_user):
        discussion = None
    return render_template(
        "goals/show.html",
        goal=goal,
        municipality=goal.municipality,
        row=display.shown(item, language, today),
        item=item,
        chart=display.series_chart(item, language),
        actions=[(a, a.is_overdue(today)) for a in services.with_commitments(db.session, goal)],
        source=goal_links.source_of(goal),
        commitment_labels=COMMITMENT_LABELS,
        commitment_colors=COMMITMENT_COLORS,
        can_edit=can_edit,
        action_form=action_form if can_edit else None,
        value_form=value_form if can_edit else None,
        threads=comment_services.subject_threads(db.session, discussion) if discussion else [],
        thread_form=ThreadForm(formdata=None) if discussion else None,
        role_labels=ROLE_LABELS,
        at_risk_share=round(AT_RISK_SHARE * 100),
        format_measure=display.format_measure,
        **LABELS,
    )


@bp.get("/goals/<int:goal_id>")
@access.loads(Goal)
def show(goal: Goal) -> Any:
    return _goal_page(goal)


@bp.post("/goals/<int:goal_id>/values")
@access.loads(Goal, right=access.Right.EDIT)
def add_value(goal: Goal) -> Any:
    form = ValueForm(prefix="v")
    if form.validate_on_submit() and form.measured_on.data and form.value.data is not None:
        with attempt() as outcome:
            services.add_value(
                db.session,
                current_user,
                goal,
                form.measured_on.data,
                float(form.value.data),
                form.note.data or "",
            )
        if not outcome.failed:
            flash(_("Målingen er lagret."), "success")
            return redirect(url_for(".show", goal_id=goal.id) + "#values-heading")
        form.value.errors = [outcome.message]
    return _goal_page(goal, value_form=form), 400


@bp.post("/goals/values/<int:value_id>/delete")
@access.loads(GoalValue, "value_id", right=access.Right.EDIT)
def delete_value(value: GoalValue) -> Any:
    goal_id = value.goal_id
    with attempt(_("Målingen er slettet."), flash_error=True):
        services.delete_value(db.session, current_user, value)
    return redirect(url_for(".show", goal_id=goal_id) + "#values-heading")


def _action_data(form: ActionForm) -> services.ActionData:
    return services.ActionData(
        title=form.title.data or "",
        owner=form.owner.data or "",
        due_on=form.due_on.data,
        status=ActionStatus(form.status.data),
        notes=(form.notes.data or "").strip(),
        commitment_id=int(form.commitment.data) if form.commitment.data else None,
    )


@bp.post("/goals/<int:goal_id>/actions")
@access.loads(Goal, right=access.Right.EDIT)
def add_action(goal: Goal) -> Any:
    form = _action_form(goal, prefix="a")
    if form.validate_on_submit():
        with attempt() as outcome:
            services.add_action(db.session, current_user, goal, _action_data(form))
        if not outcome.failed:
            flash(_("Tiltaket er lagret."), "success")
            return redirect(url_for(".show", goal_id=goal.id) + "#actions-heading")
        form.title.errors = [outcome.message]
    return _goal_page(goal, action_form=form), 400


@bp.route("/goals/actions/<int:action_id>/edit", methods=["GET", "POST"])
@access.loads(Action, right=access.Right.EDIT)
def edit_action(action: Action) -> Any:
    form = _action_form(action.goal, obj=action if request.method == "GET" else None)
    if request.method == "GET":
        form.status.data = action.status.value
        form.commitment.data = str(action.commitment_id or "")
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_action(db.session, current_user, action, _action_data(form))
        if not outcome.failed:
            flash(_("Tiltaket er endret."), "success")
            return redirect(url_for(".show", goal_id=action.goal_id) + "#actions-heading")
        form.title.errors = [outcome.message]
    status = 400 if form.is_submitted() else 200
    return render_template("goals/action.html", action=action, goal=action.goal, form=form), status


# ---- the network's overview --------------------------------------------------------------


def _overview(network: Network) -> dict[str, Any]:
    """The overview's rows for the chosen indicator and status, and what the filters offer."""
    today = dt.date.today()
    language = current_language()
    municipalities = network_municipalities(db.session, network.id)
    names = {m.id: m.name for m in municipalities}
    goals = access.visible(services.goals_in(db.session, list(names)), current_user)
    items = services.progress_of(db.session, goals, today, viewer=current_user)
    codes = sorted({g.indicator_code for g in goals if g.indicator_code})
    indicators = [(c, display.measure_name_of(c, language)) for c in codes]
    if any(g.indicator_code is None for g in goals):
        indicators.append((OWN_MEASURE, _("Egne målinger")))
    chosen = request.args.get("indicator", ALL)
    if chosen not in {code for code, _name in indicators}:
        chosen = ALL
    status = request.args.get("status", ALL)
    if status not in {s.value for s in Status}:
        status = ALL

    def wanted(goal: Goal) -> bool:
        if chosen == OWN_MEASURE:
            return goal.indicator_code is None
        return chosen == ALL or goal.indicator_code == chosen

    picked = [i for i in items if wanted(i.goal)]
    rows = [
        (names[i.goal.municipality_id], display.shown(i, language, today), i)
        for i in sorted(picked, key=lambda i: (names[i.goal.municipality_id], i.goal.target_due))
    ]
    by_status: dict[Status, list[str]] = {s: [] for s in Status}
    for name, row, _item in rows:
        if name not in by_status[row.status]:
            by_status[row.status].append(name)
    with_goals = {name for name, _row, _item in rows}
    if status:
        rows = [r for r in rows if r[1].status.value == status]
    return {
        "network": network,
        "rows": rows,
        "indicators": indicators,
        "chosen": chosen,
        "chosen_name": dict(indicators).get(chosen, ""),
        "status": status,
        "by_status": [(s, names_) for s, names_ in by_status.items() if names_],
        "without": [m.name for m in municipalities if m.name not in with_goals],
        "facilitator": access.is_facilitator_of(current_user, network.id),
    }


@bp.get("/networks/<int:network_id>/goals")
@access.loads(Network, right=permissions.sees_goal_overview)
def overview(network: Network) -> Any:
    return render_template("goals/overview.html", **_overview(network), **LABELS)


@bp.get("/networks/<int:network_id>/goals.xlsx")
@access.loads(Network, right=permissions.sees_goal_overview)
def overview_xlsx(network: Network) -> Any:
    found = _overview(network)
    title = _("Mål i nettverket")
    if found["chosen_name"]:
        title = f"{title} – {found['chosen_name']}"
    table = display.overview_table(found["rows"], title, current_language())
    return table_response([table], "xlsx", f"mal-{network.id}")
