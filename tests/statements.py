"""Statement counts that do not grow: a page's SQL statements at a small and a larger world.

`world` builds one network with a record of every kind (municipalities, members, gatherings,
chapters, answers, stories, commitments, measurements, declarations, milestones) and
`world.grow()` adds several times more of each. `assert_constant_statements(client, url,
grow=world.grow)` requests the page at both sizes and fails, printing both counts and the
statements that differ, when the number of statements is not the same.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from heltidnett.demo import MUNICIPALITIES
from heltidnett.extensions import db

TEST_PASSWORD = "et-langt-testpassord-2026"  # the same as conftest's, kept here to avoid a cycle

MUNICIPALITY_NAMES = [name for name, *_ in MUNICIPALITIES]  # real names, invented people

_IN_LIST = re.compile(r"IN \((?:[^()]|\([^()]*\))*\)")
_NUMBERS = re.compile(r"\b\d+\b")
_COLUMNS = re.compile(r"^SELECT (?:(?!\bFROM\b).){80,}? FROM ")


def _normal(statement: str) -> str:
    """A statement with its columns, IN lists, numbers and spacing made alike, for comparing."""
    text = " ".join(_NUMBERS.sub("N", _IN_LIST.sub("IN (…)", statement)).split())
    return _COLUMNS.sub("SELECT … FROM ", text, count=1)


def statement_difference(small: list[str], large: list[str]) -> str:
    """A unified diff of two lists of statements (numbers and IN lists made alike)."""
    return "\n".join(
        difflib.unified_diff(
            [_normal(s) for s in small],
            [_normal(s) for s in large],
            "small world",
            "larger world",
            lineterm="",
            n=1,
        )
    )


def _count_request(
    count_statements: Callable[[], Any], client: FlaskClient, url: str, status: int
) -> list[str]:
    """The statements of one GET of url (after one uncounted GET, so both sizes start warm)."""
    client.get(url)
    with count_statements() as counter:
        response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return list(counter.statements)


def compare_statements(
    count_statements: Callable[[], Any],
    client: FlaskClient,
    url: str,
    grow: Callable[[], Any],
    status: int = 200,
) -> tuple[int, int]:
    """Fail unless GET url sends as many statements after grow() as before; return the counts."""
    small = _count_request(count_statements, client, url, status)
    grow()
    large = _count_request(count_statements, client, url, status)
    print(f"statements for {url}: {len(small)} small, {len(large)} larger")
    if len(small) != len(large):
        pytest.fail(
            f"{url}: {len(small)} statements in the small world, {len(large)} in the larger one\n"
            + statement_difference(small, large),
            pytrace=False,
        )
    return len(small), len(large)


class World:
    """One network with a record of every kind; grow() adds several times more of each."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._serial = 0
        self.municipalities: list[Any] = []
        self.chapters: list[Any] = []
        self.gatherings: list[Any] = []
        self.milestones: list[Any] = []
        self.municipality_coordinators: dict[int, Any] = {}
        self.first_goals: dict[int, int] = {}  # each municipality's first goal
        self.own_goals: dict[int, int] = {}  # and its goal on a measure of its own
        self.people: dict[str, Any] = {}  # the first municipality's participant and steering
        with app.app_context():
            from heltidnett.auth.passwords import hash_password
            from heltidnett.networks.models import Network, NetworkStatus

            self._hash = hash_password(TEST_PASSWORD)
            self.admin = self._user("admin", is_admin=True)
            self.facilitator = self._user("veileder", is_facilitator=True)
            self.network = Network(
                name="Heltid i nord",
                region="Nord-Norge",
                starts_on=date(2017, 9, 1),
                ends_on=date(2030, 12, 31),
                status=NetworkStatus.ACTIVE,
            )
            db.session.add(self.network)
            db.session.flush()
            self._member(self.facilitator, "facilitator", None)
            db.session.commit()
        self.add(municipalities=3, chapters=1, gatherings=2, milestones=1, networks=1)
        self.municipality = self.municipalities[0]
        self.chapter = self.chapters[0]
        self.gathering = self.gatherings[0]
        self.first_poll = self._first_poll_id()
        self.meeting = self._late_meeting()
        with app.app_context():
            from heltidnett.commitments.models import Commitment
            from heltidnett.stories.models import Story

            self.story = db.session.scalars(
                db.select(Story)
                .where(Story.municipality_id == self.municipality.id)
                .order_by(Story.published_at.is_(None), Story.id)
            ).first()
            self.commitment = db.session.scalars(
                db.select(Commitment).where(Commitment.municipality_id == self.municipality.id)
            ).first()
            self.coordinator = self.municipality_coordinators[self.municipality.id]
            self.participant = self.people["participant"]
            self.steering = self.people["steering"]

    def grow(self) -> None:
        """Several times more of everything the small world has."""
        self.add(municipalities=6, chapters=2, gatherings=4, milestones=2, networks=3)

    def add(
        self,
        municipalities: int = 0,
        chapters: int = 0,
        gatherings: int = 0,
        milestones: int = 0,
        networks: int = 0,
    ) -> None:
        """Add records, each new one joined with all the others (answers, stories, ticks…)."""
        with self.app.app_context():
            for _ in range(gatherings):
                self._add_gathering()
            for _ in range(chapters):
                self._add_chapter()
            for _ in range(milestones):
                self._add_milestone()
            for _ in range(municipalities):
                self._add_municipality()
            for _ in range(networks):
                self._add_network()
            db.session.commit()

    # ---- the records --------------------------------------------------------------------

    def _next(self) -> int:
        self._serial += 1
        return self._serial

    def _user(self, stem: str, **fields: Any) -> Any:
        from heltidnett.auth.models import User
        from heltidnett.auth.services import new_nonce

        n = self._next()
        user = User(
            email=f"{stem}{n}@example.org",
            name=f"{stem.capitalize()} Testperson {n}",
            password_hash=self._hash,
            session_nonce=new_nonce(),
            **fields,
        )
        db.session.add(user)
        db.session.flush()
        return user

    def _member(
        self, user: Any, role: str, municipality_id: int | None, network: Any = None
    ) -> None:
        from heltidnett.networks.models import Membership, NetworkRole

        db.session.add(
            Membership(
                user_id=user.id,
                network_id=(network or self.network).id,
                role=NetworkRole(role),
                municipality_id=municipality_id,
            )
        )

    def _add_network(self) -> None:
        """Another network with a municipality of its own and a coordinator."""
        from heltidnett.municipalities.models import Municipality
        from heltidnett.networks.models import Enrolment, Network, Participation

        n = self._next()
        network = Network(name=f"Et annet nettverk {n}", region="Buskerud")
        municipality = Municipality(name=f"Lier {n}", number=f"{8000 + n}")
        db.session.add_all([network, municipality])
        db.session.flush()
        db.session.add(Participation(network_id=network.id, municipality_id=municipality.id))
        coordinator = self._user("koordinator")
        self._member(coordinator, "coordinator", municipality.id, network)
        self._member(self.facilitator, "facilitator", None, network)
        db.session.add(
            Enrolment(
                network_id=self.network.id,
                municipality_id=municipality.id,
                requested_by_id=coordinator.id,
            )
        )

    def _add_municipality(self) -> None:
        """A municipality in the network with members, figures, a declaration and its work."""
        from heltidnett.municipalities.models import Municipality, Unit
        from heltidnett.networks.models import Invitation, NetworkRole, Participation
        from heltidnett.staffing.models import Measurement

        n = self._next()
        index = len(self.municipalities)
        name = MUNICIPALITY_NAMES[index % len(MUNICIPALITY_NAMES)]
        municipality = Municipality(name=name, number=f"{7000 + n}", population=4000 + n)
        db.session.add(municipality)
        db.session.flush()
        db.session.add(Participation(network_id=self.network.id, municipality_id=municipality.id))
        coordinator = self._user("koordinator")
        self._member(coordinator, "coordinator", municipality.id)
        participant, steering = self._user("deltaker"), self._user("styring")
        self._member(participant, "participant", municipality.id)
        self._member(steering, "steering", municipality.id)
        self.people.setdefault("participant", participant)
        self.people.setdefault("steering", steering)
        db.session.add(
            Invitation(
                user_id=self._user("invitert").id,
                network_id=self.network.id,
                role=NetworkRole.PARTICIPANT,
                municipality_id=municipality.id,
                invited_by_id=self.facilitator.id,
                awaits_user=True,
            )
        )
        self.municipality_coordinators[municipality.id] = coordinator
        units = [
            Unit(municipality_id=municipality.id, name=f"Elvebakken sykehjem {n}"),
            Unit(municipality_id=municipality.id, name=f"Hjemmetjenesten {n}"),
        ]
        db.session.add_all(units)
        db.session.flush()
        for period in ("2017", "2018"):
            for unit_id in [None, *(u.id for u in units)]:
                db.session.add(
                    Measurement(
                        municipality_id=municipality.id,
                        unit_id=unit_id,
                        period=period,
                        figures={
                            "positions_planned": 30.0,
                            "fte_planned": 21.5,
                            "positions_actual": 28.0,
                            "fte_actual": 20.0,
                            "positions_band_100": 9.0,
                        },
                    )
                )
        self._goals(municipality, units)
        self._add_declaration(municipality, coordinator)
        self.municipalities.append(municipality)
        for chapter in self.chapters:
            self._answer(chapter, municipality, coordinator)
        for gathering in self.gatherings:
            self._story_and_commitment(gathering, municipality, coordinator)
        for milestone in self.milestones:
            self._tick(milestone, municipality)
        self._meetings(municipality)
        self._comments(municipality, coordinator, steering)

    def _meetings(self, municipality: Any) -> None:
        """The municipality's steering group met, and so did the network's; each meeting with
        attendees and an open decision (carried to the network's late meeting), the
        municipality's first goal reviewed there."""
        from heltidnett.meetings.models import (
            Attendee,
            AttendeeRole,
            Decision,
            ItemKind,
            Meeting,
            ReviewedItem,
        )

        n = self._next()
        for group in (municipality.id, None):
            meeting = Meeting(
                network_id=self.network.id,
                municipality_id=group,
                held_on=date(2029, 1, 1) + timedelta(days=n),
                notes=f"Møte {n}",
            )
            meeting.attendees = [
                Attendee(name=f"Leder {n}", role=AttendeeRole.LEADER),
                Attendee(name=f"Verneombud {n}", role=AttendeeRole.SAFETY),
            ]
            meeting.decisions = [Decision(text=f"Vedtak {n}", owner="Kommunalsjef")]
            db.session.add(meeting)
        db.session.flush()
        late = getattr(self, "meeting", None)
        goal = self.first_goals.get(municipality.id)
        if late is not None and goal is not None:
            db.session.add(ReviewedItem(meeting_id=late, kind=ItemKind.GOAL, target_id=goal))

    def _late_meeting(self) -> int:
        """The network steering group's latest meeting: decisions carry to it, goals reviewed."""
        from heltidnett.meetings.models import ItemKind, Meeting, ReviewedItem

        with self.app.app_context():
            meeting = Meeting(network_id=self.network.id, held_on=date(2031, 1, 1))
            db.session.add(meeting)
            db.session.flush()
            for municipality in self.municipalities:
                goal = self.first_goals.get(municipality.id)
                if goal is not None:
                    db.session.add(
                        ReviewedItem(meeting_id=meeting.id, kind=ItemKind.GOAL, target_id=goal)
                    )
            db.session.commit()
            return meeting.id

    def _comments(self, municipality: Any, coordinator: Any, steering: Any) -> None:
        """Each new municipality's people ask and answer on the first municipality's first
        commitment and its matrix row, and mark it and themselves reviewed."""
        from heltidnett.comments.models import (
            Comment,
            CommentThread,
            ReviewAssessment,
            ReviewMark,
            SubjectKind,
        )
        from heltidnett.commitments.models import Commitment

        first = self.municipalities[0]
        commitment_id = db.session.scalar(
            db.select(Commitment.id)
            .where(Commitment.municipality_id == first.id)
            .order_by(Commitment.id)
            .limit(1)
        )
        subjects = [(SubjectKind.MATRIX_ROW, first.id)]
        if commitment_id is not None:
            subjects.append((SubjectKind.COMMITMENT, commitment_id))
        for kind, subject_id in subjects:
            thread = CommentThread(
                network_id=self.network.id,
                municipality_id=first.id,
                subject_kind=kind,
                subject_id=subject_id,
            )
            db.session.add(thread)
            db.session.flush()
            db.session.add_all(
                [
                    Comment(
                        thread_id=thread.id,
                        author_id=steering.id,
                        author_role="steering",
                        body="Spørsmål",
                    ),
                    Comment(
                        thread_id=thread.id,
                        author_id=coordinator.id,
                        author_role="coordinator",
                        body="Svar",
                    ),
                ]
            )
        for marked in {first.id, municipality.id}:
            db.session.add(
                ReviewMark(
                    network_id=self.network.id,
                    municipality_id=marked,
                    period="Høsten",
                    assessment=ReviewAssessment.NEEDS_ATTENTION,
                    reason="Forsinket",
                    author_id=steering.id,
                )
            )

    def _goals(self, municipality: Any, units: list[Any]) -> None:
        """A shared goal on the full-time share, a unit goal and a goal on an own measure, each
        with an overdue action."""
        from heltidnett.goals.models import Action, Goal, GoalValue
        from heltidnett.goals.progress import Direction

        due = date.today() + timedelta(days=700)
        tied = Goal(
            municipality_id=municipality.id,
            title="Heltidsandel minst 50 %",
            indicator_code="fulltime_share",
            direction=Direction.AT_LEAST,
            baseline_period="2017",
            first_target_value=40.0,
            first_target_due=due - timedelta(days=365),
            target_value=50.0,
            target_due=due,
            shared=True,
        )
        unit_goal = Goal(
            municipality_id=municipality.id,
            title="Færre vakante stillinger",
            indicator_code="vacancy_share",
            direction=Direction.AT_MOST,
            target_value=5.0,
            target_due=due,
            shared=True,
            units=[units[0]],
        )
        own = Goal(
            municipality_id=municipality.id,
            title="Flere i hele stillinger",
            measure_name="Ansatte i hele stillinger",
            measure_unit="count",
            direction=Direction.AT_LEAST,
            target_value=80.0,
            target_due=due,
        )
        db.session.add_all([tied, unit_goal, own])
        db.session.flush()
        overdue = date.today() - timedelta(days=5)
        for goal in (tied, unit_goal, own):
            db.session.add(Action(goal_id=goal.id, title="Kartlegge ønsker", due_on=overdue))
        db.session.add(GoalValue(goal_id=own.id, measured_on=date(2024, 1, 31), value=40.0))
        self.first_goals[municipality.id] = tied.id
        self.own_goals[municipality.id] = own.id

    def _add_declaration(self, municipality: Any, author: Any) -> None:
        """A declaration with an adopted first version and a draft second one."""
        from heltidnett.db import utcnow
        from heltidnett.declarations.models import (
            Declaration,
            DeclarationComment,
            DeclarationTransition,
            DeclarationVersion,
            Signatory,
            Status,
        )

        declaration = Declaration(municipality_id=municipality.id)
        db.session.add(declaration)
        db.session.flush()
        for number, status in ((1, Status.ADOPTED), (2, Status.DRAFT)):
            version = DeclarationVersion(
                declaration_id=declaration.id,
                number=number,
                status=status,
                background="Vi vil ha heltidskultur.",
                goals="Flere hele stillinger.",
                adopted_on=date(2018, 3, 1) if status == Status.ADOPTED else None,
                created_by_id=author.id,
            )
            db.session.add(version)
            db.session.flush()
            db.session.add_all(
                [
                    DeclarationTransition(
                        version_id=version.id,
                        from_status=None,
                        to_status=status,
                        actor_id=author.id,
                        actor_name=author.name,
                    ),
                    Signatory(
                        version_id=version.id,
                        role="Ordfører",
                        name="Ola Testesen",
                        organisation=municipality.name,
                    ),
                    DeclarationComment(
                        version_id=version.id, section="goals", body="Godt!", author_id=author.id
                    ),
                    DeclarationComment(
                        version_id=version.id,
                        section="measures",
                        body="Hva med turnus?",
                        author_id=self.facilitator.id,
                        resolved_at=utcnow(),
                        resolved_by_id=author.id,
                    ),
                ]
            )

    def _add_chapter(self) -> None:
        """A chapter with two prompts, answered by every municipality."""
        from heltidnett.workbooks.models import Chapter, Prompt, PromptKind

        number = len(self.chapters) + 1
        chapter = Chapter(
            network_id=self.network.id,
            number=number,
            title=f"Kapittel {number}",
            due_on=date.today() + timedelta(days=5 * number),
            opens_after_gathering_id=self.gatherings[-number].id if self.gatherings else None,
            opens_at=datetime.now(UTC) - timedelta(days=1),
        )
        chapter.prompts.append(Prompt(position=1, kind=PromptKind.TEXT, label="Forankring"))
        chapter.prompts.append(
            Prompt(position=2, kind=PromptKind.SCALE, label="Hvor godt?", options={"min": 1})
        )
        db.session.add(chapter)
        db.session.flush()
        self.chapters.append(chapter)
        self._notify("chapter", chapter.id, "workbooks.chapter", {"chapter_id": chapter.id})
        for municipality in self.municipalities:
            self._answer(chapter, municipality, self.municipality_coordinators[municipality.id])

    def _answer(self, chapter: Any, municipality: Any, author: Any) -> None:
        """The municipality's answers to a chapter, with a version each: given feedback,
        submitted, in progress or (one in three) not started."""
        from heltidnett.db import utcnow
        from heltidnett.workbooks.models import (
            Answer,
            AnswerVersion,
            ChapterDelivery,
            DeliveryStatus,
        )

        position = next(
            (i for i, m in enumerate(self.municipalities) if m.id == municipality.id),
            len(self.municipalities),
        )
        turn = (chapter.number + position) % 3
        if turn == 0:
            return
        db.session.add(
            ChapterDelivery(
                chapter_id=chapter.id,
                municipality_id=municipality.id,
                status=DeliveryStatus.FEEDBACK_GIVEN if turn == 1 else DeliveryStatus.SUBMITTED,
                shared_with_network=turn == 1,
                submitted_at=utcnow(),
                submitted_by_id=author.id,
                feedback="Godt arbeid." if turn == 1 else "",
                feedback_at=utcnow() if turn == 1 else None,
                feedback_by_id=self.facilitator.id if turn == 1 else None,
                last_change_at=utcnow(),
            )
        )
        for prompt in chapter.prompts:
            content = {"value": 7} if prompt.kind.value == "scale" else {"text": "Vi har startet."}
            answer = Answer(
                prompt_id=prompt.id,
                municipality_id=municipality.id,
                version=1,
                content=content,
                updated_by_id=author.id,
            )
            answer.versions.append(AnswerVersion(version=1, content=content, author_id=author.id))
            db.session.add(answer)

    def _notify(self, object_type: str, object_id: int, endpoint: str, args: dict) -> None:
        """A notification about the record for the facilitator and the first coordinator."""
        from heltidnett.notifications.models import Kind, Notification

        for user in (self.facilitator, getattr(self, "coordinator", None)):
            if user is not None:
                db.session.add(
                    Notification(
                        user_id=user.id,
                        network_id=self.network.id,
                        kind=Kind.CHAPTER_OPENS,
                        object_type=object_type,
                        object_id=object_id,
                        endpoint=endpoint,
                        endpoint_args=args,
                        params={"number": 1, "title": "Kapittel", "due": None},
                    )
                )

    def _add_gathering(self) -> None:
        """A gathering with an agenda, and a story and commitment of every municipality."""
        from heltidnett.gatherings.models import (
            AgendaItem,
            AgendaKind,
            Gathering,
            GatheringKind,
            GatheringStatus,
            Material,
            Method,
        )

        number = len(self.gatherings) + 1
        held = number % 2 == 1  # the odd ones held, the even ones published and to come
        starts_on = (date(2018, 3, 6) if held else date.today()) + timedelta(days=60 * number)
        gathering = Gathering(
            network_id=self.network.id,
            number=number,
            kind=GatheringKind.NETWORK,
            title=f"Samling {number}",
            place="Bodø",
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=1),
            status=GatheringStatus.HELD if held else GatheringStatus.PUBLISHED,
        )
        method = Method(name=f"IGP {number}", steps="Individuelt\nPlenum", roles="ordstyrer")
        for day, start, title, kind in [
            (starts_on, time(10, 0), "Velkommen", AgendaKind.WELCOME),
            (starts_on, time(10, 30), "Arbeidet så langt", AgendaKind.PLENARY),
            (starts_on + timedelta(days=1), time(9, 0), "Gruppearbeid", AgendaKind.GROUP_WORK),
        ]:
            item = AgendaItem(
                day=day,
                starts_at=start,
                duration_minutes=30,
                title=title,
                kind=kind,
                method=method if kind == AgendaKind.GROUP_WORK else None,
            )
            item.materials.append(Material(title=f"Lysark: {title}", url="https://example.org/"))
            gathering.items.append(item)
        db.session.add(gathering)
        db.session.flush()
        self._poll(gathering)
        self.gatherings.append(gathering)
        for municipality in self.municipalities:
            self._story_and_commitment(
                gathering, municipality, self.municipality_coordinators[municipality.id]
            )

    def _first_poll_id(self) -> int:
        from heltidnett.polls.models import Poll

        with self.app.app_context():
            return db.session.scalar(
                db.select(Poll.id).where(Poll.gathering_id == self.gathering.id)
            )

    def _poll(self, gathering: Any) -> None:
        """An open, revealed poll at the gathering with a question of every kind."""
        from heltidnett.polls.models import Poll, PollStatus, PollTemplate, Question, QuestionKind

        self._serial += 1
        poll = Poll(
            gathering_id=gathering.id,
            title=f"Hvor står vi? {gathering.number}",
            template=PollTemplate.CUSTOM,
            status=PollStatus.OPEN,
            code=f"{100000 + self._serial}",
            results_revealed=True,
            questions=[
                Question(position=1, kind=QuestionKind.WHEEL_STEP, text="Steg 1", step=1),
                Question(position=2, kind=QuestionKind.SCALE, text="Forankring"),
                Question(position=3, kind=QuestionKind.SINGLE, text="Tid", choices="1–3\n4–7"),
                Question(position=4, kind=QuestionKind.MULTIPLE, text="Hva", choices="A\nB\nC"),
                Question(position=5, kind=QuestionKind.TEXT, text="Ord"),
            ],
        )
        db.session.add(poll)
        db.session.flush()

    def _poll_answers(self, gathering: Any, municipality: Any) -> None:
        """Three devices of the municipality answer every question of the gathering's polls."""
        from heltidnett.polls.models import Poll, QuestionKind
        from heltidnett.polls.models import Response as PollResponse

        for poll in db.session.scalars(db.select(Poll).where(Poll.gathering_id == gathering.id)):
            for n in range(3):
                self._serial += 1
                device = f"{self._serial:064d}"
                for question in poll.questions:
                    db.session.add(
                        PollResponse(
                            question_id=question.id,
                            municipality_id=municipality.id,
                            device_hash=device,
                            value=(n % 2) if question.kind == QuestionKind.SINGLE else 3 + n,
                            choices="0,2" if question.kind == QuestionKind.MULTIPLE else "",
                            text=f"Tillit {n}" if question.kind == QuestionKind.TEXT else "",
                        )
                    )

    def _story_and_commitment(self, gathering: Any, municipality: Any, author: Any) -> None:
        """A story, commitments, an assessment and sign-ups of a municipality at a gathering."""
        from heltidnett.commitments.models import (
            AssessmentItem,
            Commitment,
            CommitmentStatus,
            Quadrant,
        )
        from heltidnett.db import utcnow
        from heltidnett.gatherings.models import Registration

        held = gathering.status.value == "held"
        self._poll_answers(gathering, municipality)
        self._story(gathering, municipality, author, held)
        db.session.add_all(
            [
                Commitment(
                    network_id=self.network.id,
                    gathering_id=gathering.id,
                    municipality_id=municipality.id,
                    text="Lage en plan for heltid.",
                    owner="Kommunalsjefen",
                    due_on=gathering.starts_on + timedelta(days=90),
                    status=CommitmentStatus.PARTLY if held else CommitmentStatus.OPEN,
                    follow_up_comment="Godt i gang." if held else "",
                    followed_up_at=utcnow() if held else None,
                    followed_up_gathering_id=gathering.id if held else None,
                    followed_up_by_id=author.id if held else None,
                ),
                Commitment(
                    network_id=self.network.id,
                    gathering_id=gathering.id,
                    municipality_id=municipality.id,
                    text="Ta opp heltid i arbeidsmiljøutvalget.",
                    owner="HR-sjefen",
                    due_on=gathering.starts_on + timedelta(days=60),
                ),
                Commitment(
                    network_id=self.network.id,
                    gathering_id=gathering.id,
                    municipality_id=None,
                    text=f"Nettverket deler planer ({municipality.name}).",
                    owner="Veilederen",
                    due_on=gathering.starts_on + timedelta(days=30),
                ),
                AssessmentItem(
                    gathering_id=gathering.id,
                    municipality_id=municipality.id,
                    quadrant=Quadrant.ACHIEVED,
                    rank=1,
                    text="Kartlegging",
                ),
                Registration(
                    gathering_id=gathering.id,
                    user_id=author.id,
                    municipality_id=municipality.id,
                    last_name="Testperson",
                    first_name=author.name.split()[0],
                    email=author.email,
                    days=[gathering.starts_on.isoformat()],
                ),
                Registration(
                    gathering_id=gathering.id,
                    user_id=None,
                    municipality_id=municipality.id,
                    last_name="Importert",
                    first_name=f"Gjest {municipality.id}",
                    email=f"gjest{municipality.id}.{gathering.id}@example.org",
                    days=[gathering.starts_on.isoformat(), gathering.ends_on.isoformat()],
                    dinner=True,
                ),
            ]
        )
        self._goal_from_gathering(gathering, municipality, author)

    def _goal_from_gathering(self, gathering: Any, municipality: Any, author: Any) -> None:
        """A goal set at the gathering, one more action towards the municipality's first
        (carrying out its commitment from the gathering) with a comment thread on that goal, and
        one more value of its own measure."""
        from heltidnett.comments.models import Comment, CommentThread, SubjectKind
        from heltidnett.commitments.models import Commitment
        from heltidnett.goals.models import Action, Goal, GoalValue
        from heltidnett.goals.progress import Direction

        db.session.flush()
        commitment_id = db.session.scalar(
            db.select(Commitment.id)
            .where(
                Commitment.gathering_id == gathering.id,
                Commitment.municipality_id == municipality.id,
            )
            .order_by(Commitment.id)
        )
        own = self.own_goals.get(municipality.id)
        if own is not None:
            self._serial += 1
            day = date(2024, 1, 31) + timedelta(days=self._serial)
            db.session.add(GoalValue(goal_id=own, measured_on=day, value=40.0 + self._serial % 7))
        first = self.first_goals.get(municipality.id)
        goal = Goal(
            municipality_id=municipality.id,
            title=f"Mål fra {gathering.title}",
            indicator_code="avg_position_size_actual",
            direction=Direction.AT_LEAST,
            target_value=80.0,
            target_due=date.today() + timedelta(days=500),
            shared=True,
        )
        db.session.add(goal)
        db.session.flush()
        db.session.add(Action(goal_id=goal.id, title="Nytt tiltak"))
        if first is not None:
            db.session.add(
                Action(
                    goal_id=first,
                    title=f"Tiltak etter {gathering.title}",
                    commitment_id=commitment_id,
                )
            )
            thread = CommentThread(
                network_id=gathering.network_id,
                municipality_id=municipality.id,
                subject_kind=SubjectKind.GOAL,
                subject_id=first,
            )
            db.session.add(thread)
            db.session.flush()
            db.session.add(
                Comment(
                    thread_id=thread.id,
                    author_id=author.id,
                    author_role="coordinator",
                    body=f"Fra {gathering.title}.",
                )
            )

    def _bank(self, story: Any, municipality: Any) -> None:
        """The story opened to the idea bank, and a case of the municipality beside it."""
        from heltidnett.cases.models import Case, CaseTheme
        from heltidnett.cases.services import index_case, index_story

        story.open_to_all = True
        index_story(db.session, story)
        case = Case(
            place=municipality.name,
            county="Nordland",
            population=5000,
            title=f"Heltidserklæringen og langvakter i {municipality.name}",
            summary="Kartlagt stillingene, innført årsturnus.",
            municipality_id=municipality.id,
        )
        case.themes = [CaseTheme.WORKING_TIME, CaseTheme.FULLTIME_CULTURE]
        db.session.add(case)
        index_case(db.session, case)

    def _story(self, gathering: Any, municipality: Any, author: Any, held: bool) -> None:
        """After a held gathering a published story with themes and ideas; before, a draft."""
        from heltidnett.db import utcnow
        from heltidnett.stories.models import Idea, Story, StoryStatus, StoryTheme, Theme

        story = Story(
            network_id=self.network.id,
            municipality_id=municipality.id,
            gathering_id=gathering.id,
            title=f"Heltidserklæringen i {municipality.name}",
            done_text="Vi har kartlagt stillingene.",
            learned_text="Forankring tar tid.",
            smart_text="Kick-off med politikerne.",
            status=StoryStatus.PUBLISHED if held else StoryStatus.DRAFT,
            published_at=utcnow() if held else None,
            author_id=author.id,
            theme_rows=[StoryTheme(theme=Theme.ANCHORING), StoryTheme(theme=Theme.MAPPING)],
        )
        db.session.add(story)
        db.session.flush()
        if not held:
            return
        self._bank(story, municipality)
        for kind in ("idea", "question"):
            db.session.add(
                Idea(
                    story_id=story.id,
                    kind=kind,
                    text=f"Innspill til {municipality.name}",
                    author_id=self.facilitator.id if kind == "idea" else author.id,
                    author_municipality_id=None if kind == "idea" else municipality.id,
                    taken_home_at=utcnow() if kind == "idea" else None,
                    taken_home_by_id=author.id if kind == "idea" else None,
                )
            )

    def _add_milestone(self) -> None:
        """A facilitator milestone, ticked for every municipality."""
        from heltidnett.commitments.models import FacilitatorMilestone

        number = len(self.milestones) + 1
        milestone = FacilitatorMilestone(
            network_id=self.network.id, title=f"Milepæl {number}", position=number
        )
        db.session.add(milestone)
        db.session.flush()
        self.milestones.append(milestone)
        for municipality in self.municipalities:
            self._tick(milestone, municipality)

    def _tick(self, milestone: Any, municipality: Any) -> None:
        from heltidnett.commitments.models import MilestoneTick

        db.session.add(
            MilestoneTick(
                milestone_id=milestone.id,
                municipality_id=municipality.id,
                reached_on=date(2018, 5, 1),
            )
        )


@pytest.fixture
def sized_world(app: Flask) -> World:
    """One network with a record of every kind; `sized_world.grow()` adds several times more.

    (Not `world`: the access matrices' module-wide world has that name.)
    """
    return World(app)


@pytest.fixture
def assert_constant_statements(
    count_statements: Callable[[], Any],
) -> Iterator[Callable[..., tuple[int, int]]]:
    """assert_constant_statements(client, url, grow=sized_world.grow): equal at both sizes."""

    def check(
        client: FlaskClient, url: str, grow: Callable[[], Any], status: int = 200
    ) -> tuple[int, int]:
        return compare_statements(count_statements, client, url, grow, status)

    yield check
