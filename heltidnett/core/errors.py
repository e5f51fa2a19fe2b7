"""Error pages in the user's language, and JSON errors of one shape for the API."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, g, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from heltidnett.extensions import login_manager


class ServiceError(ValueError):
    """A rule of the domain was broken; the message is for the user.

    `field` names the input the rule is about (`ends_on`, `number`), when there is one: a form
    shows the message on that field (`Outcome.show_on`), not on its first one.
    """

    def __init__(self, message: Any = "", *args: Any, field: str | None = None) -> None:
        super().__init__(message, *args)
        self.field = field


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
    503: "service_unavailable",
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
    503: _l("Tjenesten er midlertidig utilgjengelig"),
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
    503: _l("Vi får ikke kontakt med databasen akkurat nå. Prøv igjen om litt."),
}

# Seconds a client is asked to wait when the database is unreachable.
RETRY_AFTER = 30

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


def _error_headers(error: HTTPException) -> list[tuple[str, str]]:
    """The headers an error carries besides its body: `Allow` on 405, `Retry-After` …"""
    return [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]


def handle_http_error(error: HTTPException) -> Response | tuple[str, int, list[tuple[str, str]]]:
    """Render an HTTP error as a page, or as JSON for the API."""
    status = error.code or 500
    if isinstance(error, CSRFError):
        message = CSRF_MESSAGE
    else:
        message = _own_description(error) or ERROR_MESSAGES.get(status, ERROR_MESSAGES[500])
    if is_api_request():
        data = getattr(error, "data", None) or {}
        if status >= 500:
            api_message = str(ERROR_MESSAGES.get(status, ERROR_MESSAGES[500]))
        elif isinstance(error, CSRFError):
            api_message = str(CSRF_MESSAGE)
        elif data.get("messages"):
            api_message = str(ERROR_MESSAGES[422])
        elif status == 401:
            api_message = str(API_UNAUTHORIZED)
        else:
            api_message = data.get("message") or _own_description(error) or str(message)
        response = json_error(status, api_message, _details(error), data.get("code"))
        response.headers.extend(_error_headers(error))
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="heltidnett"'
        return response
    title = ERROR_TITLES.get(status, ERROR_TITLES[500])
    if status == 413:
        page = too_large_page(title)
    else:
        page = render_template("errors/error.html", status=status, title=title, message=message)
    return page, status, _error_headers(error)


def back_to_form() -> str:
    """Where the refused form was: the page it was sent from, when that is this site."""
    referrer = request.referrer
    if referrer and urlsplit(referrer).netloc == request.host:
        return referrer
    return request.path


def too_large_page(title: Any) -> str:
    """A request above `MAX_CONTENT_LENGTH`: the limit in MB, and the way back to the form with
    what was typed (static/js/uploads.js fills it in again; the browser's back button keeps it
    too)."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    message = _(
        "Det du sendte er større enn %(mb)d MB, som er det meste vi tar imot i én innsending.",
        mb=limit // (1024 * 1024),
    )
    return render_template(
        "errors/too_large.html", status=413, title=title, message=message, back=back_to_form()
    )


def database_unavailable(error: BaseException) -> bool:
    """Whether an error says the database cannot be reached (not that a statement was wrong)."""
    if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError | sa_exc.TimeoutError):
        return True
    return isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated


def rollback_quietly() -> None:
    """Roll the request's transaction back; with the database gone there is nothing to undo."""
    from heltidnett.extensions import db

    try:
        db.session.rollback()
    except sa_exc.SQLAlchemyError:
        current_app.logger.warning("rollback failed on %s %s", request.method, request.path)


def handle_unavailable(error: Exception) -> Response:
    """The database is unreachable: 503 with Retry-After, as our page or our JSON error."""
    current_app.logger.error(
        "database unavailable on %s %s: %s", request.method, request.path, error
    )
    rollback_quietly()
    # The page must not ask the database who is logged in again: render it as for a visitor.
    g._login_user = login_manager.anonymous_user()
    response = make_response(handle_http_error(ServiceUnavailable()))
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response


def handle_unexpected(error: Exception) -> Response | tuple[str, int, list[tuple[str, str]]]:
    """Any other exception: log it, answer 500, never show a trace."""
    if database_unavailable(error):
        return handle_unavailable(error)
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    rollback_quietly()
    return handle_http_error(InternalServerError())


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(HTTPException, handle_http_error)
    for unreachable in (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError):
        app.register_error_handler(unreachable, handle_unavailable)
    if not app.config.get("PROPAGATE_EXCEPTIONS_IN_TESTS"):
        app.register_error_handler(Exception, handle_unexpected)
