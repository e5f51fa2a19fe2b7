"""One world for the access matrices: every kind of record, the roles that must be refused.

Network X ("Heltid i nord") has Alta and Hemnes, network Y has Rana. Alta has one record of every
model a route reaches; every text of Alta's that only Alta's own side (and the facilitators)
may read carries a marker from MARKERS, so a leak shows up in any body the app sends.

The world is built once per test module (tests/matrix_fixtures.py: `world`, on each backend)
inside an outer transaction; every case runs inside a savepoint that is rolled back
(`case_db`), and the fingerprint of the database (`fingerprint`) shows whether a case changed
anything.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import orm

from heltidnett.extensions import db
from tests.conftest import CSRF_RE, TEST_PASSWORD

# Texts only Alta's own side (coordinators, the network's facilitators, admins) may read;
# STEERING_MAY_READ lists those Alta's steering group reads by design.
MARKERS = {
    "story_draft": "HEMMELIG-UTKAST-1",
    "answer_draft": "HEMMELIG-UTKAST-2",
    "answer_submitted": "HEMMELIG-UTKAST-3",
    "feedback_submitted": "HEMMELIG-UTKAST-4",
    "declaration_consultation": "HEMMELIG-UTKAST-5",
    "declaration_comment": "HEMMELIG-UTKAST-6",
    "signatory": "HEMMELIG-UTKAST-7",
    "planned_gathering": "HEMMELIG-UTKAST-8",
    "planned_item": "HEMMELIG-UTKAST-9",
    "pending_import": "HEMMELIG-UTKAST-10",
    "import_mapping": "HEMMELIG-UTKAST-11",
    "registration": "HEMMELIG-UTKAST-12",
    "token_name": "HEMMELIG-UTKAST-13",
    "planned_material": "HEMMELIG-UTKAST-14",
    "answer_history": "HEMMELIG-UTKAST-15",
    "chapter_draft": "HEMMELIG-UTKAST-16",
    "goal": "HEMMELIG-UTKAST-17",
    "poll_draft": "HEMMELIG-UTKAST-18",
    "notification": "HEMMELIG-UTKAST-19",
    "meeting": "HEMMELIG-UTKAST-31",
    "comment_thread": "HEMMELIG-UTKAST-231",
    "review_mark": "HEMMELIG-UTKAST-232",
}

# Alta's steering group (the "steering member of X") reads and comments on the declaration
# before it is published (declarations.permissions.can_see_drafts) and reads delivered
# workbook chapters with their feedback (workbooks.permissions.can_view_delivery).
STEERING_MAY_READ = frozenset(
    {
        "declaration_consultation",
        "declaration_comment",
        "signatory",
        "answer_submitted",
        "feedback_submitted",
        "meeting",  # the minutes of Alta's own steering group (meetings.permissions)
        "comment_thread",  # comments.permissions.can_follow: Alta's own steering group
        "review_mark",
    }
)

# Alta's unshared goals are read by all of Alta's own people (goals.permissions.can_read_goals):
# its participant and its steering group as well as its coordinators.
ALTA_PEOPLE_MAY_READ = frozenset({"goal"})

# The roles that must be refused Alta's and network X's records (anonymous has no user).
ROLES = (
    "anonymous",
    "participant",  # participant of X, of Alta itself
    "hemnes_coordinator",  # coordinator of another municipality in X
    "rana_coordinator",  # coordinator in another network (Y)
    "steering",  # steering member of X (Alta's steering group)
    "facilitator_y",  # facilitator of another network (Y), platform facilitator
)


@dataclass
class World:
    """Ids of the world's records, logged-in sessions and API tokens of every role."""

    app: Flask
    connection: sa.Connection
    ids: dict[str, int] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    baseline: dict[str, dict[Any, str]] = field(default_factory=dict)

    def client(self, role: str) -> FlaskClient:
        """A fresh client carrying the role's session cookie (none for anonymous)."""
        client = self.app.test_client()
        if role in self.cookies:
            client.set_cookie(self.app.config["SESSION_COOKIE_NAME"], self.cookies[role])
        return client

    def bearer(self, role: str) -> dict[str, str]:
        """Authorization header of the role's API token (none for anonymous)."""
        return {"Authorization": f"Bearer {self.tokens[role]}"} if role in self.tokens else {}


# ---- fingerprint ---------------------------------------------------------------------------

# Bookkeeping that a refused request may touch: the audit log (refusals are logged), the time
# of the last login and of a token's last use.
IGNORED_TABLES = frozenset({"audit_events", "alembic_version"})
IGNORED_COLUMNS = {"users": frozenset({"last_login_at"}), "api_tokens": frozenset({"last_used_at"})}


def fingerprint(app: Flask) -> dict[str, dict[Any, str]]:
    """Every table's rows (bookkeeping left out) as {table: {primary key: row hash}}."""
    result: dict[str, dict[Any, str]] = {}
    with app.app_context():
        connection = db.session.connection()
        for table in db.metadata.sorted_tables:
            if table.name in IGNORED_TABLES:
                continue
            skip = IGNORED_COLUMNS.get(table.name, frozenset())
            columns = [c for c in table.columns if c.name not in skip]
            keys = list(table.primary_key.columns)
            rows = connection.execute(sa.select(*columns).order_by(*keys)).all()
            width = len(keys)
            result[table.name] = {
                tuple(row._mapping[k.name] for k in keys[:width]): hashlib.sha256(
                    repr(tuple(row)).encode()
                ).hexdigest()
                for row in rows
            }
        db.session.remove()
    return result


def changed_tables(before: dict[str, dict[Any, str]], after: dict[str, dict[Any, str]]) -> dict:
    """{table: "+added ~changed -removed"} for every table whose rows differ."""
    changes = {}
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table, {}), after.get(table, {})
        if old == new:
            continue
        added = len(new.keys() - old.keys())
        removed = len(old.keys() - new.keys())
        altered = sum(1 for k in old.keys() & new.keys() if old[k] != new[k])
        changes[table] = f"+{added} ~{altered} -{removed}"
    return changes


# ---- building the world --------------------------------------------------------------------


def _user(session: orm.Session, email: str, name: str, **fields: Any) -> Any:
    from heltidnett.auth.models import User
    from heltidnett.auth.passwords import hash_password
    from heltidnett.auth.services import new_nonce

    user = User(
        email=email,
        name=name,
        password_hash=hash_password(TEST_PASSWORD),
        session_nonce=new_nonce(),
        **fields,
    )
    session.add(user)
    session.flush()
    return user


def _grant(session: orm.Session, user: Any, network: Any, role: str, municipality: Any = None):
    from heltidnett.networks.models import Membership, NetworkRole

    membership = Membership(
        user_id=user.id,
        network_id=network.id,
        role=NetworkRole(role),
        municipality_id=municipality.id if municipality is not None else None,
    )
    session.add(membership)
    session.flush()
    return membership


def _requests(s: orm.Session, p: dict[str, Any], x: Any, ids: dict[str, int]) -> None:
    """What waits for an answer: Bodø asked to join X, a newcomer invited as Alta's coordinator.

    No refused role may answer either: Bodø has no coordinator, the newcomer is nobody's role.
    """
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks.models import Enrolment, Invitation, NetworkRole

    bodo = Municipality(name="Bodø", number="1804")
    newcomer = _user(s, "ny.koordinator@example.org", "Nina Nykommer")
    s.add(bodo)
    s.flush()
    enrolment = Enrolment(network_id=x.id, municipality_id=bodo.id)
    invitation = Invitation(
        user_id=newcomer.id,
        network_id=x.id,
        role=NetworkRole.COORDINATOR,
        municipality_id=p["alta"].id,
        awaits_user=True,
        awaits_municipality=True,
    )
    s.add_all([enrolment, invitation])
    s.flush()
    ids.update(enrolment=enrolment.id, invitation=invitation.id)


def _people(s: orm.Session, ids: dict[str, int], users: dict[str, int]) -> dict[str, Any]:
    """Municipalities, networks and the people of the tenants fixture, plus two more roles."""
    from heltidnett.municipalities.models import Municipality, Unit, UnitKind
    from heltidnett.networks.models import Network, NetworkStatus, Participation

    alta = Municipality(name="Alta", number="5601")
    hemnes = Municipality(name="Hemnes", number="1832")
    rana = Municipality(name="Rana", number="1833")
    s.add_all([alta, hemnes, rana])
    s.flush()
    x = Network(name="Heltid i nord", status=NetworkStatus.ACTIVE)
    y = Network(name="Et annet nettverk", status=NetworkStatus.ACTIVE)
    s.add_all([x, y])
    s.flush()
    alta_in_x = Participation(network_id=x.id, municipality_id=alta.id)
    s.add_all(
        [
            alta_in_x,
            Participation(network_id=x.id, municipality_id=hemnes.id),
            Participation(network_id=y.id, municipality_id=rana.id),
        ]
    )
    unit = Unit(municipality_id=alta.id, name="Elvebakken sykehjem", kind=UnitKind.NURSING_HOME)
    s.add_all([unit, Unit(municipality_id=rana.id, name="Selfors sykehjem")])
    s.flush()
    p = {
        "alta": alta,
        "hemnes": hemnes,
        "rana": rana,
        "x": x,
        "y": y,
        "unit": unit,
        "facilitator": _user(s, "veileder@example.org", "Vera Veileder", is_facilitator=True),
        "alta_coordinator": _user(s, "koordinator.alta@example.org", "Koordinator Alta"),
        "hemnes_coordinator": _user(s, "koordinator.hemnes@example.org", "Koordinator Hemnes"),
        "participant": _user(s, "deltaker.alta@example.org", "Deltaker Alta"),
        "rana_coordinator": _user(s, "koordinator.rana@example.org", "Koordinator Rana"),
        "steering": _user(s, "styring.alta@example.org", "Styring Alta"),
        "facilitator_y": _user(s, "veileder.y@example.org", "Yngve Veileder", is_facilitator=True),
        "admin": _user(s, "admin@example.org", "Ada Admin", is_admin=True),
    }
    _grant(s, p["facilitator"], x, "facilitator")
    coordinator_membership = _grant(s, p["alta_coordinator"], x, "coordinator", alta)
    _grant(s, p["hemnes_coordinator"], x, "coordinator", hemnes)
    _grant(s, p["participant"], x, "participant", alta)
    _grant(s, p["steering"], x, "steering", alta)
    _grant(s, p["rana_coordinator"], y, "coordinator", rana)
    _grant(s, p["facilitator_y"], y, "facilitator")
    _requests(s, p, x, ids)
    ids.update(
        network_x=x.id,
        network_y=y.id,
        alta=alta.id,
        hemnes=hemnes.id,
        rana=rana.id,
        unit=unit.id,
        membership=coordinator_membership.id,
        participation=alta_in_x.id,
    )
    for key in (
        "facilitator",
        "alta_coordinator",
        "hemnes_coordinator",
        "participant",
        "rana_coordinator",
        "steering",
        "facilitator_y",
        "admin",
    ):
        users[key] = p[key].id
    return p


def _pdf_bytes() -> bytes:
    """A one-page PDF, as an uploaded programme would be."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _gatherings(s: orm.Session, p: dict[str, Any], ids: dict[str, int]) -> None:
    """A published gathering with an agenda, a file and registrations; a planned one."""
    from heltidnett.files.models import StoredFile
    from heltidnett.gatherings.models import (
        AgendaItem,
        AgendaKind,
        Gathering,
        GatheringStatus,
        Material,
        Method,
        Registration,
    )

    today = date.today()
    published = Gathering(
        network_id=p["x"].id,
        number=1,
        title="Samling 1 i Bodø",
        place="Bodø",
        starts_on=today + timedelta(days=30),
        ends_on=today + timedelta(days=31),
        status=GatheringStatus.PUBLISHED,
        registration_deadline=today + timedelta(days=20),
        published_at=datetime.now(UTC) - timedelta(days=1),
    )
    planned = Gathering(
        network_id=p["x"].id,
        number=2,
        title=f"Planlagt {MARKERS['planned_gathering']}",
        theme=MARKERS["planned_gathering"],
        preparation=MARKERS["planned_gathering"],
        place="Oslo",
        starts_on=today + timedelta(days=120),
        ends_on=today + timedelta(days=121),
        status=GatheringStatus.PLANNED,
    )
    in_y = Gathering(
        network_id=p["y"].id,
        number=1,
        title="Samling i nettverk Y",
        starts_on=today + timedelta(days=40),
        ends_on=today + timedelta(days=40),
        status=GatheringStatus.PUBLISHED,
        published_at=datetime.now(UTC) - timedelta(days=1),
    )
    method = Method(name="IGP", steps="Individuelt\nGruppe\nPlenum", roles="ordstyrer")
    s.add_all([published, planned, in_y, method])
    s.flush()
    item = AgendaItem(
        gathering_id=published.id,
        day=published.starts_on,
        starts_at=time(10, 0),
        duration_minutes=30,
        title="Velkommen",
        kind=AgendaKind.WELCOME,
    )
    second = AgendaItem(
        gathering_id=published.id,
        day=published.starts_on,
        starts_at=time(10, 30),
        duration_minutes=60,
        title="Gruppearbeid",
        kind=AgendaKind.GROUP_WORK,
        method_id=method.id,
    )
    planned_item = AgendaItem(
        gathering_id=planned.id,
        day=planned.starts_on,
        starts_at=time(10, 0),
        duration_minutes=30,
        title=MARKERS["planned_item"],
    )
    pdf = _pdf_bytes()
    stored = StoredFile(
        filename="program.pdf",
        content_type="application/pdf",
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        data=pdf,
    )
    s.add_all([item, second, planned_item, stored])
    s.flush()
    material = Material(item_id=item.id, title="Program", file_id=stored.id)
    planned_material = Material(
        item_id=planned_item.id, title=MARKERS["planned_material"], url="https://example.org/x"
    )
    registration = Registration(
        gathering_id=published.id,
        user_id=p["alta_coordinator"].id,
        municipality_id=p["alta"].id,
        first_name="Koordinator",
        last_name="Alta",
        email="koordinator.alta@example.org",
        job_title=MARKERS["registration"],
        phone="99999999",
        days=[published.starts_on.isoformat()],
    )
    s.add_all([material, planned_material, registration])
    s.flush()
    ids.update(
        gathering_published=published.id,
        gathering_planned=planned.id,
        gathering_y=in_y.id,
        item=item.id,
        item_planned=planned_item.id,
        material=material.id,
        material_planned=planned_material.id,
        method=method.id,
        registration=registration.id,
        file=stored.id,
    )


def _png_file() -> Any:
    """A small PNG as a stored upload (a story's poster)."""
    from PIL import Image

    from heltidnett.files.models import StoredFile

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    data = buffer.getvalue()
    return StoredFile(
        filename="plakat.png",
        content_type="image/png",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        width=4,
        height=4,
        data=data,
    )


def _stories(s: orm.Session, p: dict[str, Any], ids: dict[str, int]) -> None:
    """Alta's draft and published stories; an idea and a question from Hemnes on the published
    one."""
    from heltidnett.stories.models import Idea, IdeaKind, Story, StoryStatus, StoryTheme, Theme

    marker = MARKERS["story_draft"]
    poster = _png_file()
    s.add(poster)
    s.flush()
    draft = Story(
        poster_id=poster.id,
        network_id=p["x"].id,
        municipality_id=p["alta"].id,
        gathering_id=ids["gathering_published"],
        title=f"Utkast {marker}",
        done_text=marker,
        learned_text=marker,
        smart_text=marker,
        status=StoryStatus.DRAFT,
        author_id=p["alta_coordinator"].id,
        theme_rows=[StoryTheme(theme=Theme.ANCHORING)],
    )
    published = Story(
        network_id=p["x"].id,
        municipality_id=p["alta"].id,
        gathering_id=ids["gathering_published"],
        title="Heltidserklæringen må på plass",
        done_text="Vi har kartlagt stillingene.",
        learned_text="Forankring tar tid.",
        smart_text="Kick-off med politikerne.",
        status=StoryStatus.PUBLISHED,
        published_at=datetime.now(UTC),
        author_id=p["alta_coordinator"].id,
        theme_rows=[StoryTheme(theme=Theme.MAPPING)],
    )
    s.add_all([draft, published])
    s.flush()
    idea = Idea(
        story_id=published.id,
        text="Prøv langvakter i helgene.",
        author_id=p["hemnes_coordinator"].id,
        author_municipality_id=p["hemnes"].id,
    )
    question = Idea(
        story_id=published.id,
        kind=IdeaKind.QUESTION,
        text="Hvordan fikk dere med tillitsvalgte?",
        author_id=p["hemnes_coordinator"].id,
        author_municipality_id=p["hemnes"].id,
    )
    s.add_all([idea, question])
    s.flush()
    ids.update(
        story_draft=draft.id, story_published=published.id, idea=idea.id, question=question.id
    )


def _workbooks(s: orm.Session, p: dict[str, Any], ids: dict[str, int]) -> None:
    """Chapter 1 with Alta's draft answers; chapter 2 with Alta's submitted ones and feedback;
    chapter 3 a draft (not open yet), which only the network's facilitators see."""
    from heltidnett.core import markup
    from heltidnett.workbooks.models import (
        Answer,
        AnswerVersion,
        Chapter,
        ChapterDelivery,
        DeliveryStatus,
        Prompt,
        PromptKind,
    )

    def text(value: str) -> dict[str, str]:
        return {"text": value, "html": markup.to_html(value)}

    now = datetime.now(UTC)
    chapters = []
    for number, status, marker in (
        (1, DeliveryStatus.IN_PROGRESS, MARKERS["answer_draft"]),
        (2, DeliveryStatus.SUBMITTED, MARKERS["answer_submitted"]),
    ):
        chapter = Chapter(
            network_id=p["x"].id,
            number=number,
            title=f"Kapittel {number}",
            introduction="Svar før neste samling.",
            due_on=date.today() + timedelta(days=10),
            opens_at=now - timedelta(days=1),
        )
        chapter.prompts = [
            Prompt(position=1, kind=PromptKind.TEXT, label="Prosessen for forankring"),
            Prompt(position=2, kind=PromptKind.TEXT, label="Hva har dere lært?"),
        ]
        s.add(chapter)
        s.flush()
        first = chapter.prompts[0]
        answer = Answer(
            prompt_id=first.id,
            municipality_id=p["alta"].id,
            version=2,
            content=text(f"Svar {marker}"),
            updated_by_id=p["alta_coordinator"].id,
        )
        s.add(answer)
        s.flush()
        old = f"Eldre svar {MARKERS['answer_history']}" if number == 1 else f"Eldre {marker}"
        s.add_all(
            [
                AnswerVersion(answer_id=answer.id, version=1, content=text(old)),
                AnswerVersion(answer_id=answer.id, version=2, content=answer.content),
            ]
        )
        delivery = ChapterDelivery(
            chapter_id=chapter.id,
            municipality_id=p["alta"].id,
            status=status,
            last_change_at=now,
        )
        if status == DeliveryStatus.SUBMITTED:
            delivery.submitted_at = now
            delivery.submitted_by_id = p["alta_coordinator"].id
            delivery.feedback = MARKERS["feedback_submitted"]
            delivery.feedback_at = now
            delivery.feedback_by_id = p["facilitator"].id
        s.add(delivery)
        s.flush()
        chapters.append(chapter)
    marker = MARKERS["chapter_draft"]
    draft = Chapter(
        network_id=p["x"].id,
        number=3,
        title=f"Kapittel 3 {marker}",
        introduction=f"Under arbeid {marker}",
        due_on=date.today() + timedelta(days=60),
        opens_at=now + timedelta(days=14),
    )
    draft.prompts = [Prompt(position=1, kind=PromptKind.TEXT, label=f"Spørsmål {marker}")]
    s.add(draft)
    s.flush()
    ids.update(
        chapter_draft=draft.id,
        prompt_draft=draft.prompts[0].id,
        chapter=chapters[0].id,
        prompt=chapters[0].prompts[0].id,
        prompt_unanswered=chapters[0].prompts[1].id,
        chapter_submitted=chapters[1].id,
        prompt_submitted=chapters[1].prompts[0].id,
    )


def _declarations(s: orm.Session, p: dict[str, Any], ids: dict[str, int]) -> None:
    """Alta's declaration: version 1 published, version 2 on consultation with a comment."""
    from heltidnett.declarations.models import (
        SECTION_KEYS,
        Declaration,
        DeclarationComment,
        DeclarationTransition,
        DeclarationVersion,
        Signatory,
        Status,
    )

    marker = MARKERS["declaration_consultation"]
    declaration = Declaration(municipality_id=p["alta"].id)
    DeclarationVersion(
        declaration=declaration,
        number=1,
        status=Status.PUBLISHED,
        approved_on=date(2024, 1, 10),
        approved_by_body="Ledergruppen",
        adopted_on=date(2024, 2, 1),
        adopted_by_body="Kommunestyret",
        case_number="24/17",
        published_at=datetime.now(UTC) - timedelta(days=100),
        **{key: f"Vedtatt tekst ({key})" for key in SECTION_KEYS},
    )
    consultation = DeclarationVersion(
        declaration=declaration,
        number=2,
        status=Status.CONSULTATION,
        created_by_id=p["alta_coordinator"].id,
        **{key: f"{marker} ({key})" for key in SECTION_KEYS},
    )
    s.add(declaration)
    s.flush()
    transitions = [
        DeclarationTransition(version_id=consultation.id, to_status=Status.DRAFT),
        DeclarationTransition(
            version_id=consultation.id, from_status=Status.DRAFT, to_status=Status.CONSULTATION
        ),
    ]
    signatory = Signatory(
        version_id=consultation.id,
        role="Hovedtillitsvalgt",
        name=MARKERS["signatory"],
        organisation="Fagforbundet",
    )
    comment = DeclarationComment(
        version_id=consultation.id,
        section="goals",
        body=MARKERS["declaration_comment"],
        author_id=p["steering"].id,
    )
    s.add_all([*transitions, signatory, comment])
    s.flush()
    ids.update(declaration=declaration.id, signatory=signatory.id, comment=comment.id)


def _commitments(s: orm.Session, p: dict[str, Any], ids: dict[str, int]) -> None:
    """Alta's commitment (followed up) and an open joint one, a cross, a milestone and tick."""
    from heltidnett.commitments.models import (
        AssessmentItem,
        Commitment,
        CommitmentStatus,
        FacilitatorMilestone,
        MilestoneTick,
        Quadrant,
    )

    gathering = ids["gathering_published"]
    commitment = Commitment(
        network_id=p["x"].id,
        gathering_id=gathering,
        municipality_id=p["alta"].id,
        text="Vedta heltidserklæringen",
        owner="Kommunalsjefen",
        due_on=date.today() + timedelta(days=60),
        status=CommitmentStatus.PARTLY,
        follow_up_comment="Vedtatt i formannskapet.",
        followed_up_at=datetime.now(UTC),
        followed_up_by_id=p["alta_coordinator"].id,
    )
    joint = Commitment(
        network_id=p["x"].id,
        gathering_id=gathering,
        municipality_id=None,
        text="Dele erfaringer med langvakter",
        owner="Nettverket",
        due_on=date.today() + timedelta(days=60),
    )
    milestone = FacilitatorMilestone(network_id=p["x"].id, title="Kartlegging gjort")
    s.add_all([commitment, joint, milestone])
    s.flush()
    s.add_all(
        [
            AssessmentItem(
                gathering_id=gathering,
                municipality_id=p["alta"].id,
                quadrant=Quadrant.ACHIEVED,
                rank=1,
                text="Kartlagt stillingene",
            ),
            MilestoneTick(
                milestone_id=milestone.id,
                municipality_id=p["alta"].id,
                reached_on=date.today(),
                comment="Ferdig.",
            ),
        ]
    )
    s.flush()
    ids.update(commitment=commitment.id, commitment_joint=joint.id, milestone=milestone.id)


def _meetings(s: orm.Session, p: dict[str, Any], ids: dict[str, int]) -> None:
    """Alta's steering group's meeting, with an attendee, a reviewed commitment and a decision;
    its minutes carry the meeting marker."""
    from heltidnett.meetings.models import (
        Attendee,
        AttendeeRole,
        Decision,
        ItemKind,
        Meeting,
        ReviewedItem,
    )

    marker = MARKERS["meeting"]
    meeting = Meeting(
        network_id=p["x"].id,
        municipality_id=p["alta"].id,
        held_on=date.today() - timedelta(days=10),
        notes=f"Referat {marker}",
        next_points=marker,
    )
    s.add(meeting)
    s.flush()
    attendee = Attendee(meeting_id=meeting.id, name=f"Leder {marker}", role=AttendeeRole.LEADER)
    item = ReviewedItem(
        meeting_id=meeting.id, kind=ItemKind.COMMITMENT, target_id=ids["commitment"], note=marker
    )
    decision = Decision(meeting_id=meeting.id, text=f"Vedtak {marker}", owner="Kommunalsjefen")
    s.add_all([attendee, item, decision])
    s.flush()
    ids.update(
        meeting=meeting.id, attendee=attendee.id, decision=decision.id, reviewed_item=item.id
    )


def _staffing(s: orm.Session, p: dict[str, Any], ids: dict[str, int]) -> None:
    """Alta's figures for a unit and the whole, a saved mapping and a pending import."""
    from heltidnett.staffing.models import ImportMapping, Measurement, PendingImport

    s.add_all(
        [
            Measurement(
                municipality_id=p["alta"].id,
                unit_id=p["unit"].id,
                period="2024",
                figures={"positions_planned": 42.0, "fte_planned": 27.51},
            ),
            Measurement(
                municipality_id=p["alta"].id,
                unit_id=None,
                period="2024",
                figures={"positions_planned": 120.0, "fte_planned": 80.0},
            ),
            ImportMapping(
                municipality_id=p["alta"].id,
                columns={MARKERS["import_mapping"]: "positions_planned"},
            ),
        ]
    )
    pending = PendingImport(
        municipality_id=p["alta"].id,
        user_id=p["alta_coordinator"].id,
        filename=f"{MARKERS['pending_import']}.xlsx",
        headers=["unit", "period", "positions_planned"],
        rows=[["Elvebakken sykehjem", "2025", 40]],
        mapping={"unit": "unit", "period": "period", "positions_planned": "positions_planned"},
        percent_as_fraction=[],
        expires_at=datetime.now(UTC) + timedelta(hours=2),
    )
    s.add(pending)
    s.flush()
    ids.update(pending=pending.id)


def _polls(s: orm.Session, p: dict[str, Any], ids: dict[str, int]) -> None:
    """A draft poll (only X's facilitators see it) and an open one with an answer from Alta."""
    from heltidnett.polls.models import Poll, PollStatus, PollTemplate, Question, QuestionKind
    from heltidnett.polls.models import Response as PollResponse

    draft = Poll(
        gathering_id=ids["gathering_published"],
        title=f"Avstemning {MARKERS['poll_draft']}",
        template=PollTemplate.ANCHORING,
        status=PollStatus.DRAFT,
        code="314159",
        questions=[Question(position=1, kind=QuestionKind.SCALE, text="Hvor godt forankret?")],
    )
    question = Question(position=1, kind=QuestionKind.SCALE, text="Hvor langt har dere kommet?")
    opened = Poll(
        gathering_id=ids["gathering_published"],
        title="Forankring",
        template=PollTemplate.ANCHORING,
        status=PollStatus.OPEN,
        code="271828",
        questions=[question],
    )
    s.add_all([draft, opened])
    s.flush()
    s.add(
        PollResponse(
            question_id=question.id, municipality_id=p["alta"].id, device_hash="d" * 64, value=6
        )
    )
    s.flush()
    ids.update(poll_draft=draft.id, poll_open=opened.id, poll_question=question.id)


def _goals(s: orm.Session, p: dict[str, Any], ids: dict[str, int]) -> None:
    """Alta's unshared goal on a measure of its own, made from Alta's commitment, with a value
    and an action carrying the commitment out (so the commitment's pages show both)."""
    from heltidnett.goals.models import Action, Goal, GoalValue
    from heltidnett.goals.progress import Direction

    marker = MARKERS["goal"]
    goal = Goal(
        municipality_id=p["alta"].id,
        title=f"Mål {marker}",
        situation=marker,
        measure_name="Ansatte i turnus",
        measure_unit="count",
        direction=Direction.AT_LEAST,
        target_value=50.0,
        target_due=date.today() + timedelta(days=700),
        responsible=marker,
        source_commitment_id=ids["commitment"],
    )
    s.add(goal)
    s.flush()
    action = Action(
        goal_id=goal.id, title=f"Tiltak {marker}", notes=marker, commitment_id=ids["commitment"]
    )
    value = GoalValue(goal_id=goal.id, measured_on=date(2024, 1, 31), value=30.0)
    s.add_all([action, value])
    s.flush()
    ids.update(goal=goal.id, action=action.id, goal_value=value.id)


def _comments(s: orm.Session, p: dict[str, Any], ids: dict[str, int]) -> None:
    """A thread on Alta's commitment (asked by its steering group, answered by its coordinator)
    and a review mark of Alta: both marked, read by Alta's own side and steering group only."""
    from heltidnett.comments.models import (
        Comment,
        CommentThread,
        ReviewAssessment,
        ReviewMark,
        SubjectKind,
    )

    thread = CommentThread(
        network_id=p["x"].id,
        municipality_id=p["alta"].id,
        subject_kind=SubjectKind.COMMITMENT,
        subject_id=ids["commitment"],
    )
    s.add(thread)
    s.flush()
    marker = MARKERS["comment_thread"]
    s.add_all(
        [
            Comment(
                thread_id=thread.id,
                author_id=p["steering"].id,
                author_role="steering",
                body=f"Spørsmål {marker}",
            ),
            Comment(
                thread_id=thread.id,
                author_id=p["alta_coordinator"].id,
                author_role="coordinator",
                body=f"Svar {marker}",
            ),
            ReviewMark(
                network_id=p["x"].id,
                municipality_id=p["alta"].id,
                period="Høsten",
                assessment=ReviewAssessment.NEEDS_ATTENTION,
                reason=MARKERS["review_mark"],
                author_id=p["steering"].id,
            ),
        ]
    )
    s.flush()
    ids.update(thread=thread.id)


def _cases(s: orm.Session, p: dict[str, Any], ids: dict[str, int]) -> None:
    """A case of the idea bank entered by network X's facilitator (every logged-in user reads
    it: no marker)."""
    from heltidnett.cases.models import Case, CaseTheme
    from heltidnett.cases.services import index_case

    case = Case(place="Alta", title="Langvakter i helgene", summary="Færre helgestillinger.")
    case.themes = [CaseTheme.WORKING_TIME]
    case.author_id = p["facilitator"].id
    s.add(case)
    index_case(s, case)
    ids.update(case=case.id)


def _notifications(s: orm.Session, p: dict[str, Any], ids: dict[str, int]) -> None:
    """An unread notification of Alta's coordinator (only she sees or marks it) and X's
    reminder settings."""
    from heltidnett.notifications.models import Kind, Notification, ReminderSetting

    notification = Notification(
        user_id=p["alta_coordinator"].id,
        network_id=p["x"].id,
        kind=Kind.CHAPTER_DUE,
        object_type="chapter",
        object_id=ids["chapter"],
        endpoint="workbooks.delivery",
        endpoint_args={"chapter_id": ids["chapter"], "municipality_id": p["alta"].id},
        params={"number": 1, "title": MARKERS["notification"], "days": 7, "due": "2030-01-01"},
    )
    s.add(notification)
    s.add(ReminderSetting(network_id=p["x"].id, kind=Kind.CHAPTER_DUE, days_before=[7, 1]))
    s.flush()
    ids.update(notification=notification.id)


def _tokens(s: orm.Session, p: dict[str, Any], world: World) -> None:
    """An API token for every logged-in role, and Alta's coordinator's own private one."""
    from heltidnett.auth.services import create_token

    for role in (*ROLES[1:], "facilitator", "alta_coordinator", "admin"):
        world.tokens[role] = create_token(s, p[role], "matrise").secret
    alta_token = create_token(s, p["alta_coordinator"], MARKERS["token_name"])
    world.ids["token"] = alta_token.token.id


def _work_logins(s: orm.Session, p: dict[str, Any], ids: dict[str, int]) -> None:
    """Alta's coordinator's link to a work account, and a domain that must use one (issue 20)."""
    from heltidnett.auth.models import ExternalIdentity, WorkLoginDomain

    s.add(
        ExternalIdentity(user_id=p["alta_coordinator"].id, provider="testid", subject="matrise-1")
    )
    domain = WorkLoginDomain(domain="matrise.example.org")
    s.add(domain)
    s.flush()
    ids.update(work_login_domain=domain.id)


def _login(world: World, role: str, email: str) -> None:
    """Log the role in once; keep its session cookie and a CSRF token from /account."""
    client = world.app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = CSRF_RE.search(page)
    assert token, "no CSRF token on /login"
    response = client.post(
        "/login", data={"email": email, "password": TEST_PASSWORD, "csrf_token": token.group(1)}
    )
    assert response.status_code == 302, (role, response.status_code)
    account = client.get("/account")
    assert account.status_code == 200 and email in account.get_data(as_text=True), role
    match = CSRF_RE.search(account.get_data(as_text=True))
    assert match, f"no CSRF token on /account for {role}"
    cookie = client.get_cookie(world.app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    world.cookies[role] = cookie.value
    world.csrf[role] = match.group(1)


def _anonymous_csrf(world: World) -> None:
    """An anonymous session with a CSRF token from the login page."""
    client = world.app.test_client()
    match = CSRF_RE.search(client.get("/login").get_data(as_text=True))
    assert match
    cookie = client.get_cookie(world.app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    world.cookies["anonymous"] = cookie.value
    world.csrf["anonymous"] = match.group(1)


LOGINS = {
    "participant": "deltaker.alta@example.org",
    "hemnes_coordinator": "koordinator.hemnes@example.org",
    "rana_coordinator": "koordinator.rana@example.org",
    "steering": "styring.alta@example.org",
    "facilitator_y": "veileder.y@example.org",
    "facilitator": "veileder@example.org",
    "alta_coordinator": "koordinator.alta@example.org",
    "admin": "admin@example.org",
}


def build_world(app: Flask, connection: sa.Connection) -> World:
    """Every record of the world, committed into the module's outer transaction."""
    world = World(app=app, connection=connection)
    with app.test_request_context():
        s = db.session
        people = _people(s, world.ids, world.users)
        _gatherings(s, people, world.ids)
        _stories(s, people, world.ids)
        _workbooks(s, people, world.ids)
        _declarations(s, people, world.ids)
        _commitments(s, people, world.ids)
        _meetings(s, people, world.ids)
        _staffing(s, people, world.ids)
        _goals(s, people, world.ids)
        _comments(s, people, world.ids)
        _cases(s, people, world.ids)
        _polls(s, people, world.ids)
        _notifications(s, people, world.ids)
        _tokens(s, people, world)
        _work_logins(s, people, world.ids)
        s.commit()
        db.session.remove()
    _anonymous_csrf(world)
    for role, email in LOGINS.items():
        _login(world, role, email)
    world.baseline = fingerprint(app)
    return world


# ---- filling URL arguments -----------------------------------------------------------------

# How each URL argument is filled from the world, by its name. A route with an argument that
# is not here fails the matrices: add the argument here (and the record to the world above).
ARGUMENTS: dict[str, str | int] = {
    "network_id": "network_x",
    "municipality_id": "alta",
    "gathering_id": "gathering_published",
    "item_id": "item",
    "material_id": "material",
    "method_id": "method",
    "registration_id": "registration",
    "chapter_id": "chapter",
    "prompt_id": "prompt",
    "story_id": "story_draft",
    "idea_id": "idea",
    "commitment_id": "commitment",
    "milestone_id": "milestone",
    "comment_id": "comment",
    "signatory_id": "signatory",
    "number": 2,  # Alta's declaration version on consultation
    "membership_id": "membership",
    "enrolment_id": "enrolment",
    "invitation_id": "invitation",
    "participation_id": "participation",
    "pending_id": "pending",
    "unit_id": "unit",
    "goal_id": "goal",
    "case_id": "case",
    "poll_id": "poll_draft",
    "question_id": "poll_question",
    "action_id": "action",
    "value_id": "goal_value",
    "notification_id": "notification",
    "token_id": "token",
    "domain_id": "work_login_domain",
    "thread_id": "thread",
    "user_id": "user:alta_coordinator",
    "direction": "down",
    "provider": "testid",
    "fmt": "csv",
    "meeting_id": "meeting",
    "attendee_id": "attendee",
    "decision_id": "decision",
    "reviewed_id": "reviewed_item",
}

# More fillings of the same route: each variant replaces some arguments (when the route has
# the first of them) so drafts and published records, planned gatherings and delivered
# chapters are all tried.
VARIANTS: dict[str, dict[str, str | int]] = {
    "planned": {"gathering_id": "gathering_planned"},
    "planned_item": {"item_id": "item_planned"},
    "planned_material": {"material_id": "material_planned"},
    "published_story": {"story_id": "story_published"},
    "published_version": {"number": 1},
    "submitted": {"chapter_id": "chapter_submitted", "prompt_id": "prompt_submitted"},
    "draft_chapter": {"chapter_id": "chapter_draft", "prompt_id": "prompt_draft"},
    "unanswered": {"prompt_id": "prompt_unanswered"},
    "draft_prompt": {"prompt_id": "prompt_draft"},
    "joint": {"commitment_id": "commitment_joint"},
    "question": {"idea_id": "question"},
    "xlsx": {"fmt": "xlsx"},
    "open_poll": {"poll_id": "poll_open"},
}


class MissingArgument(LookupError):
    """A route argument the matrices do not know how to fill."""


def _value(world: World | None, spec: str | int) -> Any:
    if isinstance(spec, int) or world is None:
        return spec
    if spec.startswith("user:"):
        return world.users[spec[5:]]
    if spec in ("down", "csv", "xlsx", "testid"):
        return spec
    return world.ids[spec]


def fillings(rule: Any) -> list[tuple[str, dict[str, str | int]]]:
    """The named fillings of a rule's arguments ("" for the default); MissingArgument if one
    cannot be filled."""
    missing = sorted(set(rule.arguments) - set(ARGUMENTS))
    if missing:
        raise MissingArgument(
            f"{rule.rule} has argument(s) {missing} the access matrices cannot fill: add each "
            "to ARGUMENTS in tests/matrix_world.py (and the record it names to the world there)."
        )
    result: list[tuple[str, dict[str, str | int]]] = [
        ("", {a: ARGUMENTS[a] for a in rule.arguments})
    ]
    for name, changes in VARIANTS.items():
        if next(iter(changes)) in rule.arguments:
            result.append((name, {a: changes.get(a, ARGUMENTS[a]) for a in rule.arguments}))
    return result


def build_url(world: World, rule: Any, filling: dict[str, str | int]) -> str:
    """The concrete URL of a rule filled from the world."""
    values = {name: _value(world, spec) for name, spec in filling.items()}
    return rule.build(values, append_unknown=False)[1]


# ---- reading bodies ------------------------------------------------------------------------


def body_text(response: Any) -> str:
    """The text of a response body: HTML/JSON/CSV/ICS as text, PDF, .docx and .xlsx parsed."""
    data = response.get_data()
    mimetype = response.mimetype or ""
    if mimetype == "application/pdf" or data.startswith(b"%PDF"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    if "wordprocessingml" in mimetype:
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            parts.extend(cell.text for row in table.rows for cell in row.cells)
        return "\n".join(parts)
    if "spreadsheetml" in mimetype:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    if mimetype.startswith("image/"):
        return ""
    return data.decode("utf-8", errors="replace")


MARKER_RE = re.compile(r"HEMMELIG-UTKAST-\d+")


def leaked_markers(text: str, role: str) -> set[str]:
    """The markers in the text the role may not read."""
    by_value = {v: k for k, v in MARKERS.items()}
    found = {by_value.get(m, m) for m in MARKER_RE.findall(text)}
    allowed = STEERING_MAY_READ if role == "steering" else frozenset()
    if role in ("steering", "participant"):
        allowed = allowed | ALTA_PEOPLE_MAY_READ
    return {key for key in found if key not in allowed}


def is_refusal(response: Any, role: str) -> bool:
    """401, 403, 404, or for an anonymous request a redirect to the login page."""
    if response.status_code in (401, 403, 404):
        return True
    return (
        role == "anonymous"
        and response.status_code in (302, 303)
        and response.headers.get("Location", "").startswith("/login")
    )
