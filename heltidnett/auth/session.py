"""Loading the user from the session cookie or a bearer token; session timeouts."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from heltidnett.auth.models import User
from heltidnett.core import transaction
from heltidnett.core.security import has_bearer_token, takes_tokens
from heltidnett.db import utcnow
from heltidnett.extensions import db, login_manager

PUBLIC_ENDPOINTS = frozenset(
    {
        "static",
        "auth.login",
        "auth.oidc_start",
        "auth.oidc_callback",
        "auth.set_password",
        "auth.invitation_with_provider",  # accept an invitation with the work account
        "auth.language",
        "core.health",
        "api-docs.openapi_json",
        "polls.join",  # a participant types a poll's code: no account needed
        "polls.answer",  # and answers it, known only by a signed device cookie
        "notifications.unsubscribe",  # the link in an e-mail: a signed token, no login
    }
)


# The cookie's key to its server-side session row (auth.models.UserSession).
SESSION_KEY = "sid"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The user behind a session id "id:nonce" and an open session row for the cookie's key.

    A changed nonce ends every session of the user; logout ends the one row.
    """
    if has_bearer_token():
        return None  # a bearer request never rides on a cookie
    from heltidnett.auth.services import user_for_session

    user_id, _, nonce = session_id.partition(":")
    key = session.get(SESSION_KEY)
    if not (user_id.isascii() and user_id.isdigit() and len(user_id) < 12) or not key:
        return None
    return user_for_session(db.session, int(user_id), nonce, key)


@login_manager.request_loader
def load_user_from_token(req: Any) -> User | None:
    """The user behind an `Authorization: Bearer …` header."""
    from heltidnett.auth.services import user_for_token

    header = req.headers.get("Authorization", "")
    if header[:7].lower() != "bearer " or not takes_tokens():
        return None
    user = user_for_token(db.session, header[7:].strip())
    if user is not None:
        g.token_auth = True  # its last use is saved with the request
    return user


def start_session(user: User) -> None:
    """A fresh session for a new login (no data carried over from before), open on the server
    (the end of the request commits it)."""
    from heltidnett.auth.services import open_session

    end_session()
    session.permanent = True
    now = utcnow().timestamp()
    session["login_at"] = now
    session["seen_at"] = now
    lifetime = current_app.config["SESSION_ABSOLUTE_TIMEOUT"]
    session[SESSION_KEY] = open_session(db.session, user, lifetime)


def end_session() -> None:
    """End this cookie's session on the server and empty the cookie but for the language
    (the end of the request commits it)."""
    from heltidnett.auth.services import end_session as end_stored_session

    end_stored_session(db.session, session.get(SESSION_KEY))
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language


def check_timeouts() -> Any:
    """End sessions idle too long or older than the absolute limit.

    Pages go to the login page; the API answers 401, and the ended session is kept all the same.
    """
    if not current_user.is_authenticated or g.get("token_auth"):
        return None  # (checking current_user first loads the user, and marks token requests)
    now = utcnow().timestamp()
    idle = current_app.config["SESSION_IDLE_TIMEOUT"].total_seconds()
    absolute = current_app.config["SESSION_ABSOLUTE_TIMEOUT"].total_seconds()
    login_at = session.get("login_at", 0)
    seen_at = session.get("seen_at", 0)
    if now - seen_at > idle or now - login_at > absolute:
        api = request.path.startswith("/api/")
        if api:  # the API answers 401, which keeps only the ended session
            db.session.rollback()
            transaction.keep_on_error()
        logout_user()
        end_session()
        if api:
            return None
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
