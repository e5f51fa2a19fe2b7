"""Running one service step from a view: commit and confirm, or show the rule it broke."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash

from heltidnett.core.errors import ServiceError
from heltidnett.extensions import db


def apply_step(action: Callable[[], object], success: str) -> bool:
    """Run a service step: commit and flash success, or flash its Norwegian error."""
    try:
        action()
    except ServiceError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return False
    db.session.commit()
    flash(success, "success")
    return True
