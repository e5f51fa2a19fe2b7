"""A file larger than its field takes is refused in the browser before anything is sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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
