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
from heltidnett.commitments import services
from heltidnett.commitments.forms import CommitmentForm, FollowUpForm, MilestoneForm, TickForm
from heltidnett.commitments.labels import QUADRANT_LABELS, STATUS_COLORS, STATUS_LABELS
from heltidnett.commitments.models import Commitment, FacilitatorMilestone, Quadrant
from heltidnett.core.bounds import MAX_DIGITS, MAX_ID, bounded_int
from heltidnett.core.downloads import download
from heltidnett.core.errors import ServiceError
from heltidnett.core.forms import options
from heltidnett.core.i18n import current_language
from heltidnett.extensions import db
from heltidnett.gatherings.models import Gathering
from heltidnett.municipalities.models import Municipality
from heltidnett.networks import milestones
from heltidnett.networks.models import Network
from heltidnett.reports.pdf import render_pdf
from heltidnett.stories.models import can_write_for
from heltidnett.stories.services import network_municipalities

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


def _commitment_form(gathering: Gathering) -> CommitmentForm:
    form = CommitmentForm(prefix="c")
    choices = [
        (m.id, m.name)
        for m in network_municipalities(db.session, gathering.network_id)
        if can_write_for(current_user, gathering.network_id, m.id)
    ]
    if access.is_facilitator_of(current_user, gathering.network_id):
        choices.insert(0, (0, _("Nettverkets felles forpliktelse")))
    form.municipality.choices = options(choices)
    return form


def _gathering_page(gathering: Gathering, form: CommitmentForm | None = None) -> str:
    form = form or _commitment_form(gathering)
    made = services.commitments_made_at(db.session, gathering)
    return render_template(
        "commitments/gathering.html",
        gathering=gathering,
        network=gathering.network,
        made=made,
        to_follow_up=services.open_commitments_for_gathering(db.session, gathering, current_user),
        next_gathering=services.next_gathering(db.session, gathering, current_user),
        form=form if form.municipality.choices else None,
        follow_up_form=FollowUpForm(prefix="f"),
        can_follow_up=lambda c: c.can_edit(current_user),
        municipalities=network_municipalities(db.session, gathering.network_id),
        **LABELS,
    )


@bp.route("/gatherings/<int:gathering_id>/commitments", methods=["GET", "POST"])
def gathering_commitments(gathering_id: int) -> Any:
    gathering = access.load_viewable(Gathering, gathering_id)
    form = _commitment_form(gathering)
    if request.method == "POST":
        access.require(bool(form.municipality.choices), gathering)
        if form.validate_on_submit():
            try:
                services.create_commitment(
                    db.session,
                    current_user,
                    gathering,
                    form.municipality.data or None,
                    form.text.data,
                    form.owner.data,
                    form.due_on.data,
                )
            except ServiceError as error:
                form.text.errors = [str(error)]
            else:
                db.session.commit()
                flash(_("Forpliktelsen er lagret."), "success")
                return redirect(url_for(".gathering_commitments", gathering_id=gathering.id))
        return _gathering_page(gathering, form), 400
    return _gathering_page(gathering, form)


@bp.route("/commitments/<int:commitment_id>/follow-up", methods=["GET", "POST"])
def follow_up(commitment_id: int) -> Any:
    commitment = access.load_editable(Commitment, commitment_id)
    at = request.values.get("gathering", type=bounded_int)
    at_gathering = db.session.get(Gathering, at) if at else None
    if at_gathering is not None and (
        at_gathering.network_id != commitment.network_id or not at_gathering.can_view(current_user)
    ):
        abort(404)
    form = FollowUpForm(prefix="f")
    if not form.is_submitted() and not commitment.is_open:
        form.status.data = commitment.status.value
        form.comment.data = commitment.follow_up_comment
    if form.validate_on_submit():
        try:
            services.follow_up(
                db.session,
                current_user,
                commitment,
                form.status.data,
                form.comment.data,
                at_gathering,
            )
        except ServiceError as error:
            form.comment.errors = [str(error)]
        else:
            db.session.commit()
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
        **LABELS,
    )


@bp.post("/commitments/<int:commitment_id>/reopen")
def reopen(commitment_id: int) -> Any:
    commitment = access.load_editable(Commitment, commitment_id)
    services.follow_up(db.session, current_user, commitment, "open")
    db.session.commit()
    flash(_("Forpliktelsen er åpen igjen."), "success")
    return redirect(url_for(".network_commitments", network_id=commitment.network_id))


@bp.get("/networks/<int:network_id>/commitments")
def network_commitments(network_id: int) -> Any:
    network = access.load_viewable(Network, network_id)
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
        **LABELS,
    )


def _form_int(name: str, default: int | None, largest: int) -> int | None:
    """A small whole number from the form; anything else (or larger) is the default."""
    value = request.form.get(name, "").strip()
    if not (value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS):
        return default  # (isdigit alone lets "²" through, which int() refuses)
    return int(value) if int(value) <= largest else default


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


@bp.route(
    "/gatherings/<int:gathering_id>/assessment/<int:municipality_id>", methods=["GET", "POST"]
)
def assessment(gathering_id: int, municipality_id: int) -> Any:
    gathering = access.load_viewable(Gathering, gathering_id)
    municipality = access.get_or_404(Municipality, municipality_id)
    if municipality.id not in {
        m.id for m in network_municipalities(db.session, gathering.network_id)
    }:
        abort(404)
    can_edit = can_write_for(current_user, gathering.network_id, municipality.id)
    error = None
    if request.method == "POST":
        access.require(can_edit, gathering)
        entries = _cross_entries()
        try:
            services.save_assessment(db.session, gathering, municipality.id, entries)
        except ServiceError as exc:
            db.session.rollback()
            error = str(exc)
        else:
            db.session.commit()
            flash(_("Vurderingskrysset er lagret."), "success")
            return redirect(
                url_for(".assessment", gathering_id=gathering.id, municipality_id=municipality.id)
            )
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
def steering(network_id: int) -> Any:
    network = access.load_viewable(Network, network_id)
    access.require(services.can_view_matrix(current_user, network.id), network)
    can_edit = network.can_edit(current_user)
    form = MilestoneForm(prefix="ms")
    status = 200
    if request.method == "POST":
        access.require(can_edit, network)
        if form.validate_on_submit():
            try:
                services.add_milestone(db.session, network, form.title.data, form.description.data)
            except ServiceError as error:
                form.title.errors = [str(error)]
            else:
                db.session.commit()
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
def steering_pdf(network_id: int) -> Any:
    network = access.load_viewable(Network, network_id)
    access.require(services.can_view_matrix(current_user, network.id), network)
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
def milestone(milestone_id: int) -> Any:
    item = access.load_viewable(FacilitatorMilestone, milestone_id)
    return _milestone_page(item, {})


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


@bp.post("/milestones/<int:milestone_id>/municipalities/<int:municipality_id>")
def tick(milestone_id: int, municipality_id: int) -> Any:
    item = access.load_editable(FacilitatorMilestone, milestone_id)
    if municipality_id not in {m.id for m in network_municipalities(db.session, item.network_id)}:
        abort(404)
    form = TickForm(prefix=f"m{municipality_id}")
    if form.validate_on_submit():
        try:
            services.set_tick(
                db.session,
                item,
                municipality_id,
                form.reached.data,
                form.reached_on.data,
                form.evidence_url.data or "",
                form.comment.data or "",
            )
        except ServiceError as error:
            form.evidence_url.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Milepælen er oppdatert."), "success")
            return redirect(url_for(".milestone", milestone_id=item.id))
    return _milestone_page(item, {municipality_id: form}), 400
