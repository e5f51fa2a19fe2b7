"""API resources: the indicator catalogue and template, measurements and imports."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from flask import Response, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from marshmallow import Schema, ValidationError, fields, validate

from heltidnett.api import (
    XLSX,
    Int,
    api_blueprint,
    error_responses,
    file_response,
    file_upload,
    refuse,
)
from heltidnett.api.paging import page_of, page_of_list
from heltidnett.auth import access
from heltidnett.core.bounds import TOO_LARGE, is_finite
from heltidnett.core.downloads import download
from heltidnett.core.errors import ServiceError
from heltidnett.core.i18n import current_language
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.municipalities.models import Municipality
from heltidnett.staffing import catalogue, headers, queries, services, uploads
from heltidnett.staffing.permissions import sees_small_units

if TYPE_CHECKING:
    from flask_smorest.pagination import PaginationParameters

blp = api_blueprint("staffing", __name__, "Staffing indicators: catalogue, measurements, imports")


class IndicatorSchema(Schema):
    code = fields.Str()
    name = fields.Str()
    names = fields.Dict(keys=fields.Str(), values=fields.Str())
    unit = fields.Str()
    higher_is_better = fields.Bool(allow_none=True)
    computed = fields.Bool()


class MeasurementQuerySchema(Schema):
    unit = Int(load_default=None, metadata={"description": "Only this unit's rows."})
    whole = fields.Bool(
        load_default=None,
        metadata={"description": "true: only the whole municipality's rows; false: only units'."},
    )
    period = fields.Str(load_default=None, metadata={"description": "Only this period."})
    period_from = fields.Str(
        load_default=None,
        data_key="from",
        metadata={"description": "From this period on (years before their months and weeks)."},
    )
    period_to = fields.Str(
        load_default=None,
        data_key="to",
        metadata={"description": "Up to this period; a year takes in its months and weeks."},
    )
    kind = fields.Str(
        load_default=None,
        validate=validate.OneOf(list(queries.PERIOD_LENGTHS)),
        metadata={"description": "Only years, months or weeks."},
    )
    indicator = fields.List(
        fields.Str(),
        load_default=list,
        metadata={"description": "Only these indicators' values (repeat for several)."},
    )


class MeasurementSchema(Schema):
    unit = fields.Str(allow_none=True)
    unit_id = Int(allow_none=True)
    period = fields.Str()
    figures = fields.Dict(keys=fields.Str(), values=fields.Float())
    computed = fields.Dict(keys=fields.Str(), values=fields.Float())


def _cell(value: Any) -> None:
    """A row's unit, period or value is text or a number, as in a spreadsheet cell."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValidationError(str(_l("Skriv en tekst eller et tall.")))
    if not isinstance(value, str) and not is_finite(value):
        raise ValidationError(str(TOO_LARGE))


class MeasurementInSchema(Schema):
    unit = fields.Raw(load_default=None, allow_none=True, validate=_cell)
    period = fields.Raw(required=True, validate=_cell)
    indicator = fields.Str(
        required=True,
        validate=validate.Length(min=1, max=100, error=_l("Skriv koden til en indikator.")),
    )
    value = fields.Raw(required=True, allow_none=True, validate=_cell)


class ChangesSchema(Schema):
    added = fields.Int()
    changed = fields.Int()
    unchanged = fields.Int()


class RejectedSchema(Schema):
    row = fields.Int()
    column = fields.Str()
    value = fields.Str()
    reason = fields.Str()


class ImportResultSchema(Schema):
    committed = fields.Bool()
    rows = fields.Int()
    rejected = fields.List(fields.Nested(RejectedSchema))
    changes = fields.Nested(ChangesSchema)


class ImportQuerySchema(Schema):
    commit = fields.Bool(load_default=False)


def _indicator_json(indicator: catalogue.Indicator, language: str) -> dict[str, Any]:
    return {
        "code": indicator.code,
        "name": indicator.name(language),
        "names": {"nb": indicator.nb, "nn": indicator.nn, "en": indicator.en},
        "unit": indicator.unit.value,
        "higher_is_better": indicator.higher_is_better,
        "computed": indicator.computed,
    }


@blp.get("/indicators")
@blp.response(200, IndicatorSchema(many=True))
@blp.paginate(page_size=100)
@blp.doc(responses=error_responses(401))
def list_indicators(pagination_parameters: PaginationParameters) -> Any:
    """The catalogue: every indicator, entered and computed, with its unit (one page holds
    them all by default)."""
    language = current_language()
    page = page_of_list(catalogue.ALL, pagination_parameters)
    return [_indicator_json(i, language) for i in page]


@blp.get("/indicators/template.xlsx")
@blp.doc(responses={"200": file_response("Importmalen", XLSX), **error_responses(401)})
def template_xlsx() -> Response:
    """An empty import template: unit, period, then one column per entered indicator, headed
    in the user's language (a template in nb, nn or en imports without choosing columns)."""
    import xlsxwriter

    language = current_language()
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet(_("Bemanning"))
    bold = workbook.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1})
    for col, header in enumerate(headers.template_headers(language)):
        sheet.write_string(0, col, header, bold)
        sheet.set_column(col, col, max(12, len(header) + 2))
    sheet.freeze_panes(1, 2)
    notes = workbook.add_worksheet(_("Forklaring"))
    for col, title in enumerate([_("Kolonne"), _("Kode"), _("Måles i")]):
        notes.write_string(0, col, title, bold)
    units = _unit_names()
    for row, indicator in enumerate(catalogue.ENTERED + catalogue.WEEKDAY_STAFFING, start=1):
        notes.write_string(row, 0, indicator.name(language))
        notes.write_string(row, 1, indicator.code)
        notes.write_string(row, 2, units[indicator.unit])
    notes.set_column(0, 0, 50)
    notes.set_column(1, 1, 32)
    notes.set_column(2, 2, 12)
    workbook.close()
    return download(buffer.getvalue(), XLSX, "bemanning-mal.xlsx")


def _unit_names() -> dict[catalogue.Unit, str]:
    """What each kind of indicator is measured in, for the template's notes."""
    return {
        catalogue.Unit.COUNT: _("antall"),
        catalogue.Unit.FTE: _("årsverk"),
        catalogue.Unit.PERCENT: _("prosent"),
        catalogue.Unit.HOURS: _("timer"),
        catalogue.Unit.NOK: _("kroner"),
    }


@blp.get("/municipalities/<int:municipality_id>/measurements")
@blp.arguments(MeasurementQuerySchema, location="query")
@blp.response(200, MeasurementSchema(many=True))
@blp.paginate()
@blp.doc(responses=error_responses(401, 403, 404, 422))
@access.loads(Municipality)
def list_measurements(
    query: dict[str, Any], municipality: Municipality, pagination_parameters: PaginationParameters
) -> Any:
    """A row per unit and period, and per period for the whole municipality (unit_id null):
    its entered `figures` (for the whole municipality, the units' totals unless entered whole)
    and its `computed` indicators, by code.

    Units with 10 FTE or fewer are left out for users of other municipalities.
    """
    codes = query["indicator"] or list(catalogue.BY_CODE)
    unknown = [code for code in codes if code not in catalogue.BY_CODE]
    if unknown:
        refuse(422, message=_("Ukjent indikator: %(code)s.", code=unknown[0]))
    rows = page_of(
        db.session,
        queries.measurement_rows(
            municipality.id,
            _measurement_filter(query),
            hide_small=not sees_small_units(current_user, municipality.id),
        ),
        pagination_parameters,
    )
    return queries.measurement_items(db.session, municipality.id, rows, codes)


def _measurement_filter(query: dict[str, Any]) -> queries.MeasurementFilter:
    """The list's filter from the query; a period that is none answers 422."""
    periods = {}
    for name in ("period", "period_from", "period_to"):
        if query[name] is not None:
            try:
                periods[name] = services.normalise_period(query[name])
            except ServiceError as error:
                refuse(422, message=str(error))
    return queries.MeasurementFilter(
        unit_id=query["unit"], whole=query["whole"], kind=query["kind"], **periods
    )


def _save(municipality: Municipality, rows: Any) -> services.Changes:
    """Save checked rows; a clash with another save answers 409 and writes nothing."""
    with attempt() as outcome:
        changes = services.save_rows(db.session, current_user, municipality, rows, "api")
    if outcome.failed:
        refuse(409, message=outcome.message)
    return changes


@blp.post("/municipalities/<int:municipality_id>/measurements")
@blp.arguments(MeasurementInSchema(many=True))
@blp.response(201, ChangesSchema)
@blp.doc(responses=error_responses(401, 403, 404, 409, 422))
@access.loads(Municipality, right=access.Right.EDIT)
def post_measurements(items: list[dict[str, Any]], municipality: Municipality) -> Any:
    """Save rows {unit, period, indicator, value}: all of them, or none with errors per row."""
    if not items:
        refuse(422, message=_("Send minst én rad."))
    rows, errors = services.rows_from_json(db.session, municipality, items)
    if errors:
        refuse(422, message=_("Ingen rader er lagret: noen rader har feil."), details=errors)
    changes = _save(municipality, rows)
    return {"added": changes.added, "changed": changes.changed, "unchanged": changes.unchanged}


@blp.post("/municipalities/<int:municipality_id>/imports")
@blp.arguments(ImportQuerySchema, location="query")
@blp.response(200, ImportResultSchema)
@blp.doc(requestBody=file_upload("file"), responses=error_responses(401, 403, 404, 409, 413, 422))
@access.loads(Municipality, right=access.Right.EDIT)
def import_file(query: dict[str, Any], municipality: Municipality) -> Any:
    """Upload a spreadsheet (form field `file`): a preview, or with ?commit=true, the import.

    A column is read when its header is the template's (in nb, nn or en), an indicator's
    name in any of them or its code (case, spacing and units in brackets aside), or mapped
    in the municipality's saved mapping. Text files may be UTF-8, Windows-1252 or UTF-16,
    separated by semicolons, commas or tabs.
    """
    file = request.files.get("file")
    if file is None or not file.filename:
        refuse(422, message=_("Send filen i feltet «file»."))
    with attempt() as outcome:
        pending = uploads.receive(
            db.session, current_user, municipality, file.stream, file.filename
        )
        checked = services.check_pending(db.session, pending)
    if outcome.failed:
        refuse(422, message=outcome.message)
    rejected = [r.__dict__ for r in checked.rejected]
    if query["commit"]:
        if checked.rows.empty:
            refuse(
                422, message=_("Ingen verdier kunne importeres."), details={"rejected": rejected}
            )
        changes = _save(municipality, checked.rows)
    else:
        changes, _merged = services.diff(db.session, municipality.id, checked.rows)
    uploads.discard(db.session, pending)  # the API keeps no pending import
    return {
        "committed": bool(query["commit"]),
        "rows": len(checked.rows),
        "rejected": rejected,
        "changes": {
            "added": changes.added,
            "changed": changes.changed,
            "unchanged": changes.unchanged,
        },
    }
