"""Hostile files against every upload path: each corpus file (tests/hostile/corpus.py) is
posted to each route that takes a file, found in the url_map, and must be refused with a 4xx
or, where a route keeps documents or images, stored under its sniffed type and a matching
name; in bounded time and memory, with the server answering a normal request afterwards."""

from __future__ import annotations

import functools
import inspect
import io
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart
from wtforms.fields import FileField

from heltidnett.extensions import db
from heltidnett.files.models import StoredFile
from heltidnett.files.services import EXTENSIONS, sniff
from tests.conftest import csrf_token
from tests.hostile.corpus import CORPUS, Hostile, xlsx

pytest_plugins = ["tests.gatherings_fixtures", "tests.stories_fixtures"]

MAX_SECONDS = 10.0
MAX_RSS_GROWTH = 256 * 1024 * 1024  # of this (the web) process: the reading is in a child
STORY = {
    "title": "Forankring i alle retninger",
    "done_text": "Vi har valgt tre pilotavdelinger.",
    "learned_text": "Lederne trenger praktiske verktøy.",
    "smart_text": "Ressurspersoner som brenner for saken.",
    "themes": ["anchoring"],
}


@dataclass(frozen=True)
class Upload:
    """How to post a file to one upload route, and what it may keep."""

    field: str
    keeps: str  # "nothing" (spreadsheet imports), "documents" or "images"
    api: bool = False


UPLOADS = {
    "staffing.upload": Upload("file", "nothing"),
    "api_staffing.import_file": Upload("file", "nothing", api=True),
    "gatherings.import_preview": Upload("file", "nothing"),
    "gatherings.add_material": Upload("file", "documents"),
    "stories.create": Upload("poster", "images"),
    "stories.edit": Upload("poster", "images"),
}


def _has_file_field(form: type) -> bool:
    return any(
        isinstance(getattr(getattr(form, name, None), "field_class", None), type)
        and issubclass(getattr(form, name).field_class, FileField)
        for name in dir(form)
    )


def _takes_files(function: Callable[..., Any], depth: int = 0) -> bool:
    """Whether a view (or a helper of the app it calls) reads request.files or builds a form
    with a file field."""
    codes, names = [function.__code__], set()
    while codes:
        code = codes.pop()
        names |= set(code.co_names)
        codes += [c for c in code.co_consts if inspect.iscode(c)]
    if {"request", "files"} <= names:
        return True
    for name in names:
        value = function.__globals__.get(name)
        if isinstance(value, type) and issubclass(value, FlaskForm) and _has_file_field(value):
            return True
        if (
            depth < 2
            and inspect.isfunction(value)
            and value.__module__.startswith("heltidnett")
            and _takes_files(value, depth + 1)
        ):
            return True
    return False


def upload_endpoints(app: Flask) -> set[str]:
    """Every endpoint of the app that takes a file, found in the url_map."""
    found = set()
    for rule in app.url_map.iter_rules():
        if not (rule.methods or set()) & {"POST", "PUT", "PATCH"}:
            continue
        view = inspect.unwrap(app.view_functions[rule.endpoint])
        if inspect.isfunction(view) and _takes_files(view):
            found.add(rule.endpoint)
    return found


def test_every_upload_route_is_in_the_matrix(app: Flask) -> None:
    """A new route that takes a file fails here until it is added to UPLOADS (and so tried
    with every hostile file)."""
    assert upload_endpoints(app) == set(UPLOADS)


@functools.cache
def corpus_bytes(name: str) -> bytes:
    """A corpus file, made once for the session."""
    return next(h for h in CORPUS if h.name == name).make()


@pytest.fixture
def world(app, tenants, make_gathering, make_held_gathering, make_story):  # type: ignore[no-untyped-def]
    """Paths and people for each upload route."""
    from datetime import date

    from heltidnett.gatherings.models import Gathering

    gathering_id = make_gathering()
    held = make_held_gathering(tenants.north, 3, date(2018, 3, 6))
    story = make_story(tenants.alta, held)
    with app.app_context():
        item_id = db.session.get(Gathering, gathering_id).items[1].id
    alta, north = tenants.alta.id, tenants.north.id
    return {
        "staffing.upload": (
            tenants.alta_coordinator,
            f"/municipalities/{alta}/staffing/import",
            None,
            {},
        ),
        "api_staffing.import_file": (
            tenants.alta_coordinator,
            f"/api/v1/municipalities/{alta}/imports",
            None,
            {},
        ),
        "gatherings.import_preview": (
            tenants.facilitator,
            f"/gatherings/{gathering_id}/import",
            f"/gatherings/{gathering_id}/attendance",
            {},
        ),
        "gatherings.add_material": (
            tenants.facilitator,
            f"/agenda/{item_id}/materials",
            None,
            {"title": "Fil fra en fiendtlig bruker", "url": ""},
        ),
        "stories.create": (
            tenants.alta_coordinator,
            f"/networks/{north}/stories/new",
            None,
            {**STORY, "gathering": held.id, "municipality": alta, "action": "save"},
        ),
        "stories.edit": (
            tenants.alta_coordinator,
            f"/stories/{story.id}/edit",
            None,
            {**STORY, "gathering": held.id, "municipality": alta},
        ),
    }


def _post(client, auth, api_token, world, endpoint: str, data: bytes, name: str):  # type: ignore[no-untyped-def]
    user, path, form_page, fields = world[endpoint]
    upload = UPLOADS[endpoint]
    headers = api_token(user) if upload.api else {}
    if not upload.api:
        auth.login(user)
        fields = {**fields, "csrf_token": csrf_token(client, form_page or path)}
    body = MultiDict(
        [(k, v) for k, vs in fields.items() for v in (vs if isinstance(vs, list) else [vs])]
    )
    body.add(upload.field, FileStorage(io.BytesIO(data), name))
    boundary, encoded = encode_multipart(body)  # bytes: the test client keeps no temporary file
    return client.post(
        path,
        data=encoded,
        headers=headers,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def _stored(app: Flask) -> list[StoredFile]:
    with app.app_context():
        files = db.session.scalars(sa.select(StoredFile)).all()
        for f in files:
            db.session.expunge(f)
        return files


@pytest.mark.parametrize("endpoint", sorted(UPLOADS))
@pytest.mark.parametrize("hostile", CORPUS, ids=lambda h: h.name)
def test_hostile_file_is_refused_or_kept_safely(  # type: ignore[no-untyped-def]
    app, client, auth, api_token, world, endpoint: str, hostile: Hostile
) -> None:
    data = corpus_bytes(hostile.name)
    stored_before = {f.id for f in _stored(app)}
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    started = time.perf_counter()
    response = _post(client, auth, api_token, world, endpoint, data, hostile.name)
    elapsed = time.perf_counter() - started
    assert elapsed < MAX_SECONDS, f"{hostile.name} took {elapsed:.1f} s on {endpoint}"
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - rss_before
    assert growth < MAX_RSS_GROWTH, f"{hostile.name} grew the process by {growth / 1e6:.0f} MB"
    new = [f for f in _stored(app) if f.id not in stored_before]
    keeps = UPLOADS[endpoint].keeps
    acceptable = sniff(data) or ""
    kept_here = (keeps == "documents" and hostile.image_or_document) or (
        keeps == "images" and acceptable.startswith("image/")
    )
    if 400 <= response.status_code < 500:
        assert not new, f"{hostile.name} was refused on {endpoint} but kept"
    else:
        # only a route that keeps files may take it, and then under its sniffed type and name
        assert keeps != "nothing" and response.status_code in (200, 302), response.status_code
        assert kept_here or (keeps == "documents" and acceptable), hostile.name
        assert len(new) == 1
        assert new[0].content_type == acceptable
        assert new[0].filename.rsplit(".", 1)[-1] in EXTENSIONS[acceptable]
    assert client.get("/healthz").status_code == 200  # the server still answers


def test_control_file_is_accepted_by_every_spreadsheet_route(  # type: ignore[no-untyped-def]
    client, auth, api_token, world
) -> None:
    """The corpus's benign base file goes through, so the refusals above are the hostile parts'."""
    base = xlsx()
    page = _post(client, auth, api_token, world, "staffing.upload", base, "tall.xlsx")
    assert page.status_code == 302, page.get_data(as_text=True)[:500]
    api = _post(client, auth, api_token, world, "api_staffing.import_file", base, "tall.xlsx")
    assert api.status_code == 200, api.get_json()
