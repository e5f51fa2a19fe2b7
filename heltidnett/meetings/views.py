"""Routes for steering meetings: the lists, the minutes page and PDF, and their forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.core.bounds import bounded_int
from heltidnett.core.downloads import download
from heltidnett.core.forms import options
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.meetings import permissions, services
from heltidnett.meetings.forms import (
    AttendeeForm,
    DecisionForm,
    DecisionStatusForm,
    ItemForm,
    MeetingForm,
    NewMeetingForm,
)
from heltidnett.meetings.labels import KIND_LABELS, LABELS
from heltidnett.meetings.models import Attendee, Decision, Meeting, ReviewedItem
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Network
from heltidnett.networks.services import network_municipalities
from heltidnett.reports.pdf import render_pdf

bp = Blueprint("meetings", __name__, template_folder="templates")

MINUTES_CSS = Path(__file__).resolve().parent / "minutes.css"


def sees_meetings(network: Network, user: Any) -> bool:
    """The right of the network's meetings page: anyone who reads some group's meetings."""
    return permissions.sees_any_meetings(user, network.id)


def records_meetings(network: Network, user: Any) -> bool:
    """The right of the new-meeting form: anyone who writes some group's minutes."""
    return permissions.follows_network(user, network.id) or bool(_writable_groups(network, user))


def _writable_groups(network: Network, user: Any) -> list[Municipality]:
    return [
        m
        for m in network_municipalities(db.session, network.id)
        if permissions.can_write_group(user, network.id, m.id)
    ]


@bp.get("/networks/<int:network_id>/meetings")
@access.loads(Network, right=sees_meetings)
def network_meetings(network: Network) -> Any:
    return render_template(
        "meetings/list.html",
        network=network,
        municipality=None,
        meetings=services.network_meetings(db.session, current_user, network),
        can_record=records_meetings(network, current_user),
        **LABELS,
    )


@bp.get("/municipalities/<int:municipality_id>/meetings")
@access.loads(Municipality)
def municipality_meetings(municipality: Municipality) -> Any:
    return render_template(
        "meetings/list.html",
        network=None,
        municipality=municipality,
        meetings=services.municipality_meetings(db.session, current_user, municipality),
        can_record=False,
        **LABELS,
    )


@bp.route("/networks/<int:network_id>/meetings/new", methods=["GET", "POST"])
@access.loads(Network, right=records_meetings)
def new_meeting(network: Network) -> Any:
    form = NewMeetingForm()
    groups = _writable_groups(network, current_user)
    choices: list[tuple[int, str]] = []
    if permissions.follows_network(current_user, network.id):
        choices.append((0, _("Nettverkets styringsgruppe")))
    choices += [(m.id, _("Styringsgruppen i %(m)s", m=m.name)) for m in groups]
    form.group.choices = options(choices)
    if request.method == "GET":
        wanted = request.args.get("municipality", type=bounded_int)
        if wanted is not None:
            form.group.data = wanted
    if form.validate_on_submit():
        with attempt() as outcome:
            meeting = services.create_meeting(
                db.session,
                current_user,
                network,
                form.group.data or None,
                *_meeting_fields(form),
            )
        if outcome.failed:
            outcome.show_on(form, "held_on")
        else:
            flash(_("Møtet er lagret."), "success")
            return redirect(url_for(".show", meeting_id=meeting.id))
    return render_template(
        "meetings/form.html", network=network, meeting=None, form=form, **LABELS
    ), (400 if form.is_submitted() else 200)


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@access.loads(Meeting, right=access.Right.EDIT)
def edit(meeting: Meeting) -> Any:
    form = MeetingForm(obj=meeting)
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_meeting(
                db.session,
                current_user,
                meeting,
                *_meeting_fields(form),
            )
        if outcome.failed:
            outcome.show_on(form, "held_on")
        else:
            flash(_("Møtet er lagret."), "success")
            return redirect(url_for(".show", meeting_id=meeting.id))
    return render_template(
        "meetings/form.html", network=meeting.network, meeting=meeting, form=form, **LABELS
    ), (400 if form.is_submitted() else 200)


def _meeting_fields(form: MeetingForm) -> tuple[Any, str, str, str]:
    """What the meeting form gives the services: date, place, minutes, points for next time."""
    return (
        form.held_on.data,
        form.place.data or "",
        form.notes.data or "",
        form.next_points.data or "",
    )


def _minutes(meeting: Meeting) -> dict[str, Any]:
    """What the minutes page and the PDF show."""
    return {
        "meeting": meeting,
        "network": meeting.network,
        "items": services.reviewed_items(db.session, current_user, meeting),
        "carried": services.carried_decisions(db.session, meeting),
        "previous": services.previous_meeting(db.session, meeting),
        "next": services.next_meeting(db.session, meeting),
        **LABELS,
    }


def _show(meeting: Meeting, **forms: Any) -> Any:
    can_edit = meeting.can_edit(current_user)
    item_form = forms.get("item_form") or ItemForm(prefix="i", formdata=None)
    if can_edit:
        item_form.target.choices = options(
            [("", _("Velg sak"))]
            + [
                (t.key, f"{KIND_LABELS[t.kind]}: {t.title}")
                for t in services.item_candidates(db.session, current_user, meeting)
            ]
        )
    return render_template(
        "meetings/show.html",
        can_edit=can_edit,
        attendee_form=forms.get("attendee_form") or AttendeeForm(prefix="a", formdata=None),
        item_form=item_form,
        decision_form=forms.get("decision_form") or DecisionForm(prefix="d", formdata=None),
        status_form=DecisionStatusForm(prefix="s", formdata=None),
        **_minutes(meeting),
    ), (400 if forms else 200)


@bp.get("/meetings/<int:meeting_id>")
@access.loads(Meeting)
def show(meeting: Meeting) -> Any:
    return _show(meeting)


@bp.post("/meetings/<int:meeting_id>/attendees")
@access.loads(Meeting, right=access.Right.EDIT)
def add_attendee(meeting: Meeting) -> Any:
    form = AttendeeForm(prefix="a")
    if form.validate_on_submit():
        with attempt() as outcome:
            services.add_attendee(db.session, current_user, meeting, form.name.data, form.role.data)
        if not outcome.failed:
            return redirect(url_for(".show", meeting_id=meeting.id, _anchor="deltakere"))
        outcome.show_on(form, "name")
    return _show(meeting, attendee_form=form)


@bp.post("/meetings/attendees/<int:attendee_id>/delete")
@access.loads(Attendee, right=access.Right.EDIT)
def remove_attendee(attendee: Attendee) -> Any:
    meeting_id = attendee.meeting_id
    services.remove_attendee(db.session, current_user, attendee)
    return redirect(url_for(".show", meeting_id=meeting_id, _anchor="deltakere"))


@bp.post("/meetings/<int:meeting_id>/items")
@access.loads(Meeting, right=access.Right.EDIT)
def add_item(meeting: Meeting) -> Any:
    form = ItemForm(prefix="i")
    form.target.choices = None  # any `kind:id`: the service says whether it is the group's
    form.target.validate_choice = False
    if form.validate_on_submit():
        with attempt() as outcome:
            services.add_item(db.session, current_user, meeting, form.target.data, form.note.data)
        if not outcome.failed:
            return redirect(url_for(".show", meeting_id=meeting.id, _anchor="saker"))
        outcome.show_on(form, "target")
    return _show(meeting, item_form=form)


@bp.post("/meetings/items/<int:reviewed_id>/delete")
@access.loads(ReviewedItem, "reviewed_id", right=access.Right.EDIT, name="item")
def remove_item(item: ReviewedItem) -> Any:
    meeting_id = item.meeting_id
    services.remove_item(db.session, current_user, item)
    return redirect(url_for(".show", meeting_id=meeting_id, _anchor="saker"))


@bp.post("/meetings/<int:meeting_id>/delete")
@access.loads(Meeting, right=access.Right.EDIT)
def delete(meeting: Meeting) -> Any:
    network_id = meeting.network_id
    services.delete_meeting(db.session, current_user, meeting)
    flash(_("Møtet er slettet."), "success")
    return redirect(url_for(".network_meetings", network_id=network_id))


@bp.post("/meetings/<int:meeting_id>/decisions")
@access.loads(Meeting, right=access.Right.EDIT)
def add_decision(meeting: Meeting) -> Any:
    form = DecisionForm(prefix="d")
    if form.validate_on_submit():
        with attempt() as outcome:
            services.add_decision(
                db.session, current_user, meeting, form.text.data, form.owner.data, form.due_on.data
            )
        if not outcome.failed:
            return redirect(url_for(".show", meeting_id=meeting.id, _anchor="vedtak"))
        outcome.show_on(form, "text")
    return _show(meeting, decision_form=form)


@bp.post("/decisions/<int:decision_id>/status")
@access.loads(Decision, right=access.Right.EDIT)
def decision_status(decision: Decision) -> Any:
    form = DecisionStatusForm(prefix="s")
    at_id = request.form.get("meeting", type=bounded_int)
    at = services.visible_meeting(db.session, current_user, at_id) if at_id else None
    if at_id and at is None:
        abort(404)
    back = url_for(".show", meeting_id=(at or decision.meeting).id, _anchor="vedtak")
    if not form.validate_on_submit():
        flash(_("Velg åpen eller gjort."), "error")
        return redirect(back)
    with attempt(_("Vedtaket er oppdatert."), flash_error=True):
        services.set_decision_status(
            db.session, current_user, decision, form.status.data, form.comment.data or "", at
        )
    return redirect(back)


@bp.get("/meetings/<int:meeting_id>/minutes.pdf")
@access.loads(Meeting)
def minutes_pdf(meeting: Meeting) -> Any:
    from flask_babel import force_locale

    language = meeting.language
    with force_locale(language):
        title = _minutes_title(meeting)
        html = render_template(
            "meetings/minutes_pdf.html", title=title, language=language, **_minutes(meeting)
        )
    pdf = render_pdf(
        html,
        MINUTES_CSS.read_text(encoding="utf-8"),
        title=title,
        language=language,
        variant="pdf/a-2a",
    )
    filename = f"referat-styringsgruppe-{meeting.held_on.isoformat()}.pdf"
    return download(pdf, "application/pdf", filename, inline=True)


def _minutes_title(meeting: Meeting) -> str:
    group = meeting.municipality.name if meeting.municipality else meeting.network.name
    return _("Referat fra styringsgruppemøte, %(group)s", group=group)
