"""Routes for the list of networks, a network's home page and its management."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.auth.services import ServiceError, find_user_by_email, grant_role, revoke_role
from heltidnett.core.forms import options
from heltidnett.core.shortcuts import network_shortcuts
from heltidnett.extensions import db
from heltidnett.municipalities.models import Municipality
from heltidnett.networks import services, timeline
from heltidnett.networks.forms import MembershipForm, NetworkForm, ParticipationForm
from heltidnett.networks.labels import ROLE_LABELS, STATUS_LABELS
from heltidnett.networks.models import Membership, Network, NetworkRole, Participation

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
        network=network,
        members=members,
        participations=sorted(network.participations, key=lambda p: p.municipality.name),
        timeline=timeline.build(db.session, network, current_user),
        shortcuts=network_shortcuts.build(network, current_user),
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
            services.add_participation(db.session, network, municipality)
        except ServiceError as error:
            flash(str(error), "danger")
        else:
            db.session.commit()
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
                grant_role(db.session, user, network, NetworkRole(form.role.data), municipality)
            except ServiceError as error:
                flash(str(error), "danger")
            else:
                db.session.commit()
                flash(_("%(name)s har fått en rolle i nettverket.", name=user.name), "success")
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "danger")
    return redirect(url_for("networks.show", network_id=network.id, _anchor="medlemmer"))


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
