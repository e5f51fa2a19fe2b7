"""The JSON API under /api/v1: bearer tokens, one error shape, a generated OpenAPI document.

Each domain keeps its resources in its own `api.py` with a blueprint made by `api_blueprint`
and lists it in `heltidnett.api.registry.BLUEPRINTS`.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

from flask import Flask
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint as SmorestBlueprint
from flask_smorest import abort
from flask_smorest.spec.plugins import integerconverter2paramschema
from marshmallow import Schema, fields, validate
from webargs.flaskparser import FlaskParser

from heltidnett.core.bounds import MAX_ID, BoundedIntConverter

URL_PREFIX = "/api/v1"


class ApiErrorBodySchema(Schema):
    code = fields.Str(required=True)
    message = fields.Str(required=True)
    details = fields.Dict(required=True)


class ApiErrorSchema(Schema):
    """The one shape of every API error (heltidnett.core.errors.json_error)."""

    error = fields.Nested(ApiErrorBodySchema, required=True)


class Api(SmorestApi):
    """flask-smorest's Api, leaving error handling to heltidnett.core.errors."""

    # The default response of every operation, and the 422 of every one with arguments.
    ERROR_SCHEMA = ApiErrorSchema

    def _register_error_handlers(self) -> None:
        return None


def Int(**kwargs: Any) -> fields.Integer:
    """A whole number an integer column can hold; larger ones are a 422, never a 500."""
    bound = validate.Range(
        min=-MAX_ID, max=MAX_ID, error=_l("Tallet må være mellom {min} og {max}.")
    )
    extra = kwargs.pop("validate", None)
    validators = [bound, *([extra] if callable(extra) else (extra or []))]
    return fields.Integer(validate=validators, **kwargs)


class JsonParser(FlaskParser):
    """webargs' parser; a body Python's json refuses in any way is a 400 in our words."""

    def _raw_load_json(self, req: Any) -> Any:
        try:
            return super()._raw_load_json(req)
        except json.JSONDecodeError:
            raise
        except ValueError as error:  # e.g. an integer of more than 4,300 digits
            raise json.JSONDecodeError(str(error), doc="-", pos=0) from error

    def _handle_invalid_json_error(self, error: Any, req: Any, *args: Any, **kwargs: Any) -> Any:
        abort(400, message=gettext("Innholdet er ikke gyldig JSON."))


class Blueprint(SmorestBlueprint):
    """flask-smorest's Blueprint, reading arguments with our JsonParser; lists are paged with
    `@blp.paginate()` and `heltidnett.api.paging.page_of`."""

    ARGUMENTS_PARSER = JsonParser()
    PAGINATION_ARGUMENTS_PARSER = JsonParser()
    DEFAULT_PAGINATION_PARAMETERS = {"page": 1, "page_size": 50, "max_page_size": 200}


def api_blueprint(name: str, import_name: str, description: str) -> Blueprint:
    """A blueprint for one domain's API resources, mounted under /api/v1."""
    return Blueprint(f"api_{name}", import_name, url_prefix=URL_PREFIX, description=description)


def init_app(app: Flask) -> Api:
    """Create the API for this app, describe its security and register every resource."""
    from heltidnett.api.registry import BLUEPRINTS

    app.config.setdefault(
        "API_SPEC_OPTIONS",
        {
            "security": [{"bearerAuth": []}],
            "info": {"description": "heltidnett: læringsnettverk for heltidskultur."},
            "servers": [{"url": "/"}],
        },
    )
    api = Api(app)
    api.register_converter(BoundedIntConverter, integerconverter2paramschema)
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "description": "API token (htn_…)"}
    )
    for blueprint in BLUEPRINTS():
        api.register_blueprint(blueprint)
    app.extensions["heltidnett_api"] = api
    return api


def error_responses(*codes: int) -> dict[str, Any]:
    """OpenAPI response entries for the error codes a resource can answer."""
    return {
        str(code): {"description": "Error", "content": {"application/json": {"schema": "ApiError"}}}
        for code in codes
    }


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_response(description: str, content_type: str) -> dict[str, Any]:
    """An OpenAPI response that is a file download of one content type."""
    return {
        "description": description,
        "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
    }


def file_upload(field: str) -> dict[str, Any]:
    """An OpenAPI request body with one uploaded file in a multipart form field."""
    return {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {field: {"type": "string", "format": "binary"}},
                    "required": [field],
                }
            }
        },
    }


def refuse(status: int, **kwargs: Any) -> NoReturn:
    """flask-smorest's abort, typed as never returning, so the checker narrows after it."""
    abort(status, **kwargs)
    raise AssertionError("abort() returned")  # pragma: no cover
