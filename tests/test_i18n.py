"""Norwegian numbers, dates and times, and switching language."""

from __future__ import annotations

import datetime as dt

from flask_babel import force_locale

from heltidnett.core import numbers
from heltidnett.core.i18n import format_date, format_number, format_percent, format_time
from tests.conftest import csrf_token

NBSP = "\u00a0"


def test_norwegian_formats(app):
    with app.test_request_context(), force_locale("nb"):
        assert format_percent(65.5) == f"65,5{NBSP}%"
        assert format_percent(27.51 / 42 * 100) == f"65,5{NBSP}%"
        assert format_number(1322.6, 1) == f"1{NBSP}322,6"
        assert format_date(dt.date(2018, 3, 6)) == "6. mars 2018"
        assert format_time(dt.time(10, 0)) == f"kl.{NBSP}10.00"
        assert format_percent(None) == "–"
    with app.test_request_context(), force_locale("nn"):
        assert format_date(dt.date(2019, 1, 30)) == "30. januar 2019"
    with app.test_request_context(), force_locale("en"):
        assert format_date(dt.date(2018, 3, 6)) == "6 March 2018"
        assert format_time(dt.time(10, 0)) == "10:00"


def test_number_text_without_flask() -> None:
    """core.numbers is the one formatter: charts, exports and the filters above all use it."""
    assert numbers.format_number(1322.6, 1) == f"1{NBSP}322,6"
    assert numbers.format_number(1322.6, 1, "en") == "1,322.6"
    assert numbers.format_number(1322.6, 2, grouping=False) == "1322,60"  # CSV, form fields
    assert numbers.format_number(12.5, up_to=4) == "12,5"
    assert numbers.format_number(12.0, up_to=4) == "12"
    assert numbers.format_number(-3) == "-3"
    assert numbers.format_number(None) == "–"
    assert numbers.format_percent(65.5) == f"65,5{NBSP}%"
    assert numbers.format_percent(20, 0, "nn") == f"20{NBSP}%"


def test_number_filters_follow_the_language(app):
    with app.test_request_context(), force_locale("en"):
        assert format_number(1322.6, 1) == "1,322.6"
        assert format_percent(65.5) == f"65.5{NBSP}%"
        assert format_number(1322.6, 1, "nb") == f"1{NBSP}322,6"


def test_anonymous_visitor_switches_language(client):
    token = csrf_token(client, "/login")
    client.post("/language", data={"language": "en", "csrf_token": token, "next": "/login"})
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="en"' in page


def test_browser_language_is_respected(client):
    page = client.get("/login", headers={"Accept-Language": "nn-NO,nn;q=0.9"}).get_data(
        as_text=True
    )
    assert '<html lang="nn"' in page
    page = client.get("/login", headers={"Accept-Language": "no,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="nb"' in page


def test_users_language_follows_them(client, auth, make_user):
    make_user("nynorsk@example.org", language="nn")
    auth.login("nynorsk@example.org")
    assert '<html lang="nn"' in client.get("/").get_data(as_text=True)
