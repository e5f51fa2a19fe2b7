"""Workbook chapters, their prompts, each municipality's delivery with its answers and versions."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.db import TimestampMixin, enum_type, utcnow
from heltidnett.extensions import Model

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User
    from heltidnett.gatherings.models import Gathering
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks.models import Network


class PromptKind(enum.StrEnum):
    """How a prompt is answered."""

    TEXT = "text"
    SMART = "smart"
    RANKED = "ranked"
    SCALE = "scale"
    CHOICE = "choice"
    TABLE = "table"


class ChapterState(enum.StrEnum):
    """A chapter is prepared as a draft (perhaps with an opening time), then open to answer."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"


class DeliveryStatus(enum.StrEnum):
    """not started → in progress → submitted (read-only) → feedback given."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    FEEDBACK_GIVEN = "feedback_given"


class Chapter(TimestampMixin, Model):
    """A workbook chapter of a network: the work between two gatherings."""

    __tablename__ = "workbook_chapters"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    introduction: Mapped[str] = mapped_column(sa.Text, default="")
    opens_after_gathering_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("gatherings.id", ondelete="SET NULL"), index=True
    )
    due_on: Mapped[date | None]
    template_key: Mapped[str] = mapped_column(sa.String(60), default="")
    # None: a draft only the facilitators see. From this moment on the chapter is open: the
    # municipalities see and answer it (set to now by "Åpne kapittelet", or ahead of time).
    opens_at: Mapped[datetime | None]

    network: Mapped[Network] = relationship()
    opens_after_gathering: Mapped[Gathering | None] = relationship()
    prompts: Mapped[list[Prompt]] = relationship(
        back_populates="chapter", cascade="all, delete-orphan", order_by="Prompt.position"
    )
    deliveries: Mapped[list[ChapterDelivery]] = relationship(
        back_populates="chapter", cascade="all, delete-orphan"
    )

    __table_args__ = (sa.UniqueConstraint("network_id", "number"),)

    def is_open_at(self, moment: datetime) -> bool:
        """Whether the municipalities see and answer the chapter at that moment."""
        return self.opens_at is not None and self.opens_at <= moment

    @property
    def is_open(self) -> bool:
        """Open now: opened by hand, or its opening time has passed (no job needed)."""
        return self.is_open_at(utcnow())

    @property
    def state(self) -> ChapterState:
        if self.opens_at is None:
            return ChapterState.DRAFT
        return ChapterState.OPEN if self.is_open else ChapterState.SCHEDULED

    def can_view(self, user: Viewer) -> bool:
        from heltidnett.workbooks import permissions

        return permissions.can_view_chapter(user, self)

    def can_edit(self, user: Viewer) -> bool:
        from heltidnett.workbooks import permissions

        return permissions.can_edit_chapter(user, self)

    def __repr__(self) -> str:
        return f"<Chapter {self.id} {self.number} {self.title}>"


class Prompt(TimestampMixin, Model):
    """One question of a chapter; `options` holds choices, scale ends or table columns."""

    __tablename__ = "workbook_prompts"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    chapter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workbook_chapters.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[PromptKind] = mapped_column(enum_type(PromptKind), default=PromptKind.TEXT)
    label: Mapped[str] = mapped_column(sa.String(500))
    help_text: Mapped[str] = mapped_column(sa.Text, default="")
    options: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)

    chapter: Mapped[Chapter] = relationship(back_populates="prompts")

    def can_view(self, user: Viewer) -> bool:
        return self.chapter.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return self.chapter.can_edit(user)


class ChapterDelivery(TimestampMixin, Model):
    """A delivery (levering): one municipality's work on one chapter, its status, sharing and
    feedback. Every municipality of the network has one for every chapter; the row is written
    on the first change (`services.delivery_at` gives an unsaved one, not started, before)."""

    __tablename__ = "workbook_deliveries"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    chapter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workbook_chapters.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[DeliveryStatus] = mapped_column(
        enum_type(DeliveryStatus), default=DeliveryStatus.NOT_STARTED
    )
    shared_with_network: Mapped[bool] = mapped_column(default=False)
    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    feedback: Mapped[str] = mapped_column(sa.Text, default="")
    feedback_at: Mapped[datetime | None]
    feedback_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    last_change_at: Mapped[datetime | None]

    chapter: Mapped[Chapter] = relationship(back_populates="deliveries")
    municipality: Mapped[Municipality] = relationship()
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    feedback_by: Mapped[User | None] = relationship(foreign_keys=[feedback_by_id])

    __table_args__ = (sa.UniqueConstraint("chapter_id", "municipality_id"),)

    @property
    def is_locked(self) -> bool:
        """Submitted chapters are read-only until a facilitator reopens them."""
        return self.status in (DeliveryStatus.SUBMITTED, DeliveryStatus.FEEDBACK_GIVEN)

    def can_view(self, user: Viewer) -> bool:
        from heltidnett.workbooks import permissions

        return permissions.can_view_delivery(user, self.chapter, self.municipality_id, self)

    def can_edit(self, user: Viewer) -> bool:
        from heltidnett.workbooks import permissions

        return permissions.can_edit_delivery(user, self.chapter, self.municipality_id)


class Answer(Model):
    """A municipality's current answer to one prompt, with its version number."""

    __tablename__ = "workbook_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workbook_prompts.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(default=0)
    content: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    feedback: Mapped[str] = mapped_column(sa.Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    prompt: Mapped[Prompt] = relationship()
    updated_by: Mapped[User | None] = relationship()
    versions: Mapped[list[AnswerVersion]] = relationship(
        back_populates="answer",
        cascade="all, delete-orphan",
        order_by="AnswerVersion.version",
    )

    __table_args__ = (sa.UniqueConstraint("prompt_id", "municipality_id"),)


class AnswerVersion(Model):
    """Every saved version of an answer, kept for the history and the diff."""

    __tablename__ = "workbook_answer_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workbook_answers.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int]
    content: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    answer: Mapped[Answer] = relationship(back_populates="versions")
    author: Mapped[User | None] = relationship()

    __table_args__ = (sa.UniqueConstraint("answer_id", "version"),)
