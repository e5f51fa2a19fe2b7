"""At phone width the main pages never scroll sideways and charts stay readable (or give way
to their tables); the big screen shows the programme alone, with now and next."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.browser_support import login

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", "artifacts/screenshots"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
OSLO = ZoneInfo("Europe/Oslo")

# The main pages of the demo, as paths with the demo's records put in
MAIN_PAGES = {
    "home": "/",
    "network": "/networks/{north}",
    "municipality": "/municipalities/{bodo}",
    "gathering": "/gatherings/{gathering}",
    "programme": "/gatherings/{gathering}/projection",
    "chapter": "/chapters/{chapter}",
    "delivery": "/chapters/{chapter}/deliveries/{bodo}",
    "declaration": "/municipalities/{bodo}/declaration",
    "staffing": "/municipalities/{bodo}/staffing",
    "comparison": "/networks/{north}/staffing",
    "stories": "/networks/{north}/stories",
    "commitments": "/networks/{north}/commitments",
    "steering": "/networks/{north}/steering",
    "steering, ended network": "/networks/{heltid}/steering",
}

# Every chart either draws its smallest text at 11 CSS px or more, or is hidden with the
# table of its numbers shown in its place.
CHART_PROBLEMS = """() => Array.from(document.querySelectorAll("svg.chart")).flatMap((svg) => {
  const figure = svg.closest("figure");
  const name = figure ? figure.getAttribute("aria-labelledby") : "chart";
  if (!svg.checkVisibility()) {
    const table = figure && figure.querySelector("table");
    return table && table.checkVisibility() ? [] : [name + ": neither chart nor table"];
  }
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = Array.from(svg.querySelectorAll("text")).map(
    (t) => parseFloat(t.getAttribute("font-size")) * scale);
  const smallest = Math.min(...sizes);
  return smallest >= 11 ? [] : [name + ": text " + smallest.toFixed(1) + " px"];
})"""


@pytest.fixture(scope="module")
def demo_ids(live_server: Any) -> dict[str, int]:
    """The demo's records the main pages show."""
    import sqlalchemy as sa

    from heltidnett.extensions import db
    from heltidnett.gatherings.models import Gathering, GatheringStatus
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks.models import Network
    from heltidnett.workbooks.models import Chapter

    with live_server.server.app.app_context():
        north = db.session.scalar(
            sa.select(Network).where(Network.name.startswith("Heltidsnettverk Nord-Norge"))
        )
        heltid = db.session.scalar(sa.select(Network).where(Network.name == "Heltid i nord"))
        bodo = db.session.scalar(sa.select(Municipality).where(Municipality.name == "Bodø"))
        gathering = db.session.scalar(
            sa.select(Gathering).where(
                Gathering.network_id == north.id, Gathering.status == GatheringStatus.PUBLISHED
            )
        )
        chapter = db.session.scalar(
            sa.select(Chapter).where(Chapter.network_id == north.id, Chapter.number == 1)
        )
        return {
            "north": north.id,
            "heltid": heltid.id,
            "bodo": bodo.id,
            "gathering": gathering.id,
            "chapter": chapter.id,
        }


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="nb-NO", viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"screens_{name}.png"), full_page=True)


@pytest.mark.parametrize("name", list(MAIN_PAGES))
def test_main_page_fits_a_phone(phone, live_server, demo_ids, name) -> None:  # type: ignore[no-untyped-def]
    login(phone, live_server, "veileder@example.org")
    response = phone.goto(live_server.url + MAIN_PAGES[name].format(**demo_ids))
    assert response.status == 200
    phone.wait_for_load_state("load")
    width = phone.evaluate("document.documentElement.scrollWidth")
    _shot(phone, f"390_{name.replace(' ', '_').replace(',', '')}")
    assert width <= PHONE["width"], f"{name}: the page is {width} px wide"
    assert phone.evaluate(CHART_PROBLEMS) == []


def test_staffing_charts_are_readable_on_a_desktop_and_tables_on_a_phone(
    page, phone, live_server, demo_ids
) -> None:  # type: ignore[no-untyped-def]
    path = MAIN_PAGES["staffing"].format(**demo_ids)
    for view in (page, phone):
        login(view, live_server, "koordinator.bodo@example.org")
        view.goto(live_server.url + path)
        view.wait_for_load_state("load")
        assert view.evaluate(CHART_PROBLEMS) == []
    assert page.locator("svg.chart").first.is_visible()  # the desktop draws the charts
    assert not phone.locator("svg.chart").first.is_visible()  # the phone shows the numbers
    assert phone.locator("figure.staffing-chart table").first.is_visible()
    _shot(page, "1280_staffing")


def test_steering_matrix_is_a_card_per_municipality_on_a_phone(
    phone, live_server, demo_ids
) -> None:  # type: ignore[no-untyped-def]
    login(phone, live_server, "styring.alta@example.org")
    phone.goto(live_server.url + MAIN_PAGES["steering, ended network"].format(**demo_ids))
    alta = phone.locator("table.matrix tbody tr").first
    assert alta.locator("th").inner_text() == "Alta"
    labels = alta.locator(".table-reflow__label")
    assert labels.first.is_visible()  # the milestone's name beside its cell
    assert phone.locator("table.matrix thead").bounding_box()["width"] <= 1


@pytest.fixture
def clock(live_server: Any) -> Iterator[Any]:
    """Set the live server's clock: clock(datetime in Oslo time)."""
    config = live_server.server.app.config

    def set_to(moment: datetime) -> None:
        config["CLOCK"] = lambda: moment.replace(tzinfo=OSLO)

    yield set_to
    config.pop("CLOCK", None)


def _programme_day(live_server: Any, gathering_id: int) -> list[tuple[datetime, datetime, str]]:
    from heltidnett.extensions import db
    from heltidnett.gatherings.models import Gathering

    with live_server.server.app.app_context():
        gathering = db.session.get(Gathering, gathering_id)
        first = gathering.starts_on
        return [(i.start_dt, i.end_dt, i.title) for i in gathering.items if i.day == first]


def test_projection_shows_the_programme_alone_with_now_and_next(
    page, live_server, demo_ids, clock
) -> None:  # type: ignore[no-untyped-def]
    items = _programme_day(live_server, demo_ids["gathering"])
    assert len(items) >= 3
    (_s0, _e0, first), (start, end, second), (start3, _e3, third) = items[:3]
    clock(start + timedelta(minutes=1))
    page.clock.install()
    login(page, live_server, "veileder@example.org")
    page.goto(f"{live_server.url}/gatherings/{demo_ids['gathering']}/projection")
    assert page.get_by_role("button", name="Logg ut").count() == 0
    assert page.locator(".site-header, .site-footer, #language-select").count() == 0
    now = page.locator(".projection__item.is-now")
    assert now.count() == 1 and second in now.text_content() and "Nå" in now.text_content()
    assert now.get_attribute("aria-current") == "time"
    upcoming = page.locator(".projection__item.is-next")
    assert third in upcoming.text_content() and "Neste" in upcoming.text_content()
    assert page.locator(".projection__item.is-past").first.inner_text().find(first) >= 0
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.projection__text')).fontSize)"
    )
    assert size >= 28  # large type on a 1280 px screen
    _shot(page, "1280_projection")

    # A minute after the second item ends, the script has moved the marks without a reload.
    page.clock.run_for(int((max(end, start3) - start).total_seconds() * 1000) + 60_000)
    assert third in page.locator(".projection__item.is-now").inner_text()
    assert second not in page.locator(".projection__item.is-now").inner_text()
