"""Every route that takes an id declares how it loads its object and the right it needs.

The declaration is `heltidnett.auth.access.loads` on the view (or on each method of an API
resource). The url_map test fails for any route with an id argument no loader consumes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from werkzeug.routing import IntegerConverter, Rule

from heltidnett.auth import access
from heltidnett.extensions import db
from heltidnett.municipalities.models import Municipality

METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


def _views(app: Flask, rule: Rule) -> list[tuple[str, Callable[..., Any]]]:
    """The functions answering a rule: the view, or each method of an API resource."""
    view = app.view_functions[rule.endpoint]
    view_class = getattr(view, "view_class", None)
    if view_class is None:
        return [(rule.endpoint, view)]
    return [
        (f"{rule.endpoint} {method}", getattr(view_class, method.lower()))
        for method in sorted((rule.methods or set()) & METHODS)
    ]


def undeclared_ids(app: Flask) -> list[str]:
    """Each route function with an id argument that no declared loader consumes."""
    found = []
    for rule in app.url_map.iter_rules():
        ids = {
            name
            for name, converter in rule._converters.items()
            if isinstance(converter, IntegerConverter)
        }
        if not ids:
            continue
        for label, view in _views(app, rule):
            declared = {arg for loader in access.loaders_of(view) for arg in loader.args}
            if ids - declared:
                found.append(f"{label} {rule.rule}: {', '.join(sorted(ids - declared))}")
    return found


def test_every_route_with_an_id_declares_its_loader(app):
    missing = undeclared_ids(app)
    assert not missing, "routes without access.loads:\n" + "\n".join(missing)


def test_a_route_taking_an_id_without_a_loader_is_found():
    """The check fails on a route that loads its object by hand (shown on a fresh app)."""
    from heltidnett import create_app
    from tests.conftest import TestConfig

    fresh = create_app(TestConfig)

    @fresh.get("/probe/<int:municipality_id>")
    def probe(municipality_id: int) -> str:
        return str(municipality_id)

    @fresh.get("/declared/<int:municipality_id>")
    @access.loads(Municipality)
    def declared(municipality: Municipality) -> str:
        return municipality.name

    found = undeclared_ids(fresh)
    assert any(line.startswith("probe /probe/<int:municipality_id>") for line in found)
    assert not any(line.startswith("declared ") for line in found)


def test_loads_answers_404_403_or_hands_over_the_object(app, tenants):
    """A loader gives 404 for a missing id, 403 for another's object, the object otherwise."""
    from flask_login import login_user
    from werkzeug.exceptions import Forbidden, NotFound

    from heltidnett.auth.models import User

    @access.loads(Municipality, right=access.Right.EDIT)
    def edit(municipality: Municipality) -> str:
        return municipality.name

    with app.test_request_context("/"):
        login_user(db.session.get(User, tenants.hemnes_coordinator.id))
        assert edit(municipality_id=tenants.hemnes.id) == "Hemnes"
        with pytest.raises(Forbidden):
            edit(municipality_id=tenants.alta.id)
        with pytest.raises(NotFound):
            edit(municipality_id=tenants.alta.id + 10_000)


def test_loads_declares_its_arguments_and_the_object_name():
    @access.loads(Municipality, "id_a", "id_b", load=lambda a, b: None, name="pair")
    @access.loads(Municipality)
    def view(pair: Any, municipality: Any) -> None:
        return None

    loaders = access.loaders_of(view)
    assert [loader.args for loader in loaders] == [("id_a", "id_b"), ("municipality_id",)]
    assert [loader.name for loader in loaders] == ["pair", "municipality"]


def test_a_missing_child_is_403_to_whoever_may_not_see_its_parent(client, auth, tenants):
    """Alta has no declaration: its own coordinator is told so (404); Rana's coordinator
    cannot tell a missing declaration from one she may not see (403)."""
    url = f"/municipalities/{tenants.alta.id}/declaration/compare"
    api = f"/api/v1/municipalities/{tenants.alta.id}/declaration"
    auth.login(tenants.rana_coordinator)
    assert client.get(url).status_code == 403
    assert (
        client.get(f"/municipalities/{tenants.alta.id}/declaration/versions/7").status_code == 403
    )
    auth.logout()
    auth.login(tenants.alta_coordinator)
    assert client.get(url).status_code == 404
    missing = client.get(api)
    assert missing.status_code == 404
    assert "ikke startet på en heltidserklæring" in missing.get_json()["error"]["message"]
