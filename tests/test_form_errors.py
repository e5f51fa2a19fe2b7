"""A broken rule that is about one field is shown on that field, not on the form's first one.

The services name the field (`ServiceError(..., field="ends_on")`) and `Outcome.show_on` puts
the message there, tied to the input by aria-describedby, as the form's own errors are.
"""

from __future__ import annotations

import html
import re
from typing import Any

from heltidnett.core.errors import ServiceError
from tests.conftest import gathering_form, post_form

pytest_plugins = ["tests.stories_fixtures", "tests.workbooks_fixtures"]


def field_error(page: str, field_id: str) -> str | None:
    """The error text shown under a field, checking that its input points to it."""
    match = re.search(rf'id="{re.escape(field_id)}-error"[^>]*>(.*?)</div>', page, re.S)
    if match is None:
        return None
    tag = re.search(rf'<(?:input|textarea|select)[^>]*\bid="{re.escape(field_id)}"[^>]*>', page)
    assert tag is not None, f"no input {field_id}"
    described = re.search(r'aria-describedby="([^"]*)"', tag.group(0))
    assert described and f"{field_id}-error" in described.group(1).split()
    assert 'aria-invalid="true"' in tag.group(0)
    return html.unescape(match.group(1)).strip()


def test_service_error_carries_an_optional_field() -> None:
    assert ServiceError("Feil").field is None
    error = ServiceError("Siste dag kan ikke være før første dag.", field="ends_on")
    assert error.field == "ends_on" and str(error) == "Siste dag kan ikke være før første dag."


def test_gathering_end_before_start_is_shown_on_the_last_day(
    client: Any, auth: Any, tenants: Any
) -> None:
    auth.login(tenants.facilitator)
    path = f"/networks/{tenants.north.id}/gatherings/new"
    page = post_form(client, path, gathering_form(ends_on="2030-03-05")).get_data(as_text=True)
    assert field_error(page, "ends_on") == "Siste dag kan ikke være før første dag."
    assert field_error(page, "title") is None
    assert 'href="#ends_on"' in page  # the error summary links to the field


def test_registration_deadline_after_the_gathering_is_shown_on_the_deadline(
    client: Any, auth: Any, tenants: Any
) -> None:
    auth.login(tenants.facilitator)
    path = f"/networks/{tenants.north.id}/gatherings/new"
    data = gathering_form(registration_deadline="2030-03-20")
    page = post_form(client, path, data).get_data(as_text=True)
    message = "Påmeldingsfristen kan ikke være etter samlingen."
    assert field_error(page, "registration_deadline") == message
    assert field_error(page, "title") is None
    assert 'value="Samling 3"' in page  # what was typed is kept


def test_duplicate_chapter_number_is_shown_on_the_number(
    client: Any, auth: Any, tenants: Any, chapter: Any
) -> None:
    auth.login(tenants.facilitator)
    new = f"/networks/{tenants.north.id}/chapters/new"
    response = post_form(client, new, {"c-number": "2", "c-title": "Innsikt", "c-introduction": ""})
    page = response.get_data(as_text=True)
    assert field_error(page, "c-number") == "Nettverket har allerede et kapittel 2."
    assert field_error(page, "c-title") is None
    assert 'value="Innsikt"' in page


def test_duplicate_gathering_number_is_shown_on_the_number(
    client: Any, auth: Any, north: Any
) -> None:
    auth.login(north.facilitator)
    page = post_form(
        client, f"/networks/{north.north.id}/gatherings/new", gathering_form(number="3")
    ).get_data(as_text=True)
    assert field_error(page, "number") == "Nettverket har allerede en samling med nummer 3."
    assert field_error(page, "title") is None


def test_commitment_without_a_deadline_is_shown_on_the_deadline(
    client: Any, auth: Any, north: Any
) -> None:
    auth.login(north.alta_coordinator)
    data = {
        "c-municipality": north.alta.id,
        "c-text": "Etter siste samling",
        "c-owner": "Prosjektleder",
        "c-due_on": "",
    }
    page = post_form(client, f"/gatherings/{north.g4.id}/commitments", data).get_data(as_text=True)
    assert field_error(page, "c-due_on") == "Neste samling er ikke satt opp ennå. Skriv en frist."
    assert field_error(page, "c-text") is None
    assert "Etter siste samling" in page
