"""Routes for the list of networks, a network's home page and its management."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.auth.services import find_user_by_email, revoke_role
from heltidnett.core.errors import ServiceError
from heltidnett.core.forms import options
from heltidnett.core.redirects import safe_next
from heltidnett.core.shortcuts import network_shortcuts
from heltidnett.extensions import db
from heltidnett.municipalities.models import Municipality
from heltidnett.networks import invitations, services, timeline
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
        role_labels=ROLE_LABELS,
        status_labels=STATUS_LABELS,
        can_create=access.can_create_networks(current_user),
    )


@bp.route("/networks/new", methods=["GET", "POST"])
def create() -> Any:
    access.require(access.can_create_networks(current_user))
    form = NetworkForm()
    if form.validate_on_submit():
        try:
            network = services.create_network(db.session, current_user, **_network_fields(form))
        except ServiceError as error:
            form.name.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Nettverket «%(name)s» er opprettet.", name=network.name), "success")
            return redirect(url_for("networks.show", network_id=network.id))
    return render_template("networks/form.html", form=form, network=None)


@bp.get("/networks/<int:network_id>")
def show(network_id: int) -> Any:
    access.load_viewable(Network, network_id)
    network = services.load_network_home(db.session, network_id)
    if network is None:
        abort(404)
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
            for m in db.session.scalars(sa.select(Municipality).order_by(Municipality.name))
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
def edit(network_id: int) -> Any:
    network = access.load_editable(Network, network_id)
    form = NetworkForm(obj=network)
    if form.is_submitted() is False:
        form.status.data = network.status.value
    if form.validate_on_submit():
        try:
            services.update_network(db.session, network, **_network_fields(form))
        except ServiceError as error:
            form.ends_on.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Endringene er lagret."), "success")
            return redirect(url_for("networks.show", network_id=network.id))
    return render_template("networks/form.html", form=form, network=network)


@bp.post("/networks/<int:network_id>/participations")
def add_participation(network_id: int) -> Any:
    network = access.load_editable(Network, network_id)
    form = ParticipationForm(prefix="p")
    form.municipality.choices = options(
        (m.id, m.name) for m in db.session.scalars(sa.select(Municipality))
    )
    if form.validate_on_submit():
        municipality = access.get_or_404(Municipality, form.municipality.data)
        try:
            result = invitations.enrol(db.session, current_user, network, municipality)
        except ServiceError as error:
            flash(str(error), "danger")
        else:
            db.session.commit()
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
def remove_participation(network_id: int, participation_id: int) -> Any:
    network = access.load_editable(Network, network_id)
    participation = access.get_or_404(Participation, participation_id)
    if participation.network_id != network.id:
        abort(404)
    name = participation.municipality.name
    services.remove_participation(db.session, participation)
    db.session.commit()
    flash(_("%(m)s er tatt ut av nettverket.", m=name), "success")
    return redirect(url_for("networks.show", network_id=network.id, _anchor="kommuner"))


@bp.post("/networks/<int:network_id>/members")
def add_member(network_id: int) -> Any:
    network = access.load_editable(Network, network_id)
    form = _membership_form(network)
    if form.validate_on_submit():
        user = find_user_by_email(db.session, form.email.data)
        municipality = (
            db.session.get(Municipality, form.municipality.data) if form.municipality.data else None
        )
        if user is None:
            message = _(
                "Ingen bruker har e-postadressen %(email)s. Legg til personen som ny bruker.",
                email=form.email.data,
            )
            flash(message, "danger")
        else:
            try:
                result = invitations.offer_role(
                    db.session,
                    current_user,
                    user,
                    network,
                    NetworkRole(form.role.data),
                    municipality,
                )
            except ServiceError as error:
                flash(str(error), "danger")
            else:
                db.session.commit()
                flash(*_role_message(user, result))
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "danger")
    return redirect(url_for("networks.show", network_id=network.id, _anchor="medlemmer"))


def _role_message(user: Any, result: Membership | Invitation) -> tuple[str, str]:
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
def remove_member(network_id: int, membership_id: int) -> Any:
    network = access.load_editable(Network, network_id)
    membership = access.get_or_404(Membership, membership_id)
    if membership.network_id != network.id:
        abort(404)
    revoke_role(db.session, membership)
    db.session.commit()
    flash(_("Rollen er fjernet."), "success")
    return redirect(url_for("networks.show", network_id=network.id, _anchor="medlemmer"))


def _answer(model: type[Any], ident: int, step: Any, success: str) -> Any:
    """Run an accept or decline step on an invitation or enrolment, then go back."""
    item = access.get_or_404(model, ident)
    try:
        step(db.session, current_user, item)
    except PermissionError:
        access.deny(obj=item)
    except ServiceError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        db.session.commit()
        flash(success, "success")
    return redirect(safe_next(request.form.get("next"), url_for("networks.index")))


@bp.post("/enrolments/<int:enrolment_id>/accept")
def accept_enrolment(enrolment_id: int) -> Any:
    return _answer(
        Enrolment, enrolment_id, invitations.accept_enrolment, _("Kommunen er med i nettverket.")
    )


@bp.post("/enrolments/<int:enrolment_id>/decline")
def decline_enrolment(enrolment_id: int) -> Any:
    return _answer(
        Enrolment, enrolment_id, invitations.decline_enrolment, _("Forespørselen er avslått.")
    )


@bp.post("/invitations/<int:invitation_id>/accept")
def accept_invitation(invitation_id: int) -> Any:
    return _answer(
        Invitation, invitation_id, invitations.accept_invitation, _("Invitasjonen er godtatt.")
    )


@bp.post("/invitations/<int:invitation_id>/decline")
def decline_invitation(invitation_id: int) -> Any:
    return _answer(
        Invitation, invitation_id, invitations.decline_invitation, _("Invitasjonen er avslått.")
    )
