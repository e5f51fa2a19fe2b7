"""A too-large upload is a form error with what was typed kept, not a bare 413 page."""

from __future__ import annotations

import io
from typing import Any

import pytest

from heltidnett.core.uploads import CappedFile
from tests.conftest import csrf_token

pytest_plugins = ["tests.stories_fixtures", "tests.gatherings_fixtures"]

MB = 1024 * 1024
STORY = {
    "title": "Ny turnus på Alta sykehjem",
    "done_text": "Vi prøvde langvakter i helg på to avdelinger.",
    "learned_text": "De ansatte vil være med å bestemme.",
    "smart_text": "",
    "action": "save",
}


def post_multipart(client: Any, path: str, data: dict[str, Any]) -> Any:
    """A multipart form post encoded in memory (the test client spools a large body to a
    temporary file it never closes), with the form's CSRF token."""
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import stream_encode_multipart

    values = {
        name: FileStorage(value[0], value[1]) if isinstance(value, tuple) else value
        for name, value in {**data, "csrf_token": csrf_token(client, path)}.items()
    }
    stream, length, boundary = stream_encode_multipart(values, use_tempfile=False)
    return client.post(
        path,
        input_stream=stream,
        content_length=length,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def big_png(size: int) -> io.BytesIO:
    return io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * (size - 8))


@pytest.mark.parametrize("size", [9 * MB, 25 * MB])  # over the field's 8 MB; over the old 20 MB
def test_oversize_poster_re_renders_the_story_with_the_text_kept(
    client: Any, auth: Any, north: Any, size: int
) -> None:
    auth.login(north.alta_coordinator)
    data = {
        **STORY,
        "municipality": north.alta.id,
        "gathering": north.g3.id,
        "poster": (big_png(size), "plakat.png"),
    }
    path = f"/networks/{north.north.id}/stories/new"
    response = post_multipart(client, path, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="Ny turnus på Alta sykehjem"' in page
    assert "Vi prøvde langvakter i helg på to avdelinger." in page
    assert "De ansatte vil være med å bestemme." in page
    assert 'id="poster-error">Filen er for stor. Største tillatte størrelse er 8 MB.</div>' in page
    assert 'href="#poster"' in page  # the summary points to the file field


def test_oversize_material_keeps_its_name(
    client: Any, auth: Any, tenants: Any, make_gathering: Any, app: Any
) -> None:
    from heltidnett.extensions import db
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering()
    with app.app_context():
        item_id = db.session.get(Gathering, gid).items[1].id
    auth.login(tenants.facilitator)
    data = {
        "title": "Presentasjon fra Bodø",
        "url": "",
        "file": (io.BytesIO(b"%PDF-1.4" + b"\0" * 21 * MB), "p.pdf"),
    }
    response = post_multipart(client, f"/agenda/{item_id}/materials", data)
    page = response.get_data(as_text=True)
    assert response.status_code != 413
    assert 'value="Presentasjon fra Bodø"' in page
    assert 'id="file-error">Filen er for stor. Største tillatte størrelse er 20 MB.</div>' in page


def test_file_fields_carry_their_limit_and_translated_message(
    client: Any, auth: Any, north: Any
) -> None:
    auth.login(north.alta_coordinator)
    page = client.get(f"/networks/{north.north.id}/stories/new").get_data(as_text=True)
    assert f'data-max-bytes="{8 * MB}"' in page
    assert 'data-too-large="Filen er for stor. Største tillatte størrelse er 8 MB."' in page
    assert "js/uploads.js" in page


def test_an_upload_is_kept_on_disk_only_up_to_the_cap() -> None:
    with CappedFile(10) as stored:
        for chunk in (b"a" * 6, b"b" * 6, b"c" * 6):
            assert stored.write(chunk) == 6  # the parser is told all was taken
        stored.seek(0)
        assert stored.read() == b"aaaaaabbbbb"  # cap + 1 bytes: enough to see it is too large
        assert stored.received == 18


def test_a_request_above_the_hard_limit_is_still_a_413(
    app: Any, client: Any, auth: Any, north: Any
) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 30 * MB
    auth.login(north.alta_coordinator)
    data = {
        **STORY,
        "municipality": north.alta.id,
        "gathering": north.g3.id,
        "poster": (big_png(31 * MB), "p.png"),
    }
    response = post_multipart(client, f"/networks/{north.north.id}/stories/new", data)
    assert response.status_code == 413


def test_every_upload_form_states_the_limit_the_servers_configuration_gives(
    app: Any, client: Any, auth: Any, north: Any, make_gathering: Any
) -> None:
    """The help text and the browser's check name the field's own limit, lowered to what the
    server keeps of each file (UPLOAD_FILE_CAP): never a number the server does not apply."""
    gid = make_gathering()
    auth.login(north.facilitator)
    pages = {
        f"/networks/{north.north.id}/stories/new": "PNG, JPEG, WebP eller GIF, høyst %d MB.",
        f"/municipalities/{north.alta.id}/staffing/import": "xls, ods eller csv, høyst %d MB.",
        f"/gatherings/{gid}/attendance": "Stilling/tittel, Firma. Høyst %d MB.",
    }
    defaults = [8, 20, 5]  # each field's own limit, under the default cap of 20 MB
    for (path, text), mb in zip(pages.items(), defaults, strict=True):
        page = client.get(path).get_data(as_text=True)
        assert text % mb in page, path
        assert f'data-max-bytes="{mb * MB}"' in page, path
    app.config["UPLOAD_FILE_CAP"] = 4 * MB
    for path, text in pages.items():
        page = client.get(path).get_data(as_text=True)
        assert text % 4 in page, path
        assert f'data-max-bytes="{4 * MB}"' in page, path
        assert "Største tillatte størrelse er 4 MB." in page, path


def test_a_file_above_a_lowered_cap_is_refused_not_stored_cut_short(
    app: Any, client: Any, auth: Any, north: Any
) -> None:
    app.config["UPLOAD_FILE_CAP"] = 2 * MB
    auth.login(north.alta_coordinator)
    data = {
        **STORY,
        "municipality": north.alta.id,
        "gathering": north.g3.id,
        "poster": (big_png(3 * MB), "plakat.png"),
    }
    response = post_multipart(client, f"/networks/{north.north.id}/stories/new", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Filen er for stor. Største tillatte størrelse er 2 MB." in page
    assert 'value="Ny turnus på Alta sykehjem"' in page


def test_the_413_page_is_the_apps_own_with_the_limit_and_the_way_back(
    app: Any, client: Any, auth: Any, north: Any
) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 3 * MB
    auth.login(north.alta_coordinator)
    path = f"/networks/{north.north.id}/stories/new"
    data = {**STORY, "poster": (big_png(4 * MB), "p.png")}
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import stream_encode_multipart

    values = {k: FileStorage(*v) if isinstance(v, tuple) else v for k, v in data.items()}
    stream, length, boundary = stream_encode_multipart(values, use_tempfile=False)
    response = client.post(
        path,
        input_stream=stream,
        content_length=length,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers={"Referer": f"http://localhost{path}", "Accept-Language": "nb"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "Det du sendte er større enn 3 MB" in page
    assert f'href="http://localhost{path}" id="back-to-form"' in page
    assert "data-upload-refused" in page
    assert "Logg ut" in page  # the app's layout, not Werkzeug's bare page
    assert "Request Entity Too Large" not in page
    client.post("/language", data={"language": "en", "csrf_token": csrf_token(client, "/")})
    english = client.post(
        path,
        input_stream=io.BytesIO(b"x" * (3 * MB + 1)),
        content_length=3 * MB + 1,
        content_type="multipart/form-data; boundary=x",
    ).get_data(as_text=True)
    assert "larger than 3 MB" in english
