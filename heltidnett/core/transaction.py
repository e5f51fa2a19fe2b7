"""One transaction per request: services flush, the end of the request commits or rolls back.

A request that answers below 400 is committed once, after the view; any other answer is
rolled back, except what `keep_on_error()` asks to keep (a refusal's audit record, a failed
login counted). A view runs a service step inside `attempt()`: a broken rule rolls the step
back and hands the view its message to show.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import Flask, Response, current_app, flash, g, make_response
from sqlalchemy import exc as sa_exc

from heltidnett.core.errors import ServiceError
from heltidnett.extensions import db

if TYPE_CHECKING:
    from wtforms import Form


def keep_on_error() -> None:
    """Commit this request's pending changes even though it answers with an error.

    Call it after rolling back whatever else the request changed (as `access.deny` does).
    """
    g._keep_on_error = True


def finish(response: Response) -> Response:
    """Commit a successful request's changes, roll back a failed one's."""
    if response.status_code >= 400 and not g.pop("_keep_on_error", False):
        db.session.rollback()
        return response
    try:
        db.session.commit()
    except sa_exc.SQLAlchemyError as error:
        from heltidnett.core.errors import handle_unexpected

        current_app.logger.error("commit failed: %s", error)
        return make_response(handle_unexpected(error))
    return response


@dataclass
class Outcome:
    """What became of a service step: its error, if it broke a rule."""

    error: ServiceError | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None

    @property
    def message(self) -> str:
        return str(self.error) if self.error is not None else ""

    def show_on(self, form: Form, fallback: str) -> None:
        """Show the broken rule's message on the form: on the field the error names (the end
        date, the chapter number), or on `fallback` when it names none the form has. The
        field macro ties it to the input (aria-describedby) and the error summary links it."""
        if self.error is None:
            return
        name = self.error.field if self.error.field in form else fallback
        field = form[name]
        field.errors = [*field.errors, self.message]


@contextmanager
def attempt(success: str | None = None, *, flash_error: bool = False) -> Iterator[Outcome]:
    """Run a service step: on a broken rule, roll back and keep its message (flashed if asked);
    otherwise flash `success`, if given. The end of the request commits."""
    outcome = Outcome()
    try:
        yield outcome
    except ServiceError as error:
        db.session.rollback()
        outcome.error = error
        if flash_error:
            flash(str(error), "danger")
        return
    if success:
        flash(success, "success")


def init_app(app: Flask) -> None:
    """Commit or roll back at the end of every request (registered last, so it runs first)."""
    app.after_request(finish)
