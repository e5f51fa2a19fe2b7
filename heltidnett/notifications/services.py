"""Finding what to tell whom, recording it once, and turning it into e-mail.

`due_events` reads what has happened or falls due (every kind is found from the records, so a
run that missed its turn catches up); `claim` inserts the event's unique key before anything
is sent, so two runs at once (threads, processes, machines) deliver each event once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import gettext as _

from heltidnett.core.errors import ServiceError
from heltidnett.notifications.kinds import DEFAULT_DAYS, NETWORK_KINDS
from heltidnett.notifications.models import (
    Channel,
    Kind,
    Notification,
    NotificationPreference,
    OutboxMessage,
    OutboxStatus,
    ReminderSetting,
    SentReminder,
)

if TYPE_CHECKING:
    from heltidnett.auth.models import User
    from heltidnett.db import DbSession
    from heltidnett.networks.models import Network

OSLO = ZoneInfo("Europe/Oslo")
KEEP_DAYS = 90  # notifications (read or not) are kept this long, then purged by the job
EVENT_WINDOW = timedelta(days=7)  # events older than this are not announced any more
MAX_DAYS_BEFORE = 60
MAX_ATTEMPTS = 8  # an e-mail the server refuses this many times is given up (and logged)
LIST_LIMIT = 200


@dataclass(frozen=True)
class Event:
    """One thing to tell one person: its unique key, where it links and what it says."""

    user_id: int
    kind: Kind
    object_type: str
    object_id: int
    due_on: date
    network_id: int | None
    endpoint: str
    endpoint_args: dict[str, Any]
    params: dict[str, Any] = field(default_factory=dict)
    days_before: int = 0


def local_today(now: datetime) -> date:
    """The date in Norway at that moment."""
    return now.astimezone(OSLO).date()


# --- who is told ------------------------------------------------------------------------------


def _members(
    session: DbSession, network_ids: Iterable[int], roles: Iterable[Any]
) -> dict[int, list[tuple[int, int | None]]]:
    """Per network, (user id, municipality id) of the active members with these roles."""
    from heltidnett.auth.models import User
    from heltidnett.networks.models import Membership

    ids = set(network_ids)
    found: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    if not ids:
        return found
    rows = session.execute(
        sa.select(Membership.network_id, Membership.user_id, Membership.municipality_id)
        .join(User, User.id == Membership.user_id)
        .where(Membership.network_id.in_(ids), Membership.role.in_(list(roles)), User.active)
    ).all()
    for network_id, user_id, municipality_id in rows:
        found[network_id].append((user_id, municipality_id))
    return found


def _coordinators(
    session: DbSession, network_ids: Iterable[int]
) -> dict[tuple[int, int], set[int]]:
    """(network, municipality) → the user ids of its coordinators there."""
    from heltidnett.networks.models import NetworkRole

    found: dict[tuple[int, int], set[int]] = defaultdict(set)
    for network_id, rows in _members(session, network_ids, [NetworkRole.COORDINATOR]).items():
        for user_id, municipality_id in rows:
            if municipality_id is not None:
                found[(network_id, municipality_id)].add(user_id)
    return found


def _municipality_coordinators(
    session: DbSession, municipality_ids: Iterable[int]
) -> dict[int, set[int]]:
    """Municipality → its coordinators in any network (goals and declarations are its own)."""
    from heltidnett.auth.models import User
    from heltidnett.networks.models import Membership, NetworkRole

    ids = set(municipality_ids)
    found: dict[int, set[int]] = defaultdict(set)
    if not ids:
        return found
    rows = session.execute(
        sa.select(Membership.municipality_id, Membership.user_id)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.municipality_id.in_(ids),
            Membership.role == NetworkRole.COORDINATOR,
            User.active,
        )
    ).all()
    for municipality_id, user_id in rows:
        if municipality_id is not None:
            found[municipality_id].add(user_id)
    return found


# --- the network's reminder settings ----------------------------------------------------------


@dataclass(frozen=True)
class ReminderChoice:
    """A network's effective setting for one kind (its row, or the default)."""

    kind: Kind
    enabled: bool
    days_before: tuple[int, ...]


def reminder_choices(session: DbSession, network_id: int) -> list[ReminderChoice]:
    """Every network kind with the network's setting or the default."""
    rows = {
        r.kind: r
        for r in session.scalars(
            sa.select(ReminderSetting).where(ReminderSetting.network_id == network_id)
        )
    }
    choices = []
    for kind in NETWORK_KINDS:
        row = rows.get(kind)
        days = tuple(row.days_before) if row else tuple(DEFAULT_DAYS.get(kind, ()))
        choices.append(ReminderChoice(kind, row.enabled if row else True, days))
    return choices


def _settings(session: DbSession) -> dict[tuple[int, Kind], ReminderSetting]:
    return {(r.network_id, r.kind): r for r in session.scalars(sa.select(ReminderSetting))}


def _enabled(
    settings: dict[tuple[int, Kind], ReminderSetting], network_id: int, kind: Kind
) -> bool:
    row = settings.get((network_id, kind))
    return row.enabled if row else True


def _days(
    settings: dict[tuple[int, Kind], ReminderSetting], network_id: int, kind: Kind
) -> set[int]:
    row = settings.get((network_id, kind))
    return set(row.days_before) if row else set(DEFAULT_DAYS.get(kind, ()))


def parse_days(text: str) -> list[int]:
    """'7, 1' → [7, 1]; a clear message for anything else."""
    days: set[int] = set()
    for word in text.replace(";", ",").replace(" ", ",").split(","):
        if not word:
            continue
        if not word.isdigit() or not 1 <= int(word) <= MAX_DAYS_BEFORE:
            raise ServiceError(
                _(
                    "Skriv antall dager som hele tall fra 1 til %(max)s, skilt med komma.",
                    max=MAX_DAYS_BEFORE,
                )
            )
        days.add(int(word))
    return sorted(days, reverse=True)


def save_reminder_settings(
    session: DbSession, actor: User, network: Network, choices: dict[Kind, tuple[bool, str]]
) -> None:
    """Store a network's reminder settings (kind → enabled, days typed)."""
    rows = {
        r.kind: r
        for r in session.scalars(
            sa.select(ReminderSetting).where(ReminderSetting.network_id == network.id)
        )
    }
    for kind, (enabled, days_text) in choices.items():
        if kind not in NETWORK_KINDS:
            continue
        days = parse_days(days_text) if kind in DEFAULT_DAYS else []
        if kind in DEFAULT_DAYS and enabled and not days:
            raise ServiceError(_("Skriv minst én dag før fristen for påminnelser som er på."))
        row = rows.get(kind) or ReminderSetting(network_id=network.id, kind=kind)
        row.enabled = enabled
        row.days_before = days
        session.add(row)
    session.flush()


# --- finding the events -----------------------------------------------------------------------


def due_events(session: DbSession, now: datetime) -> list[Event]:
    """Everything that should be told now (the claims decide what was told already)."""
    settings = _settings(session)
    today = local_today(now)
    events: list[Event] = []
    for finder in (
        _chapter_events,
        _feedback_events,
        _gathering_events,
        _idea_events,
        _commitment_events,
        _action_events,
        _declaration_events,
    ):
        events.extend(finder(session, now, today, settings))
    return events


def _chapter_events(
    session: DbSession, now: datetime, today: date, settings: Any
) -> Iterator[Event]:
    from heltidnett.workbooks.models import Chapter, ChapterDelivery, DeliveryStatus

    chapters = session.scalars(
        sa.select(Chapter)
        .where(
            Chapter.opens_at.is_not(None),
            Chapter.opens_at <= now,
            sa.or_(Chapter.opens_at >= now - EVENT_WINDOW, Chapter.due_on >= today),
        )
        # the order the lines are told in, in the app and in a digest
        .order_by(Chapter.network_id, Chapter.number, Chapter.id)
    ).all()
    coordinators = _coordinators(session, {c.network_id for c in chapters})
    done = {
        (d.chapter_id, d.municipality_id)
        for d in session.scalars(
            sa.select(ChapterDelivery).where(
                ChapterDelivery.chapter_id.in_([c.id for c in chapters]),
                ChapterDelivery.status.in_(
                    [DeliveryStatus.SUBMITTED, DeliveryStatus.FEEDBACK_GIVEN]
                ),
            )
        )
    }
    for chapter in chapters:
        assert chapter.opens_at is not None
        params = {
            "number": chapter.number,
            "title": chapter.title,
            "due": chapter.due_on.isoformat() if chapter.due_on else None,
        }
        recipients = [
            (user_id, municipality_id)
            for (network_id, municipality_id), users in coordinators.items()
            if network_id == chapter.network_id
            for user_id in users
        ]
        opened = chapter.opens_at >= now - EVENT_WINDOW
        if opened and _enabled(settings, chapter.network_id, Kind.CHAPTER_OPENS):
            for user_id, municipality_id in recipients:
                yield Event(
                    user_id,
                    Kind.CHAPTER_OPENS,
                    "chapter",
                    chapter.id,
                    local_today(chapter.opens_at),
                    chapter.network_id,
                    "workbooks.delivery",
                    {"chapter_id": chapter.id, "municipality_id": municipality_id},
                    params,
                )
        if chapter.due_on is None or not _enabled(settings, chapter.network_id, Kind.CHAPTER_DUE):
            continue
        days = (chapter.due_on - today).days
        if days not in _days(settings, chapter.network_id, Kind.CHAPTER_DUE):
            continue
        for user_id, municipality_id in recipients:
            if (chapter.id, municipality_id) in done:
                continue
            yield Event(
                user_id,
                Kind.CHAPTER_DUE,
                "chapter",
                chapter.id,
                chapter.due_on,
                chapter.network_id,
                "workbooks.delivery",
                {"chapter_id": chapter.id, "municipality_id": municipality_id},
                {**params, "days": days},
                days_before=days,
            )


def _feedback_events(
    session: DbSession, now: datetime, today: date, settings: Any
) -> Iterator[Event]:
    from heltidnett.municipalities.models import Municipality
    from heltidnett.workbooks.models import Chapter, ChapterDelivery

    rows = session.execute(
        sa.select(ChapterDelivery, Chapter, Municipality.name)
        .join(Chapter, Chapter.id == ChapterDelivery.chapter_id)
        .join(Municipality, Municipality.id == ChapterDelivery.municipality_id)
        .where(ChapterDelivery.feedback_at >= now - EVENT_WINDOW)
        .order_by(ChapterDelivery.feedback_at, ChapterDelivery.id)
    ).all()
    coordinators = _coordinators(session, {chapter.network_id for _d, chapter, _n in rows})
    for delivery, chapter, name in rows:
        if not _enabled(settings, chapter.network_id, Kind.FEEDBACK):
            continue
        assert delivery.feedback_at is not None
        for user_id in coordinators.get((chapter.network_id, delivery.municipality_id), ()):
            if user_id == delivery.feedback_by_id:
                continue
            yield Event(
                user_id,
                Kind.FEEDBACK,
                "delivery",
                delivery.id,
                local_today(delivery.feedback_at),
                chapter.network_id,
                "workbooks.delivery",
                {"chapter_id": chapter.id, "municipality_id": delivery.municipality_id},
                {"number": chapter.number, "title": chapter.title, "municipality": name},
            )


def _gathering_events(
    session: DbSession, now: datetime, today: date, settings: Any
) -> Iterator[Event]:
    from heltidnett.gatherings.models import AgendaItem, Gathering, GatheringStatus, Registration
    from heltidnett.networks.models import NetworkRole

    gatherings = session.scalars(
        sa.select(Gathering)
        .where(
            Gathering.status == GatheringStatus.PUBLISHED,
            Gathering.published_at.is_not(None),
            Gathering.ends_on >= today,
        )
        .order_by(Gathering.starts_on, Gathering.id)
    ).all()
    if not gatherings:
        return
    ids = [g.id for g in gatherings]
    changed = dict(
        session.execute(
            sa.select(AgendaItem.gathering_id, sa.func.max(AgendaItem.changed_at))
            .where(AgendaItem.gathering_id.in_(ids))
            .group_by(AgendaItem.gathering_id)
        ).all()
    )
    registered = set(
        session.execute(
            sa.select(Registration.gathering_id, Registration.user_id).where(
                Registration.gathering_id.in_(ids), Registration.user_id.is_not(None)
            )
        ).all()
    )
    members = _members(
        session,
        {g.network_id for g in gatherings},
        [NetworkRole.COORDINATOR, NetworkRole.PARTICIPANT, NetworkRole.STEERING],
    )
    for gathering in gatherings:
        assert gathering.published_at is not None
        users = sorted({user_id for user_id, _m in members.get(gathering.network_id, ())})
        params = {
            "title": gathering.title,
            "starts": gathering.starts_on.isoformat(),
            "ends": gathering.ends_on.isoformat(),
            "place": gathering.place,
        }
        link = ("gatherings.show", {"gathering_id": gathering.id})
        network_id = gathering.network_id
        if gathering.published_at >= now - EVENT_WINDOW and _enabled(
            settings, network_id, Kind.PROGRAMME_PUBLISHED
        ):
            for user_id in users:
                yield Event(
                    user_id,
                    Kind.PROGRAMME_PUBLISHED,
                    "gathering",
                    gathering.id,
                    local_today(gathering.published_at),
                    network_id,
                    *link,
                    params,
                )
        last_change = changed.get(gathering.id)
        if (
            last_change is not None
            and last_change > gathering.published_at
            and last_change >= now - EVENT_WINDOW
            and _enabled(settings, network_id, Kind.PROGRAMME_CHANGED)
        ):
            for user_id in users:
                yield Event(
                    user_id,
                    Kind.PROGRAMME_CHANGED,
                    "gathering",
                    gathering.id,
                    local_today(last_change),
                    network_id,
                    *link,
                    params,
                )
        deadline = gathering.registration_deadline
        if deadline is None or not _enabled(settings, network_id, Kind.REGISTRATION_DEADLINE):
            continue
        days = (deadline - today).days
        if days not in _days(settings, network_id, Kind.REGISTRATION_DEADLINE):
            continue
        for user_id in users:
            if (gathering.id, user_id) in registered:
                continue
            yield Event(
                user_id,
                Kind.REGISTRATION_DEADLINE,
                "gathering",
                gathering.id,
                deadline,
                network_id,
                *link,
                {**params, "due": deadline.isoformat()},
                days_before=days,
            )


def _idea_events(session: DbSession, now: datetime, today: date, settings: Any) -> Iterator[Event]:
    from heltidnett.stories.models import Idea, IdeaKind, Story

    rows = session.execute(
        sa.select(Idea, Story)
        .join(Story, Story.id == Idea.story_id)
        .where(Idea.created_at >= now - EVENT_WINDOW)
        .order_by(Idea.created_at, Idea.id)
    ).all()
    coordinators = _coordinators(session, {story.network_id for _i, story in rows})
    for idea, story in rows:
        if not _enabled(settings, story.network_id, Kind.STORY_IDEA):
            continue
        users = (
            {story.author_id}
            if story.author_id
            else coordinators.get((story.network_id, story.municipality_id), set())
        )
        for user_id in users - {idea.author_id}:
            yield Event(
                user_id,
                Kind.STORY_IDEA,
                "idea",
                idea.id,
                local_today(idea.created_at),
                story.network_id,
                "stories.show",
                {"story_id": story.id},
                {"title": story.title, "question": idea.kind is not IdeaKind.IDEA},
            )


def _commitment_events(
    session: DbSession, now: datetime, today: date, settings: Any
) -> Iterator[Event]:
    from heltidnett.commitments.models import Commitment, CommitmentStatus
    from heltidnett.networks.models import NetworkRole

    commitments = session.scalars(
        sa.select(Commitment)
        .where(
            Commitment.status == CommitmentStatus.OPEN,
            Commitment.due_on < today,
            Commitment.due_on >= today - EVENT_WINDOW,
        )
        .order_by(Commitment.due_on, Commitment.id)
    ).all()
    network_ids = {c.network_id for c in commitments}
    coordinators = _coordinators(session, network_ids)
    facilitators = _members(session, network_ids, [NetworkRole.FACILITATOR])
    for commitment in commitments:
        if not _enabled(settings, commitment.network_id, Kind.COMMITMENT_PASSED):
            continue
        if commitment.municipality_id is None:
            users = {u for u, _m in facilitators.get(commitment.network_id, ())}
        else:
            users = coordinators.get((commitment.network_id, commitment.municipality_id), set())
        for user_id in sorted(users):
            yield Event(
                user_id,
                Kind.COMMITMENT_PASSED,
                "commitment",
                commitment.id,
                commitment.due_on,
                commitment.network_id,
                "commitments.network_commitments",
                {"network_id": commitment.network_id},
                {"text": _short(commitment.text), "due": commitment.due_on.isoformat()},
            )


def _action_events(
    session: DbSession, now: datetime, today: date, settings: Any
) -> Iterator[Event]:
    from heltidnett.goals.models import Action, ActionStatus, Goal

    rows = session.execute(
        sa.select(Action, Goal.municipality_id)
        .join(Goal, Goal.id == Action.goal_id)
        .where(
            Action.status.in_([ActionStatus.PLANNED, ActionStatus.IN_PROGRESS]),
            Action.due_on < today,
            Action.due_on >= today - EVENT_WINDOW,
        )
        .order_by(Action.due_on, Action.id)
    ).all()
    coordinators = _municipality_coordinators(session, {m for _a, m in rows})
    for action, municipality_id in rows:
        assert action.due_on is not None
        for user_id in sorted(coordinators.get(municipality_id, ())):
            yield Event(
                user_id,
                Kind.ACTION_PASSED,
                "action",
                action.id,
                action.due_on,
                None,
                "goals.show",
                {"goal_id": action.goal_id},
                {"title": action.title, "due": action.due_on.isoformat()},
            )


def _declaration_events(
    session: DbSession, now: datetime, today: date, settings: Any
) -> Iterator[Event]:
    from heltidnett.declarations.models import (
        Declaration,
        DeclarationTransition,
        DeclarationVersion,
        Status,
    )
    from heltidnett.municipalities.models import Municipality

    rows = session.execute(
        sa.select(DeclarationTransition, DeclarationVersion, Municipality)
        .join(DeclarationVersion, DeclarationVersion.id == DeclarationTransition.version_id)
        .join(Declaration, Declaration.id == DeclarationVersion.declaration_id)
        .join(Municipality, Municipality.id == Declaration.municipality_id)
        .where(
            DeclarationTransition.at >= now - EVENT_WINDOW,
            DeclarationTransition.to_status.in_(
                [Status.CONSULTATION, Status.APPROVED, Status.ADOPTED]
            ),
            DeclarationVersion.status == DeclarationTransition.to_status,
        )
        .order_by(DeclarationTransition.at, DeclarationTransition.id)
    ).all()
    coordinators = _municipality_coordinators(session, {m.id for _t, _v, m in rows})
    for transition, version, municipality in rows:
        for user_id in sorted(coordinators.get(municipality.id, set()) - {transition.actor_id}):
            yield Event(
                user_id,
                Kind.DECLARATION_STEP,
                "declaration_transition",
                transition.id,
                local_today(transition.at),
                None,
                "declarations.show_version",
                {"municipality_id": municipality.id, "number": version.number},
                {"municipality": municipality.name, "number": version.number},
            )


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- recording each event once ----------------------------------------------------------------


def claim(session: DbSession, event: Event) -> bool:
    """Insert the event's unique key; False when another run (or an earlier one) has it.

    The insert comes first and decides: ON CONFLICT DO NOTHING on both databases, so two
    runs at once never both go on to notify and send.
    """
    values = {
        "user_id": event.user_id,
        "kind": event.kind,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "due_on": event.due_on,
        "days_before": event.days_before,
        "created_at": datetime.now(OSLO).astimezone(ZoneInfo("UTC")),
    }
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement: Any = pg_insert(SentReminder).values(**values).on_conflict_do_nothing()
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(SentReminder).values(**values).on_conflict_do_nothing()
    result = session.execute(statement.returning(SentReminder.id))
    return result.first() is not None


def channel_of(session: DbSession, user_id: int, kind: Kind) -> Channel:
    """The person's e-mail channel for the kind (at once when never chosen)."""
    chosen = session.scalar(
        sa.select(NotificationPreference.channel).where(
            NotificationPreference.user_id == user_id, NotificationPreference.kind == kind
        )
    )
    return chosen or Channel.IMMEDIATE


def record(session: DbSession, event: Event, now: datetime, mail: bool) -> Notification:
    """The notification of a claimed event; marked for the digest, or its e-mail queued."""
    from heltidnett.auth.models import User
    from heltidnett.notifications import mail as mailer

    channel = channel_of(session, event.user_id, event.kind) if mail else Channel.NEVER
    notification = Notification(
        user_id=event.user_id,
        network_id=event.network_id,
        kind=event.kind,
        object_type=event.object_type,
        object_id=event.object_id,
        endpoint=event.endpoint,
        endpoint_args=event.endpoint_args,
        params=event.params,
        created_at=now,
        digest_pending=channel is Channel.DIGEST,
    )
    session.add(notification)
    session.flush()
    if channel is Channel.IMMEDIATE:
        user = session.get(User, event.user_id)
        if user is not None and user.email:
            queue(session, user, mailer.single(session, user, notification), now)
    return notification


def queue(session: DbSession, user: User, message: Any, now: datetime) -> OutboxMessage:
    """Put a composed e-mail in the outbox; the job sends it (and retries after a refusal)."""
    row = OutboxMessage(
        user_id=user.id,
        recipient=str(message["To"]),
        subject=str(message["Subject"])[:300],
        message=message.as_bytes(policy=message.policy.clone(linesep="\r\n")),  # SMTP's CRLF
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


# --- the outbox -------------------------------------------------------------------------------


def outbox_due(session: DbSession, now: datetime) -> list[int]:
    """Ids of the e-mails to try now: waiting, due, and not taken by another run."""
    return list(
        session.scalars(
            sa.select(OutboxMessage.id)
            .where(
                OutboxMessage.status == OutboxStatus.PENDING,
                OutboxMessage.next_attempt_at <= now,
                sa.or_(OutboxMessage.locked_until.is_(None), OutboxMessage.locked_until < now),
            )
            .order_by(OutboxMessage.id)
        )
    )


def take(session: DbSession, outbox_id: int, now: datetime) -> bool:
    """Lock one e-mail for this run for ten minutes (an UPDATE that only one run wins)."""
    result = session.execute(
        sa.update(OutboxMessage)
        .where(
            OutboxMessage.id == outbox_id,
            OutboxMessage.status == OutboxStatus.PENDING,
            sa.or_(OutboxMessage.locked_until.is_(None), OutboxMessage.locked_until < now),
        )
        .values(locked_until=now + timedelta(minutes=10), attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def mark_sent(session: DbSession, outbox_id: int, now: datetime) -> None:
    session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == outbox_id)
        .values(status=OutboxStatus.SENT, sent_at=now, locked_until=None, last_error="")
        .execution_options(synchronize_session=False)
    )


def mark_refused(session: DbSession, outbox_id: int, now: datetime, error: str) -> None:
    """Keep the e-mail and try again later (5, 10, 20 … minutes); give up after MAX_ATTEMPTS."""
    row = session.get(OutboxMessage, outbox_id)
    if row is None:
        return
    session.refresh(row)
    row.last_error = error[:2000]
    row.locked_until = None
    if row.attempts >= MAX_ATTEMPTS:
        row.status = OutboxStatus.FAILED
    row.next_attempt_at = now + timedelta(minutes=5 * 2 ** max(row.attempts - 1, 0))
    session.flush()


# --- the digest -------------------------------------------------------------------------------


def digest_user_ids(session: DbSession) -> list[int]:
    """The people with something waiting for their digest (nobody else gets one)."""
    return list(
        session.scalars(
            sa.select(Notification.user_id).where(Notification.digest_pending).distinct()
        )
    )


def take_digest(session: DbSession, user_id: int) -> list[Notification]:
    """The person's waiting notifications, each taken by one UPDATE so two runs never both
    put it in a digest; empty when another run took them."""
    ids = session.scalars(
        sa.select(Notification.id).where(
            Notification.user_id == user_id, Notification.digest_pending
        )
    ).all()
    taken = []
    for notification_id in ids:
        result = session.execute(
            sa.update(Notification)
            .where(Notification.id == notification_id, Notification.digest_pending)
            .values(digest_pending=False)
            .execution_options(synchronize_session=False)
        )
        if getattr(result, "rowcount", 0) == 1:
            taken.append(notification_id)
    if not taken:
        return []
    return list(
        session.scalars(
            sa.select(Notification)
            .where(Notification.id.in_(taken))
            .execution_options(populate_existing=True)
            .order_by(Notification.network_id, Notification.object_type, Notification.created_at)
        )
    )


# --- keeping tidy -----------------------------------------------------------------------------


def purge(session: DbSession, now: datetime) -> int:
    """Delete notifications older than 90 days and sent e-mails older than 30; the count."""
    removed = session.execute(
        sa.delete(Notification)
        .where(Notification.created_at < now - timedelta(days=KEEP_DAYS))
        .execution_options(synchronize_session=False)
    )
    session.execute(
        sa.delete(OutboxMessage)
        .where(
            OutboxMessage.status == OutboxStatus.SENT,
            OutboxMessage.sent_at < now - timedelta(days=30),
        )
        .execution_options(synchronize_session=False)
    )
    return int(getattr(removed, "rowcount", 0) or 0)


# --- what a person sees and chooses -----------------------------------------------------------


def unread_count(session: DbSession, user: User) -> int:
    """The number under the bell."""
    return int(
        session.scalar(
            sa.select(sa.func.count(Notification.id)).where(
                Notification.user_id == user.id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def notifications_of(
    session: DbSession, user: User, unread_only: bool = False
) -> list[Notification]:
    """The person's notifications, newest first (with their networks, in one query)."""
    from sqlalchemy.orm import joinedload

    query = (
        sa.select(Notification)
        .options(joinedload(Notification.network))
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(LIST_LIMIT)
    )
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    return list(session.scalars(query))


def mark_read(
    session: DbSession, actor: User, notification: Notification, read: bool = True
) -> None:
    """Mark one notification read (or unread again)."""
    if notification.user_id != actor.id:
        raise ServiceError(_("Varselet er ikke ditt."))
    notification.read_at = datetime.now(ZoneInfo("UTC")) if read else None
    session.flush()


def mark_all_read(session: DbSession, actor: User) -> int:
    """Mark every unread notification of the person read; how many."""
    result = session.execute(
        sa.update(Notification)
        .where(Notification.user_id == actor.id, Notification.read_at.is_(None))
        .values(read_at=datetime.now(ZoneInfo("UTC")))
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def preferences(session: DbSession, user: User) -> dict[Kind, Channel]:
    """The person's channel for every kind."""
    chosen = dict(
        session.execute(
            sa.select(NotificationPreference.kind, NotificationPreference.channel).where(
                NotificationPreference.user_id == user.id
            )
        ).all()
    )
    return {kind: chosen.get(kind, Channel.IMMEDIATE) for kind in Kind}


def set_preference(session: DbSession, user: User, kind: Kind, channel: Channel) -> None:
    """Choose the e-mail channel for one kind."""
    row = session.scalar(
        sa.select(NotificationPreference).where(
            NotificationPreference.user_id == user.id, NotificationPreference.kind == kind
        )
    )
    if row is None:
        row = NotificationPreference(user_id=user.id, kind=kind, channel=channel)
        session.add(row)
    row.channel = channel
    session.flush()


def save_preferences(session: DbSession, actor: User, choices: dict[Kind, Channel]) -> None:
    """Store the person's channel for each kind given."""
    for kind, channel in choices.items():
        set_preference(session, actor, kind, channel)
