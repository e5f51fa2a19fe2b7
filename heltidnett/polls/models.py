"""Live polls at a gathering: questions the room answers on their phones, and the answers.

An answer belongs to a question and the municipality the participant chose; the device is
known only by the hash of a random token in a signed cookie (no IP address, no fingerprint).
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.db import TimestampMixin, enum_type
from heltidnett.extensions import Model

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.gatherings.models import AgendaItem, Gathering
    from heltidnett.municipalities.models import Municipality


class PollStatus(enum.StrEnum):
    """draft → open → closed (and open again, if the facilitator wants)."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class PollTemplate(enum.StrEnum):
    """What the poll was made from."""

    WHEEL = "wheel"  # the gevinsthjul self-assessment, ten steps
    ANCHORING = "anchoring"  # how well the work is anchored, 1-10
    CULTURE_TIME = "culture_time"  # time to a full-time culture, four choices
    PHRASES = "phrases"  # an open question answered with short phrases
    CUSTOM = "custom"  # questions the facilitator writes


class QuestionKind(enum.StrEnum):
    """How a question is answered."""

    SCALE = "scale"  # 1-10
    SINGLE = "single"  # one of the choices
    MULTIPLE = "multiple"  # any of the choices
    TEXT = "text"  # a short phrase
    WHEEL_STEP = "wheel_step"  # a gevinsthjul step, 1-10


SCALED = (QuestionKind.SCALE, QuestionKind.WHEEL_STEP)
SCALE_MIN, SCALE_MAX = 1, 10
TEXT_MAX = 80


class Poll(TimestampMixin, Model):
    """A poll at a gathering (optionally tied to an agenda item), joined with a six-digit code."""

    __tablename__ = "polls"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    gathering_id: Mapped[int] = mapped_column(
        sa.ForeignKey("gatherings.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True
    )
    copied_from_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("polls.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    template: Mapped[PollTemplate] = mapped_column(
        enum_type(PollTemplate), default=PollTemplate.CUSTOM
    )
    status: Mapped[PollStatus] = mapped_column(enum_type(PollStatus), default=PollStatus.DRAFT)
    # Unique over every poll ever made (so unique among the open ones too): an old code is
    # recognised as "closed" rather than "unknown".
    code: Mapped[str] = mapped_column(sa.String(6), unique=True)
    results_revealed: Mapped[bool] = mapped_column(default=False)
    round: Mapped[int] = mapped_column(default=1)  # the n-th poll of this template in the network
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]

    gathering: Mapped[Gathering] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship()
    questions: Mapped[list[Question]] = relationship(
        back_populates="poll",
        cascade="all, delete-orphan",
        order_by="(Question.position, Question.id)",
    )

    __table_args__ = (
        sa.CheckConstraint("round > 0", name="round_positive"),
        sa.CheckConstraint("length(code) = 6", name="code_six_digits"),
    )

    @property
    def is_open(self) -> bool:
        return self.status == PollStatus.OPEN

    def can_view(self, user: Viewer) -> bool:
        from heltidnett.polls import permissions

        return permissions.can_view_poll(user, self)

    def can_edit(self, user: Viewer) -> bool:
        from heltidnett.polls import permissions

        return permissions.can_run_poll(user, self)

    def __repr__(self) -> str:
        return f"<Poll {self.id} {self.title}>"


class Question(TimestampMixin, Model):
    """A question of a poll; its choices one a line (single and multiple choice)."""

    __tablename__ = "poll_questions"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(sa.ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=1)
    kind: Mapped[QuestionKind] = mapped_column(enum_type(QuestionKind))
    text: Mapped[str] = mapped_column(sa.String(500))
    choices: Mapped[str] = mapped_column(sa.Text, default="")
    step: Mapped[int | None]  # the gevinsthjul step (1-10)
    closed: Mapped[bool] = mapped_column(default=False)

    poll: Mapped[Poll] = relationship(back_populates="questions")

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def scaled(self) -> bool:
        return self.kind in SCALED

    @property
    def accepts(self) -> bool:
        """Whether answers are taken now: the poll is open and the question is not closed."""
        return self.poll.is_open and not self.closed

    def can_view(self, user: Viewer) -> bool:
        return self.poll.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return self.poll.can_edit(user)


class Response(TimestampMixin, Model):
    """One device's answer to a question, for the municipality the participant chose."""

    __tablename__ = "poll_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("poll_questions.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="SET NULL"), index=True
    )
    device_hash: Mapped[str] = mapped_column(sa.String(64))
    value: Mapped[int | None]  # a scale's 1-10, or the index of a single choice
    choices: Mapped[str] = mapped_column(sa.String(200), default="")  # "0,2": multiple choice
    text: Mapped[str] = mapped_column(sa.String(TEXT_MAX), default="")

    question: Mapped[Question] = relationship()
    municipality: Mapped[Municipality | None] = relationship()

    __table_args__ = (sa.UniqueConstraint("question_id", "device_hash"),)

    @property
    def choice_indexes(self) -> list[int]:
        return [int(part) for part in self.choices.split(",") if part.strip().isdigit()]

    def can_view(self, user: Viewer) -> bool:
        """Single answers are read by nobody but the figures: those who run the poll."""
        return self.question.poll.can_edit(user)

    def can_edit(self, user: Viewer) -> bool:
        return False
