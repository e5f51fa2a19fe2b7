"""No sequence of a facilitator's own actions reaches another network, a municipality's own
rights or a platform role.

The facilitator of one network, and every account they manage to take over on the way, does
everything the app offers them over HTTP (enrol municipalities, give any role to anyone, invite
new people, issue password links and use them, accept whatever waits for them) until nothing new
happens. The rights they end up with are then checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa
from flask import Flask

from heltidnett.auth import access
from heltidnett.auth.models import User
from heltidnett.declarations import permissions
from heltidnett.extensions import db
from heltidnett.networks.models import (
    Enrolment,
    Invitation,
    Membership,
    NetworkRole,
    Participation,
)
from tests.conftest import AuthActions, csrf_token, post_form

LINK_RE = re.compile(r"http://localhost(/set-password/[\w-]+)")
ANSWER_RE = re.compile(r'action="(/(?:invitations|enrolments)/\d+/accept)"')
TAKEN_PASSWORD = "overtatt konto med langt passord 2026"


@dataclass
class Attacker:
    """The accounts the facilitator controls, and what they have done."""

    app: Flask
    controlled: dict[int, str] = field(default_factory=dict)  # user id -> password

    def client(self, user_id: int):
        client = self.app.test_client()
        with self.app.app_context():
            email = db.session.get(User, user_id).email
        assert AuthActions(client).login(email, self.controlled[user_id]).status_code == 302
        return client


def _post(client, path: str, data: dict) -> object:
    """A form post with the session's CSRF token (fetched once per client)."""
    if not hasattr(client, "csrf"):
        client.csrf = csrf_token(client, "/account")
    return client.post(path, data={**data, "csrf_token": client.csrf})


def _state(app: Flask, attacker: Attacker) -> tuple:
    with app.app_context():
        memberships = db.session.execute(
            sa.select(Membership.user_id, Membership.network_id, Membership.role).order_by(
                Membership.id
            )
        ).all()
        participations = db.session.execute(
            sa.select(Participation.network_id, Participation.municipality_id)
        ).all()
        invitations = db.session.execute(
            sa.select(Invitation.id, Invitation.awaits_user, Invitation.awaits_municipality)
        ).all()
    return (
        tuple(memberships),
        tuple(sorted(participations)),
        tuple(invitations),
        tuple(sorted(attacker.controlled)),
    )


def _act(client, attacker: Attacker, targets: dict) -> None:
    """Everything one controlled account can try, once."""
    north = targets["north"]
    for municipality_id in targets["municipalities"]:
        _post(client, f"/networks/{north}/participations", {"p-municipality": municipality_id})
    for email in targets["emails"]:
        for role in NetworkRole:
            for municipality_id in [0, *targets["municipalities"]]:
                _post(
                    client,
                    f"/networks/{north}/members",
                    {"m-email": email, "m-role": role.value, "m-municipality": municipality_id},
                )
    for role in targets.pop("new_roles", ()):
        n = len(targets["emails"])
        targets["emails"].append(f"ny.person{n}@example.org")
        response = _post(
            client,
            "/users/new",
            {
                "name": f"Ny Person {n}",
                "email": f"ny.person{n}@example.org",
                "language": "nb",
                "network": north,
                "role": role.value,
                "municipality": targets["alta"],
            },
        )
        _take_over(attacker, response)
    with attacker.app.app_context():
        everyone = db.session.scalars(sa.select(User.id)).all()
    for user_id in everyone:
        if user_id not in attacker.controlled:
            _take_over(attacker, _post(client, f"/users/{user_id}/password-link", {}))
    for path in ANSWER_RE.findall(client.get("/").get_data(as_text=True)):
        _post(client, path, {})


def _take_over(attacker: Attacker, response) -> None:
    """Use a set-password link shown on screen, and control its account from then on."""
    text = response.get_data(as_text=True)
    match = LINK_RE.search(text)
    if not match:
        return
    email = re.search(r"\(([\w.+-]+@example\.org)\)", text).group(1)
    client = attacker.app.test_client()
    page = client.get(match.group(1)).get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    client.post(
        match.group(1),
        data={"password": TAKEN_PASSWORD, "confirm": TAKEN_PASSWORD, "csrf_token": token},
    )
    with attacker.app.app_context():
        user_id = db.session.scalar(sa.select(User.id).where(User.email == email))
    attacker.controlled[user_id] = TAKEN_PASSWORD


@pytest.fixture
def world(tenants, make_user, make_municipality, make_network, grant):
    """The tenants, plus a facilitator of the other network, a platform facilitator and Bodø."""
    tenants.bodo = make_municipality("Bodø", "1804")
    tenants.other_facilitator = make_user("veileder.annen@example.org", "Vidar Veileder")
    grant(tenants.other_facilitator, tenants.other, "facilitator")
    tenants.creator = make_user("skaper@example.org", "Siri Skaper", is_facilitator=True)
    tenants.roleless = make_user("uten.rolle@example.org", "Roar Rolleløs")
    return tenants


def test_no_sequence_of_a_facilitators_actions_escalates(app, world):
    t = world
    north_facilitator = make_plain_facilitator(app, t)
    attacker = Attacker(app, {north_facilitator: "et-langt-testpassord-2026"})
    targets = {
        "north": t.north.id,
        "alta": t.alta.id,
        "municipalities": [t.alta.id, t.rana.id, t.bodo.id],
        "new_roles": [NetworkRole.COORDINATOR, NetworkRole.STEERING],
        "emails": [
            t.admin.email,
            t.rana_coordinator.email,
            t.other_facilitator.email,
            t.creator.email,
            t.roleless.email,
            t.alta_coordinator.email,
            t.outsider.email,
        ],
    }
    before = None
    rounds = 0
    while rounds < 4:
        rounds += 1
        for user_id in list(attacker.controlled):
            _act(attacker.client(user_id), attacker, targets)
        after = _state(app, attacker)
        if after == before:
            break
        before = after
    assert rounds < 4, "the facilitator's reach did not settle"

    with app.app_context():
        controlled = db.session.scalars(sa.select(User).where(User.id.in_(attacker.controlled)))
        for user in controlled:
            assert not user.is_admin and not user.is_facilitator, user.email
            for membership in user.memberships:
                assert membership.network_id == t.north.id, (user.email, membership.network_id)
                assert membership.municipality_id is None, (user.email, membership.role)
        assert (
            db.session.scalar(
                sa.select(Participation.id).where(
                    Participation.network_id == t.north.id,
                    Participation.municipality_id.in_([t.rana.id, t.bodo.id]),
                )
            )
            is None
        )
    for user_id in attacker.controlled:
        client = attacker.client(user_id)
        assert client.get(f"/networks/{t.other.id}").status_code == 403
        assert client.get(f"/municipalities/{t.rana.id}").status_code == 403
        assert client.get("/audit").status_code == 403
    with app.app_context():
        for user in db.session.scalars(sa.select(User).where(User.id.in_(attacker.controlled))):
            for municipality in (t.alta, t.hemnes, t.rana, t.bodo):
                assert not permissions.can_change(user, municipality.id), user.email
            for municipality in (t.rana, t.bodo):
                assert not access.can_view_municipality(user, municipality.id), user.email
                assert not permissions.can_see_drafts(user, municipality.id), user.email
    # The accounts a facilitator may never take over
    never = {t.admin.id, t.creator.id, t.rana_coordinator.id, t.other_facilitator.id}
    never |= {t.alta_coordinator.id, t.hemnes_coordinator.id, t.alta_steering.id}
    never |= {t.roleless.id, t.outsider.id}
    assert not (set(attacker.controlled) & never)


def make_plain_facilitator(app: Flask, t) -> int:
    """The tenants' facilitator of Heltid i nord, with no platform role (worst case)."""
    with app.app_context():
        user = db.session.get(User, t.facilitator.id)
        user.is_facilitator = False
        db.session.commit()
        return user.id


# ---- the holes the hostile test found, one by one -----------------------------------------


def test_adding_the_admin_to_a_network_does_not_let_its_facilitator_reset_them(
    app, client, auth, tenants
):
    """Item 1: add admin@ as participant, issue a link, take over the platform: refused."""
    auth.login(tenants.facilitator)
    page = f"/networks/{tenants.north.id}"
    post_form(
        client,
        f"{page}/members",
        {"m-email": tenants.admin.email, "m-role": "participant", "m-municipality": 0},
        form_page=page,
    )
    with app.app_context():
        assert (
            db.session.scalar(
                sa.select(Membership.id).where(Membership.user_id == tenants.admin.id)
            )
            is None
        )  # only an invitation the admin may accept
    response = post_form(client, f"/users/{tenants.admin.id}/password-link", {}, form_page="/")
    assert response.status_code == 403
    assert "/set-password/" not in response.get_data(as_text=True)


def test_a_facilitator_resets_only_people_whose_every_role_is_in_their_networks(
    app, client, auth, tenants, make_user, grant
):
    both = make_user("to.nettverk@example.org", "To Nettverk")
    grant(both, tenants.north, "participant")
    grant(both, tenants.other, "participant")
    only_north = make_user("bare.nord@example.org", "Bare Nord")
    grant(only_north, tenants.north, "participant")
    auth.login(tenants.facilitator)
    refused = [both, tenants.rana_coordinator, tenants.outsider, tenants.admin]
    for user in refused:
        response = post_form(client, f"/users/{user.id}/password-link", {}, form_page="/")
        assert response.status_code == 403, user.email
    shown = post_form(client, f"/users/{only_north.id}/password-link", {}, form_page="/")
    assert "/set-password/" in shown.get_data(as_text=True)


def test_a_coordinators_link_goes_only_to_their_own_address(
    app, client, auth, tenants, monkeypatch
):
    """A facilitator never sees a link that would hand them Alta's coordinator rights."""
    auth.login(tenants.facilitator)
    path = f"/users/{tenants.alta_coordinator.id}/password-link"
    assert post_form(client, path, {}, form_page="/").status_code == 403
    sent = []
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    monkeypatch.setattr(
        "heltidnett.auth.views.send_mail", lambda to, subject, body: sent.append(to) or True
    )
    page = post_form(client, path, {}, form_page="/").get_data(as_text=True)
    assert sent == [tenants.alta_coordinator.email]
    assert "/set-password/" not in page
    assert "Lenken er sendt til koordinator.alta@example.org" in page


def test_enrolling_a_municipality_gives_no_rights_until_it_accepts(app, client, auth, tenants):
    """Item 2: enrol Rana into one's own network: no drafts, no figures, no page."""
    auth.login(tenants.facilitator)
    page = f"/networks/{tenants.north.id}"
    post_form(client, f"{page}/participations", {"p-municipality": tenants.rana.id}, form_page=page)
    assert client.get(f"/municipalities/{tenants.rana.id}").status_code == 403
    with app.app_context():
        facilitator = db.session.get(User, tenants.facilitator.id)
        assert not access.can_edit_municipality(facilitator, tenants.rana.id)
        assert not permissions.can_see_drafts(facilitator, tenants.rana.id)
        enrolment = db.session.scalar(sa.select(Enrolment))
    # nor can the facilitator, or another municipality's coordinator, accept it for Rana
    response = post_form(client, f"/enrolments/{enrolment.id}/accept", {}, form_page="/")
    assert response.status_code == 403
    auth.logout()
    auth.login(tenants.hemnes_coordinator)
    response = post_form(client, f"/enrolments/{enrolment.id}/accept", {}, form_page="/")
    assert response.status_code == 403
    auth.logout()
    auth.login(tenants.rana_coordinator)
    post_form(client, f"/enrolments/{enrolment.id}/decline", {}, form_page="/")
    with app.app_context():
        assert db.session.scalar(sa.select(Enrolment)) is None
        assert (
            db.session.scalar(
                sa.select(Participation.id).where(
                    Participation.municipality_id == tenants.rana.id,
                    Participation.network_id == tenants.north.id,
                )
            )
            is None
        )


def test_a_facilitator_cannot_make_themselves_coordinator_of_a_municipality(
    app, client, auth, tenants
):
    """Item 2: coordinator of Alta for oneself waits for Alta; the own yes is not enough."""
    auth.login(tenants.facilitator)
    page = f"/networks/{tenants.north.id}"
    post_form(
        client,
        f"{page}/members",
        {
            "m-email": tenants.facilitator.email,
            "m-role": "coordinator",
            "m-municipality": tenants.alta.id,
        },
        form_page=page,
    )
    with app.app_context():
        invitation = db.session.scalar(sa.select(Invitation))
        assert (invitation.awaits_user, invitation.awaits_municipality) == (False, True)
    response = post_form(client, f"/invitations/{invitation.id}/accept", {}, form_page="/")
    assert response.status_code == 403
    with app.app_context():
        facilitator = db.session.get(User, tenants.facilitator.id)
        assert not permissions.can_change(facilitator, tenants.alta.id)
    auth.logout()
    auth.login(tenants.alta_coordinator)
    post_form(client, f"/invitations/{invitation.id}/accept", {}, form_page="/")
    with app.app_context():
        facilitator = db.session.get(User, tenants.facilitator.id)
        assert permissions.can_change(facilitator, tenants.alta.id)  # Alta said yes


def test_an_admin_enrols_and_grants_at_once(app, client, auth, tenants, make_user):
    newcomer = make_user("direkte@example.org", "Direkte Rolle")
    auth.login(tenants.admin)
    page = f"/networks/{tenants.north.id}"
    post_form(client, f"{page}/participations", {"p-municipality": tenants.rana.id}, form_page=page)
    post_form(
        client,
        f"{page}/members",
        {"m-email": newcomer.email, "m-role": "coordinator", "m-municipality": tenants.rana.id},
        form_page=page,
    )
    with app.app_context():
        assert db.session.scalar(sa.select(Enrolment)) is None
        assert db.session.scalar(sa.select(Invitation)) is None
        membership = db.session.scalar(
            sa.select(Membership).where(Membership.user_id == newcomer.id)
        )
        assert membership.municipality_id == tenants.rana.id
