"""A file larger than its field takes is refused in the browser before anything is sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from heltidnett.demo import DEMO_PASSWORD
from tests.browser_support import axe_violations, login

pytestmark = pytest.mark.browser


def test_too_large_poster_is_refused_before_sending_and_the_story_stays(
    page: Any, live_server: Any, tmp_path: Path
) -> None:
    login(page, live_server, "koordinator.alta@example.org")
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Heltid i nord").first.click()
    page.wait_for_load_state("networkidle")
    page.goto(page.url + "/stories/new")
    page.get_by_label("Tittel").fill("Ny turnus på Alta sykehjem")
    page.get_by_label("Gjort").fill("Vi prøvde langvakter i helg på to avdelinger.")
    poster = tmp_path / "plakat.png"
    with poster.open("wb") as out:  # 25 MB: the form takes 8
        out.write(b"\x89PNG\r\n\x1a\n")
        out.truncate(25 * 1024 * 1024)
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)

    page.get_by_label("Bilde av plakaten").set_input_files(str(poster))
    error = page.locator("#poster-error")
    assert error.is_visible()
    assert error.inner_text() == "Filen er for stor. Største tillatte størrelse er 8 MB."
    field = page.get_by_label("Bilde av plakaten")
    assert field.get_attribute("aria-invalid") == "true"
    assert "poster-error" in (field.get_attribute("aria-describedby") or "").split()

    page.get_by_role("button", name="Lagre som utkast").click()
    page.wait_for_timeout(300)
    assert posts == []  # nothing was sent
    assert "/stories/new" in page.url
    assert page.get_by_label("Tittel").input_value() == "Ny turnus på Alta sykehjem"
    assert page.get_by_label("Gjort").input_value().startswith("Vi prøvde langvakter")
    assert axe_violations(page) == []

    small = tmp_path / "liten.png"
    small.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    field.set_input_files(str(small))
    assert not error.is_visible()
    assert field.get_attribute("aria-invalid") == "false"


def _story_form(page: Any, live_server: Any) -> None:
    """The new-story form of Heltid i nord, with a title and what was done typed in."""
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Heltid i nord").first.click()
    page.wait_for_load_state("networkidle")
    page.goto(page.url + "/stories/new")
    page.get_by_label("Tittel").fill("Ny turnus på Alta sykehjem")
    page.get_by_label("Gjort").fill("Vi prøvde langvakter i helg på to avdelinger.")


@pytest.fixture
def small_request_limit(live_server: Any) -> Any:
    """The server takes at most 3 MB in one request (MAX_CONTENT_LENGTH), for this test."""
    config = live_server.server.app.config
    before = config["MAX_CONTENT_LENGTH"]
    config["MAX_CONTENT_LENGTH"] = 3 * 1024 * 1024
    yield config
    config["MAX_CONTENT_LENGTH"] = before


def test_the_form_states_the_limit_the_server_applies(
    page: Any, live_server: Any, small_request_limit: Any
) -> None:
    login(page, live_server, "koordinator.alta@example.org")
    _story_form(page, live_server)
    field = page.get_by_label("Bilde av plakaten")
    assert field.get_attribute("data-max-bytes") == str(3 * 1024 * 1024)
    assert "PNG, JPEG, WebP eller GIF, høyst 3 MB." in page.locator("main").inner_text()
    assert "8 MB" not in page.content()


def test_a_request_above_the_servers_limit_gets_the_apps_413_page_and_the_text_back(
    page: Any, live_server: Any, tmp_path: Path, small_request_limit: Any
) -> None:
    login(page, live_server, "koordinator.alta@example.org")
    _story_form(page, live_server)
    form_url = page.url
    field = page.get_by_label("Bilde av plakaten")
    field.evaluate("input => input.removeAttribute('data-max-bytes')")  # the check bypassed
    poster = tmp_path / "plakat.png"
    with poster.open("wb") as out:  # 5 MB: above the request limit of 3
        out.write(b"\x89PNG\r\n\x1a\n")
        out.truncate(5 * 1024 * 1024)
    field.set_input_files(str(poster))
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre som utkast").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Filen eller skjemaet er for stort"
    text = page.locator("main").inner_text()
    assert "større enn 3 MB" in text
    assert "Gå tilbake til skjemaet" in text
    assert (
        page.get_by_role("button", name="Logg ut").count()
        + page.get_by_role("link", name="Logg ut").count()
        >= 1
    )  # inside the app's layout, not Werkzeug's bare page
    assert axe_violations(page) == []

    page.get_by_role("link", name="Tilbake til skjemaet").click()
    page.wait_for_load_state("networkidle")
    assert page.url == form_url
    assert page.get_by_label("Tittel").input_value() == "Ny turnus på Alta sykehjem"
    assert page.get_by_label("Gjort").input_value().startswith("Vi prøvde langvakter")

    page.goto(form_url)  # the text is given back once, not on every later visit
    assert page.get_by_label("Tittel").input_value() == ""


def test_without_javascript_the_413_page_is_the_apps_and_back_keeps_the_text(
    browser: Any, live_server: Any, tmp_path: Path, small_request_limit: Any
) -> None:
    context = browser.new_context(
        java_script_enabled=False, locale="nb-NO", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/login")
        page.get_by_label("E-post").fill("koordinator.alta@example.org")
        page.get_by_label("Passord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        _story_form(page, live_server)
        poster = tmp_path / "plakat.png"
        with poster.open("wb") as out:
            out.write(b"\x89PNG\r\n\x1a\n")
            out.truncate(5 * 1024 * 1024)
        page.get_by_label("Bilde av plakaten").set_input_files(str(poster))
        page.get_by_role("button", name="Lagre som utkast").click()
        page.wait_for_load_state()
        text = page.locator("main").inner_text()
        assert "3 MB" in text
        page.go_back()
        assert page.get_by_label("Tittel").input_value() == "Ny turnus på Alta sykehjem"
    finally:
        context.close()
