"""The audit log records who changed what, and admins browse and filter it."""

from __future__ import annotations

import sqlalchemy as sa

from heltidnett.audit.models import AuditEvent
from heltidnett.extensions import db
from tests.conftest import post_form


def _events(app, **where):
    with app.app_context():
        query = sa.select(AuditEvent).order_by(AuditEvent.id)
        for key, value in where.items():
            query = query.where(getattr(AuditEvent, key) == value)
        return db.session.scalars(query).all()


def test_create_update_delete_are_recorded_with_the_actor(app, client, auth, tenants):
    auth.login(tenants.alta_coordinator)
    page = f"/municipalities/{tenants.alta.id}"
    post_form(
        client, f"{page}/units", {"unit-name": "Saga", "unit-kind": "nursing_home"}, form_page=page
    )
    created = _events(app, object_type="units", action="create")[-1]
    assert created.actor == "koordinator.alta@example.org"
    assert created.summary["name"] == "Saga"
    unit_id = int(created.object_id)
    post_form(
        client,
        f"/units/{unit_id}/edit",
        {"name": "Saga bo- og aktivitetssenter", "kind": "nursing_home"},
    )
    updated = _events(app, object_type="units", action="update")[-1]
    assert updated.summary["name"] == ["Saga", "Saga bo- og aktivitetssenter"]
    post_form(client, f"/units/{unit_id}/delete", {}, form_page=page)
    deleted = _events(app, object_type="units", action="delete")[-1]
    assert deleted.object_id == str(unit_id)


def test_secrets_never_enter_the_log(app, client, auth, make_user):
    make_user("kari@example.org")
    auth.login("kari@example.org")
    post_form(
        client,
        "/account/password",
        {
            "current": "et-langt-testpassord-2026",
            "password": "nytt langt passord her",
            "confirm": "nytt langt passord her",
        },
    )
    for event in _events(app):
        text = str(event.summary)
        assert "argon2" not in text and "nytt langt passord" not in text
    assert _events(app, action="password_set")


def test_access_denied_is_recorded(app, client, auth, tenants):
    auth.login(tenants.alta_coordinator)
    client.get(f"/networks/{tenants.other.id}")
    denied = _events(app, action="access_denied")
    assert denied and denied[-1].object_type == "networks"
    assert denied[-1].summary["path"] == f"/networks/{tenants.other.id}"


def test_admin_browses_and_filters_the_log(app, client, auth, tenants):
    auth.login(tenants.alta_coordinator)
    auth.logout()
    auth.login(tenants.admin)
    page = client.get("/audit").get_data(as_text=True)
    assert "koordinator.alta@example.org" in page
    filtered = client.get("/audit?action=logout").get_data(as_text=True)
    assert "1 hendelse" in filtered
    assert (
        client.get("/audit?action=logout&actor=finnes.ikke").get_data(as_text=True).count("<tr>")
        == 1
    )


def test_only_admins_see_the_log(client, auth, tenants):
    auth.login(tenants.facilitator)
    assert client.get("/audit").status_code == 403
