"""Routes for a municipality's page and its units."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.core.shortcuts import municipality_shortcuts
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.municipalities import services
from heltidnett.municipalities.forms import MunicipalityForm, UnitForm
from heltidnett.municipalities.labels import UNIT_KIND_LABELS, WRITTEN_STANDARD_LABELS
from heltidnett.municipalities.models import Municipality, Unit
from heltidnett.networks.services import municipality_networks

bp = Blueprint("municipalities", __name__, template_folder="templates")


def _fields(form: MunicipalityForm) -> dict[str, Any]:
    return {
        "name": form.name.data,
        "number": form.number.data,
        "county": form.county.data,
        "population": form.population.data,
        "written_standard": form.written_standard.data,
    }


@bp.route("/municipalities/new", methods=["GET", "POST"])
def create() -> Any:
    access.require(access.can_create_networks(current_user))
    form = MunicipalityForm()
    if form.validate_on_submit():
        with attempt() as outcome:
            municipality = services.create_municipality(db.session, **_fields(form))
        if outcome.failed:
            outcome.show_on(form, "number")
        else:
            flash(_("%(m)s er lagt til.", m=municipality.name), "success")
            return redirect(url_for("municipalities.show", municipality_id=municipality.id))
    return render_template("municipalities/form.html", form=form, municipality=None)


@bp.get("/municipalities/<int:municipality_id>")
@access.loads(Municipality)
def show(municipality: Municipality) -> Any:
    networks = municipality_networks(db.session, municipality.id)
    can_edit = municipality.can_edit(current_user)
    return render_template(
        "municipalities/show.html",
        municipality=municipality,
        networks=access.visible(networks, current_user),
        can_edit=can_edit,
        shortcuts=municipality_shortcuts(municipality, current_user),
        unit_form=UnitForm(prefix="unit") if can_edit else None,
        unit_kind_labels=UNIT_KIND_LABELS,
        written_standard_labels=WRITTEN_STANDARD_LABELS,
    )


@bp.route("/municipalities/<int:municipality_id>/edit", methods=["GET", "POST"])
@access.loads(Municipality, right=access.Right.EDIT)
def edit(municipality: Municipality) -> Any:
    form = MunicipalityForm(obj=municipality)
    if not form.is_submitted():
        form.written_standard.data = municipality.written_standard.value
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_municipality(db.session, municipality, **_fields(form))
        if outcome.failed:
            outcome.show_on(form, "number")
        else:
            flash(_("Endringene er lagret."), "success")
            return redirect(url_for("municipalities.show", municipality_id=municipality.id))
    return render_template("municipalities/form.html", form=form, municipality=municipality)


@bp.post("/municipalities/<int:municipality_id>/units")
@access.loads(Municipality, right=access.Right.EDIT)
def add_unit(municipality: Municipality) -> Any:
    form = UnitForm(prefix="unit")
    if form.validate_on_submit():
        with attempt(flash_error=True) as outcome:
            unit = services.create_unit(
                db.session,
                municipality,
                name=form.name.data,
                kind=form.kind.data,
                is_pilot=form.is_pilot.data,
            )
        if not outcome.failed:
            flash(_("Enheten «%(name)s» er lagt til.", name=unit.name), "success")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(str(message), "danger")
    return redirect(
        url_for("municipalities.show", municipality_id=municipality.id, _anchor="enheter")
    )


@bp.route("/units/<int:unit_id>/edit", methods=["GET", "POST"])
@access.loads(Unit, right=access.Right.EDIT)
def edit_unit(unit: Unit) -> Any:
    form = UnitForm(obj=unit)
    if not form.is_submitted():
        form.kind.data = unit.kind.value
    if form.validate_on_submit():
        with attempt() as outcome:
            services.update_unit(
                db.session,
                unit,
                name=form.name.data,
                kind=form.kind.data,
                is_pilot=form.is_pilot.data,
            )
        if outcome.failed:
            outcome.show_on(form, "name")
        else:
            flash(_("Endringene er lagret."), "success")
            return redirect(
                url_for(
                    "municipalities.show", municipality_id=unit.municipality_id, _anchor="enheter"
                )
            )
    return render_template("municipalities/unit_form.html", form=form, unit=unit)


@bp.post("/units/<int:unit_id>/delete")
@access.loads(Unit, right=access.Right.EDIT)
def delete_unit(unit: Unit) -> Any:
    municipality_id, name = unit.municipality_id, unit.name
    services.delete_unit(db.session, unit)
    flash(_("Enheten «%(name)s» er slettet.", name=name), "success")
    return redirect(
        url_for("municipalities.show", municipality_id=municipality_id, _anchor="enheter")
    )
