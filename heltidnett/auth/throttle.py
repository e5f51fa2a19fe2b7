"""Login throttling with device cookies, after OWASP's "Slow Down Online Guessing Attacks with
Device Cookies".

A browser that has logged in to an account gets a signed device cookie for it. Failed logins
from such a trusted device count against that device alone; failures from anywhere else count
against the account's untrusted clients and against the client's address. So an attacker who
locks an account out, or a whole municipality behind one address, locks out the untrusted
clients only: the account's own devices still log in with the right password, and a device
that fails too often is treated as untrusted from then on.

Counts live in Flask-Limiter's storage (Redis where REDIS_URL is set, so every process sees
them). The limits are `LOGIN_LIMIT_PER_ACCOUNT`, `LOGIN_LIMIT_PER_ADDRESS` and
`LOGIN_LIMIT_PER_DEVICE`.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_limiter.util import get_remote_address
from itsdangerous import BadSignature, URLSafeTimedSerializer
from limits import parse
from werkzeug.wrappers import Response

from heltidnett.extensions import limiter

DEVICE_COOKIE = "heltidnett_device"
DEVICE_SALT = "heltidnett-device-cookie"
MAX_DEVICE_ACCOUNTS = 5  # accounts one browser is trusted for (a shared PC in a unit)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=DEVICE_SALT)


def _account(email: str) -> str:
    """The account as the cookie names it: a hash, so the cookie does not show the e-mail."""
    return hashlib.sha256(email.encode()).hexdigest()[:24]


def _cookie_entries() -> list[list[str]]:
    """The (account, nonce) pairs of this browser's device cookie, if it is valid."""
    value = request.cookies.get(DEVICE_COOKIE)
    if not value:
        return []
    max_age = current_app.config["DEVICE_COOKIE_DAYS"] * 86_400
    try:
        entries = _serializer().loads(value, max_age=max_age)
    except BadSignature:
        return []
    if not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, list) and len(e) == 2][:MAX_DEVICE_ACCOUNTS]


def _hit(limit: str, *key: str) -> None:
    limiter.limiter.hit(parse(limit), _prefix(), *key)


def _allowed(limit: str, *key: str) -> bool:
    return limiter.limiter.test(parse(limit), _prefix(), *key)


def _prefix() -> str:
    return current_app.config.get("RATELIMIT_KEY_PREFIX", "") + "login"


@dataclass(frozen=True)
class LoginGate:
    """Who is trying to log in to which account: a trusted device of it, or an untrusted client."""

    email: str
    device: str | None  # the nonce of a trusted, not locked-out, device cookie for the account

    @classmethod
    def for_request(cls, email: str) -> LoginGate:
        """The gate for this request; a locked-out device cookie counts as untrusted."""
        account = _account(email)
        nonce = next((n for a, n in _cookie_entries() if a == account), None)
        if nonce is not None and not _allowed(_limit("DEVICE"), "device", nonce):
            nonce = None
        return cls(email, nonce)

    def locked(self) -> bool:
        """Whether this attempt is refused before the password is even checked (HTTP 429)."""
        if not limiter.enabled:
            return False
        if self.device is not None:
            return False  # its own count was checked when the gate was made
        return not (
            _allowed(_limit("ACCOUNT"), "account", self.email)
            and _allowed(_limit("ADDRESS"), "address", get_remote_address())
        )

    def failed(self) -> None:
        """Count a wrong password: against the device, or the account's untrusted clients and
        the address."""
        if not limiter.enabled:
            return
        if self.device is not None:
            _hit(_limit("DEVICE"), "device", self.device)
            return
        _hit(_limit("ACCOUNT"), "account", self.email)
        _hit(_limit("ADDRESS"), "address", get_remote_address())

    def trust(self, response: Response) -> None:
        """After a successful login: a fresh device cookie for this account on this browser."""
        account = _account(self.email)
        others = [e for e in _cookie_entries() if e[0] != account]
        entries = [[account, secrets.token_urlsafe(16)], *others][:MAX_DEVICE_ACCOUNTS]
        response.set_cookie(
            DEVICE_COOKIE,
            _serializer().dumps(entries),
            max_age=current_app.config["DEVICE_COOKIE_DAYS"] * 86_400,
            path=url_for("auth.login"),  # sent with login attempts only
            secure=current_app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
            samesite="Lax",
        )


def _limit(kind: str) -> str:
    return current_app.config[f"LOGIN_LIMIT_PER_{kind}"]
