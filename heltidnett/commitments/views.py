"""Routes for commitments at a gathering, their follow-up, vurderingskrysset and the matrix."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.commitments import permissions, services
from heltidnett.commitments.forms import (
    CommitmentForm,
    FollowUpForm,
    MilestoneForm,
    NetworkCommitmentForm,
    TickForm,
)
from heltidnett.commitments.labels import QUADRANT_LABELS, STATUS_COLORS, STATUS_LABELS
from heltidnett.commitments.models import (
    Assessment,
    Commitment,
    FacilitatorMilestone,
    MilestoneReach,
    Quadrant,
)
from heltidnett.core.bounds import MAX_ID, bounded_int
from heltidnett.core.downloads import download
from heltidnett.core.forms import options
from heltidnett.core.i18n import current_language, format_date
from heltidnett.core.numbers import NotANumber, parse_whole
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.gatherings.models import Gathering
from heltidnett.goals import links as goal_links
from heltidnett.networks import milestones
from heltidnett.networks.models import Network
from heltidnett.networks.services import network_municipalities
from heltidnett.reports.pdf import render_pdf
from heltidnett.stories.services import writable_municipalities

bp = Blueprint("commitments", __name__, template_folder="templates")

CROSS_ROWS = 4
MAX_CROSS_ROWS = 100  # rows per field a form may send


@bp.app_context_processor
def _template_helpers() -> dict[str, Any]:
    """`open_commitments_for(gathering)` for the gathering page's include."""

    def open_commitments_for(gathering: Gathering) -> list[Commitment]:
        return services.open_commitments_for_gathering(db.session, gathering, current_user)

    return {"open_commitments_for": open_commitments_for}


LABELS = {"status_labels": STATUS_LABELS, "status_colors": STATUS_COLORS}


def _writer_choices(network: Network) -> list[tuple[int, str]]:
    """Whom the user may write commitments for: the joint one (0) and their municipalities."""
    writable = writable_municipalities(db.session, current_user, network)
    choices = [(m.id, m.name) for m in writable]
    if permissions.can_write_joint(current_user, network.id):
        choices.insert(0, (0, _("Nettverkets felles forpliktelse")))
    return choices


def _commitment_form(gathering: Gathering) -> CommitmentForm:
    form = CommitmentForm(prefix="c")
    form.municipality.choices = options(_writer_choices(gathering.network))
    return form


def _gathering_page(gathering: Gathering, form: CommitmentForm | None = None) -> str:
    form = form or _commitment_form(gathering)
    made = services.commitments_made_at(db.session, gathering)
    to_follow_up = services.open_commitments_for_gathering(db.session, gathering, current_user)
    return render_template(
        "commitments/gathering.html",
        gathering=gathering,
        network=gathering.network,
        made=made,
        to_follow_up=to_follow_up,
        goal_links=goal_links.for_commitments([*made, *to_follow_up]),
        next_gathering=services.next_gathering(db.session, gathering, current_user),
        form=form if form.municipality.choices else None,
        follow_up_form=FollowUpForm(prefix="f"),
        can_follow_up=lambda c: c.can_edit(current_user),
        municipalities=network_municipalities(db.session, gathering.network_id),
        **LABELS,
    )


@bp.route("/gatherings/<int:gathering_id>/commitments", methods=["GET", "POST"])
@access.loads(Gathering)
def gathering_commitments(gathering: Gathering) -> Any:
    form = _commitment_form(gathering)
    if request.method == "POST":
        access.require(bool(form.municipality.choices), gathering)
        if form.validate_on_submit():
            with attempt() as outcome:
                services.create_commitment(
                    db.session,
                    current_user,
                    gathering,
                    form.municipality.data or None,
                    form.text.data,
                    form.owner.data,
                    form.due_on.data,
                )
            if outcome.failed:
                outcome.show_on(form, "text")
            else:
                flash(_("Forpliktelsen er lagret."), "success")
                return redirect(url_for(".gathering_commitments", gathering_id=gathering.id))
        return _gathering_page(gathering, form), 400
    return _gathering_page(gathering, form)


def _network_commitment_form(network: Network) -> NetworkCommitmentForm:
    """The form on the network's pages: the gathering chosen (the latest or the next one by
    default) and, from a municipality's section, that municipality."""
    form = NetworkCommitmentForm(prefix="c")
    choices = _writer_choices(network)
    form.municipality.choices = options(choices)
    gatherings = services.gathering_choices(db.session, network, current_user)
    form.gathering.choices = options(
        [(0, _("Velg samling"))]
        + [(g.id, f"{g.title} ({format_date(g.starts_on)})") for g in gatherings]
    )
    if not form.is_submitted():
        chosen = services.default_gathering(gatherings, date.today())
        form.gathering.data = chosen.id if chosen else 0
        wanted = request.args.get("municipality", type=bounded_int)
        if wanted is not None and wanted in {value for value, _label in choices}:
            form.municipality.data = wanted
    return form


@bp.route("/networks/<int:network_id>/commitments/new", methods=["GET", "POST"])
@access.loads(Network)
def new_commitment(network: Network) -> Any:
    form = _network_commitment_form(network)
    access.require(bool(form.municipality.choices), network)
    status = 200
    if form.validate_on_submit():
        with attempt() as outcome:
            gathering = services.gathering_of_network(
                db.session, current_user, network, form.gathering.data
            )
            commitment = services.create_commitment(
                db.session,
                current_user,
                gathering,
                form.municipality.data or None,
                form.text.data,
                form.owner.data,
                form.due_on.data,
            )
        if outcome.failed:
            outcome.show_on(form, "text")
        else:
            flash(_("Forpliktelsen er lagret."), "success")
            anchor = (
                f"kommune-{commitment.municipality_id}" if commitment.municipality_id else "felles"
            )
            return redirect(url_for(".network_commitments", network_id=network.id, _anchor=anchor))
    if form.is_submitted():
        status = 400
    return render_template("commitments/new.html", network=network, form=form, **LABELS), status


@bp.route("/commitments/<int:commitment_id>/follow-up", methods=["GET", "POST"])
@access.loads(Commitment, right=access.Right.EDIT)
def follow_up(commitment: Commitment) -> Any:
    at = request.values.get("gathering", type=bounded_int)
    at_gathering = services.visible_gathering(db.session, current_user, at) if at else None
    if at and (at_gathering is None or at_gathering.network_id != commitment.network_id):
        abort(404)
    form = FollowUpForm(prefix="f")
    if not form.is_submitted() and not commitment.is_open:
        form.status.data = commitment.status.value
        form.comment.data = commitment.follow_up_comment
    if form.validate_on_submit():
        with attempt() as outcome:
            services.follow_up(
                db.session,
                current_user,
                commitment,
                form.status.data,
                form.comment.data,
                at_gathering,
            )
        if outcome.failed:
            outcome.show_on(form, "comment")
        else:
            flash(_("Oppfølgingen er lagret."), "success")
            if at_gathering is not None:
                return redirect(url_for(".gathering_commitments", gathering_id=at_gathering.id))
            return redirect(url_for(".network_commitments", network_id=commitment.network_id))
    return render_template(
        "commitments/follow_up.html",
        commitment=commitment,
        network=commitment.network,
        form=form,
        at_gathering=at_gathering,
        goal_links=goal_links.for_commitments([commitment]),
        **LABELS,
    ), (400 if form.is_submitted() else 200)


@bp.post("/commitments/<int:commitment_id>/reopen")
@access.loads(Commitment, right=access.Right.EDIT)
def reopen(commitment: Commitment) -> Any:
    services.follow_up(db.session, current_user, commitment, "open")
    flash(_("Forpliktelsen er åpen igjen."), "success")
    return redirect(url_for(".network_commitments", network_id=commitment.network_id))


@bp.get("/networks/<int:network_id>/commitments")
@access.loads(Network)
def network_commitments(network: Network) -> Any:
    rows = services.network_commitments(db.session, network)
    groups: dict[int | None, list[Commitment]] = {}
    for commitment in rows:
        groups.setdefault(commitment.municipality_id, []).append(commitment)
    return render_template(
        "commitments/network.html",
        network=network,
        joint=groups.get(None, []),
        groups=[(m, groups.get(m.id, [])) for m in network_municipalities(db.session, network.id)],
        can_follow_up=lambda c: c.can_edit(current_user),
        goal_links=goal_links.for_commitments(rows),
        writable_ids={m.id for m in writable_municipalities(db.session, current_user, network)},
        can_write_joint=permissions.can_write_joint(current_user, network.id),
        **LABELS,
    )


def _form_int(name: str, default: int | None, largest: int) -> int | None:
    """A small whole number from the form, read as typed ("3", " 3 "); anything else (or a
    negative or larger number) is the default."""
    try:
        value = parse_whole(request.form.get(name))
    except NotANumber:
        return default
    return value if value is not None and 0 <= value <= largest else default


def _cross_entries() -> list[services.CrossEntry]:
    entries = []
    for quadrant in Quadrant:
        count = _form_int(f"{quadrant.value}-count", CROSS_ROWS, MAX_CROSS_ROWS) or 0
        for i in range(count):
            entries.append(
                services.CrossEntry(
                    quadrant.value,
                    request.form.get(f"{quadrant.value}-{i}-text", ""),
                    _form_int(f"{quadrant.value}-{i}-rank", None, MAX_ID),
                )
            )
    return entries


def _cross_rows(entries: list[services.CrossEntry]) -> dict[Quadrant, list[services.CrossEntry]]:
    rows: dict[Quadrant, list[services.CrossEntry]] = {q: [] for q in Quadrant}
    for entry in entries:
        rows[Quadrant(entry.quadrant)].append(entry)
    for quadrant, listed in rows.items():
        listed.extend(
            services.CrossEntry(quadrant.value, "", None)
            for _n in range(max(CROSS_ROWS, len(listed) + 1) - len(listed))
        )
    return rows


def find_assessment(gathering_id: int, municipality_id: int) -> Assessment | None:
    """A municipality's vurderingskryss at a gathering, for the route that loads it."""
    return services.find_assessment(db.session, gathering_id, municipality_id)


@bp.route(
    "/gatherings/<int:gathering_id>/assessment/<int:municipality_id>", methods=["GET", "POST"]
)
@access.loads(
    Assessment,
    "gathering_id",
    "municipality_id",
    parent=Gathering,
    load=find_assessment,
    name="assessment",
)
def assessment(assessment: Assessment) -> Any:
    gathering, municipality = assessment.gathering, assessment.municipality
    can_edit = assessment.can_edit(current_user)
    error = None
    if request.method == "POST":
        access.require(can_edit, gathering)
        entries = _cross_entries()
        with attempt() as outcome:
            services.save_assessment(db.session, gathering, municipality.id, entries)
        if not outcome.failed:
            flash(_("Vurderingskrysset er lagret."), "success")
            return redirect(
                url_for(".assessment", gathering_id=gathering.id, municipality_id=municipality.id)
            )
        error = outcome.message
        rows = _cross_rows(entries)
    else:
        saved = services.assessment(db.session, gathering.id, municipality.id)
        rows = _cross_rows(
            [
                services.CrossEntry(q.value, item.text, item.rank)
                for q, items in saved.items()
                for item in items
            ]
        )
    cross = services.assessment(db.session, gathering.id, municipality.id)
    return render_template(
        "commitments/assessment.html",
        gathering=gathering,
        network=gathering.network,
        municipality=municipality,
        cross=cross,
        rows=rows,
        can_edit=can_edit,
        error=error,
        quadrant_labels=QUADRANT_LABELS,
    ), (400 if error else 200)


@bp.route("/networks/<int:network_id>/steering", methods=["GET", "POST"])
@access.loads(Network, right=permissions.sees_matrix)
def steering(network: Network) -> Any:
    can_edit = network.can_edit(current_user)
    form = MilestoneForm(prefix="ms")
    status = 200
    if request.method == "POST":
        access.require(can_edit, network)
        if form.validate_on_submit():
            with attempt() as outcome:
                services.add_milestone(db.session, network, form.title.data, form.description.data)
            if outcome.failed:
                outcome.show_on(form, "title")
            else:
                flash(_("Milepælen er lagt til i matrisen."), "success")
                return redirect(url_for(".steering", network_id=network.id))
        status = 400
    columns = milestones.build(db.session, network, current_user)
    return render_template(
        "commitments/steering.html",
        network=network,
        columns=columns,
        municipalities=network_municipalities(db.session, network.id),
        open_commitments=services.open_commitments(db.session, network),
        facilitator_milestones=services.network_milestones(db.session, network.id),
        form=form if can_edit else None,
        **LABELS,
    ), status


STEERING_PDF_CSS = """
@page { size: A4 landscape; }
td, th { text-align: left; }
"""


@bp.get("/networks/<int:network_id>/steering.pdf")
@access.loads(Network, right=permissions.sees_matrix)
def steering_pdf(network: Network) -> Any:
    language = current_language()
    html = render_template(
        "commitments/steering_pdf.html",
        network=network,
        columns=milestones.build(db.session, network, current_user),
        municipalities=network_municipalities(db.session, network.id),
        open_commitments=services.open_commitments(db.session, network),
        followed=[c for c in services.network_commitments(db.session, network) if not c.is_open],
        today=date.today(),
        language=language,
        **LABELS,
    )
    title = _("Styringsmatrise: %(n)s", n=network.name)
    pdf = render_pdf(html, STEERING_PDF_CSS, title=title, language=language)
    return download(pdf, "application/pdf", "styringsmatrise.pdf", inline=True)


@bp.get("/milestones/<int:milestone_id>")
@access.loads(FacilitatorMilestone, "milestone_id")
def milestone(milestone: FacilitatorMilestone) -> Any:
    return _milestone_page(milestone, {})


def _milestone_page(item: FacilitatorMilestone, forms: dict[int, TickForm]) -> str:
    ticks = {t.municipality_id: t for t in item.ticks}
    municipalities = network_municipalities(db.session, item.network_id)
    can_edit = item.can_edit(current_user)
    if can_edit:
        for m in municipalities:
            if m.id not in forms:
                tick = ticks.get(m.id)
                form = TickForm(prefix=f"m{m.id}", formdata=None, obj=tick)
                form.reached.data = tick is not None
                forms[m.id] = form
    return render_template(
        "commitments/milestone.html",
        milestone=item,
        network=item.network,
        municipalities=municipalities,
        ticks=ticks,
        tick_forms=forms,
        can_edit=can_edit,
    )


def find_reach(milestone_id: int, municipality_id: int) -> MilestoneReach | None:
    """A municipality's tick of a milestone, for the route that sets it."""
    return services.find_milestone_reach(db.session, milestone_id, municipality_id)


@bp.post("/milestones/<int:milestone_id>/municipalities/<int:municipality_id>")
@access.loads(
    MilestoneReach,
    "milestone_id",
    "municipality_id",
    right=access.Right.EDIT,
    parent=FacilitatorMilestone,
    load=find_reach,
    name="reach",
)
def tick(reach: MilestoneReach) -> Any:
    item, municipality_id = reach.milestone, reach.municipality.id
    form = TickForm(prefix=f"m{municipality_id}")
    if form.validate_on_submit():
        with attempt() as outcome:
            services.set_tick(
                db.session,
                item,
                municipality_id,
                form.reached.data,
                form.reached_on.data,
                form.evidence_url.data or "",
                form.comment.data or "",
            )
        if outcome.failed:
            outcome.show_on(form, "evidence_url")
        else:
            flash(_("Milepælen er oppdatert."), "success")
            return redirect(url_for(".milestone", milestone_id=item.id))
    return _milestone_page(item, {municipality_id: form}), 400
