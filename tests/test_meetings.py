"""Steering meetings: minutes, decisions carried to the next meeting, access, API and PDF."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from heltidnett.extensions import db
from tests.conftest import post_form


@pytest.fixture
def meetings(app, tenants, grant, make_user):  # type: ignore[no-untyped-def]
    """Alta's steering group met twice (one decision done by the second, one carried), the
    network's group once; a network steering member and Alta's own."""
    from heltidnett.auth.models import User
    from heltidnett.meetings import services
    from heltidnett.networks.models import Network

    tenants.network_steering = make_user("styring.nord@example.org", "Styring Nord")
    grant(tenants.network_steering, tenants.north, "steering")
    tenants.hemnes_steering = make_user("styring.hemnes@example.org", "Styring Hemnes")
    grant(tenants.hemnes_steering, tenants.north, "steering", tenants.hemnes)
    with app.app_context():
        actor = db.session.get(User, tenants.facilitator.id)
        north = db.session.get(Network, tenants.north.id)
        first = services.create_meeting(
            db.session, actor, north, tenants.alta.id, date(2030, 1, 15), "Rådhuset", "Møte en."
        )
        services.add_attendee(db.session, actor, first, "Kari Leder", "leader")
        services.add_attendee(db.session, actor, first, "Per Tillitsvalgt", "union")
        done = services.add_decision(
            db.session, actor, first, "Legg fram erklæringen", "Kommunalsjef", date(2030, 3, 1)
        )
        carried = services.add_decision(
            db.session, actor, first, "Kartlegg stillingsønsker", "HR-rådgiver", None
        )
        second = services.create_meeting(
            db.session, actor, north, tenants.alta.id, date(2030, 4, 15), "", "Møte to."
        )
        services.set_decision_status(db.session, actor, done, "done", "Vedtatt.", second)
        joint = services.create_meeting(
            db.session, actor, north, None, date(2030, 2, 1), "", "Nettverkets møte."
        )
        db.session.commit()
        tenants.first, tenants.second, tenants.joint = first.id, second.id, joint.id
        tenants.done, tenants.carried = done.id, carried.id
    return tenants


def test_open_decision_carries_to_the_next_meeting_and_a_done_one_closes_there(
    client, auth, meetings
):  # type: ignore[no-untyped-def]
    auth.login(meetings.alta_steering)
    page = client.get(f"/meetings/{meetings.second}").get_data(as_text=True)
    carried = page.split('id="overfort"')[1].split("</section>")[0]
    assert "Kartlegg stillingsønsker" in carried and "Overført fra 15. januar 2030" in carried
    assert "Legg fram erklæringen" in carried and "Gjort 15. april 2030" in carried
    first = client.get(f"/meetings/{meetings.first}").get_data(as_text=True)
    assert "Ingen åpne vedtak fra tidligere møter." in first  # nothing before the first
    assert "<td>Kari Leder</td><td>Leder</td>" in first
    assert "<td>Per Tillitsvalgt</td><td>Tillitsvalgt</td>" in first


def test_a_decision_done_before_a_meeting_is_not_carried_to_it(app, meetings):  # type: ignore[no-untyped-def]
    from heltidnett.auth.models import User
    from heltidnett.meetings import services
    from heltidnett.meetings.models import Meeting

    with app.app_context():
        actor = db.session.get(User, meetings.facilitator.id)
        second = db.session.get(Meeting, meetings.second)
        third = services.create_meeting(
            db.session, actor, second.network, meetings.alta.id, date(2030, 6, 1)
        )
        texts = [d.text for d in services.carried_decisions(db.session, third)]
        assert texts == ["Kartlegg stillingsønsker"]
        joint = db.session.get(Meeting, meetings.joint)
        assert services.carried_decisions(db.session, joint) == []  # another group
        db.session.rollback()


def test_marking_a_carried_decision_done_at_the_later_meeting(client, auth, meetings):  # type: ignore[no-untyped-def]
    auth.login(meetings.alta_steering)
    show = f"/meetings/{meetings.second}"
    response = post_form(
        client,
        f"/decisions/{meetings.carried}/status",
        {"meeting": meetings.second, "s-status": "done", "s-comment": "Ferdig kartlagt."},
        form_page=show,
    )
    assert response.status_code == 302
    page = client.get(show).get_data(as_text=True)
    assert "Ferdig kartlagt." in page
    assert "Ingen åpne vedtak" not in page


@pytest.mark.parametrize(
    "role, first, joint",
    [
        ("facilitator", 200, 200),
        ("network_steering", 200, 200),
        ("alta_steering", 200, 403),
        ("alta_coordinator", 200, 403),
        ("hemnes_coordinator", 403, 403),
        ("hemnes_steering", 403, 403),
        ("hemnes_participant", 403, 403),
        ("rana_coordinator", 403, 403),
        ("outsider", 403, 403),
    ],
)
def test_who_reads_which_meetings(client, auth, meetings, role, first, joint):  # type: ignore[no-untyped-def]
    auth.login(getattr(meetings, role))
    assert client.get(f"/meetings/{meetings.first}").status_code == first
    assert client.get(f"/meetings/{meetings.joint}").status_code == joint
    assert client.get(f"/meetings/{meetings.first}/minutes.pdf").status_code == first


def test_rana_never_sees_altas_meetings(client, auth, meetings, api_token):  # type: ignore[no-untyped-def]
    auth.login(meetings.rana_coordinator)
    for path in (
        f"/meetings/{meetings.first}",
        f"/meetings/{meetings.first}/minutes.pdf",
        f"/networks/{meetings.north.id}/meetings",
    ):
        response = client.get(path)
        assert response.status_code in (403, 404)
        assert "Kartlegg stillingsønsker" not in response.get_data(as_text=True)
    listing = client.get(f"/municipalities/{meetings.alta.id}/meetings")
    assert "Kartlegg" not in listing.get_data(as_text=True)
    headers = api_token(meetings.rana_coordinator)
    for path in (
        f"/api/v1/networks/{meetings.north.id}/meetings",
        f"/api/v1/meetings/{meetings.first}",
        f"/api/v1/meetings/{meetings.first}/decisions",
    ):
        response = client.get(path, headers=headers)
        assert response.status_code in (403, 404), path
        assert "Kartlegg" not in response.get_data(as_text=True)


def test_hemnes_coordinator_lists_no_alta_meetings(client, auth, meetings):  # type: ignore[no-untyped-def]
    auth.login(meetings.hemnes_coordinator)
    response = client.get(f"/networks/{meetings.north.id}/meetings")
    assert response.status_code == 200
    assert "Alta" not in response.get_data(as_text=True).split("<main")[1]


def test_coordinator_reads_but_does_not_write(client, auth, meetings):  # type: ignore[no-untyped-def]
    auth.login(meetings.alta_coordinator)
    show = f"/meetings/{meetings.first}"
    assert "Legg til vedtaket" not in client.get(show).get_data(as_text=True)
    response = post_form(
        client,
        f"/meetings/{meetings.first}/decisions",
        {"d-text": "Nytt", "d-owner": "Meg"},
        form_page=show,
    )
    assert response.status_code == 403


def test_alta_steering_member_records_a_meeting_with_a_decision(client, auth, meetings, app):  # type: ignore[no-untyped-def]
    from heltidnett.meetings.models import Meeting

    auth.login(meetings.alta_steering)
    path = f"/networks/{meetings.north.id}/meetings/new"
    page = client.get(path).get_data(as_text=True)
    assert "Styringsgruppen i Alta" in page and "Hemnes" not in page
    assert "Nettverkets styringsgruppe" not in page
    response = post_form(
        client, path, {"group": meetings.alta.id, "held_on": "2030-05-05", "place": "Alta"}
    )
    assert response.status_code == 302
    with app.app_context():
        meeting_id = db.session.scalar(
            sa.select(Meeting.id).where(Meeting.held_on == date(2030, 5, 5))
        )
    show = f"/meetings/{meeting_id}"
    response = post_form(
        client,
        f"/meetings/{meeting_id}/decisions",
        {"d-text": "Ny turnus prøves ut", "d-owner": "Enhetsleder", "d-due_on": "2030-01-01"},
        form_page=show,
    )
    assert response.status_code == 400
    assert "Fristen kan ikke være før møtet." in response.get_data(as_text=True)
    response = post_form(
        client,
        f"/meetings/{meeting_id}/decisions",
        {"d-text": "Ny turnus prøves ut", "d-owner": "Enhetsleder", "d-due_on": "2030-09-01"},
        form_page=show,
    )
    assert response.status_code == 302
    page = client.get(show).get_data(as_text=True)
    assert "Ny turnus prøves ut" in page and "Kartlegg stillingsønsker" in page
    hemnes = post_form(client, path, {"group": meetings.hemnes.id, "held_on": "2030-05-06"})
    assert hemnes.status_code in (400, 403)


def test_reviewed_items_link_the_groups_own_records_only(client, auth, meetings, app):  # type: ignore[no-untyped-def]
    from heltidnett.commitments.models import FacilitatorMilestone

    with app.app_context():
        milestone = FacilitatorMilestone(network_id=meetings.north.id, title="Forankret")
        db.session.add(milestone)
        db.session.commit()
        milestone_id = milestone.id
    auth.login(meetings.facilitator)
    show = f"/meetings/{meetings.first}"
    assert f'value="milestone:{milestone_id}"' in client.get(show).get_data(as_text=True)
    response = post_form(
        client,
        f"/meetings/{meetings.first}/items",
        {"i-target": f"milestone:{milestone_id}", "i-note": "Gjennomgått"},
        form_page=show,
    )
    assert response.status_code == 302
    page = client.get(show).get_data(as_text=True)
    assert f'href="/milestones/{milestone_id}"' in page
    wrong = post_form(
        client, f"/meetings/{meetings.first}/items", {"i-target": "goal:999999"}, form_page=show
    )
    assert wrong.status_code == 400
    assert "Velg noe fra denne styringsgruppens egne saker." in wrong.get_data(as_text=True)


def test_minutes_pdf_is_tagged_pdf_a_in_the_municipalitys_written_standard(
    client, auth, meetings, app
):  # type: ignore[no-untyped-def]
    from heltidnett.municipalities.models import Municipality, WrittenStandard

    auth.login(meetings.alta_steering)
    response = client.get(f"/meetings/{meetings.second}/minutes.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.data))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == "nb"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part(="|>)2', xmp) and re.search(r'pdfaid:conformance(="|>)A', xmp)
    assert root["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"  # the sRGB profile PDF/A asks for
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Referat fra styringsgruppemøte, Alta" in text
    assert "Kartlegg stillingsønsker" in text and "Vedtak fra tidligere møter" in text
    with app.app_context():
        db.session.get(Municipality, meetings.alta.id).written_standard = WrittenStandard.NYNORSK
        db.session.commit()
    nynorsk = client.get(f"/meetings/{meetings.second}/minutes.pdf")
    reader = PdfReader(io.BytesIO(nynorsk.data))
    assert reader.trailer["/Root"]["/Lang"] == "nn"
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Referat frå styringsgruppemøte, Alta" in text


def test_api_lists_writes_and_closes_decisions(client, meetings, api_token):  # type: ignore[no-untyped-def]
    steering = api_token(meetings.alta_steering)
    listing = client.get(f"/api/v1/networks/{meetings.north.id}/meetings", headers=steering)
    assert listing.status_code == 200
    assert {m["id"] for m in listing.get_json()} == {meetings.first, meetings.second}
    assert json.loads(listing.headers["X-Pagination"])["total"] == 2
    everyone = client.get(
        f"/api/v1/networks/{meetings.north.id}/meetings",
        headers=api_token(meetings.network_steering),
    )
    assert json.loads(everyone.headers["X-Pagination"])["total"] == 3
    created = client.post(
        f"/api/v1/meetings/{meetings.second}/decisions",
        headers=steering,
        json={"text": "Evaluere piloten", "owner": "Kommunalsjef", "due_on": "2030-12-01"},
    )
    assert created.status_code == 201 and created.get_json()["status"] == "open"
    closed = client.patch(
        f"/api/v1/decisions/{created.get_json()['id']}",
        headers=steering,
        json={"status": "done", "comment": "Evaluert"},
    )
    assert closed.status_code == 200 and closed.get_json()["status"] == "done"
    elsewhere = client.patch(
        f"/api/v1/decisions/{meetings.carried}",
        headers=api_token(meetings.facilitator),
        json={"status": "done", "meeting_id": meetings.joint},
    )
    assert elsewhere.status_code == 400  # the network's meeting is another group's
    hidden = client.patch(
        f"/api/v1/decisions/{meetings.carried}",
        headers=steering,
        json={"status": "done", "meeting_id": meetings.joint},
    )
    assert hidden.status_code == 404  # Alta's steering group does not read the network's
    decisions = client.get(f"/api/v1/meetings/{meetings.second}/decisions", headers=steering)
    assert [d["text"] for d in decisions.get_json()] == ["Evaluere piloten"]
    coordinator = api_token(meetings.alta_coordinator)
    refused = client.post(
        f"/api/v1/meetings/{meetings.second}/decisions",
        headers=coordinator,
        json={"text": "Nei", "owner": "Meg"},
    )
    assert refused.status_code == 403
    new = client.post(
        f"/api/v1/networks/{meetings.north.id}/meetings",
        headers=steering,
        json={
            "municipality_id": meetings.alta.id,
            "held_on": "2030-08-01",
            "attendees": [{"name": "Kari Leder", "role": "leader"}],
        },
    )
    assert new.status_code == 201
    hemnes = client.post(
        f"/api/v1/networks/{meetings.north.id}/meetings",
        headers=steering,
        json={"municipality_id": meetings.hemnes.id, "held_on": "2030-08-01"},
    )
    assert hemnes.status_code == 403


def test_network_and_municipality_pages_link_the_meetings(client, auth, meetings):  # type: ignore[no-untyped-def]
    auth.login(meetings.alta_steering)
    network = client.get(f"/networks/{meetings.north.id}").get_data(as_text=True)
    assert f'/networks/{meetings.north.id}/meetings"' in network
    municipality = client.get(f"/municipalities/{meetings.alta.id}").get_data(as_text=True)
    assert f'/municipalities/{meetings.alta.id}/meetings"' in municipality
    auth.logout()
    auth.login(meetings.hemnes_participant)
    network = client.get(f"/networks/{meetings.north.id}").get_data(as_text=True)
    assert f'/networks/{meetings.north.id}/meetings"' not in network


def test_demo_alta_meeting_has_one_decision_done_and_one_carried(app) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.demo import load_demo
    from heltidnett.meetings import services
    from heltidnett.meetings.models import Meeting

    with app.app_context():
        ctx = load_demo(db.session)
        alta = ctx.municipalities["Alta"]
        first, second = db.session.scalars(
            sa.select(Meeting).where(Meeting.municipality_id == alta.id).order_by(Meeting.held_on)
        ).all()
        assert [d.status.value for d in first.decisions] == ["done", "open"]
        assert {a.role.value for a in first.attendees} >= {"leader", "union", "safety"}
        assert len(first.items) == 3  # a commitment, a declaration version and a milestone
        carried = services.carried_decisions(db.session, second)
        assert [(d.status.value, d.done_on) for d in carried] == [
            ("done", second.held_on),
            ("open", None),
        ]
        db.session.rollback()


def test_removing_an_item_and_deleting_a_meeting(client, auth, meetings, app) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.meetings.models import Decision, Meeting, ReviewedItem

    with app.app_context():
        db.session.add(ReviewedItem(meeting_id=meetings.first, kind="milestone", target_id=1))
        db.session.commit()
        item_id = db.session.scalar(sa.select(ReviewedItem.id))
    show = f"/meetings/{meetings.first}"
    auth.login(meetings.alta_coordinator)
    refused = post_form(client, f"/meetings/{meetings.first}/delete", {}, form_page=show)
    assert refused.status_code == 403
    auth.logout()
    auth.login(meetings.alta_steering)
    assert (
        post_form(client, f"/meetings/items/{item_id}/delete", {}, form_page=show).status_code
        == 302
    )
    response = post_form(client, f"/meetings/{meetings.first}/delete", {}, form_page=show)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Meeting, meetings.first) is None
        assert db.session.get(Decision, meetings.carried) is None  # its decisions go with it
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewedItem)) == 0
