"""Notifications in the app, each person's choice of e-mail per kind, a network's reminder
settings, the reminders already sent (a unique key) and the outgoing mail queue."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.db import enum_type, utcnow
from heltidnett.extensions import Model

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User
    from heltidnett.networks.models import Network


class Kind(enum.StrEnum):
    """What a notification is about; each person chooses the e-mail channel per kind."""

    CHAPTER_OPENS = "chapter_opens"
    CHAPTER_DUE = "chapter_due"
    FEEDBACK = "feedback"
    PROGRAMME_PUBLISHED = "programme_published"
    PROGRAMME_CHANGED = "programme_changed"
    REGISTRATION_DEADLINE = "registration_deadline"
    STORY_IDEA = "story_idea"
    COMMITMENT_PASSED = "commitment_passed"
    ACTION_PASSED = "action_passed"
    DECLARATION_STEP = "declaration_step"
    REPORT_READY = "report_ready"  # a kind without an emitter yet: reports are made at once


class Channel(enum.StrEnum):
    """How a kind reaches a person by e-mail (the bell always shows it)."""

    IMMEDIATE = "immediate"
    DIGEST = "digest"
    NEVER = "never"


class OutboxStatus(enum.StrEnum):
    """An outgoing e-mail: waiting (perhaps after a refusal), sent, or given up."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class Notification(Model):
    """One thing that happened for one person, shown under the bell for 90 days."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    network_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[Kind] = mapped_column(enum_type(Kind))
    # The object it is about, and the page that shows it (an endpoint and its arguments).
    object_type: Mapped[str] = mapped_column(sa.String(40))
    object_id: Mapped[int]
    endpoint: Mapped[str] = mapped_column(sa.String(100))
    endpoint_args: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    params: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)  # for the text
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    # Waiting for the daily digest (the person chose it for this kind), until it is sent.
    digest_pending: Mapped[bool] = mapped_column(default=False)

    user: Mapped[User] = relationship()
    network: Mapped[Network | None] = relationship()

    __table_args__ = (sa.Index("ix_notifications_user_created", "user_id", "created_at"),)

    def can_view(self, user: Viewer) -> bool:
        """Only its recipient sees a notification."""
        return bool(getattr(user, "is_authenticated", False) and user.id == self.user_id)

    def can_edit(self, user: Viewer) -> bool:
        return self.can_view(user)


class NotificationPreference(Model):
    """A person's e-mail channel for one kind; without a row, at once."""

    __tablename__ = "notification_preferences"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[Kind] = mapped_column(enum_type(Kind))
    channel: Mapped[Channel] = mapped_column(enum_type(Channel))

    __table_args__ = (sa.UniqueConstraint("user_id", "kind"),)


class ReminderSetting(Model):
    """A network's choice for one reminder kind: whether it goes out, and how many days before."""

    __tablename__ = "reminder_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"))
    kind: Mapped[Kind] = mapped_column(enum_type(Kind))
    enabled: Mapped[bool] = mapped_column(default=True)
    days_before: Mapped[list[int]] = mapped_column(sa.JSON, default=list)

    __table_args__ = (sa.UniqueConstraint("network_id", "kind"),)


class SentReminder(Model):
    """A reminder or event already delivered to a person: inserted before anything is sent, so
    two runs at once cannot both send it (the unique key decides, not a check-then-send)."""

    __tablename__ = "sent_reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[Kind] = mapped_column(enum_type(Kind))
    object_type: Mapped[str] = mapped_column(sa.String(40))
    object_id: Mapped[int]
    due_on: Mapped[date]  # the due date, or the day the event happened
    days_before: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint(
            "user_id",
            "kind",
            "object_type",
            "object_id",
            "due_on",
            "days_before",
            name="uq_sent_reminders_once",
        ),
    )


class OutboxMessage(Model):
    """An e-mail waiting to go out (or sent): kept when the SMTP server refuses, and retried."""

    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    recipient: Mapped[str] = mapped_column(sa.String(255))
    subject: Mapped[str] = mapped_column(sa.String(300))
    message: Mapped[bytes] = mapped_column(sa.LargeBinary)  # the whole MIME message
    status: Mapped[OutboxStatus] = mapped_column(
        enum_type(OutboxStatus), default=OutboxStatus.PENDING, index=True
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
