"""Networks: who sees which, the home page, managing municipalities and roles."""

from __future__ import annotations

import re

import sqlalchemy as sa

from heltidnett.extensions import db
from heltidnett.networks.models import Enrolment, Invitation, Membership, Network, Participation
from tests.conftest import post_form


def _network_names(client) -> list[str]:
    html = client.get("/").get_data(as_text=True)
    return re.findall(r'<h2 class="ds-heading" data-size="sm"><a[^>]*>([^<]+)</a>', html)


def test_coordinator_sees_only_networks_of_their_municipality(client, auth, tenants):
    auth.login(tenants.alta_coordinator)
    assert _network_names(client) == ["Heltid i nord"]
    assert client.get(f"/networks/{tenants.north.id}").status_code == 200
    assert client.get(f"/networks/{tenants.other.id}").status_code == 403
    assert client.get(f"/municipalities/{tenants.rana.id}").status_code == 403
    assert client.get(f"/municipalities/{tenants.hemnes.id}").status_code == 200


def test_admin_sees_every_network(client, auth, tenants):
    auth.login(tenants.admin)
    assert sorted(_network_names(client)) == ["Et annet nettverk", "Heltid i nord"]


def test_user_without_roles_sees_an_explanation(client, auth, tenants):
    auth.login(tenants.outsider)
    text = client.get("/").get_data(as_text=True)
    assert "Du er ikke med i noe nettverk ennå" in text


def test_network_home_lists_members_and_municipalities(client, auth, tenants):
    auth.login(tenants.hemnes_participant)
    html = client.get(f"/networks/{tenants.north.id}").get_data(as_text=True)
    for text in ("Heltid i nord", "Alta", "Hemnes", "Koordinator Alta", "Tidslinje"):
        assert text in html
    assert "Rana" not in html
    assert "Endre nettverket" not in html  # participants don't manage


def test_facilitator_creates_network_and_becomes_its_facilitator(app, client, auth, tenants):
    auth.login(tenants.facilitator)
    response = post_form(
        client,
        "/networks/new",
        {
            "name": "Heltid i vest",
            "region": "Vestland",
            "status": "planned",
            "starts_on": "2027-01-10",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        network = db.session.scalar(sa.select(Network).where(Network.name == "Heltid i vest"))
        roles = db.session.scalars(
            sa.select(Membership.role).where(Membership.network_id == network.id)
        ).all()
    assert [r.value for r in roles] == ["facilitator"]


def test_network_dates_must_be_in_order(client, auth, tenants):
    auth.login(tenants.facilitator)
    response = post_form(
        client,
        "/networks/new",
        {
            "name": "Baklengs",
            "status": "planned",
            "starts_on": "2027-05-01",
            "ends_on": "2027-01-01",
        },
    )
    assert response.status_code == 200
    assert "Sluttdatoen kan ikke være før startdatoen." in response.get_data(as_text=True)


def test_coordinator_cannot_create_or_edit_networks(client, auth, tenants):
    auth.login(tenants.alta_coordinator)
    assert client.get("/networks/new").status_code == 403
    assert client.get(f"/networks/{tenants.north.id}/edit").status_code == 403
    response = post_form(
        client,
        f"/networks/{tenants.north.id}/edit",
        {"name": "Kapret", "status": "active"},
        form_page="/account",
    )
    assert response.status_code == 403


def test_municipality_and_person_accept_before_a_coordinator_role_applies(
    app, client, auth, tenants, make_user
):
    """Enrolling Rana waits for Rana; a coordinator role waits for the person and for Rana."""
    newcomer = make_user("ny.koordinator@example.org", "Ny Koordinator")
    auth.login(tenants.facilitator)
    page = f"/networks/{tenants.north.id}"
    response = post_form(
        client, f"{page}/participations", {"p-municipality": tenants.rana.id}, form_page=page
    )
    assert "Rana er spurt om å bli med" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    with app.app_context():
        assert _takes_part(tenants.north.id, tenants.rana.id) is False
        enrolment = db.session.scalar(sa.select(Enrolment))
    auth.logout()

    auth.login(tenants.rana_coordinator)
    home = client.get("/").get_data(as_text=True)
    assert "Heltid i nord vil ha Rana med i nettverket." in home
    post_form(client, f"/enrolments/{enrolment.id}/accept", {}, form_page="/")
    with app.app_context():
        assert _takes_part(tenants.north.id, tenants.rana.id) is True
    auth.logout()

    auth.login(tenants.facilitator)
    response = post_form(
        client,
        f"{page}/members",
        {"m-email": newcomer.email, "m-role": "coordinator", "m-municipality": tenants.rana.id},
        form_page=page,
    )
    assert "Ny Koordinator er invitert." in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    with app.app_context():
        invitation = db.session.scalar(sa.select(Invitation))
        assert (invitation.awaits_user, invitation.awaits_municipality) == (True, True)
    auth.logout()

    auth.login(newcomer)
    assert "Du er invitert til rollen «Koordinator» for Rana i Heltid i nord." in client.get(
        "/"
    ).get_data(as_text=True)
    post_form(client, f"/invitations/{invitation.id}/accept", {}, form_page="/")
    with app.app_context():
        assert _role(newcomer.id) is None  # Rana has not said yes yet
    auth.logout()

    auth.login(tenants.rana_coordinator)
    post_form(client, f"/invitations/{invitation.id}/accept", {}, form_page="/")
    with app.app_context():
        assert _role(newcomer.id) == tenants.rana.id
        assert db.session.scalar(sa.select(Invitation)) is None


def _takes_part(network_id: int, municipality_id: int) -> bool:
    return (
        db.session.scalar(
            sa.select(Participation.id).where(
                Participation.network_id == network_id,
                Participation.municipality_id == municipality_id,
            )
        )
        is not None
    )


def _role(user_id: int) -> int | None:
    membership = db.session.scalar(sa.select(Membership).where(Membership.user_id == user_id))
    return membership.municipality_id if membership else None


def test_coordinator_needs_a_municipality(client, auth, tenants, make_user):
    newcomer = make_user("uten.kommune@example.org")
    auth.login(tenants.facilitator)
    page = f"/networks/{tenants.north.id}"
    response = post_form(
        client,
        f"{page}/members",
        {"m-email": newcomer.email, "m-role": "coordinator", "m-municipality": 0},
        form_page=page,
    )
    assert "En koordinator må høre til en kommune." in client.get(
        response.headers["Location"]
    ).get_data(as_text=True)


def test_removing_a_municipality_removes_its_roles_there(app, client, auth, tenants):
    auth.login(tenants.facilitator)
    with app.app_context():
        participation = db.session.scalar(
            sa.select(Participation).where(Participation.municipality_id == tenants.hemnes.id)
        )
    page = f"/networks/{tenants.north.id}"
    response = post_form(
        client, f"{page}/participations/{participation.id}/delete", {}, form_page=page
    )
    assert response.status_code == 302
    with app.app_context():
        left = db.session.scalars(
            sa.select(Membership).where(Membership.municipality_id == tenants.hemnes.id)
        ).all()
    assert left == []


def test_facilitator_of_one_network_cannot_manage_another(client, auth, tenants):
    auth.login(tenants.facilitator)
    assert client.get(f"/networks/{tenants.other.id}").status_code == 403
    response = post_form(
        client,
        f"/networks/{tenants.other.id}/participations",
        {"p-municipality": tenants.alta.id},
        form_page="/account",
    )
    assert response.status_code == 403


def test_network_list_statements_do_not_grow_with_networks(
    app, client, auth, make_user, make_network, make_municipality, count_statements
):
    admin = make_user("admin@example.org", is_admin=True)
    municipality = make_municipality("Alta", "5601")
    auth.login(admin)
    make_network("Nettverk A", [municipality])
    with count_statements() as one:
        assert client.get("/").status_code == 200
        assert client.get("/api/v1/networks").status_code == 200
    for i in range(9):
        make_network(f"Nettverk B{i}", [municipality])
    with count_statements() as ten:
        assert client.get("/").status_code == 200
        assert client.get("/api/v1/networks").status_code == 200
    assert len(_network_names(client)) == 10
    assert len(one) == len(ten), (one.statements, ten.statements)
    print(f"statements for / and /api/v1/networks: {len(one)} with 1 network, {len(ten)} with 10")


def test_network_home_statements_do_not_grow_with_members(
    app, client, auth, tenants, make_user, grant, count_statements
):
    auth.login(tenants.facilitator)
    with count_statements() as before:
        client.get(f"/networks/{tenants.north.id}")
    for i in range(10):
        grant(make_user(f"ekstra{i}@example.org"), tenants.north, "participant", tenants.alta)
    with count_statements() as after:
        client.get(f"/networks/{tenants.north.id}")
    assert len(before) == len(after)


def test_a_participation_or_role_is_found_only_within_its_network(
    app, client, auth, tenants, grant
):
    """The composite loader: a facilitator of two networks cannot reach one network's
    participation or role through the other's URL (404), and nothing is removed."""
    auth.login(tenants.facilitator)
    grant(tenants.facilitator, tenants.other, "facilitator")
    with app.app_context():
        alta_in_north = db.session.scalar(
            sa.select(Participation.id).where(Participation.municipality_id == tenants.alta.id)
        )
        alta_role = db.session.scalar(
            sa.select(Membership.id).where(Membership.user_id == tenants.alta_coordinator.id)
        )
    other = f"/networks/{tenants.other.id}"
    for path in (
        f"{other}/participations/{alta_in_north}/delete",
        f"{other}/members/{alta_role}/delete",
    ):
        assert post_form(client, path, {}, form_page=other).status_code == 404
    with app.app_context():
        assert db.session.get(Participation, alta_in_north) is not None
        assert db.session.get(Membership, alta_role) is not None
