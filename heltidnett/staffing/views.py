"""Routes: a municipality's staffing dashboard, entry form, imports, exports; comparison."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.core.errors import ServiceError
from heltidnett.core.forms import options
from heltidnett.core.i18n import current_language, format_number
from heltidnett.core.lazy import pandas as pd
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.municipalities.models import Municipality, Unit
from heltidnett.networks.models import Network
from heltidnett.networks.services import network_municipalities
from heltidnett.reports.export import Table, table_response
from heltidnett.staffing import catalogue, dashboard, queries, services, uploads
from heltidnett.staffing.forms import ImportForm, entry_form
from heltidnett.staffing.models import PendingImport
from heltidnett.staffing.permissions import sees_small_units

bp = Blueprint("staffing", __name__, template_folder="templates")

WHOLE_VALUE = "whole"
COMPARE_DEFAULT = ["avg_position_size_planned", "fulltime_share", "vacancy_share", "sick_leave_pct"]


def _names(municipality: Municipality) -> dict[int, str]:
    return {u.id: u.name for u in municipality.units}


def _municipality_table(municipality: Municipality) -> pd.DataFrame:
    table = services.indicator_table(db.session, [municipality.id])
    if not sees_small_units(current_user, municipality.id):
        table = services.hide_small_units(table, set())
    return table


def _pick_period(periods: list[str]) -> str | None:
    chosen = request.args.get("period", "")
    if chosen in periods:
        return chosen
    years = [p for p in periods if "-" not in p]
    return (years or periods)[-1] if periods else None


@bp.get("/municipalities/<int:municipality_id>/staffing")
@access.loads(Municipality)
def show(municipality: Municipality) -> Any:
    periods = services.periods_of(db.session, municipality.id)
    period = _pick_period(periods)
    table = _municipality_table(municipality)
    board = dashboard.build_dashboard(
        table, _names(municipality), period, current_language(), municipality.name
    )
    return render_template(
        "staffing/dashboard.html",
        municipality=municipality,
        board=board,
        periods=services.period_choices(periods),
        period=period,
        national=dashboard.national_chart(current_language()),
        can_edit=municipality.can_edit(current_user),
        hides_small=not sees_small_units(current_user, municipality.id),
    )


def _send_table(tables: list[Table], fmt: str, filename: str) -> Response:
    return table_response(tables, fmt, filename)


@bp.get("/municipalities/<int:municipality_id>/staffing/export.<fmt>")
@access.loads(Municipality)
def export(municipality: Municipality, fmt: str) -> Any:
    periods = services.periods_of(db.session, municipality.id)
    period = _pick_period(periods)
    if period is None:
        abort(404)
    board = dashboard.build_dashboard(
        _municipality_table(municipality),
        _names(municipality),
        period,
        current_language(),
        municipality.name,
    )
    chart = request.args.get("chart")
    tables = [c.table for c in board.charts if c.id == chart] if chart else []
    if not tables:
        tables = [board.table] if board.table else []
    if not tables:
        abort(404)
    return _send_table(tables, fmt, f"bemanning-{municipality.number}-{period}")


def _unit_choices(municipality: Municipality) -> list[tuple[str, str]]:
    return [(WHOLE_VALUE, _("Hele kommunen"))] + [(str(u.id), u.name) for u in municipality.units]


@bp.route("/municipalities/<int:municipality_id>/staffing/entry", methods=["GET", "POST"])
@access.loads(Municipality, right=access.Right.EDIT)
def entry(municipality: Municipality) -> Any:
    language = current_language()
    unit_arg = request.values.get("unit", WHOLE_VALUE)
    unit = _unit(municipality, unit_arg)
    period_arg = request.values.get("period", "").strip()
    period = period_error = None
    if period_arg:
        try:
            period = services.normalise_period(period_arg)
        except ServiceError as error:
            period_error = str(error)
    data = None
    if request.method == "GET" and period:
        stored = services.stored_values(
            db.session, municipality.id, unit.id if unit else None, period
        )
        data = {"unit": unit_arg, "period": period} | {c: _plain(v) for c, v in stored.items()}
    form = entry_form(data=data)
    if request.method == "GET" and not data:
        form.unit.data, form.period.data = unit_arg, period_arg
    form.unit.choices = options(_unit_choices(municipality))
    for indicator in [*catalogue.ENTERED, *catalogue.WEEKDAY_STAFFING]:
        form[indicator.code].label.text = indicator.name(language)
    valid = form.validate_on_submit()
    if form.is_submitted() and period:
        values = {
            i.code: form[i.code].number for i in [*catalogue.ENTERED, *catalogue.WEEKDAY_STAFFING]
        }
        confirmed = bool(form.confirm_fte.data)
        errors = services.check_entry(values, confirmed)
        for code, message in errors.items():
            if not form[code].errors:
                form[code].errors = [message]
        if valid and not errors:
            with attempt(flash_error=True) as outcome:  # on an error the typed values stay
                changes = services.save_entry(
                    db.session, current_user, municipality, unit, period, values, confirmed
                )
            if not outcome.failed:
                flash(
                    _(
                        "Tallene er lagret: %(a)s nye, %(c)s endret, %(r)s fjernet.",
                        a=format_number(changes.added),
                        c=format_number(changes.changed),
                        r=format_number(changes.removed),
                    ),
                    "success",
                )
                return redirect(
                    url_for("staffing.show", municipality_id=municipality.id, period=period)
                )
    return render_template(
        "staffing/entry.html",
        municipality=municipality,
        form=form,
        period=period,
        period_error=period_error,
        unit_label=unit.name if unit else _("Hele kommunen"),
        main=catalogue.ENTERED,
        weekdays=catalogue.WEEKDAYS,
        competences=catalogue.COMPETENCES,
        kinds=catalogue.KINDS,
        language=language,
    )


def _plain(value: float) -> str:
    """A stored value as the entry form reads it back: 1322,5 (up to four decimals)."""
    return format_number(value, up_to=4, grouping=False, locale="nb")


def _unit(municipality: Municipality, value: str | None) -> Unit | None:
    if not value or value == WHOLE_VALUE:
        return None
    unit = next((u for u in municipality.units if str(u.id) == value), None)
    if unit is None:
        abort(404)
    return unit


# ---- imports ---------------------------------------------------------------------------


@bp.route("/municipalities/<int:municipality_id>/staffing/import", methods=["GET", "POST"])
@access.loads(Municipality, right=access.Right.EDIT)
def upload(municipality: Municipality) -> Any:
    form = ImportForm()
    if form.validate_on_submit():
        file = request.files.get("file")
        if file is None or not file.filename:
            form.file.errors = [_("Velg en fil.")]
        else:
            with attempt() as outcome:
                pending = uploads.receive(
                    db.session, current_user, municipality, file.stream, file.filename
                )
            if outcome.failed:
                outcome.show_on(form, "file")
            else:
                return redirect(url_for("staffing.preview", pending_id=pending.id))
    status = 422 if form.file.errors else 200  # a refused file is shown again with why
    return render_template("staffing/upload.html", municipality=municipality, form=form), status


@bp.get("/staffing/imports/<int:pending_id>")
@access.loads(PendingImport, "pending_id", right=access.Right.EDIT)
def preview(pending: PendingImport) -> Any:
    language = current_language()
    from heltidnett.staffing import importer

    mapping_needed = importer.needs_mapping(pending.mapping, pending.headers)
    checked = changes = None
    error = None
    if not mapping_needed:
        with attempt() as outcome:
            checked = services.check_pending(db.session, pending)
            changes, _merged = services.diff(db.session, pending.municipality_id, checked.rows)
        error = outcome.message or None
    code_choices = [("", _("Ikke importer")), ("unit", _("Enhet")), ("period", _("Periode"))] + [
        (i.code, f"{i.name(language)} ({i.code})")
        for i in [*catalogue.ENTERED, *catalogue.WEEKDAY_STAFFING]
    ]
    return render_template(
        "staffing/preview.html",
        pending=pending,
        municipality=pending.municipality,
        mapping_needed=mapping_needed,
        checked=checked,
        changes=changes,
        error=error,
        code_choices=code_choices,
        names={i.code: i.name(language) for i in catalogue.ALL},
        rows_shown=checked.rows.sort_values("row", kind="stable").head(50).to_dict("records")
        if checked is not None
        else [],
    )


@bp.post("/staffing/imports/<int:pending_id>/mapping")
@access.loads(PendingImport, "pending_id", right=access.Right.EDIT)
def save_mapping(pending: PendingImport) -> Any:
    mapping = {header: request.form.get(f"col-{n}", "") for n, header in enumerate(pending.headers)}
    services.set_mapping(db.session, pending, mapping)
    from heltidnett.staffing import importer

    if importer.needs_mapping(pending.mapping, pending.headers):
        flash(_("Velg hvilke kolonner som er enhet, periode og minst én indikator."), "danger")
    else:
        flash(_("Koblingen av kolonner er lagret for kommunen."), "success")
    return redirect(url_for("staffing.preview", pending_id=pending.id))


@bp.post("/staffing/imports/<int:pending_id>/fixes")
@access.loads(PendingImport, "pending_id", right=access.Right.EDIT)
def save_fixes(pending: PendingImport) -> Any:
    fixes: dict[tuple[int, str], str] = {}
    for key, value in request.form.items():
        if key.startswith("fix-") and value.strip():
            row, _sep, column = key[4:].partition("-")
            if row.isdigit():
                fixes[(int(row), column)] = value.strip()
    count = services.apply_fixes(pending, fixes)
    flash(
        _("%(n)s celler er rettet. Se forhåndsvisningen på nytt.", n=format_number(count)),
        "success",
    )
    return redirect(url_for("staffing.preview", pending_id=pending.id))


@bp.post("/staffing/imports/<int:pending_id>/confirm")
@access.loads(PendingImport, "pending_id", right=access.Right.EDIT)
def confirm(pending: PendingImport) -> Any:
    pending_id, municipality_id = pending.id, pending.municipality_id
    with attempt(flash_error=True) as outcome:
        changes = services.commit_import(db.session, current_user, pending)
    if outcome.failed:
        return redirect(url_for("staffing.preview", pending_id=pending_id))
    flash(
        _(
            "Importen er lagret: %(a)s nye verdier, %(c)s endret, %(u)s uendret.",
            a=format_number(changes.added),
            c=format_number(changes.changed),
            u=format_number(changes.unchanged),
        ),
        "success",
    )
    return redirect(url_for("staffing.show", municipality_id=municipality_id))


@bp.post("/staffing/imports/<int:pending_id>/cancel")
@access.loads(PendingImport, "pending_id", right=access.Right.EDIT)
def cancel(pending: PendingImport) -> Any:
    municipality_id = pending.municipality_id
    uploads.discard(db.session, pending)
    flash(_("Importen er avbrutt. Ingenting er lagret."), "success")
    return redirect(url_for("staffing.show", municipality_id=municipality_id))


# ---- network comparison ----------------------------------------------------------------


def _network_data(network: Network) -> tuple[dict[int, str], pd.DataFrame]:
    municipalities = {m.id: m.name for m in network_municipalities(db.session, network.id)}
    table = services.indicator_table(db.session, list(municipalities))
    own = {m for m in municipalities if sees_small_units(current_user, m)}
    return municipalities, services.hide_small_units(table, own)


def _compare_args(table: pd.DataFrame) -> tuple[list[str], str | None, list[str]]:
    codes = [c for c in request.args.getlist("indicator") if c in catalogue.BY_CODE]
    periods = services.period_choices(table["period"].tolist()) if not table.empty else []
    period = request.args.get("period")
    if period not in periods:
        years = [p for p in periods if "-" not in p]
        choices = years or periods
        period = choices[0] if choices else None
    return codes or COMPARE_DEFAULT, period, periods


@bp.get("/networks/<int:network_id>/staffing")
@access.loads(Network)
def compare(network: Network) -> Any:
    municipalities, table = _network_data(network)
    codes, period, periods = _compare_args(table)
    chart = result = None
    units_table = None
    if period:
        chart, result = dashboard.comparison(
            table, municipalities, codes, period, current_language()
        )
        units = table[(table["period"] == period) & (table["unit_id"] != dashboard.WHOLE)]
        names = {
            u.id: f"{municipalities[u.municipality_id]}: {u.name}"
            for u in queries.units_of(db.session, municipalities)
        }
        units_table = dashboard.indicators_table(
            units, names, codes, current_language(), _("Enheter, %(period)s", period=period)
        )
    language = current_language()
    return render_template(
        "staffing/compare.html",
        network=network,
        chart=chart,
        result=result,
        units_table=units_table,
        codes=codes,
        period=period,
        periods=periods,
        choices=[(i.code, i.name(language)) for i in [*catalogue.ENTERED, *catalogue.COMPUTED]],
    )


@bp.get("/networks/<int:network_id>/staffing/export.<fmt>")
@access.loads(Network)
def compare_export(network: Network, fmt: str) -> Any:
    municipalities, table = _network_data(network)
    codes, period, _periods = _compare_args(table)
    if period is None:
        abort(404)
    _chart, result = dashboard.comparison(table, municipalities, codes, period, current_language())
    return _send_table([result], fmt, f"sammenligning-{network.id}-{period}")
