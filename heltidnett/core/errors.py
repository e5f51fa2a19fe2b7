"""Error pages in the user's language, and JSON errors of one shape for the API."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    500: "internal_error",
}

ERROR_TITLES = {
    400: _l("Ugyldig forespørsel"),
    401: _l("Du må logge inn"),
    403: _l("Ingen tilgang"),
    404: _l("Fant ikke siden"),
    405: _l("Metoden er ikke tillatt"),
    409: _l("Konflikt"),
    413: _l("Filen eller skjemaet er for stort"),
    415: _l("Filtypen støttes ikke"),
    422: _l("Ugyldige data"),
    429: _l("For mange forsøk"),
    500: _l("Noe gikk galt hos oss"),
}

ERROR_MESSAGES = {
    400: _l("Forespørselen kunne ikke behandles. Gå tilbake og prøv igjen."),
    401: _l("Logg inn for å se denne siden."),
    403: _l("Du har ikke tilgang til dette. Spør en prosessveileder om du mener du skal ha det."),
    404: _l("Siden eller oppføringen finnes ikke, eller den er flyttet."),
    405: _l("Denne adressen tar ikke imot forespørsler av denne typen."),
    409: _l("Endringen passer ikke med det som er lagret nå."),
    413: _l("Det du sendte er større enn grensen. Prøv en mindre fil."),
    415: _l("Denne filtypen kan ikke brukes her."),
    422: _l("Noen av opplysningene er ikke gyldige."),
    429: _l("Du har prøvd for mange ganger. Vent noen minutter og prøv igjen."),
    500: _l("En feil oppstod. Den er logget, og vi ser på den. Prøv igjen om litt."),
}

API_UNAUTHORIZED = _l("Send en gyldig API-nøkkel: Authorization: Bearer <nøkkel>.")
CSRF_MESSAGE = _l("Skjemaet var utløpt eller ugyldig. Last siden på nytt og prøv igjen.")


def is_api_request() -> bool:
    """Whether the request is for the JSON API."""
    return request.path.startswith("/api/")


def json_error(status: int, message: str, details: Any = None, code: str | None = None) -> Response:
    """A JSON error response: {"error": {"code", "message", "details"}}."""
    body = {
        "error": {
            "code": code or ERROR_CODES.get(status, "error"),
            "message": str(message),
            "details": details if details is not None else {},
        }
    }
    response = jsonify(body)
    response.status_code = status
    return response


def _details(error: HTTPException) -> Any:
    """Validation messages that webargs/flask-smorest attach to a 422."""
    data = getattr(error, "data", None) or {}
    return data.get("messages") or data.get("details") or {}


def _own_description(error: HTTPException) -> str | None:
    """The description given to abort(), not werkzeug's English default."""
    default = type(error).description
    return error.description if error.description and error.description != default else None


def handle_http_error(error: HTTPException) -> Response | tuple[str, int]:
    """Render an HTTP error as a page, or as JSON for the API."""
    status = error.code or 500
    if isinstance(error, CSRFError):
        message = CSRF_MESSAGE
    else:
        message = _own_description(error) or ERROR_MESSAGES.get(status, ERROR_MESSAGES[500])
    if is_api_request():
        data = getattr(error, "data", None) or {}
        if status >= 500:
            api_message = str(ERROR_MESSAGES[500])
        elif data.get("messages"):
            api_message = str(ERROR_MESSAGES[422])
        elif status == 401:
            api_message = str(API_UNAUTHORIZED)
        else:
            api_message = data.get("message") or _own_description(error) or str(message)
        response = json_error(status, api_message, _details(error), data.get("code"))
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="heltidnett"'
        return response
    title = ERROR_TITLES.get(status, ERROR_TITLES[500])
    return render_template("errors/error.html", status=status, title=title, message=message), status


def handle_unexpected(error: Exception) -> Response | tuple[str, int]:
    """Any other exception: log it, answer 500, never show a trace."""
    from flask import current_app

    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    from heltidnett.extensions import db

    db.session.rollback()
    return handle_http_error(InternalServerError())


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(HTTPException, handle_http_error)
    if not app.config.get("PROPAGATE_EXCEPTIONS_IN_TESTS"):
        app.register_error_handler(Exception, handle_unexpected)
