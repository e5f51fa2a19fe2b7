"""Stories, the gallery, presentation mode, ideas and the harvest page, as their users see them."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
import sqlalchemy as sa
from PIL import Image

from heltidnett.extensions import db
from tests.conftest import post_form

pytest_plugins = ["tests.stories_fixtures"]


def png(width: int = 40, height: int = 30) -> bytes:
    """A small (or huge) PNG image."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


FORM = {
    "gathering": None,
    "title": "Forankring i alle retninger",
    "done_text": "Vi har valgt tre pilotavdelinger.",
    "learned_text": "Lederne trenger praktiske verktøy.",
    "smart_text": "Ressurspersoner som brenner for saken.",
    "themes": ["anchoring", "leadership"],
}


def _story_count(app) -> int:  # type: ignore[no-untyped-def]
    from heltidnett.stories.models import Story

    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(Story.id))) or 0


def test_coordinator_writes_draft_then_publishes_for_the_network(app, client, auth, north):  # type: ignore[no-untyped-def]
    auth.login(north.alta_coordinator)
    path = f"/networks/{north.north.id}/stories/new"
    page = client.get(path).get_data(as_text=True)
    assert (
        "Alta" in page and "Hemnes" not in page.split('id="municipality"')[1].split("</select>")[0]
    )
    data = {**FORM, "gathering": north.g3.id, "municipality": north.alta.id, "action": "save"}
    response = post_form(client, path, data)
    assert response.status_code == 302
    story_url = response.headers["Location"]
    page = client.get(story_url).get_data(as_text=True)
    assert "Utkast" in page and "Lederne trenger praktiske verktøy." in page
    assert "Forankring" in page and "Ledelse" in page

    auth.logout()
    auth.login(north.hemnes_participant)
    assert client.get(story_url).status_code == 403
    gallery = client.get(f"/networks/{north.north.id}/stories").get_data(as_text=True)
    assert "Forankring i alle retninger" not in gallery

    auth.logout()
    auth.login(north.alta_coordinator)
    story_id = int(story_url.rsplit("/", 1)[1])
    response = post_form(client, f"/stories/{story_id}/publish", {}, form_page=story_url)
    assert response.status_code == 302
    auth.logout()
    auth.login(north.hemnes_participant)
    gallery = client.get(f"/networks/{north.north.id}/stories").get_data(as_text=True)
    assert "Forankring i alle retninger" in gallery
    assert "1 publisert fortelling" in gallery


def test_coordinator_cannot_write_for_another_municipality(app, north) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.auth.models import User
    from heltidnett.core.errors import ServiceError
    from heltidnett.networks.models import Network
    from heltidnett.stories import services

    with app.test_request_context():
        user = db.session.get(User, north.alta_coordinator.id)
        network = db.session.get(Network, north.north.id)
        with pytest.raises(ServiceError, match="egen kommune"):
            services.create_story(
                db.session,
                user,
                network,
                north.hemnes.id,
                north.g3.id,
                services.StoryFields(title="Ikke vår"),
            )
        with pytest.raises(ServiceError, match="samling i dette nettverket"):
            services.create_story(
                db.session,
                user,
                network,
                north.alta.id,
                north.other_g1.id,
                services.StoryFields(title="Feil samling"),
            )


def test_hemnes_leaves_idea_alta_takes_it_home_and_harvest_lists_it(  # type: ignore[no-untyped-def]
    app, client, auth, north, make_story
):
    story = make_story(north.alta, north.g3)
    auth.login(north.hemnes_participant)
    url = f"/stories/{story.id}"
    response = post_form(
        client,
        f"{url}/ideas",
        {"kind": "idea", "text": "Lag en plakat om at dette gjelder alle."},
        form_page=url,
    )
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Lag en plakat om at dette gjelder alle." in page
    assert "Deltaker Hemnes, Hemnes" in page
    assert "Ta med hjem" not in page  # only the host decides

    from heltidnett.stories.models import Idea

    with app.app_context():
        idea_id = db.session.scalar(sa.select(Idea.id).where(Idea.story_id == story.id))
    response = post_form(client, f"/ideas/{idea_id}/take-home", {"taken": "1"}, form_page=url)
    assert response.status_code == 403

    auth.logout()
    auth.login(north.alta_coordinator)
    page = client.get(url).get_data(as_text=True)
    assert "Ta med hjem" in page
    assert 'name="text"' not in page  # no ideas on one's own story
    response = post_form(client, f"/ideas/{idea_id}/take-home", {"taken": "1"}, form_page=url)
    assert response.status_code == 302
    assert "Tatt med hjem" in client.get(url).get_data(as_text=True)

    harvest = client.get(f"/networks/{north.north.id}/municipalities/{north.alta.id}/harvest")
    text = harvest.get_data(as_text=True)
    assert harvest.status_code == 200
    assert "Lag en plakat om at dette gjelder alle." in text
    assert "Deltaker Hemnes, Hemnes" in text
    hemnes = client.get(f"/networks/{north.north.id}/municipalities/{north.hemnes.id}/harvest")
    assert "har ikke tatt med seg noen innspill hjem ennå" in hemnes.get_data(as_text=True)


def test_idea_on_own_story_is_refused_with_a_message(app, client, auth, north, make_story):  # type: ignore[no-untyped-def]
    story = make_story(north.alta, north.g3)
    auth.login(north.alta_steering)
    url = f"/stories/{story.id}"
    response = post_form(client, f"{url}/ideas", {"kind": "idea", "text": "Vår egen idé"}, url)
    assert response.status_code == 400
    assert "de andre kommunenes fortellinger" in response.get_data(as_text=True)


def test_empty_idea_is_refused_and_kind_kept(app, client, auth, north, make_story):  # type: ignore[no-untyped-def]
    story = make_story(north.alta, north.g3)
    auth.login(north.hemnes_coordinator)
    url = f"/stories/{story.id}"
    response = post_form(client, f"{url}/ideas", {"kind": "question", "text": "  "}, url)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Skriv innspillet ditt." in page
    assert '<option selected value="question">' in page


def test_other_network_sees_nothing_page_image_api(  # type: ignore[no-untyped-def]
    app, client, auth, api_token, north, make_story
):
    story = make_story(north.alta, north.g3)
    from heltidnett.auth.models import User
    from heltidnett.files.services import IMAGE_TYPES, check_upload, store
    from heltidnett.stories.models import Idea, Story

    with app.test_request_context():
        row = db.session.get(Story, story.id)
        checked = check_upload(io.BytesIO(png()), "plakat.png", IMAGE_TYPES)
        row.poster = store(db.session, checked, db.session.get(User, north.alta_coordinator.id))
        db.session.add(
            Idea(story_id=story.id, text="Hemlig idé", author_id=north.hemnes_participant.id)
        )
        db.session.commit()
        idea_id = db.session.scalar(sa.select(Idea.id).where(Idea.story_id == story.id))

    auth.login(north.hemnes_participant)
    poster = client.get(f"/stories/{story.id}/poster")
    assert poster.status_code == 200 and poster.mimetype == "image/png"
    auth.logout()

    auth.login(north.rana_coordinator)
    for path in (
        f"/stories/{story.id}",
        f"/stories/{story.id}/poster",
        f"/networks/{north.north.id}/stories",
        f"/networks/{north.north.id}/stories/present",
        f"/networks/{north.north.id}/municipalities/{north.alta.id}/harvest",
        f"/stories/{story.id}/edit",
    ):
        assert client.get(path).status_code == 403, path
    response = post_form(
        client, f"/ideas/{idea_id}/take-home", {"taken": "1"}, form_page="/account"
    )
    assert response.status_code == 403
    headers = api_token(north.rana_coordinator)
    assert client.get(f"/api/v1/stories/{story.id}", headers=headers).status_code == 403
    assert (
        client.get(f"/api/v1/networks/{north.north.id}/stories", headers=headers).status_code == 403
    )
    response = client.post(
        f"/api/v1/stories/{story.id}/ideas", json={"text": "Hei"}, headers=headers
    )
    assert response.status_code == 403
    assert response.get_json()["error"]["code"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00 dette er ikke et bilde", "Denne filtypen kan ikke lastes opp her"),
        (png(9000, 5000), "Bildet er for stort"),
    ],
)
def test_refused_poster_keeps_the_typed_story(app, client, auth, north, content, message):  # type: ignore[no-untyped-def]
    auth.login(north.alta_coordinator)
    path = f"/networks/{north.north.id}/stories/new"
    before = _story_count(app)
    data = {
        **FORM,
        "gathering": north.g3.id,
        "municipality": north.alta.id,
        "action": "publish",
        "poster": (io.BytesIO(content), "plakat.png"),
    }
    response = post_form(client, path, data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert 'value="Forankring i alle retninger"' in page
    assert "Lederne trenger praktiske verktøy." in page
    assert "Ressurspersoner som brenner for saken." in page
    assert 'value="leadership" checked' in page
    assert _story_count(app) == before


def test_poster_is_attached_and_replaced_on_edit(app, client, auth, north, make_story):  # type: ignore[no-untyped-def]
    story = make_story(north.alta, north.g3, published=False)
    auth.login(north.alta_coordinator)
    url = f"/stories/{story.id}/edit"
    data = {**FORM, "gathering": north.g3.id, "poster": (io.BytesIO(png(60, 40)), "p.png")}
    response = post_form(client, url, data, content_type="multipart/form-data")
    assert response.status_code == 302
    poster = client.get(f"/stories/{story.id}/poster")
    assert poster.status_code == 200
    assert poster.headers["Content-Security-Policy"].startswith("default-src 'none'")
    bad = {**FORM, "title": "Ny tittel", "gathering": north.g3.id}
    bad["poster"] = (io.BytesIO(b"%PDF-1.4 not an image"), "p.png")
    response = post_form(client, url, bad, content_type="multipart/form-data")
    assert "Denne filtypen kan ikke lastes opp her" in response.get_data(as_text=True)
    assert 'value="Ny tittel"' in response.get_data(as_text=True)
    assert client.get(f"/stories/{story.id}").get_data(as_text=True).count("Ny tittel") == 0


def test_gallery_filters_and_presentation_mode(app, client, auth, north, make_story):  # type: ignore[no-untyped-def]
    make_story(north.alta, north.g3, "Alta forteller", themes=("anchoring",))
    make_story(north.hemnes, north.g3, "Hemnes forteller", themes=("working_time",))
    make_story(north.hemnes, north.g4, "Hemnes igjen", themes=("working_time", "competence"))
    make_story(north.alta, north.g4, "Alta sitt utkast", published=False)
    auth.login(north.hemnes_participant)
    base = f"/networks/{north.north.id}/stories"
    page = client.get(base).get_data(as_text=True)
    assert "3 publiserte fortellinger" in page and "Alta sitt utkast" not in page
    page = client.get(f"{base}?theme=working_time").get_data(as_text=True)
    assert "Hemnes forteller" in page and "Hemnes igjen" in page and "Alta forteller" not in page
    page = client.get(f"{base}?municipality={north.alta.id}").get_data(as_text=True)
    assert "1 publisert fortelling" in page and "Alta forteller" in page
    page = client.get(f"{base}?gathering={north.g4.id}").get_data(as_text=True)
    assert "Hemnes igjen" in page and "Hemnes forteller" not in page
    page = client.get(f"{base}?theme=ikke-et-tema").get_data(as_text=True)
    assert "Ingen publiserte fortellinger passer med utvalget." in page

    present = client.get(f"{base}/present?theme=working_time").get_data(as_text=True)
    assert "Fortelling 1 av 2" in present
    visible = present.split('data-present-story="1">')[1].split("</article>")[0]
    assert "Hemnes igjen" in visible  # newest gathering first; the other waits hidden
    assert 'data-present-story="2" hidden>' in present
    next_href = re.search(r'href="([^"]*)" data-present-next rel="next">', present)
    assert next_href and "n=2" in next_href[1] and "theme=working_time" in next_href[1]
    last = client.get(f"{base}/present?theme=working_time&n=99").get_data(as_text=True)
    assert "Fortelling 2 av 2" in last
    assert "Hemnes forteller" in last.split('data-present-story="2">')[1].split("</article>")[0]
    assert re.search(r'data-present-next rel="next" hidden>', last)
    empty = client.get(f"{base}/present?municipality={north.rana.id}")
    assert empty.status_code == 302


def test_api_lists_and_creates_stories_and_ideas(app, client, north, api_token, make_story):  # type: ignore[no-untyped-def]
    make_story(north.hemnes, north.g3, "Hemnes forteller")
    alta = api_token(north.alta_coordinator)
    base = f"/api/v1/networks/{north.north.id}/stories"
    response = client.post(
        base,
        json={
            "municipality_id": north.alta.id,
            "gathering_id": north.g3.id,
            "title": "Fra API-et",
            "done": "Gjort noe",
            "themes": ["mapping"],
            "publish": True,
        },
        headers=alta,
    )
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["status"] == "published" and created["themes"] == ["mapping"]
    assert created["municipality"]["name"] == "Alta"

    listed = client.get(base, headers=api_token(north.hemnes_participant)).get_json()
    assert sorted(s["title"] for s in listed) == ["Fra API-et", "Hemnes forteller"]

    response = client.post(
        f"/api/v1/stories/{created['id']}/ideas",
        json={"text": "Spør KLP om pensjonen", "kind": "question"},
        headers=api_token(north.hemnes_coordinator),
    )
    assert response.status_code == 201
    assert response.get_json()["author_municipality"] == "Hemnes"

    response = client.post(
        base,
        json={"municipality_id": north.hemnes.id, "gathering_id": north.g3.id, "title": "X"},
        headers=alta,
    )
    assert response.status_code == 400
    assert "egen kommune" in response.get_json()["error"]["message"]
    response = client.post(base, json={"municipality_id": north.alta.id}, headers=alta)
    assert response.status_code == 422
    assert "title" in response.get_json()["error"]["details"]["json"]
    response = client.post(
        base,
        json={"municipality_id": north.alta.id, "gathering_id": north.g3.id, "title": "X"},
        headers=api_token(north.hemnes_participant),
    )
    assert response.status_code == 403


def test_api_story_list_is_paged_with_drafts_for_their_writers_only(  # type: ignore[no-untyped-def]
    client, north, api_token, make_story
):
    make_story(north.alta, north.g3, "Alta publisert")
    make_story(north.hemnes, north.g4, "Hemnes publisert")
    make_story(north.alta, north.g4, "Alta utkast", published=False)
    make_story(north.hemnes, north.g4, "Hemnes utkast", published=False)
    base = f"/api/v1/networks/{north.north.id}/stories"

    def titles(user, query: str = "") -> list[str]:  # type: ignore[no-untyped-def]
        return [s["title"] for s in client.get(base + query, headers=api_token(user)).get_json()]

    published = ["Hemnes publisert", "Alta publisert"]  # newest gathering first
    assert titles(north.hemnes_participant) == published
    assert titles(north.alta_coordinator) == ["Alta utkast", *published]  # own drafts first
    assert titles(north.facilitator) == ["Alta utkast", "Hemnes utkast", *published]

    first = client.get(f"{base}?page=2&page_size=2", headers=api_token(north.facilitator))
    assert [s["title"] for s in first.get_json()] == published
    assert json.loads(first.headers["X-Pagination"])["total"] == 4
    assert titles(north.alta_coordinator, "?page=2&page_size=2") == ["Alta publisert"]


def test_demo_loads_stories_and_commitments_once(app) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.commitments.models import Commitment, CommitmentStatus
    from heltidnett.demo import load_demo
    from heltidnett.stories.models import Idea, Story

    with app.app_context():
        ctx = load_demo(db.session)
        counts = [
            db.session.scalar(sa.select(sa.func.count(m.id))) for m in (Story, Idea, Commitment)
        ]
        load_demo(db.session)
        again = [
            db.session.scalar(sa.select(sa.func.count(m.id))) for m in (Story, Idea, Commitment)
        ]
        north = ctx.networks["Heltid i nord"].id
        seeds = db.session.scalar(
            sa.select(sa.func.count(Commitment.id)).where(Commitment.network_id == north)
        )
        open_ones = db.session.scalar(
            sa.select(sa.func.count(Commitment.id)).where(
                Commitment.network_id == north, Commitment.status == CommitmentStatus.OPEN
            )
        )
        db.session.rollback()
    assert counts == again
    assert counts[0] >= 8 and counts[1] >= 8 and seeds == 9
    assert open_ones == 1
    assert date(2018, 3, 6)  # the seeds' Bodø gathering date is used in the demo


def test_story_page_statements_do_not_grow_with_ideas(  # type: ignore[no-untyped-def]
    app, client, auth, north, make_story, make_user, grant, count_statements
):
    from heltidnett.db import utcnow
    from heltidnett.stories.models import Idea, IdeaKind

    story = make_story(north.alta, north.g3)

    def add_idea(n: int) -> None:
        author = make_user(f"innspill{n}@example.org", f"Innspill {n}")
        grant(author, north.north, "participant", north.hemnes)
        with app.app_context():
            db.session.add(
                Idea(
                    story_id=story.id,
                    kind=IdeaKind.IDEA if n % 2 else IdeaKind.QUESTION,
                    text=f"Innspill nummer {n}",
                    author_id=author.id,
                    author_municipality_id=north.hemnes.id,
                    # each answered by someone else: who answered is loaded with the ideas
                    answer="" if n % 2 else f"Svar nummer {n}",
                    answered_at=None if n % 2 else utcnow(),
                    answered_by_id=None if n % 2 else author.id,
                )
            )
            db.session.commit()

    auth.login(north.facilitator)
    add_idea(0)
    with count_statements() as one:
        assert client.get(f"/stories/{story.id}").status_code == 200
    for n in range(1, 6):
        add_idea(n)
    with count_statements() as six:
        page = client.get(f"/stories/{story.id}").get_data(as_text=True)
    assert "Innspill nummer 5" in page
    assert len(one) == len(six), (len(one), len(six))


def test_harvest_leaves_out_stories_taken_back_to_draft(app, client, auth, north, make_story):  # type: ignore[no-untyped-def]
    """Item 11: a story taken back to draft leaves the harvest for all but its editors."""
    from heltidnett.db import utcnow
    from heltidnett.stories.models import Idea

    kept = make_story(north.alta, north.g3, "Publisert fortelling")
    withdrawn = make_story(north.alta, north.g4, "Trukket tilbake")
    with app.app_context():
        for story, text in ((kept, "Synlig innspill."), (withdrawn, "Skjult innspill.")):
            db.session.add(
                Idea(
                    story_id=story.id,
                    text=text,
                    author_id=north.hemnes_participant.id,
                    author_municipality_id=north.hemnes.id,
                    taken_home_at=utcnow(),
                )
            )
        db.session.commit()
    auth.login(north.alta_coordinator)
    url = f"/stories/{withdrawn.id}/unpublish"
    assert post_form(client, url, {}, form_page=f"/stories/{withdrawn.id}").status_code == 302
    path = f"/networks/{north.north.id}/municipalities/{north.alta.id}/harvest"
    own = client.get(path).get_data(as_text=True)
    assert "Trukket tilbake" in own and "Skjult innspill." in own  # its editors still see it
    auth.logout()
    for user in (north.hemnes_participant, north.alta_steering, north.hemnes_coordinator):
        auth.login(user)
        page = client.get(path).get_data(as_text=True)
        assert "Publisert fortelling" in page and "Synlig innspill." in page
        assert "Trukket tilbake" not in page and "Skjult innspill." not in page, user.email
        auth.logout()


# ---- a question on a story is answered by the host ------------------------------------------


def _ask(client, story, text: str):  # type: ignore[no-untyped-def]
    url = f"/stories/{story.id}"
    return post_form(client, f"{url}/ideas", {"kind": "question", "text": text}, form_page=url)


def _idea_id(app, text: str) -> int:  # type: ignore[no-untyped-def]
    from heltidnett.stories.models import Idea

    with app.app_context():
        return db.session.scalar(sa.select(Idea.id).where(Idea.text == text))


def _idea_card(page: str, idea_id: int) -> str:
    return page.split(f'id="innspill-{idea_id}"')[1].split("</li>")[0]


def test_host_coordinator_answers_a_question_and_the_asker_sees_it(  # type: ignore[no-untyped-def]
    app, client, auth, north, make_story
):
    story = make_story(north.alta, north.g3)
    url = f"/stories/{story.id}"
    auth.login(north.hemnes_coordinator)
    assert _ask(client, story, "Hvordan fikk dere med tillitsvalgte?").status_code == 302
    question_id = _idea_id(app, "Hvordan fikk dere med tillitsvalgte?")
    card = _idea_card(client.get(url).get_data(as_text=True), question_id)
    assert "Ikke besvart" in card
    assert f"/ideas/{question_id}/answer" not in card  # the asker does not answer
    auth.logout()

    auth.login(north.alta_coordinator)
    page = client.get(url).get_data(as_text=True)
    assert "Spørsmål: 0 av 1 besvart." in page
    assert f"/ideas/{question_id}/answer" in _idea_card(page, question_id)
    response = post_form(
        client,
        f"/ideas/{question_id}/answer",
        {f"a{question_id}-answer": "Vi inviterte dem til kick-off fra første dag."},
        form_page=url,
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{url}#innspill-{question_id}")
    auth.logout()

    auth.login(north.hemnes_coordinator)  # the asker
    page = client.get(url).get_data(as_text=True)
    card = _idea_card(page, question_id)
    assert "Besvart" in card and "Ikke besvart" not in card
    assert "Vi inviterte dem til kick-off fra første dag." in card
    assert "Svar fra Koordinator Alta" in card
    assert "Spørsmål: 1 av 1 besvart." in page


def test_facilitator_answers_and_may_change_the_answer(app, client, auth, north, make_story):  # type: ignore[no-untyped-def]
    story = make_story(north.alta, north.g3)
    url = f"/stories/{story.id}"
    auth.login(north.hemnes_participant)
    _ask(client, story, "Hvor lange vakter har dere?")
    question_id = _idea_id(app, "Hvor lange vakter har dere?")
    auth.logout()
    auth.login(north.facilitator)
    field = f"a{question_id}-answer"
    post_form(client, f"/ideas/{question_id}/answer", {field: "Tolv timer."}, form_page=url)
    post_form(client, f"/ideas/{question_id}/answer", {field: "Tolv timer i helg."}, url)
    card = _idea_card(client.get(url).get_data(as_text=True), question_id)
    assert "Tolv timer i helg." in card and "Svar fra Vera Veileder" in card
    assert "Endre svaret" in card


def test_empty_answer_and_answer_to_an_idea_are_refused_with_a_message(  # type: ignore[no-untyped-def]
    app, client, auth, north, make_story
):
    from heltidnett.stories.models import Idea

    story = make_story(north.alta, north.g3)
    url = f"/stories/{story.id}"
    auth.login(north.hemnes_coordinator)
    _ask(client, story, "Hva kostet det?")
    post_form(client, f"{url}/ideas", {"kind": "idea", "text": "Prøv langvakter."}, url)
    question_id, idea_id = _idea_id(app, "Hva kostet det?"), _idea_id(app, "Prøv langvakter.")
    auth.logout()

    auth.login(north.alta_coordinator)
    response = post_form(
        client, f"/ideas/{question_id}/answer", {f"a{question_id}-answer": " "}, url
    )
    assert response.status_code == 400
    assert "Skriv svaret ditt." in _idea_card(response.get_data(as_text=True), question_id)
    response = post_form(client, f"/ideas/{idea_id}/answer", {f"a{idea_id}-answer": "Ja"}, url)
    assert response.status_code == 400
    assert "Bare spørsmål kan besvares." in response.get_data(as_text=True)
    with app.app_context():
        assert (
            db.session.scalar(sa.select(sa.func.count()).where(Idea.answered_at.is_not(None))) == 0
        )


def test_only_the_host_side_answers_questions(app, client, auth, north, make_story):  # type: ignore[no-untyped-def]
    story = make_story(north.alta, north.g3)
    url = f"/stories/{story.id}"
    auth.login(north.hemnes_coordinator)
    _ask(client, story, "Hvem leder arbeidet?")
    question_id = _idea_id(app, "Hvem leder arbeidet?")
    data = {f"a{question_id}-answer": "Jeg svarer for Alta."}
    assert post_form(client, f"/ideas/{question_id}/answer", data, url).status_code == 403
    auth.logout()
    for user in (north.alta_steering, north.rana_coordinator):
        auth.login(user)
        assert (
            post_form(client, f"/ideas/{question_id}/answer", data, "/account").status_code == 403
        )
        auth.logout()


def test_api_shows_whether_a_question_is_answered_and_answers_it(  # type: ignore[no-untyped-def]
    app, client, auth, north, make_story, api_token
):
    story = make_story(north.alta, north.g3)
    hemnes = api_token(north.hemnes_coordinator)
    response = client.post(
        f"/api/v1/stories/{story.id}/ideas",
        json={"kind": "question", "text": "Hvordan måler dere heltid?"},
        headers=hemnes,
    )
    assert response.status_code == 201
    created = response.get_json()
    assert created["answered"] is False and created["answer"] is None
    question_id = created["id"]

    path = f"/api/v1/ideas/{question_id}/answer"
    response = client.put(path, json={"answer": "Med stillingsstørrelsene."}, headers=hemnes)
    assert response.status_code == 403
    alta = api_token(north.alta_coordinator)
    assert client.put(path, json={"answer": " "}, headers=alta).status_code == 400
    response = client.put(path, json={"answer": "Med stillingsstørrelsene."}, headers=alta)
    assert response.status_code == 200
    answered = response.get_json()
    assert answered["answered"] is True
    assert answered["answer"] == "Med stillingsstørrelsene."
    assert answered["answered_by"] == "Koordinator Alta" and answered["answered_at"]

    ideas = client.get(f"/api/v1/stories/{story.id}", headers=hemnes).get_json()["ideas"]
    assert [(i["answered"], i["answer"]) for i in ideas] == [(True, "Med stillingsstørrelsene.")]
