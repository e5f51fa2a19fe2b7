"""Language selection and the Jinja filters for Norwegian numbers, dates and times."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.dates import format_time as babel_format_time
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import get_locale, get_timezone
from flask_login import current_user

from heltidnett.core import numbers
from heltidnett.core.numbers import NBSP, Number

LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


def select_locale() -> str:
    """The user's language: their profile, their choice this session, their browser, else nb."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if getattr(current_user, "is_authenticated", False) and current_user.language in languages:
        return current_user.language
    chosen = session.get("language")
    if isinstance(chosen, str) and chosen in languages:
        return chosen
    # Browsers send "no" or "nb-NO" for Bokmål; "nn" for Nynorsk.
    best = request.accept_languages.best_match([*languages, "no"])
    if best == "no" or best is None:
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    return best


def current_language() -> str:
    """The language of this request: "nb", "nn" or "en" (Bokmål outside a request)."""
    return str(get_locale() or "nb")


def _locale(locale: str | None = None) -> Locale:
    if locale:
        return Locale.parse(locale)
    current = get_locale()
    return current if current is not None else Locale.parse("nb")


def format_number(
    value: Number | None,
    digits: int = 0,
    locale: str | None = None,
    *,
    up_to: int | None = None,
    grouping: bool = True,
) -> str:
    """`core.numbers.format_number` in the request's language (or the one given): 1 322,6."""
    return numbers.format_number(
        value, digits, locale or current_language(), up_to=up_to, grouping=grouping
    )


def format_percent(
    value: Number | None, digits: int = 1, locale: str | None = None, *, up_to: int | None = None
) -> str:
    """`core.numbers.format_percent` in the request's language (or the one given): 65,5 %."""
    return numbers.format_percent(value, digits, locale or current_language(), up_to=up_to)


def format_date(
    value: dt.date | dt.datetime | None, form: str = "long", locale: str | None = None
) -> str:
    """A date: long '6. mars 2018', short '06.03.2018'."""
    if value is None:
        return ""
    loc = _locale(locale)
    if isinstance(value, dt.datetime):
        value = value.astimezone(get_timezone()).date() if value.tzinfo else value.date()
    if loc.language == "en":
        patterns = {"long": "d MMMM y", "short": "dd.MM.y", "weekday": "EEEE d MMMM y"}
    else:
        patterns = {"long": "d. MMMM y", "short": "dd.MM.y", "weekday": "EEEE d. MMMM y"}
    return babel_format_date(value, patterns.get(form, form), locale=loc)


def format_time(
    value: dt.time | dt.datetime | None, prefix: bool = True, locale: str | None = None
) -> str:
    """A time of day: 'kl. 10.00' in Norwegian, '10:00' in English."""
    if value is None:
        return ""
    loc = _locale(locale)
    if isinstance(value, dt.datetime) and value.tzinfo:
        value = value.astimezone(get_timezone())
    if loc.language == "en":
        return babel_format_time(value, "HH:mm", locale=loc)
    text = babel_format_time(value, "HH.mm", locale=loc)
    return f"kl.{NBSP}{text}" if prefix else text


def format_datetime(value: dt.datetime | None, locale: str | None = None) -> str:
    """A moment: '6. mars 2018 kl. 10.00'."""
    if value is None:
        return ""
    loc = _locale(locale)
    if value.tzinfo:
        value = value.astimezone(get_timezone())
    if loc.language == "en":
        return babel_format_datetime(value, "d MMMM y HH:mm", locale=loc)
    return f"{format_date(value, locale=locale)} {format_time(value, locale=locale)}"


def init_app(app: Flask) -> None:
    """Register the filters and the language globals on the app."""
    app.add_template_filter(format_number, "number")
    app.add_template_filter(format_percent, "percent")
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_time, "time")
    app.add_template_filter(format_datetime, "datetime")
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES

    @app.context_processor
    def _language() -> dict[str, str]:
        return {"current_language": current_language()}
