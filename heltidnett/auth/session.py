"""Loading the user from the session cookie or a bearer token; session timeouts."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from heltidnett.auth.models import User
from heltidnett.core.security import has_bearer_token
from heltidnett.db import utcnow
from heltidnett.extensions import db, login_manager

PUBLIC_ENDPOINTS = frozenset(
    {
        "static",
        "auth.login",
        "auth.set_password",
        "auth.language",
        "core.health",
        "api-docs.openapi_json",
    }
)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The user behind a session id "id:nonce"; a changed nonce ends the session."""
    if has_bearer_token():
        return None  # a bearer request never rides on a cookie
    user_id, _, nonce = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_nonce != nonce:
        return None
    return user


@login_manager.request_loader
def load_user_from_token(req: Any) -> User | None:
    """The user behind an `Authorization: Bearer …` header."""
    from heltidnett.auth.services import user_for_token

    header = req.headers.get("Authorization", "")
    if header[:7].lower() != "bearer ":
        return None
    user = user_for_token(db.session, header[7:].strip())
    if user is not None:
        g.token_auth = True
        db.session.commit()
    return user


def start_session(user: User) -> None:
    """A fresh session for a new login (no data carried over from before)."""
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language
    session.permanent = True
    now = utcnow().timestamp()
    session["login_at"] = now
    session["seen_at"] = now


def check_timeouts() -> Any:
    """End sessions idle too long or older than the absolute limit."""
    # current_user first: loading it is what marks a bearer-token request (g.token_auth).
    if not current_user.is_authenticated or g.get("token_auth"):
        return None
    now = utcnow().timestamp()
    idle = current_app.config["SESSION_IDLE_TIMEOUT"].total_seconds()
    absolute = current_app.config["SESSION_ABSOLUTE_TIMEOUT"].total_seconds()
    login_at = session.get("login_at", 0)
    seen_at = session.get("seen_at", 0)
    if now - seen_at > idle or now - login_at > absolute:
        logout_user()
        session.clear()
        if request.path.startswith("/api/"):
            return None  # the API answers 401 itself
        flash(_("Økten din er utløpt. Logg inn igjen."), "warning")
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    session["seen_at"] = now
    return None


def require_login() -> Any:
    """Every endpoint but the public few needs a logged-in user (pages) or a token (API)."""
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    login_manager.session_protection = "basic"

    @login_manager.unauthorized_handler
    def _unauthorized() -> Any:
        from flask import abort

        if request.path.startswith("/api/"):
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))

    app.before_request(check_timeouts)
    app.before_request(require_login)
