"""The big-screen programme: its own page, and the items on now and next by the clock."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

pytest_plugins = ["tests.gatherings_fixtures"]
OSLO = ZoneInfo("Europe/Oslo")
ITEM = re.compile(r'<li class="projection__item([^"]*)"[^>]*>.*?projection__text">([^<]*)', re.S)


def _screen(client, app, monkeypatch, gid: int, at: datetime, query: str = "") -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(app.config, "CLOCK", lambda: at.replace(tzinfo=OSLO))
    response = client.get(f"/gatherings/{gid}/projection{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _states(page: str) -> dict[str, str]:
    return {title: classes.strip() for classes, title in ITEM.findall(page)}


def test_projection_is_the_programme_alone_with_now_and_next(
    client, app, auth, tenants, make_gathering, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering()
    auth.login(tenants.facilitator)
    page = _screen(client, app, monkeypatch, gid, datetime(2030, 3, 6, 10, 30))
    assert "Logg ut" not in page and "site-header" not in page and "Hovedmeny" not in page
    assert _states(page) == {
        "Velkommen": "is-past",
        "Arbeidet vi har gjort så langt": "is-now",
        "Lunsj": "is-next",
        "Gruppearbeid i egen kommune": "",
    }
    assert 'aria-current="time"' in page and ">Nå</span>" in page and ">Neste</span>" in page
    assert 'data-now="2030-03-06T10:30:00"' in page  # the script counts on from here


def test_the_clock_is_read_in_oslo_time(
    client, app, auth, tenants, make_gathering, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering()
    auth.login(tenants.facilitator)
    monkeypatch.setitem(
        app.config, "CLOCK", lambda: datetime(2030, 3, 6, 9, 35, tzinfo=ZoneInfo("UTC"))
    )
    page = client.get(f"/gatherings/{gid}/projection").get_data(as_text=True)  # 10.35 in Oslo
    assert _states(page)["Arbeidet vi har gjort så langt"] == "is-now"


def test_before_the_gathering_it_says_when_it_starts_and_marks_nothing(
    client, app, auth, tenants, make_gathering, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering()
    auth.login(tenants.facilitator)
    page = _screen(client, app, monkeypatch, gid, datetime(2030, 3, 5, 15, 0))
    assert "Samlingen starter onsdag 6. mars 2030 kl.\u00a010.00." in page
    assert set(_states(page).values()) == {""}
    assert 'aria-current="time"' not in page


def test_after_the_gathering_it_says_it_is_over(
    client, app, auth, tenants, make_gathering, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering()
    auth.login(tenants.facilitator)
    page = _screen(client, app, monkeypatch, gid, datetime(2030, 3, 9, 9, 0))
    assert "Samlingen er over." in page
    assert "is-now" not in page and "is-next" not in page


def test_after_the_day_s_last_item_it_points_to_the_next_day(
    client, app, auth, tenants, make_gathering, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering()
    auth.login(tenants.facilitator)
    page = _screen(client, app, monkeypatch, gid, datetime(2030, 3, 6, 14, 0))
    assert "Dagens program er over." in page
    assert "Programmet fortsetter torsdag 7. mars 2030." in page
    assert set(_states(page).values()) == {"is-past"}


def test_before_the_day_s_first_item_it_is_next(
    client, app, auth, tenants, make_gathering, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering()
    auth.login(tenants.facilitator)
    page = _screen(client, app, monkeypatch, gid, datetime(2030, 3, 6, 8, 0))
    assert _states(page)["Velkommen"] == "is-next" and "is-now" not in page


def test_another_day_of_the_gathering_shows_without_marks(
    client, app, auth, tenants, make_gathering, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering()
    auth.login(tenants.facilitator)
    page = _screen(client, app, monkeypatch, gid, datetime(2030, 3, 6, 10, 30), "?day=2030-03-07")
    assert _states(page) == {"God morgen": ""}
