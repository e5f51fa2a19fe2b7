"""Commitments, their follow-up, vurderingskrysset, the loop and the steering matrix."""

from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa

from heltidnett.extensions import db
from tests.conftest import post_form

pytest_plugins = ["tests.stories_fixtures"]


def _commit(client, gathering, municipality, text, owner="Prosjektleder", due=""):  # type: ignore[no-untyped-def]
    path = f"/gatherings/{gathering.id}/commitments"
    data = {"c-municipality": municipality, "c-text": text, "c-owner": owner, "c-due_on": due}
    return post_form(client, path, data)


def _commitment_id(app, text: str) -> int:  # type: ignore[no-untyped-def]
    from heltidnett.commitments.models import Commitment

    with app.app_context():
        return db.session.scalar(sa.select(Commitment.id).where(Commitment.text == text))


def test_commitment_left_open_at_3_shows_on_4_until_followed_up(app, client, auth, north):  # type: ignore[no-untyped-def]
    auth.login(north.alta_coordinator)
    response = _commit(client, north.g3, north.alta.id, "Få heltidserklæringen på plass.")
    assert response.status_code == 302
    g3 = client.get(f"/gatherings/{north.g3.id}/commitments").get_data(as_text=True)
    assert "Få heltidserklæringen på plass." in g3
    assert "Frist 3. september 2018" in g3  # by default the next gathering
    assert "De følges opp på Samling 4, 3. september 2018." in g3

    g4 = client.get(f"/gatherings/{north.g4.id}/commitments").get_data(as_text=True)
    loop = g4.split('id="loop-heading"')[1].split("</section>")[0]
    assert "Få heltidserklæringen på plass." in loop

    later = client.get(f"/gatherings/{north.g4.id}/commitments")
    assert later.status_code == 200
    commitment_id = _commitment_id(app, "Få heltidserklæringen på plass.")
    path = f"/commitments/{commitment_id}/follow-up?gathering={north.g4.id}"
    response = post_form(client, path, {"f-status": "partly", "f-comment": "Utkast på høring."})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/gatherings/{north.g4.id}/commitments")

    g4 = client.get(f"/gatherings/{north.g4.id}/commitments").get_data(as_text=True)
    assert 'id="loop-heading"' not in g4
    overview = client.get(f"/networks/{north.north.id}/commitments").get_data(as_text=True)
    assert "Delvis" in overview and "Utkast på høring." in overview
    assert "(Samling 4)" in overview


def test_open_commitment_is_carried_to_later_gatherings(
    app, client, auth, north, make_held_gathering
):  # type: ignore[no-untyped-def]
    g5 = make_held_gathering(north.north, 5, date(2019, 2, 1))
    auth.login(north.hemnes_coordinator)
    _commit(client, north.g3, north.hemnes.id, "Bedre kartlegging.")
    page = client.get(f"/gatherings/{g5.id}/commitments").get_data(as_text=True)
    assert "Bedre kartlegging." in page.split('id="loop-heading"')[1].split("</section>")[0]
    g3 = client.get(f"/gatherings/{north.g3.id}/commitments").get_data(as_text=True)
    assert 'id="loop-heading"' not in g3  # not before it was given


def test_one_to_three_commitments_per_municipality(app, client, auth, north):  # type: ignore[no-untyped-def]
    auth.login(north.alta_coordinator)
    for n in range(3):
        assert _commit(client, north.g3, north.alta.id, f"Forpliktelse {n}").status_code == 302
    response = _commit(client, north.g3, north.alta.id, "Den fjerde")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "høyst 3 forpliktelser per samling" in page
    assert "Den fjerde" in page  # what was typed is kept


def test_commitment_validation_keeps_input(app, client, auth, north):  # type: ignore[no-untyped-def]
    auth.login(north.alta_coordinator)
    response = _commit(client, north.g3, north.alta.id, "Kick-off", owner="")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Skriv hvem som er ansvarlig." in page and "Kick-off" in page
    response = _commit(client, north.g3, north.alta.id, "Kick-off", due="2018-01-01")
    assert "Fristen kan ikke være før samlingen" in response.get_data(as_text=True)
    response = _commit(client, north.g4, north.alta.id, "Etter siste samling")
    assert "Neste samling er ikke satt opp ennå" in response.get_data(as_text=True)
    response = _commit(client, north.g4, north.alta.id, "Med frist", due="2019-03-01")
    assert response.status_code == 302


def test_joint_commitment_is_the_facilitators(app, client, auth, north):  # type: ignore[no-untyped-def]
    auth.login(north.alta_coordinator)
    page = client.get(f"/gatherings/{north.g3.id}/commitments").get_data(as_text=True)
    assert "Nettverkets felles forpliktelse" not in page
    response = _commit(client, north.g3, 0, "Felles")
    assert response.status_code == 400
    auth.logout()
    auth.login(north.facilitator)
    response = _commit(client, north.g3, 0, "Alle tar med erklæringen til neste samling.")
    assert response.status_code == 302
    page = client.get(f"/gatherings/{north.g3.id}/commitments").get_data(as_text=True)
    assert "Hele nettverket" in page


def test_other_municipalities_and_networks_cannot_touch_commitments(  # type: ignore[no-untyped-def]
    app, client, auth, api_token, north
):
    auth.login(north.alta_coordinator)
    _commit(client, north.g3, north.alta.id, "Altas forpliktelse")
    commitment_id = _commitment_id(app, "Altas forpliktelse")
    auth.logout()

    auth.login(north.hemnes_coordinator)
    assert client.get(f"/commitments/{commitment_id}/follow-up").status_code == 403
    response = _commit(client, north.g3, north.alta.id, "For Alta")
    assert response.status_code == 400  # Alta is not among Hemnes' choices
    headers = api_token(north.hemnes_coordinator)
    response = client.patch(
        f"/api/v1/commitments/{commitment_id}", json={"status": "done"}, headers=headers
    )
    assert response.status_code == 403
    auth.logout()

    auth.login(north.rana_coordinator)
    for path in (
        f"/gatherings/{north.g3.id}/commitments",
        f"/networks/{north.north.id}/commitments",
        f"/networks/{north.north.id}/steering",
        f"/gatherings/{north.g3.id}/assessment/{north.alta.id}",
    ):
        assert client.get(path).status_code == 403, path
    headers = api_token(north.rana_coordinator)
    assert (
        client.get(f"/api/v1/gatherings/{north.g3.id}/commitments", headers=headers).status_code
        == 403
    )
    response = client.post(
        f"/api/v1/gatherings/{north.g3.id}/commitments",
        json={"municipality_id": north.rana.id, "text": "x", "owner": "y"},
        headers=headers,
    )
    assert response.status_code == 403


def test_api_commitments_and_follow_up(app, client, north, api_token):  # type: ignore[no-untyped-def]
    alta = api_token(north.alta_coordinator)
    base = f"/api/v1/gatherings/{north.g3.id}/commitments"
    response = client.post(
        base,
        json={"municipality_id": north.alta.id, "text": "Kick-off", "owner": "Koordinator"},
        headers=alta,
    )
    assert response.status_code == 201
    created = response.get_json()
    assert created["due_on"] == "2018-09-03" and created["status"] == "open"
    assert created["municipality"]["name"] == "Alta" and created["joint"] is False

    at_g4 = f"/api/v1/gatherings/{north.g4.id}/commitments"
    to_follow_up = client.get(f"{at_g4}/to-follow-up", headers=alta)
    assert [c["text"] for c in to_follow_up.get_json()] == ["Kick-off"]
    assert json.loads(to_follow_up.headers["X-Pagination"])["total"] == 1
    assert client.get(at_g4, headers=alta).get_json() == []
    made_at_g3 = client.get(base, headers=alta)
    assert [c["text"] for c in made_at_g3.get_json()] == ["Kick-off"]

    response = client.patch(
        f"/api/v1/commitments/{created['id']}",
        json={"status": "done", "comment": "Holdt i mai.", "gathering_id": north.g4.id},
        headers=alta,
    )
    assert response.status_code == 200
    assert response.get_json()["status"] == "done"
    assert response.get_json()["followed_up_gathering_id"] == north.g4.id
    assert client.get(f"{at_g4}/to-follow-up", headers=alta).get_json() == []
    participant = api_token(north.hemnes_participant)  # sees commitments, not the loop
    assert client.get(base, headers=participant).get_json() != []
    response = client.patch(
        f"/api/v1/commitments/{created['id']}", json={"status": "open"}, headers=alta
    )
    assert response.status_code == 200
    assert client.get(f"{at_g4}/to-follow-up", headers=participant).get_json() == []
    assert len(client.get(f"{at_g4}/to-follow-up", headers=alta).get_json()) == 1

    response = client.patch(
        f"/api/v1/commitments/{created['id']}", json={"status": "kanskje"}, headers=alta
    )
    assert response.status_code == 422
    response = client.post(
        base, json={"municipality_id": None, "text": "Felles", "owner": "X"}, headers=alta
    )
    assert response.status_code == 403
    assert "prosessveilederen" in response.get_json()["error"]["message"]


def test_vurderingskrysset_is_ranked_and_validated(app, client, auth, north):  # type: ignore[no-untyped-def]
    auth.login(north.hemnes_coordinator)
    path = f"/gatherings/{north.g3.id}/assessment/{north.hemnes.id}"
    data = {
        "achieved-count": "2",
        "achieved-0-text": "Nye turnusordninger",
        "achieved-0-rank": "2",
        "achieved-1-text": "Forankring i ledelsen",
        "achieved-1-rank": "1",
        "take_hold-count": "1",
        "take_hold-0-text": "Informasjon til alle",
        "take_hold-0-rank": "1",
        "why-count": "0",
        "how-count": "0",
    }
    assert post_form(client, path, data).status_code == 302
    page = client.get(path).get_data(as_text=True)
    cross = page.split('class="cross"')[1].split("</div>")[0]
    assert cross.index("Forankring i ledelsen") < cross.index("Nye turnusordninger")
    assert "Informasjon til alle" in cross

    bad = {**data, "achieved-0-rank": "1", "achieved-1-text": "Ny tekst som skal beholdes"}
    response = post_form(client, path, bad)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "uten hull eller like tall" in page
    assert 'value="Ny tekst som skal beholdes"' in page

    auth.logout()
    auth.login(north.alta_coordinator)
    assert client.get(path).status_code == 200  # the network reads it
    assert "Skriv i krysset" not in client.get(path).get_data(as_text=True)
    assert post_form(client, path, data, form_page="/account").status_code == 403


def test_steering_matrix_columns_cells_and_evidence(app, client, auth, north):  # type: ignore[no-untyped-def]
    from heltidnett.commitments.models import FacilitatorMilestone

    auth.login(north.alta_coordinator)
    _commit(client, north.g3, north.alta.id, "En")
    _commit(client, north.g3, north.alta.id, "To")
    post_form(
        client,
        f"/commitments/{_commitment_id(app, 'En')}/follow-up",
        {"f-status": "done", "f-comment": ""},
    )
    auth.logout()

    auth.login(north.facilitator)
    path = f"/networks/{north.north.id}/steering"
    response = post_form(client, path, {"ms-title": "Forankring i egen kommune"})
    assert response.status_code == 302
    assert post_form(client, path, {"ms-title": "Forankring i egen kommune"}).status_code == 400
    with app.app_context():
        milestone_id = db.session.scalar(sa.select(FacilitatorMilestone.id))
    tick = f"/milestones/{milestone_id}/municipalities/{north.hemnes.id}"
    form_page = f"/milestones/{milestone_id}"
    response = post_form(
        client,
        tick,
        {
            f"m{north.hemnes.id}-reached": "y",
            f"m{north.hemnes.id}-evidence_url": "javascript:alert(1)",
        },
        form_page,
    )
    assert response.status_code == 400
    assert "Lenken må begynne med https://" in response.get_data(as_text=True)
    response = post_form(
        client,
        tick,
        {
            f"m{north.hemnes.id}-reached": "y",
            f"m{north.hemnes.id}-reached_on": "2018-03-06",
            f"m{north.hemnes.id}-evidence_url": "https://hemnes.kommune.no/vedtak",
        },
        form_page,
    )
    assert response.status_code == 302
    rana_tick = f"/milestones/{milestone_id}/municipalities/{north.rana.id}"
    response = post_form(client, rana_tick, {f"m{north.rana.id}-reached": "y"}, form_page)
    assert response.status_code == 404

    for user, status in (
        (north.facilitator, 200),
        (north.alta_steering, 200),
        (north.hemnes_coordinator, 200),
        (north.hemnes_participant, 403),
    ):
        auth.logout()
        auth.login(user)
        response = client.get(path)
        assert response.status_code == status, user.email
    page = response_for(client, auth, north.alta_steering, path)
    header = page.split("<thead>")[1].split("</thead>")[0]
    assert "Forpliktelser fulgt opp" in header and "Forankring i egen kommune" in header
    alta_row = page.split('<th scope="row">Alta</th>')[1].split("</tr>")[0]
    assert "1 av 2" in alta_row and "½" in alta_row
    hemnes_row = page.split('<th scope="row">Hemnes</th>')[1].split("</tr>")[0]
    assert 'href="https://hemnes.kommune.no/vedtak"' in hemnes_row
    assert "6. mars 2018" in hemnes_row
    assert "To" in page.split('id="open-heading"')[1]  # the loop in the steering view
    assert "Legg til milepæl" not in page  # only the facilitator adds milestones


def response_for(client, auth, user, path: str) -> str:  # type: ignore[no-untyped-def]
    auth.logout()
    auth.login(user)
    return client.get(path).get_data(as_text=True)


def test_next_gathering_and_open_list_rules(app, north, make_held_gathering) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.auth.models import User
    from heltidnett.commitments import services
    from heltidnett.gatherings.models import Gathering

    coordinator_meeting = make_held_gathering(north.north, 1, date(2018, 5, 2), kind="coordinator")
    with app.test_request_context():
        g3 = db.session.get(Gathering, north.g3.id)
        nxt = services.next_gathering(db.session, g3)
        assert nxt is not None and nxt.id == north.g4.id
        between = db.session.get(Gathering, coordinator_meeting.id)
        assert services.next_gathering(db.session, between).id == north.g4.id
        assert services.next_gathering(db.session, db.session.get(Gathering, north.g4.id)) is None
        participant = db.session.get(User, north.hemnes_participant.id)
        assert services.open_commitments_for_gathering(db.session, g3, participant) == []


@pytest.mark.parametrize("url", ["https://x.no/a", "/networks/1", ""])
def test_evidence_links_allowed(url: str) -> None:
    from heltidnett.commitments.services import clean_evidence_url

    assert clean_evidence_url(url) == url


def test_gathering_and_network_pages_show_the_loop(app, client, auth, north) -> None:
    """The next gathering's page lists open commitments; the network page links the matrix."""
    auth.login(north.alta_coordinator)
    _commit(client, north.g3, north.alta.id, "Holde kick-off")
    for user, sees_matrix in ((north.alta_coordinator, True), (north.hemnes_participant, False)):
        auth.logout()
        auth.login(user)
        gathering_page = client.get(f"/gatherings/{north.g4.id}").get_data(as_text=True)
        assert ("Holde kick-off" in gathering_page) is sees_matrix
        network_page = client.get(f"/networks/{north.north.id}").get_data(as_text=True)
        assert "Galleri: GJORT-LÆRT-LURT" in network_page
        assert ("Styringsmatrise" in network_page) is sees_matrix


def test_steering_matrix_pdf(app, client, auth, north) -> None:  # type: ignore[no-untyped-def]
    import io

    from pypdf import PdfReader

    auth.login(north.alta_coordinator)
    _commit(client, north.g3, north.alta.id, "Holde kick-off med funnene")
    path = f"/networks/{north.north.id}/steering.pdf"
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Styringsmatrise: Heltid i nord" in text
    alta_row = next(line for line in text.splitlines() if line.startswith("Alta "))
    assert "– 0 av 1" in alta_row  # other domains add columns (the latest review mark last)
    assert "Holde kick-off med funnene" in text
    for user in (north.hemnes_participant, north.rana_coordinator):
        auth.logout()
        auth.login(user)
        assert client.get(path).status_code == 403


def test_a_municipality_outside_the_network_is_not_found(client, auth, north) -> None:  # type: ignore[no-untyped-def]
    """The pages for a municipality in a network answer 404 for one that takes no part in it;
    whoever may not see the network (or gathering) gets 403 either way, so they cannot tell
    which municipalities take part."""
    network, gathering = north.north.id, north.g3.id
    harvest = f"/networks/{network}/municipalities/{{}}/harvest"
    assessment = f"/gatherings/{gathering}/assessment/{{}}"
    for user, inside, outside in (
        (north.facilitator, 200, 404),
        (north.rana_coordinator, 403, 403),
    ):
        auth.login(user)
        for url in (harvest, assessment):
            assert client.get(url.format(north.alta.id)).status_code == inside, (user, url)
            assert client.get(url.format(north.rana.id)).status_code == outside, (user, url)
            assert client.get(url.format(999999)).status_code == outside, (user, url)
        auth.logout()


# ---- a commitment from the network's pages, and a follow-up with no status chosen for you ----


def _new_commitment(client, network, data):  # type: ignore[no-untyped-def]
    return post_form(client, f"/networks/{network.id}/commitments/new", data)


def test_coordinator_writes_a_commitment_from_the_network_overview(app, client, auth, north):  # type: ignore[no-untyped-def]
    auth.login(north.alta_coordinator)
    overview = client.get(f"/networks/{north.north.id}/commitments").get_data(as_text=True)
    assert f"/networks/{north.north.id}/commitments/new" in overview
    alta_section = overview.split(f'id="kommune-{north.alta.id}"')[1].split("</section>")[0]
    assert f"commitments/new?municipality={north.alta.id}" in alta_section
    hemnes_section = overview.split(f'id="kommune-{north.hemnes.id}"')[1].split("</section>")[0]
    assert "commitments/new" not in hemnes_section  # not Alta's coordinator's to write

    page = client.get(f"/networks/{north.north.id}/commitments/new?municipality={north.alta.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    # the latest gathering that has begun is chosen; Alta (from its section) too
    assert f'<option selected value="{north.g4.id}">' in html
    assert f'<option selected value="{north.alta.id}">Alta</option>' in html

    response = _new_commitment(
        client,
        north.north,
        {
            "c-gathering": str(north.g3.id),
            "c-municipality": str(north.alta.id),
            "c-text": "Vedta heltidserklæringen i kommunestyret.",
            "c-owner": "Rådmannen",
            "c-due_on": "",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/networks/{north.north.id}/commitments#kommune-{north.alta.id}"
    )
    g3 = client.get(f"/gatherings/{north.g3.id}/commitments").get_data(as_text=True)
    made = g3.split('id="made-heading"')[1].split("</section>")[0]
    assert "Vedta heltidserklæringen i kommunestyret." in made
    assert "Frist 3. september 2018" in made  # due at the next gathering, as on g3's page


def test_network_commitment_form_needs_a_gathering_of_the_network(app, client, auth, north):  # type: ignore[no-untyped-def]
    auth.login(north.alta_coordinator)
    typed = {
        "c-municipality": str(north.alta.id),
        "c-text": "Skriv en plan for heltid.",
        "c-owner": "Prosjektleder",
        "c-due_on": "2019-06-01",
    }
    none = ("0", "Velg samlingen forpliktelsen ble gitt på.")
    other_network = (str(north.other_g1.id), "Ikke et gyldig valg")  # not among the choices
    for gathering, message in (none, other_network):
        response = _new_commitment(client, north.north, {**typed, "c-gathering": gathering})
        assert response.status_code == 400
        page = response.get_data(as_text=True)
        assert message in page
        assert "Skriv en plan for heltid." in page  # nothing typed is lost
    assert _commitment_id(app, "Skriv en plan for heltid.") is None


def test_commitment_gathering_must_be_the_networks_and_visible(app, north) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.auth.models import User
    from heltidnett.commitments import services
    from heltidnett.gatherings.models import Gathering, GatheringStatus
    from heltidnett.networks.models import Network

    with app.app_context():
        coordinator = db.session.get(User, north.alta_coordinator.id)
        network = db.session.get(Network, north.north.id)
        assert services.gathering_of_network(db.session, coordinator, network, north.g3.id)
        planned = db.session.get(Gathering, north.g4.id)
        planned.status = GatheringStatus.PLANNED
        for gathering_id in (None, north.other_g1.id, north.g4.id):
            with pytest.raises(services.UnknownGathering):
                services.gathering_of_network(db.session, coordinator, network, gathering_id)
        db.session.rollback()


def test_default_gathering_is_the_latest_begun_else_the_next(north, make_held_gathering) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.commitments.services import default_gathering

    gatherings = [north.g3, north.g4]
    assert default_gathering(gatherings, date(2018, 6, 1)) is north.g3
    assert default_gathering(gatherings, date(2026, 1, 1)) is north.g4
    assert default_gathering(gatherings, date(2017, 1, 1)) is north.g3
    assert default_gathering([], date(2026, 1, 1)) is None
    meeting = make_held_gathering(north.north, 1, date(2018, 4, 10), kind="coordinator")
    between = [north.g3, meeting, north.g4]
    assert default_gathering(between, date(2018, 6, 1)).id == north.g3.id  # not the meeting
    assert default_gathering([meeting], date(2018, 6, 1)).id == meeting.id


def test_facilitator_writes_the_joint_commitment_from_the_overview(app, client, auth, north):  # type: ignore[no-untyped-def]
    auth.login(north.facilitator)
    overview = client.get(f"/networks/{north.north.id}/commitments").get_data(as_text=True)
    joint = overview.split('id="felles"')[1].split("</section>")[0]
    assert "commitments/new?municipality=0" in joint
    response = _new_commitment(
        client,
        north.north,
        {
            "c-gathering": str(north.g4.id),
            "c-municipality": "0",
            "c-text": "Alle tar med erklæringen til neste samling.",
            "c-owner": "Prosessveilederen",
            "c-due_on": "2019-03-01",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#felles")


def test_network_commitment_form_is_refused_outsiders_and_other_municipalities(
    app, client, auth, north
):  # type: ignore[no-untyped-def]
    auth.login(north.rana_coordinator)
    assert client.get(f"/networks/{north.north.id}/commitments/new").status_code == 403
    auth.logout()
    for user in (north.hemnes_participant, north.alta_steering):
        auth.login(user)
        assert client.get(f"/networks/{north.north.id}/commitments/new").status_code == 403
        overview = client.get(f"/networks/{north.north.id}/commitments").get_data(as_text=True)
        assert "commitments/new" not in overview
        auth.logout()
    auth.login(north.hemnes_coordinator)
    response = _new_commitment(
        client,
        north.north,
        {
            "c-gathering": str(north.g3.id),
            "c-municipality": str(north.alta.id),
            "c-text": "For Alta",
            "c-owner": "Noen",
        },
    )
    assert response.status_code == 400  # Alta is not among Hemnes' choices
    assert _commitment_id(app, "For Alta") is None


def test_follow_up_has_no_status_chosen_for_the_user(app, client, auth, north):  # type: ignore[no-untyped-def]
    auth.login(north.alta_coordinator)
    _commit(client, north.g3, north.alta.id, "Kartlegg deltid i helse.")
    commitment_id = _commitment_id(app, "Kartlegg deltid i helse.")
    page = client.get(f"/commitments/{commitment_id}/follow-up").get_data(as_text=True)
    select = page.split('name="f-status"')[1].split("</select>")[0]
    assert select.split("<option")[1] == ' value="">Velg status</option>'  # first, and chosen
    assert "selected" not in select

    response = post_form(
        client, f"/commitments/{commitment_id}/follow-up", {"f-comment": "Snakket med HR."}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Velg gjort, delvis eller ikke gjort." in page
    assert "Snakket med HR." in page  # the comment is kept
    overview = client.get(f"/networks/{north.north.id}/commitments").get_data(as_text=True)
    assert "Åpen" in overview.split(f'id="forpliktelse-{commitment_id}"')[1].split("</li>")[0]

    post_form(client, f"/commitments/{commitment_id}/follow-up", {"f-status": "partly"})
    page = client.get(f"/commitments/{commitment_id}/follow-up").get_data(as_text=True)
    assert '<option selected value="partly">Delvis</option>' in page  # what was chosen before
