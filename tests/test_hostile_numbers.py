"""Numbers no column can hold, objects where text belongs, names that differ only past ASCII:
every one is a 404 or a 4xx with a Norwegian message, never a 500 (issue 12, item 15)."""

from __future__ import annotations

from typing import Any

import pytest
from flask_wtf import FlaskForm
from marshmallow import Schema, fields, validate
from werkzeug.routing import Rule
from werkzeug.routing.converters import NumberConverter
from wtforms import IntegerField, SelectField
from wtforms.fields.core import UnboundField

from heltidnett.core.bounds import MAX_ID, BoundedIntConverter
from heltidnett.core.forms import IntegerField as BoundedIntegerField
from tests.conftest import csrf_token, post_form

pytest_plugins = ["tests.stories_fixtures"]

HUGE = [2**63, 2**64 + 7, MAX_ID + 1, 10**40]


def _int_rules(app: Any) -> list[Rule]:
    return [
        rule
        for rule in app.url_map.iter_rules()
        if any(isinstance(rule._converters[a], NumberConverter) for a in rule.arguments)
    ]


def test_every_int_converter_is_bounded(app):
    rules = _int_rules(app)
    assert len(rules) > 100
    for rule in rules:
        for argument in rule.arguments:
            converter = rule._converters[argument]
            if isinstance(converter, NumberConverter):
                assert isinstance(converter, BoundedIntConverter), rule.rule


@pytest.mark.parametrize("huge", HUGE)
def test_ids_past_any_column_are_404_on_every_route(app, client, auth, tenants, api_token, huge):
    auth.login(tenants.admin)
    headers = api_token(tenants.admin)
    token = csrf_token(client, "/account")
    seen = 0
    for rule in _int_rules(app):
        values = {
            a: (huge if isinstance(rule._converters[a], NumberConverter) else "x")
            for a in rule.arguments
        }
        url = rule.rule
        for name, value in values.items():
            url = url.replace(f"<int:{name}>", str(value)).replace(f"<{name}>", str(value))
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            api = url.startswith("/api/")
            response = client.open(
                url,
                method=method,
                headers=headers if api else {"X-CSRFToken": token},
                data=None if api or method == "GET" else {"csrf_token": token},
            )
            assert response.status_code in {404, 405}, (method, url, response.status_code)
            seen += 1
    assert seen >= 150


def test_a_thousand_digit_id_is_404(client, auth, tenants):
    auth.login(tenants.admin)
    assert client.get("/networks/" + "9" * 5000).status_code == 404


def test_api_bodies_and_queries_with_huge_ids_are_422(client, tenants, api_token):
    headers = api_token(tenants.alta_coordinator)
    alta = tenants.alta.id
    measurements = client.get(
        f"/api/v1/municipalities/{alta}/measurements?unit={2**63}", headers=headers
    )
    assert measurements.status_code == 422
    assert "Tallet må være mellom" in str(measurements.json["error"]["details"])
    story = client.post(
        f"/api/v1/networks/{tenants.north.id}/stories",
        headers=headers,
        json={"municipality_id": 2**63, "gathering_id": 2**64, "title": "Gjort"},
    )
    assert story.status_code == 422
    details = str(story.json["error"]["details"])
    assert "municipality_id" in details and "gathering_id" in details


def _argument_schemas(app: Any) -> list[Schema]:
    """The schemas every API operation reads its arguments with (and those nested in them)."""
    found = []
    for view in app.view_functions.values():
        for parameters in getattr(view, "_apidoc", {}).get("arguments", {}).get("parameters", []):
            todo = [parameters["schema"]]
            while todo:
                schema = todo.pop()
                schema = schema() if isinstance(schema, type) else schema
                found.append(schema)
                todo.extend(
                    f.schema for f in schema.fields.values() if isinstance(f, fields.Nested)
                )
    return found


def test_every_api_integer_is_bounded(app):
    """A new operation's whole numbers are bounded too (and the OpenAPI document says so)."""
    checked = 0
    for schema in _argument_schemas(app):
        for name, field in schema.fields.items():
            if isinstance(field, fields.Integer) and not field.dump_only:
                ranges = [v for v in field.validators if isinstance(v, validate.Range)]
                assert ranges and ranges[0].max <= MAX_ID, f"{type(schema).__name__}.{name}"
                checked += 1
    assert checked >= 8


def _form_classes() -> list[type[FlaskForm]]:
    import heltidnett.models  # noqa: F401
    from heltidnett import create_app
    from tests.conftest import TestConfig

    create_app(TestConfig)
    found, todo = [], list(FlaskForm.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_every_form_integer_is_bounded():
    checked = 0
    for form in _form_classes():
        for name in dir(form):
            field = getattr(form, name, None)
            if not isinstance(field, UnboundField):
                continue
            if issubclass(field.field_class, IntegerField):
                assert issubclass(field.field_class, BoundedIntegerField), (form, name)
                checked += 1
            if issubclass(field.field_class, SelectField) and field.kwargs.get("coerce") is int:
                # int() takes any size: only a checked choice keeps a huge one from the database
                assert field.kwargs.get("validate_choice", True), (form, name)
    assert checked >= 4


def test_a_form_with_a_huge_number_is_a_form_error(app, client, auth, tenants):
    auth.login(tenants.admin)
    response = post_form(
        client,
        f"/municipalities/{tenants.alta.id}/edit",
        {"name": "Alta", "number": "5601", "population": str(2**63), "written_standard": "nb"},
    )
    assert response.status_code == 200
    assert "Tallet er for stort." in response.get_data(as_text=True)


def test_query_arguments_with_huge_ids_are_ignored(client, auth, tenants):
    auth.login(tenants.facilitator)
    response = client.get(f"/networks/{tenants.north.id}/stories?gathering={2**63}")
    assert response.status_code == 200


def test_measurement_rows_with_objects_or_empty_indicator_are_422(client, tenants, api_token):
    headers = api_token(tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/measurements"
    for row in (
        {"unit": None, "period": {"år": 2018}, "indicator": "", "value": 1},
        {"unit": ["Elvebakken sykehjem"], "period": "2018", "indicator": "fte_planned", "value": 1},
        {"unit": None, "period": "2018", "indicator": "fte_planned", "value": {"x": 1}},
        {"unit": None, "period": [2018], "indicator": "", "value": [1]},
    ):
        response = client.post(url, headers=headers, json=[row])
        assert response.status_code == 422, (row, response.status_code)
        body = response.json["error"]
        assert body["code"] == "validation_error"
        assert "Skriv" in str(body["details"]) or "indikator" in str(body["details"])


@pytest.mark.parametrize(
    ("first", "second"),
    [("Øst", "øst"), ("Åsen bo", "ÅSEN BO"), ("Hjemmetjenesten Øst", "Hjemmetjenesten Øst")],
)
def test_unit_names_are_unique_past_ascii(client, tenants, api_token, first, second):
    headers = api_token(tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/units"
    assert client.post(url, headers=headers, json={"name": first}).status_code == 201
    again = client.post(url, headers=headers, json={"name": second})
    assert again.status_code == 409
    assert "har allerede en enhet som heter" in again.json["error"]["message"]


def test_unit_names_are_unique_past_ascii_on_the_page(client, auth, tenants):
    auth.login(tenants.alta_coordinator)
    page = f"/municipalities/{tenants.alta.id}"
    for name in ("Ærfuglen bo", "ærfuglen bo"):
        response = post_form(
            client, f"{page}/units", {"unit-name": name, "unit-kind": "other"}, form_page=page
        )
        assert response.status_code == 302
    with client.session_transaction() as session:
        flashes = session.get("_flashes", [])
    assert ("danger", "Kommunen har allerede en enhet som heter «ærfuglen bo».") in flashes


def test_measurement_rows_with_only_unknown_indicators_are_422(client, tenants, api_token):
    """Found by schemathesis: no known indicator in any row made the grid check raise (500)."""
    headers = api_token(tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/measurements"
    rows = [{"unit": None, "period": "2018", "indicator": "finnes_ikke", "value": 1}]
    response = client.post(url, headers=headers, json=rows)
    assert response.status_code == 422
    assert "Ukjent eller beregnet indikator: finnes_ikke." in response.json["error"]["details"]["0"]


@pytest.mark.parametrize("number", ["9" * 5000, str(10**400), "1e999", "-1e999"])
def test_json_numbers_no_float_or_int_holds_are_4xx(client, tenants, api_token, number):
    """A 5,000-digit integer is refused by Python's json (was a 500 on every JSON body); one of
    400 digits, or 1e999, is no measurement value (was a 500 converting it)."""
    headers = {**api_token(tenants.alta_coordinator), "Content-Type": "application/json"}
    url = f"/api/v1/municipalities/{tenants.alta.id}/measurements"
    body = '[{"unit": null, "period": "2018", "indicator": "fte_planned", "value": NUMBER}]'
    body = body.replace("NUMBER", number)
    response = client.post(url, headers=headers, data=body)
    assert response.status_code in {400, 422}, response.status_code
    error = response.json["error"]
    assert "Tallet er for stort." in str(error) or "ikke gyldig JSON" in error["message"]
    story = client.post(
        f"/api/v1/networks/{tenants.north.id}/stories",
        headers=headers,
        data='{"municipality_id": N, "gathering_id": 1, "title": "Gjort"}'.replace("N", number),
    )
    assert story.status_code in {400, 422}, story.status_code


def test_the_cross_takes_no_row_count_or_rank_it_cannot_hold(app, client, auth, north):
    """`…-count` of 10**9 built a billion rows in memory; a rank of "²" passed isdigit() and
    failed int() (500); a rank of 10**30 reached the database."""
    auth.login(north.hemnes_coordinator)
    path = f"/gatherings/{north.g3.id}/assessment/{north.hemnes.id}"
    data = {
        "achieved-count": "1000000000",
        "achieved-0-text": "Nye turnusordninger",
        "achieved-0-rank": "²",
        "take_hold-count": "1",
        "take_hold-0-text": "Informasjon til alle",
        "take_hold-0-rank": str(10**30),
        "why-count": "x",
        "how-count": "-3",
    }
    response = post_form(client, path, data)
    assert response.status_code == 400
    assert "Gi hvert punkt et prioritetsnummer" in response.get_data(as_text=True)
