"""Every API blueprint, in the order they appear in the OpenAPI document."""

from __future__ import annotations

from flask_smorest import Blueprint


def BLUEPRINTS() -> list[Blueprint]:
    """The API blueprints of every domain (imported late to avoid import cycles)."""
    from heltidnett.auth.api import blp as auth_api
    from heltidnett.municipalities.api import blp as municipalities_api
    from heltidnett.networks.api import blp as networks_api
    from heltidnett.staffing.api import blp as staffing_api

    return [auth_api, networks_api, municipalities_api, staffing_api]
