"""Comment threads on commitments, goals, actions and matrix rows; review marks of a period."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.comments import permissions
from heltidnett.db import TimestampMixin, enum_type
from heltidnett.extensions import Model

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks.models import Network


class SubjectKind(enum.StrEnum):
    """What a thread is about."""

    COMMITMENT = "commitment"
    GOAL = "goal"
    ACTION = "action"
    MATRIX_ROW = "matrix_row"


class ReviewAssessment(enum.StrEnum):
    """A steering member's assessment of a municipality for a period."""

    ON_TRACK = "on_track"
    NEEDS_ATTENTION = "needs_attention"
    OFF_TRACK = "off_track"


class CommentThread(TimestampMixin, Model):
    """A conversation about one record of a municipality (or the network's joint commitment)."""

    __tablename__ = "comment_threads"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    subject_kind: Mapped[SubjectKind] = mapped_column(enum_type(SubjectKind))
    subject_id: Mapped[int]
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    network: Mapped[Network] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    resolved_by: Mapped[User | None] = relationship()
    comments: Mapped[list[Comment]] = relationship(
        back_populates="thread", cascade="all, delete-orphan", order_by="Comment.id"
    )

    __table_args__ = (sa.Index("ix_comment_threads_subject", "subject_kind", "subject_id"),)

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    def can_view(self, user: Viewer) -> bool:
        return permissions.can_follow(user, self.network_id, self.municipality_id)

    def can_edit(self, user: Viewer) -> bool:
        """Answering, resolving and reopening: everyone who follows the thread's municipality."""
        return permissions.can_follow(user, self.network_id, self.municipality_id)


class Comment(TimestampMixin, Model):
    """One message of a thread, with the writer's role when it was written."""

    __tablename__ = "comments"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(
        sa.ForeignKey("comment_threads.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    author_role: Mapped[str] = mapped_column(sa.String(20))
    body: Mapped[str] = mapped_column(sa.Text)

    thread: Mapped[CommentThread] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()

    def can_view(self, user: Viewer) -> bool:
        return self.thread.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return False


class ReviewMark(TimestampMixin, Model):
    """A steering member's mark: the municipality's status for a period is reviewed."""

    __tablename__ = "review_marks"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    period: Mapped[str] = mapped_column(sa.String(60))
    assessment: Mapped[ReviewAssessment] = mapped_column(enum_type(ReviewAssessment))
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    network: Mapped[Network] = relationship()
    municipality: Mapped[Municipality] = relationship()
    author: Mapped[User | None] = relationship()

    def can_view(self, user: Viewer) -> bool:
        return permissions.can_follow(user, self.network_id, self.municipality_id)

    def can_edit(self, user: Viewer) -> bool:
        return permissions.can_mark(user, self.network_id, self.municipality_id)


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """A municipality's row of its network's steering matrix: its marks and its threads."""

    network: Network
    municipality: Municipality

    def can_view(self, user: Viewer) -> bool:
        return permissions.can_follow(user, self.network.id, self.municipality.id)

    def can_edit(self, user: Viewer) -> bool:
        return permissions.can_follow(user, self.network.id, self.municipality.id)
