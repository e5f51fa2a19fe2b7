"""Read matrix: every page, download and API read, fetched by every role that must not read
Alta's drafts, either refuses or shows none of them; and nothing answers 5xx.

The routes come from `app.url_map` (every GET rule) and the API reads from the OpenAPI document,
filled from the world as in the write matrix. Bodies are read as a person would read them:
HTML, JSON, CSV and iCalendar as text, PDFs through pypdf, .docx through python-docx and .xlsx
through openpyxl. The control at the end shows that every marker is visible to Alta's own
side somewhere, so its absence elsewhere means it was kept back, not that it is never shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from config import TestConfig
from heltidnett import create_app
from tests.matrix_world import (
    MARKERS,
    ROLES,
    MissingArgument,
    World,
    body_text,
    build_url,
    fillings,
    is_refusal,
    leaked_markers,
)

pytest_plugins = ["tests.matrix_fixtures"]

_APP = create_app(TestConfig)  # only to read the url_map and the OpenAPI document

# Public by design: no record behind them.
PUBLIC_READS = frozenset(
    {
        "static",  # the app's own CSS, scripts and images
        "core.health",  # "ok" for the load balancer
        "api-docs.openapi_json",  # the API's description
        "auth.login",  # the login form
        "auth.set_password",  # needs the secret of a one-time link
        "auth.oidc_start",  # the redirect to a provider's login
        "auth.oidc_callback",  # back from a provider: needs the state of a started login
        "auth.invitation_with_provider",  # needs the secret of a one-time link
        "polls.join",  # typing a poll's code: no account, no record
        "polls.answer",  # an open poll's questions by its code (a draft's title is not shown)
        "notifications.unsubscribe",  # needs a signed token; shows only the kind's name
    }
)

# Query strings worth trying on some pages, besides the bare URL: filters that name a
# planned gathering or a draft (by id) must not bring its title or text along.
QUERIES: dict[str, list[str]] = {
    "stories.gallery": ["?gathering={gathering_planned}", "?municipality={alta}"],
    "stories.present": ["?n=1", "?n=2"],
    "workbooks.history": ["?a=1&b=2"],
    "declarations.compare": ["?from=1&to=2"],
    "municipalities.show": [""],
    "staffing.show": ["?period=2024"],
    "gatherings.groups": ["?n=2"],
    "workbooks.municipality_pdf": ["?feedback=1"],
    "workbooks.municipality_docx": ["?feedback=1"],
    "workbooks.network_pdf": ["?feedback=1"],
    "api_staffing.list_measurements": ["?period=2024"],
}

# Holes found by the matrix and fixed elsewhere: case id → reason (strict xfail: once the fix
# is merged the case passes, the xfail fails, and the entry must go).
KNOWN_LEAKS: dict[str, str] = {}


@dataclass(frozen=True)
class Read:
    """One GET of one rule with one filling and one query string."""

    rule: Any
    filling_name: str
    filling: dict[str, Any]
    query: str

    @property
    def label(self) -> str:
        suffix = f"[{self.filling_name}]" if self.filling_name else ""
        return f"GET {self.rule.rule}{suffix}{self.query}"

    def url(self, world: World) -> str:
        return build_url(world, self.rule, self.filling) + self.query.format(**world.ids)


def _reads() -> tuple[list[Read], list[str]]:
    reads, unfillable = [], []
    for rule in sorted(_APP.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in PUBLIC_READS or "GET" not in (rule.methods or set()):
            continue
        try:
            named = fillings(rule)
        except MissingArgument as error:
            unfillable.append(str(error))
            continue
        for name, values in named:
            for query in ["", *QUERIES.get(rule.endpoint, [])]:
                reads.append(Read(rule, name, values, query))
    return reads, sorted(set(unfillable))


READS, UNFILLABLE = _reads()


def _cases(reads: list[Read], prefix: str = "") -> list[Any]:
    cases = []
    seen = set()
    for read in reads:
        for role in ROLES:
            case_id = f"{prefix}{read.label}-{role}"
            if case_id in seen:
                continue
            seen.add(case_id)
            marks = (
                [pytest.mark.xfail(strict=True, reason=KNOWN_LEAKS[case_id])]
                if case_id in KNOWN_LEAKS
                else []
            )
            cases.append(pytest.param(read, role, id=case_id, marks=marks))
    return cases


def _check(response: Any, role: str, what: str) -> None:
    assert response.status_code < 500, f"{what} as {role}: {response.status_code}"
    if is_refusal(response, role):
        return
    assert role != "anonymous", f"{what} answered {response.status_code} to an anonymous request"
    leaked = leaked_markers(body_text(response), role)
    assert not leaked, f"{what} as {role} ({response.status_code}) shows {sorted(leaked)}"


def test_every_read_route_can_be_filled():
    """A route whose arguments the matrix cannot fill would slip by: add it to the world."""
    assert not UNFILLABLE, "\n".join(UNFILLABLE)
    assert len({r.rule.rule for r in READS}) >= 60


@pytest.mark.parametrize(("read", "role"), _cases(READS))
def test_read_route_keeps_drafts_back(case_db: World, read: Read, role: str) -> None:
    world = case_db
    url = read.url(world)
    response = world.client(role).get(url)
    _check(response, role, f"GET {url}")


# ---- the API reads, as the OpenAPI document lists them, with bearer tokens -----------------


def _api_reads() -> list[Read]:
    document = _APP.test_client().get("/api/v1/openapi.json").get_json()
    rules = {r.rule: r for r in _APP.url_map.iter_rules()}
    reads = []
    for path, item in document["paths"].items():
        if "get" not in item:
            continue
        flask_path = path.replace("{", "<int:").replace("}", ">")
        if not flask_path.startswith("/api/v1/"):
            flask_path = "/api/v1" + flask_path
        rule = rules[flask_path]
        for name, values in fillings(rule):
            for query in ["", *QUERIES.get(rule.endpoint, [])]:
                reads.append(Read(rule, name, values, query))
    return reads


API_READS = _api_reads()


@pytest.mark.parametrize(("read", "role"), _cases(API_READS, prefix="API "))
def test_api_read_keeps_drafts_back(case_db: World, read: Read, role: str) -> None:
    world = case_db
    url = read.url(world)
    response = world.app.test_client().get(url, headers=world.bearer(role))
    _check(response, role, f"API GET {url}")


# ---- control: Alta's own side does see every marker somewhere ------------------------------

# Private texts no page shows, even to Alta's own side (still checked for leaks everywhere).
NEVER_SHOWN = {"import_mapping": "a saved column mapping is applied to uploads, never shown"}


def test_every_marker_is_shown_to_altas_own_side(world: World) -> None:
    """Each marker appears on some page for Alta's coordinator or the network's facilitator."""
    expected = set(MARKERS) - set(NEVER_SHOWN)
    seen: set[str] = set()
    pages = [r for r in READS if "." not in r.rule.rule.rsplit("/", 1)[-1]]  # not downloads
    for role in ("facilitator", "alta_coordinator"):
        for read in pages:
            if seen >= expected:
                return
            nested = world.connection.begin_nested()
            try:
                response = world.client(role).get(read.url(world))
                assert response.status_code < 500, (read.label, role, response.status_code)
                if response.status_code == 200:
                    seen |= {k for k, v in MARKERS.items() if v in _marked(body_text(response))}
            finally:
                nested.rollback()
    assert seen >= expected, f"never shown to Alta's side: {sorted(expected - seen)}"


def _marked(text: str) -> set[str]:
    """The markers in a text, whole (HEMMELIG-UTKAST-1 is not HEMMELIG-UTKAST-10)."""
    import re

    return set(re.findall(r"HEMMELIG-UTKAST-\d+", text))


@pytest.mark.parametrize(
    ("path", "role", "marker"),
    [
        ("/networks/{network_x}/municipalities/{alta}/workbook.pdf", "alta_coordinator", 2),
        ("/networks/{network_x}/municipalities/{alta}/workbook.docx", "alta_coordinator", 2),
        ("/municipalities/{alta}/declaration/versions/2.pdf", "alta_coordinator", 5),
        ("/gatherings/{gathering_published}/attendance.xlsx", "facilitator", 12),
        ("/gatherings/{gathering_published}/attendance.csv", "facilitator", 12),
    ],
)
def test_downloads_are_read_as_text(world: World, path: str, role: str, marker: int) -> None:
    """The body readers find text in PDFs, .docx, .xlsx and CSV (else a leak would hide)."""
    nested = world.connection.begin_nested()
    try:
        response = world.client(role).get(path.format(**world.ids))
    finally:
        nested.rollback()
    assert response.status_code == 200
    assert f"HEMMELIG-UTKAST-{marker}" in _marked(body_text(response))
