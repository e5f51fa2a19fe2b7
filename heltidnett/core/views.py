"""Small routes that belong to no domain: the health check."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify
from sqlalchemy.exc import SQLAlchemyError

from heltidnett.core.errors import RETRY_AFTER, rollback_quietly
from heltidnett.db import ping
from heltidnett.extensions import db

bp = Blueprint("core", __name__)


@bp.get("/healthz")
def health() -> Any:
    """Answers 200 when the database answers, else 503 (for load balancers and monitoring)."""
    try:
        ping(db.session)
    except SQLAlchemyError as error:
        current_app.logger.error("health check: database unavailable: %s", error)
        rollback_quietly()
        response = jsonify(status="unavailable")
        response.status_code = 503
        response.headers["Retry-After"] = str(RETRY_AFTER)
        return response
    return jsonify(status="ok")
