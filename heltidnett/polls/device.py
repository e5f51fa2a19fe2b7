"""The participant's device: a random token in a signed cookie, stored only as its hash.

No account, no IP address, no fingerprint: the cookie is what makes "one answer per question
per device", and clearing it is the participant's own business.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

if TYPE_CHECKING:
    from flask import Response

COOKIE = "heltidnett_poll_device"
MAX_AGE = 60 * 60 * 24 * 120  # the rounds of a network span months


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="poll-device")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token() -> str | None:
    """The device's token from its cookie, if it carries a valid signature."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        value = _serializer().loads(raw)
    except BadSignature:
        return None
    return value if isinstance(value, str) and len(value) >= 32 else None


def device_hash() -> str | None:
    """The hash the answers are stored under, or None for a device without a cookie."""
    found = token()
    return None if found is None else _hash(found)


def ensure(response: Response) -> str:
    """Give the device a token unless it has one; the hash of the token in use."""
    found = token()
    if found is None:
        found = secrets.token_urlsafe(32)
        response.set_cookie(
            COOKIE,
            _serializer().dumps(found),
            max_age=MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        )
    return _hash(found)
