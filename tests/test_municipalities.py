"""Municipalities and their units: who may change them, and the checks on the way in."""

from __future__ import annotations

import sqlalchemy as sa

from heltidnett.extensions import db
from heltidnett.municipalities.models import Municipality, Unit
from tests.conftest import post_form


def test_coordinator_manages_own_units(app, client, auth, tenants):
    auth.login(tenants.alta_coordinator)
    page = f"/municipalities/{tenants.alta.id}"
    response = post_form(
        client,
        f"{page}/units",
        {"unit-name": "Saga", "unit-kind": "nursing_home", "unit-is_pilot": "y"},
        form_page=page,
    )
    assert response.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert "Saga" in html and "Sykehjem" in html


def test_duplicate_unit_name_is_refused_in_norwegian(client, auth, tenants):
    auth.login(tenants.alta_coordinator)
    page = f"/municipalities/{tenants.alta.id}"
    response = post_form(
        client,
        f"{page}/units",
        {"unit-name": "ELVEBAKKEN sykehjem", "unit-kind": "other"},
        form_page=page,
    )
    text = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Kommunen har allerede en enhet som heter «ELVEBAKKEN sykehjem»." in text


def test_coordinator_cannot_touch_another_municipalitys_units(app, client, auth, tenants):
    auth.login(tenants.hemnes_coordinator)
    # same network: may look, not change
    assert client.get(f"/municipalities/{tenants.alta.id}").status_code == 200
    assert client.get(f"/units/{tenants.alta_unit.id}/edit").status_code == 403
    for path in (
        f"/units/{tenants.alta_unit.id}/delete",
        f"/municipalities/{tenants.alta.id}/units",
        f"/municipalities/{tenants.alta.id}/edit",
    ):
        assert (
            post_form(
                client, path, {"name": "x", "unit-name": "x"}, form_page="/account"
            ).status_code
            == 403
        )
    # another network: may not even look
    assert client.get(f"/municipalities/{tenants.rana.id}").status_code == 403
    with app.app_context():
        assert db.session.get(Unit, tenants.alta_unit.id).name == "Elvebakken sykehjem"


def test_facilitator_edits_a_municipality_of_their_network(app, client, auth, tenants):
    auth.login(tenants.facilitator)
    path = f"/municipalities/{tenants.alta.id}/edit"
    response = post_form(
        client,
        path,
        {
            "name": "Alta",
            "number": "5601",
            "county": "Finnmark",
            "population": "21700",
            "written_standard": "nb",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Municipality, tenants.alta.id).population == 21700


def test_municipality_number_has_four_digits_and_is_unique(app, client, auth, tenants):
    auth.login(tenants.facilitator)
    bad = post_form(
        client, "/municipalities/new", {"name": "Bodø", "number": "18O4", "written_standard": "nb"}
    )
    assert "Kommunenummeret må ha fire sifre" in bad.get_data(as_text=True)
    taken = post_form(
        client, "/municipalities/new", {"name": "Falsk", "number": "1833", "written_standard": "nb"}
    )
    assert "Det finnes allerede en kommune med nummer 1833." in taken.get_data(as_text=True)
    good = post_form(
        client,
        "/municipalities/new",
        {"name": "Bodø", "number": "1804", "county": "Nordland", "written_standard": "nb"},
    )
    assert good.status_code == 302
    with app.app_context():
        assert (
            db.session.scalar(sa.select(Municipality.number).where(Municipality.name == "Bodø"))
            == "1804"
        )


def test_coordinators_cannot_create_municipalities(client, auth, tenants):
    auth.login(tenants.alta_coordinator)
    assert client.get("/municipalities/new").status_code == 403
