"""Small routes that belong to no domain: the health check."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, jsonify

from heltidnett.extensions import db

bp = Blueprint("core", __name__)


@bp.get("/healthz")
def health() -> Any:
    """Answers 200 when the database answers."""
    db.session.execute(sa.text("SELECT 1"))
    return jsonify(status="ok")
