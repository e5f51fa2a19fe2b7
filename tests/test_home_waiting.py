""" "Dette venter på deg": each role's lines on the home page in the demo's living network, who
sees which, the order (overdue first), the empty message, and the lines following the data."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from heltidnett.core import waiting
from heltidnett.demo import DEMO_PASSWORD
from heltidnett.extensions import db


def _lines(app: Flask, email: str, **kwargs: Any) -> list[waiting.WaitingItem]:
    """What waits for the demo person, over all their groups."""
    from heltidnett.auth import access
    from heltidnett.auth.services import find_user_by_email

    with app.test_request_context():
        user = find_user_by_email(db.session, email)
        access.forget_grants(user)
        return [item for group in waiting.build(db.session, user, **kwargs) for item in group.items]


@pytest.fixture
def demo(app: Flask) -> Any:
    from heltidnett.demo import load_demo

    with app.app_context():
        ctx = load_demo(db.session)
        db.session.commit()
        return ctx


def _kinds(items: list[waiting.WaitingItem]) -> Counter[str]:
    return Counter(item.kind for item in items)


def test_each_role_sees_what_it_has_to_do(app: Flask, demo: Any) -> None:
    facilitator = _lines(app, "veileder@example.org")
    assert _kinds(facilitator) == {
        "give_feedback": 3,  # Alstahaug and Salangen chapter 1, Hammerfest chapter 2
        "declaration_comment": 1,  # Vadsø's declaration on consultation
        "commitment": 1,  # the network's joint commitment
        "gathering_attendance": 1,
        "gathering_plan": 1,
        "poll_running": 1,
    }
    bodo = _lines(app, "koordinator.bodo@example.org")
    assert _kinds(bodo) == {"question": 1, "chapter": 1, "registration": 1, "poll": 1}
    (chapter,) = [i for i in bodo if i.kind == "chapter"]
    assert chapter.title.startswith("Svar på kapittel 2") and chapter.on and not chapter.overdue
    assert chapter.url.endswith(f"/deliveries/{demo.municipalities['Bodø'].id}")

    salangen = _lines(app, "koordinator.salangen@example.org")
    assert _kinds(salangen) == {
        "idea": 1,
        "declaration_draft": 1,
        "chapter": 1,
        "registration": 1,
        "action": 1,
        "poll": 1,
    }
    # deadlines first, soonest first; then what has waited longest
    assert [i.kind for i in salangen][:3] == ["chapter", "registration", "action"]
    assert [i.on for i in salangen[:3]] == sorted(i.on for i in salangen[:3])
    steering = _lines(app, "styring.vadso@example.org")
    assert _kinds(steering) == {
        "declaration_comment": 1,
        "commitment": 1,
        "registration": 1,
        "poll": 1,
    }
    (comment,) = [i for i in steering if i.kind == "declaration_comment"]
    assert "styringsgruppens vurdering" in comment.detail
    (commitment,) = [i for i in steering if i.kind == "commitment"]
    assert "/commitments#kommune-" in commitment.url  # steering sees it; the coordinator writes
    participant = _lines(app, "deltaker.bodo@example.org")
    assert _kinds(participant) == {"registration": 1, "poll": 1}
    (poll,) = [i for i in participant if i.kind == "poll"]
    assert poll.url.startswith("/p/")
    for item in facilitator + bodo + salangen + steering + participant:
        assert item.url.startswith("/") and item.title and item.on is not None, item


def test_a_coordinator_never_sees_another_municipalitys_drafts(
    app: Flask, demo: Any, client: Any, auth: Any
) -> None:
    salangen = demo.municipalities["Salangen"].id
    bodo = _lines(app, "koordinator.bodo@example.org")
    assert all(f"/municipalities/{salangen}/" not in i.url for i in bodo)
    assert not any("Salangen" in f"{i.title} {i.detail}" for i in bodo)
    auth.login("koordinator.bodo@example.org", DEMO_PASSWORD)
    page = client.get("/").get_data(as_text=True)
    todo = page.split('id="venter"')[1].split("</section>")[0]
    assert "Gjør ferdig utkastet" not in todo and "Salangen" not in todo
    assert todo.count('class="todo-item') == 4
    auth.logout()
    auth.login("koordinator.salangen@example.org", DEMO_PASSWORD)
    page = client.get("/").get_data(as_text=True)
    todo = page.split('id="venter"')[1].split("</section>")[0]
    assert "Gjør ferdig utkastet til heltidserklæring for Salangen" in todo
    assert f'href="/municipalities/{salangen}/declaration/versions/1"' in todo
    assert todo.count('class="todo-item') == 6


def test_overdue_lines_come_first_and_closed_networks_are_left_out(app: Flask, demo: Any) -> None:
    from heltidnett.workbooks.models import Chapter

    with app.app_context():
        due = db.session.scalar(
            sa.select(Chapter.due_on).where(
                Chapter.network_id == demo.living_network.id, Chapter.number == 2
            )
        )
    later = _lines(app, "koordinator.bodo@example.org", today=due + timedelta(days=1))
    assert later[0].kind == "chapter" and later[0].overdue
    assert [i.overdue for i in later] == sorted((i.overdue for i in later), reverse=True)
    facilitator = _lines(app, "veileder@example.org", today=due + timedelta(days=1))
    (late,) = [i for i in facilitator if i.kind == "chapter_late"]
    assert late.overdue and late is facilitator[0]
    assert late.detail == "Alstahaug, Bodø, Salangen, Vadsø"  # Hammerfest has delivered
    assert "chapter_late" not in _kinds(_lines(app, "veileder@example.org"))  # not before
    with app.test_request_context():
        from heltidnett.auth.services import find_user_by_email

        groups = waiting.build(db.session, find_user_by_email(db.session, "veileder@example.org"))
    assert [g.network_name for g in groups] == [demo.living_network.name]  # not the ended ones


def test_lines_follow_the_data(app: Flask, demo: Any) -> None:
    from heltidnett.db import utcnow
    from heltidnett.gatherings.models import Gathering, GatheringStatus, Registration
    from heltidnett.stories.models import Idea, IdeaKind, Story
    from heltidnett.workbooks.models import Chapter, ChapterDelivery

    network = demo.living_network.id
    with app.app_context():
        question = db.session.scalar(
            sa.select(Idea)
            .join(Idea.story)
            .where(Story.network_id == network, Idea.kind == IdeaKind.QUESTION)
            .where(Story.municipality_id == demo.municipalities["Bodø"].id)
        )
        question.answer, question.answered_at = "Slik gjorde vi det.", utcnow()
        gathering = db.session.scalar(
            sa.select(Gathering).where(
                Gathering.network_id == network, Gathering.status == GatheringStatus.PUBLISHED
            )
        )
        db.session.add(
            Registration(
                gathering_id=gathering.id,
                last_name="Bodø",
                first_name="Deltaker",
                email="deltaker.bodo@example.org",
                days=[gathering.starts_on.isoformat()],
            )
        )
        delivery = db.session.scalar(
            sa.select(ChapterDelivery)
            .join(ChapterDelivery.chapter)
            .where(
                Chapter.network_id == network,
                Chapter.number == 1,
                ChapterDelivery.municipality_id == demo.municipalities["Vadsø"].id,
            )
        )
        delivery.feedback_at = utcnow()
        db.session.commit()
    assert "question" not in _kinds(_lines(app, "koordinator.bodo@example.org"))
    later = demo.today + timedelta(days=70)  # an idea not taken home is let go, a question not
    assert "idea" not in _kinds(_lines(app, "koordinator.salangen@example.org", today=later))
    assert "question" in _kinds(_lines(app, "koordinator.vadso@example.org", today=later))
    participant = _kinds(_lines(app, "deltaker.bodo@example.org"))
    assert participant == {"gathering": 1, "poll": 1}  # registered: the next gathering stays
    steering = _lines(app, "styring.vadso@example.org")
    (feedback,) = [i for i in steering if i.kind == "feedback_to_read"]
    assert feedback.title.startswith("Les tilbakemeldingen på kapittel 1")


def test_nothing_waiting_says_so(app: Flask, client: Any, auth: Any, make_user: Any) -> None:
    from heltidnett.networks.models import Membership, Network, NetworkRole, NetworkStatus

    with app.app_context():
        user = make_user("tom@example.org")
        network = Network(name="Stille nettverk", region="Troms", status=NetworkStatus.ACTIVE)
        db.session.add(network)
        db.session.flush()
        db.session.add(
            Membership(user_id=user.id, network_id=network.id, role=NetworkRole.PARTICIPANT)
        )
        db.session.commit()
    auth.login("tom@example.org")
    page = client.get("/").get_data(as_text=True)
    assert "Dette venter på deg" in page
    assert "Ingenting venter på deg i Stille nettverk akkurat nå." in page
    assert 'class="todo-item' not in page


def test_the_lines_grow_with_the_world_but_not_the_statements(
    app: Flask, client: Any, auth: Any, sized_world: Any, assert_constant_statements: Any
) -> None:
    world = sized_world

    def count() -> int:
        return client.get("/").get_data(as_text=True).count('class="todo-item')

    auth.login(world.coordinator)
    before = count()
    assert before >= 3
    assert_constant_statements(client, "/", grow=world.grow)
    assert count() > before


def test_the_next_coordinators_meeting_is_shown_to_coordinators_only(app: Flask, demo: Any) -> None:
    from heltidnett.gatherings.models import Gathering, GatheringKind, GatheringStatus

    network = demo.living_network.id
    with app.app_context():
        samling = db.session.scalar(
            sa.select(Gathering).where(
                Gathering.network_id == network, Gathering.status == GatheringStatus.PUBLISHED
            )
        )
        db.session.add(
            Gathering(
                network_id=network,
                number=2,
                kind=GatheringKind.COORDINATOR,
                title="Koordinatorsamling 2",
                place="Teams",
                starts_on=samling.starts_on - timedelta(days=7),
                ends_on=samling.starts_on - timedelta(days=7),
                status=GatheringStatus.PUBLISHED,
                registration_deadline=samling.starts_on - timedelta(days=8),
            )
        )
        db.session.commit()
    coordinator = {
        i.title for i in _lines(app, "koordinator.bodo@example.org") if i.kind == "registration"
    }
    assert coordinator == {"Meld deg på Koordinatorsamling 2", f"Meld deg på {samling.title}"}
    (participant,) = [
        i for i in _lines(app, "deltaker.bodo@example.org") if i.kind == "registration"
    ]
    assert participant.title == f"Meld deg på {samling.title}"
