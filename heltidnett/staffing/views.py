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
    doubts: dict[str, str] = {}
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
            doubts = services.entry_doubts(
                db.session, municipality, unit, period, values, confirmed
            )
        checked = bool(form.checked.data)
        if doubts and not checked and request.form.get("asked"):  # shown once already
            form.checked.errors = [
                _("Sjekk tallene som er markert, og kryss av for at du har sjekket dem.")
            ]
        if valid and not errors and (checked or not doubts):
            with attempt(flash_error=True) as outcome:  # on an error the typed values stay
                changes = services.save_entry(
                    db.session, current_user, municipality, unit, period, values, confirmed, checked
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
        doubts=doubts,
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
    checked = changes = doubted = None
    error = None
    if not mapping_needed:
        with attempt() as outcome:
            checked = services.check_pending(db.session, pending)
            changes, _merged = services.diff(db.session, pending.municipality_id, checked.rows)
            doubted = services.doubted_values(db.session, pending.municipality_id, checked.rows)
        error = outcome.message or None
    doubts = _doubt_rows(doubted)
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
        doubts=doubts[:DOUBTS_SHOWN],
        doubt_count=len(doubts),
        doubted_cells={(d["row"], d["indicator"]): d["reason"] for d in doubts},
        doubts_shown=DOUBTS_SHOWN,
    )


DOUBTS_SHOWN = 500


def _doubt_rows(doubted: pd.DataFrame | None) -> list[dict[str, Any]]:
    """The doubted values of a preview as records, in the file's order, each with its reason."""
    if doubted is None or doubted.empty:
        return []
    ordered = doubted.sort_values(["row", "column"], kind="stable")
    return [
        record | {"reason": reason}
        for record, reason in zip(
            ordered.to_dict("records"), services.doubt_reasons(ordered), strict=True
        )
    ]


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
    checked = request.form.get("checked") == "y"
    with attempt(flash_error=True) as outcome:
        imported = services.commit_import(db.session, current_user, pending, checked)
    if outcome.failed:
        return redirect(url_for("staffing.preview", pending_id=pending_id))
    flash(_import_summary(imported), "success")
    return redirect(
        url_for("staffing.show", municipality_id=municipality_id, period=imported.latest)
    )


def _listed(names: list[str], many: str) -> str:
    """Up to four names joined, or `many` for more."""
    return ", ".join(names) if len(names) <= 4 else many


def _import_summary(imported: services.Imported) -> str:
    """What an import saved, for the page it lands on."""
    units = [u or _("hele kommunen") for u in imported.units]
    changes = imported.changes
    return " ".join(
        [
            _(
                "Importen er lagret: %(n)s tall for %(units)s, %(periods)s.",
                n=format_number(imported.values),
                units=_listed(units, _("%(n)s enheter", n=format_number(len(units)))),
                periods=_listed(
                    imported.periods,
                    _(
                        "%(n)s perioder fra %(first)s til %(last)s",
                        n=format_number(len(imported.periods)),
                        first=imported.periods[0],
                        last=imported.periods[-1],
                    ),
                ),
            ),
            _(
                "%(a)s nye, %(c)s erstattet (fantes fra før med et annet tall), %(u)s uendret.",
                a=format_number(changes.added),
                c=format_number(changes.changed),
                u=format_number(changes.unchanged),
            ),
        ]
    )


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
    """The chosen indicators (the key ones when none), period and the periods to choose from."""
    chosen = request.args.getlist("indicator")
    codes = list(dict.fromkeys(c for c in chosen if c in catalogue.COMPARED_CODES))
    periods = services.period_choices(table["period"].tolist()) if not table.empty else []
    period = request.args.get("period")
    if period not in periods:
        years = [p for p in periods if "-" not in p]
        choices = years or periods
        period = choices[0] if choices else None
    return codes or list(catalogue.KEY_CODES), period, periods


@bp.get("/networks/<int:network_id>/staffing")
@access.loads(Network)
def compare(network: Network) -> Any:
    municipalities, table = _network_data(network)
    codes, period, periods = _compare_args(table)
    found: list[dashboard.Chart] = []
    result = units_table = None
    if period:
        found, result = dashboard.comparison(
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
        charts=found,
        result=result,
        units_table=units_table,
        codes=codes,
        key_codes=catalogue.KEY_CODES,
        showing_key=codes == catalogue.KEY_CODES,
        period=period,
        periods=periods,
        names={code: catalogue.BY_CODE[code].name(language) for code in catalogue.COMPARED_CODES},
        categories=[(c.name(language), c.codes) for c in catalogue.CATEGORIES],
        without_values=[
            catalogue.BY_CODE[c].name(language)
            for c in codes
            if dashboard.compare_chart_id(c) not in {chart.id for chart in found}
        ],
    )


@bp.get("/networks/<int:network_id>/staffing/export.<fmt>")
@access.loads(Network)
def compare_export(network: Network, fmt: str) -> Any:
    municipalities, table = _network_data(network)
    codes, period, _periods = _compare_args(table)
    if period is None:
        abort(404)
    _charts, result = dashboard.comparison(table, municipalities, codes, period, current_language())
    return _send_table([result], fmt, f"sammenligning-{network.id}-{period}")
