"""The security baseline: CSRF for cookie sessions, and headers on every response."""

from __future__ import annotations

from flask import Flask, Response, current_app, request

from heltidnett.extensions import csrf

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


# Downloads outside /api/v1 that the API's documents link to (the `…_url` fields of
# StorySchema and GatheringSchema): these take a bearer token too.
TOKEN_DOWNLOADS = frozenset({"stories.poster", "gatherings.program_pdf", "gatherings.program_ics"})


def has_bearer_token() -> bool:
    """Whether the request authenticates with an API bearer token instead of a cookie."""
    header = request.headers.get("Authorization", "")
    return header[:7].lower() == "bearer "


def takes_tokens() -> bool:
    """Whether a bearer token may authenticate this request: the API and its downloads only.

    Pages and their form posts take the cookie session alone, so a token can never drive a
    form-less POST (revoke a token, deactivate a user) or read a page.
    """
    if request.path.startswith("/api/"):
        return True
    return request.method in SAFE_METHODS and request.endpoint in TOKEN_DOWNLOADS


def check_csrf() -> None:
    """Every state-changing request with a cookie session carries a CSRF token."""
    if request.method in SAFE_METHODS or (has_bearer_token() and takes_tokens()):
        return
    if request.path.startswith("/api/") and current_app.config["SESSION_COOKIE_NAME"] not in (
        request.cookies
    ):
        return  # no cookie, nothing to forge: the API answers 401 (or 404, 405) itself
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if request.endpoint == "static":
        return
    csrf.protect()


def set_headers(response: Response) -> Response:
    """Add the security headers to a response."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
    if request.endpoint != "static" and "Cache-Control" not in headers:
        headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Hook CSRF checks and headers into every request."""
    app.before_request(check_csrf)
    app.after_request(set_headers)
