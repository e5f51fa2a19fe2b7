"""Routes for the list of networks, a network's home page and its management."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.auth.services import find_user_by_email, revoke_role
from heltidnett.core import waiting as things_waiting
from heltidnett.core.forms import options
from heltidnett.core.redirects import safe_next
from heltidnett.core.shortcuts import network_shortcuts
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.municipalities.services import all_municipalities
from heltidnett.networks import invitations, permissions, services, timeline
from heltidnett.networks.forms import MembershipForm, NetworkForm, ParticipationForm
from heltidnett.networks.labels import ROLE_LABELS, STATUS_LABELS
from heltidnett.networks.models import (
    Enrolment,
    Invitation,
    Membership,
    Network,
    NetworkRole,
    Participation,
)

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer


bp = Blueprint("networks", __name__, template_folder="templates")


def _network_fields(form: NetworkForm) -> dict[str, Any]:
    return {
        "name": form.name.data,
        "region": form.region.data,
        "description": form.description.data,
        "starts_on": form.starts_on.data,
        "ends_on": form.ends_on.data,
        "status": form.status.data,
    }


@bp.get("/")
def index() -> Any:
    rows = services.list_networks(db.session, current_user)
    return render_template(
        "networks/index.html",
        rows=rows,
        waiting=invitations.waiting_for(db.session, current_user),
        todo=things_waiting.build(db.session, current_user),
        role_labels=ROLE_LABELS,
        status_labels=STATUS_LABELS,
        can_create=access.can_create_networks(current_user),
    )


@bp.route("/networks/new", methods=["GET", "POST"])
def create() -> Any:
    access.require(access.can_create_networks(current_user))
    form = NetworkForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            network = services.create_network(db.session, current_user, **_network_fields(form))
        if outcome.failed:
            outcome.show_on(form, "name")
        else:
            flash(_("Nettverket «%(name)s» er opprettet.", name=network.name), "success")
            return redirect(url_for("networks.show", network_id=network.id))
    return render_template("networks/form.html", form=form, network=None)


@bp.get("/networks/<int:network_id>")
@access.loads(Network, load=lambda network_id: services.load_network_home(db.session, network_id))
def show(network: Network) -> Any:
    can_edit = network.can_edit(current_user)
    members = sorted(
        network.memberships, key=lambda m: (list(NetworkRole).index(m.role), m.user.name)
    )
    taken = {p.municipality_id for p in network.participations}
    participation_form = membership_form = None
    if can_edit:
        participation_form = ParticipationForm(prefix="p")
        participation_form.municipality.choices = options(
            (m.id, f"{m.name} ({m.number})")
            for m in all_municipalities(db.session)
            if m.id not in taken
        )
        membership_form = _membership_form(network)
    return render_template(
        "networks/show.html",
        waiting=invitations.waiting_in(db.session, network) if can_edit else None,
        network=network,
        members=members,
        participations=sorted(network.participations, key=lambda p: p.municipality.name),
        timeline=timeline.build(db.session, network, current_user),
        shortcuts=network_shortcuts(network, current_user),
        can_edit=can_edit,
        participation_form=participation_form,
        membership_form=membership_form,
        role_labels=ROLE_LABELS,
        status_labels=STATUS_LABELS,
    )


def _membership_form(network: Network) -> MembershipForm:
    form = MembershipForm(prefix="m")
    form.municipality.choices = options(
        [(0, _("Ingen"))]
        + [(p.municipality.id, p.municipality.name) for p in network.participations]
    )
    return form


@bp.route("/networks/<int:network_id>/edit", methods=["GET", "POST"])
@access.loads(Network, right=access.Right.EDIT)
def edit(network: Network) -> Any:
    form = NetworkForm(obj=network)
    if form.is_submitted() is False:
        form.status.data = network.status.value
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_network(db.session, network, **_network_fields(form))
        if outcome.failed:
            outcome.show_on(form, "ends_on")
        else:
            flash(_("Endringene er lagret."), "success")
            return redirect(url_for("networks.show", network_id=network.id))
    return render_template("networks/form.html", form=form, network=network)


@bp.post("/networks/<int:network_id>/participations")
@access.loads(Network, right=access.Right.EDIT)
def add_participation(network: Network) -> Any:
    form = ParticipationForm(prefix="p")
    municipalities = {m.id: m for m in all_municipalities(db.session)}
    form.municipality.choices = options((m.id, m.name) for m in municipalities.values())
    if form.validate_on_submit():
        municipality = municipalities[form.municipality.data]
        with attempt(flash_error=True) as outcome:
            result = invitations.enrol(db.session, current_user, network, municipality)
        if not outcome.failed:
            if isinstance(result, Enrolment):
                message = _(
                    "%(m)s er spurt om å bli med. Kommunen er med når en koordinator der "
                    "eller en administrator har sagt ja.",
                    m=municipality.name,
                )
                flash(message, "info")
            else:
                flash(_("%(m)s er lagt til i nettverket.", m=municipality.name), "success")
    else:
        flash(_("Velg en kommune."), "danger")
    return redirect(url_for("networks.show", network_id=network.id, _anchor="kommuner"))


@bp.post("/networks/<int:network_id>/participations/<int:participation_id>/delete")
@access.loads(
    Participation,
    "network_id",
    "participation_id",
    load=lambda *ids: services.find_participation(db.session, *ids),
    name="participation",
    right=access.Right.EDIT,
)
def remove_participation(participation: Participation) -> Any:
    network_id, name = participation.network_id, participation.municipality.name
    services.remove_participation(db.session, participation)
    flash(_("%(m)s er tatt ut av nettverket.", m=name), "success")
    return redirect(url_for("networks.show", network_id=network_id, _anchor="kommuner"))


@bp.post("/networks/<int:network_id>/members")
@access.loads(Network, right=access.Right.EDIT)
def add_member(network: Network) -> Any:
    form = _membership_form(network)
    if form.validate_on_submit():
        user = find_user_by_email(db.session, form.email.data)
        taking_part = {p.municipality_id: p.municipality for p in network.participations}
        municipality = taking_part.get(form.municipality.data)
        if user is None:
            message = _(
                "Ingen bruker har e-postadressen %(email)s. Legg til personen som ny bruker.",
                email=form.email.data,
            )
            flash(message, "danger")
        else:
            with attempt(flash_error=True) as outcome:
                result = invitations.offer_role(
                    db.session,
                    current_user,
                    user,
                    network,
                    NetworkRole(form.role.data),
                    municipality,
                )
            if not outcome.failed:
                flash(*_role_message(user, result))
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "danger")
    return redirect(url_for("networks.show", network_id=network.id, _anchor="medlemmer"))


def _role_message(user: Viewer, result: Membership | Invitation) -> tuple[str, str]:
    """What to tell the facilitator: the role is given, or whose answer it waits for."""
    if isinstance(result, Membership):
        return _("%(name)s har fått en rolle i nettverket.", name=user.name), "success"
    if result.awaits_user:
        message = _(
            "%(name)s er invitert. Rollen gjelder når personen har sagt ja på sin forside.",
            name=user.name,
        )
    else:
        message = _(
            "Rollen til %(name)s gjelder når en koordinator i %(m)s eller en administrator "
            "har sagt ja.",
            name=user.name,
            m=result.municipality.name if result.municipality else "",
        )
    return message, "info"


@bp.post("/networks/<int:network_id>/members/<int:membership_id>/delete")
@access.loads(
    Membership,
    "network_id",
    "membership_id",
    load=lambda *ids: services.find_membership(db.session, *ids),
    name="membership",
    right=access.Right.EDIT,
)
def remove_member(membership: Membership) -> Any:
    network_id = membership.network_id
    revoke_role(db.session, membership)
    flash(_("Rollen er fjernet."), "success")
    return redirect(url_for("networks.show", network_id=network_id, _anchor="medlemmer"))


def _back() -> Any:
    """After answering an invitation or enrolment: back where the answer was given."""
    return redirect(safe_next(request.form.get("next"), url_for("networks.index")))


@bp.post("/enrolments/<int:enrolment_id>/accept")
@access.loads(Enrolment, right=permissions.may_accept_enrolment)
def accept_enrolment(enrolment: Enrolment) -> Any:
    with attempt(_("Kommunen er med i nettverket."), flash_error=True):
        invitations.accept_enrolment(db.session, current_user, enrolment)
    return _back()


@bp.post("/enrolments/<int:enrolment_id>/decline")
@access.loads(Enrolment, right=permissions.may_decline_enrolment)
def decline_enrolment(enrolment: Enrolment) -> Any:
    with attempt(_("Forespørselen er avslått."), flash_error=True):
        invitations.decline_enrolment(db.session, current_user, enrolment)
    return _back()


@bp.post("/invitations/<int:invitation_id>/accept")
@access.loads(Invitation, right=permissions.may_accept_invitation)
def accept_invitation(invitation: Invitation) -> Any:
    with attempt(_("Invitasjonen er godtatt."), flash_error=True):
        invitations.accept_invitation(db.session, current_user, invitation)
    return _back()


@bp.post("/invitations/<int:invitation_id>/decline")
@access.loads(Invitation, right=permissions.may_decline_invitation)
def decline_invitation(invitation: Invitation) -> Any:
    with attempt(_("Invitasjonen er avslått."), flash_error=True):
        invitations.decline_invitation(db.session, current_user, invitation)
    return _back()
