"""The JSON API under /api/v1: bearer tokens, one error shape, a generated OpenAPI document.

Each domain keeps its resources in its own `api.py` with a blueprint made by `api_blueprint`
and lists it in `heltidnett.api.registry.BLUEPRINTS`.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint

URL_PREFIX = "/api/v1"


class Api(SmorestApi):
    """flask-smorest's Api, leaving error handling to heltidnett.core.errors."""

    def _register_error_handlers(self) -> None:
        return None


def api_blueprint(name: str, import_name: str, description: str) -> Blueprint:
    """A blueprint for one domain's API resources, mounted under /api/v1."""
    return Blueprint(f"api_{name}", import_name, url_prefix=URL_PREFIX, description=description)


ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {"type": "object"},
            },
            "required": ["code", "message", "details"],
        }
    },
}


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
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "description": "API token (htn_…)"}
    )
    api.spec.components.schema("ApiError", ERROR_SCHEMA)
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
