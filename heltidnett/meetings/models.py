"""Steering group meetings, who attended, what they reviewed and what they decided."""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.db import TimestampMixin, enum_type
from heltidnett.extensions import Model
from heltidnett.meetings import permissions

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks.models import Network


class AttendeeRole(enum.StrEnum):
    """The seat a person holds in the steering group."""

    LEADER = "leader"
    UNION = "union"
    SAFETY = "safety"
    EMPLOYER = "employer"
    COORDINATOR = "coordinator"
    FACILITATOR = "facilitator"
    SECRETARY = "secretary"
    OTHER = "other"


class ItemKind(enum.StrEnum):
    """What kind of record a meeting reviewed."""

    COMMITMENT = "commitment"
    GOAL = "goal"
    DECLARATION_VERSION = "declaration_version"
    MILESTONE = "milestone"


class DecisionStatus(enum.StrEnum):
    """A decision (vedtak) is open until it is done."""

    OPEN = "open"
    DONE = "done"


class Meeting(TimestampMixin, Model):
    """A meeting of the network's steering group, or (with a municipality) of its own group."""

    __tablename__ = "meetings"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(sa.String(200), default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    next_points: Mapped[str] = mapped_column(sa.Text, default="")

    network: Mapped[Network] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    attendees: Mapped[list[Attendee]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Attendee.id"
    )
    items: Mapped[list[ReviewedItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="ReviewedItem.id"
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Decision.id"
    )

    @property
    def is_network_meeting(self) -> bool:
        return self.municipality_id is None

    @property
    def language(self) -> str:
        """The målform of the minutes: the municipality's, Bokmål for the network's group."""
        return self.municipality.written_standard.value if self.municipality else "nb"

    def can_view(self, user: Viewer) -> bool:
        return permissions.can_view_group(user, self.network_id, self.municipality_id)

    def can_edit(self, user: Viewer) -> bool:
        return permissions.can_write_group(user, self.network_id, self.municipality_id)

    def __repr__(self) -> str:
        return f"<Meeting {self.id} {self.held_on}>"


class Attendee(Model):
    """A person who attended, by name and seat (free text: people are not users here)."""

    __tablename__ = "meeting_attendees"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[AttendeeRole] = mapped_column(enum_type(AttendeeRole))

    meeting: Mapped[Meeting] = relationship(back_populates="attendees")

    def can_view(self, user: Viewer) -> bool:
        return self.meeting.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return self.meeting.can_edit(user)


class ReviewedItem(Model):
    """A record the meeting went through: a commitment, goal, declaration version or milestone."""

    __tablename__ = "meeting_items"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ItemKind] = mapped_column(enum_type(ItemKind))
    target_id: Mapped[int]
    note: Mapped[str] = mapped_column(sa.Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="items")

    __table_args__ = (sa.UniqueConstraint("meeting_id", "kind", "target_id"),)

    def can_view(self, user: Viewer) -> bool:
        return self.meeting.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return self.meeting.can_edit(user)


class Decision(TimestampMixin, Model):
    """A decision (vedtak) made at a meeting: open ones carry to the group's next meetings."""

    __tablename__ = "meeting_decisions"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(sa.Text)
    owner: Mapped[str] = mapped_column(sa.String(200))
    due_on: Mapped[date | None]
    status: Mapped[DecisionStatus] = mapped_column(
        enum_type(DecisionStatus), default=DecisionStatus.OPEN
    )
    done_on: Mapped[date | None]
    comment: Mapped[str] = mapped_column(sa.Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="decisions")

    @property
    def is_open(self) -> bool:
        return self.status == DecisionStatus.OPEN

    def can_view(self, user: Viewer) -> bool:
        return self.meeting.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return self.meeting.can_edit(user)

    def __repr__(self) -> str:
        return f"<Decision {self.id} {self.status}>"
