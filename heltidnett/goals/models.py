"""SMART goals of a municipality, their own measured values and their actions (tiltak).

A goal tied to an indicator takes its values from the staffing figures; a goal on a measure of
the municipality's own keeps its values here. Progress is computed (`goals.progress`), never
stored.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.db import TimestampMixin, enum_type
from heltidnett.extensions import Model
from heltidnett.goals import permissions
from heltidnett.goals.progress import Direction

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.commitments.models import Commitment
    from heltidnett.municipalities.models import Municipality, Unit
    from heltidnett.workbooks.models import Answer


class Benefit(enum.StrEnum):
    """The four benefits of a full-time culture a goal serves (DOMAIN.md)."""

    QUALITY = "quality"
    COMPETENCE = "competence"
    CAPACITY = "capacity"
    CONTINUITY = "continuity"


class ActionStatus(enum.StrEnum):
    """Where an action stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    STOPPED = "stopped"


goal_units = sa.Table(
    "goal_units",
    Model.metadata,
    sa.Column("goal_id", sa.ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("unit_id", sa.ForeignKey("units.id", ondelete="CASCADE"), primary_key=True),
)


class Goal(TimestampMixin, Model):
    """A SMART goal: the situation now, a measure with a first and a long-term target, who is
    responsible, the benefit it serves and where it came from."""

    __tablename__ = "goals"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    situation: Mapped[str] = mapped_column(sa.Text, default="")  # S: where are we now?
    indicator_code: Mapped[str | None] = mapped_column(sa.String(64))  # M: from the catalogue
    measure_name: Mapped[str] = mapped_column(sa.String(200), default="")  # or its own measure
    measure_unit: Mapped[str] = mapped_column(sa.String(16), default="percent")
    direction: Mapped[Direction] = mapped_column(enum_type(Direction))
    # the staffing period the baseline is read from (own measures: their first value)
    baseline_period: Mapped[str | None] = mapped_column(sa.String(10))
    first_target_value: Mapped[float | None]
    first_target_due: Mapped[date | None]
    target_value: Mapped[float]
    target_due: Mapped[date]  # T: the deadline
    responsible: Mapped[str] = mapped_column(sa.String(200), default="")  # A/R
    benefit: Mapped[Benefit | None] = mapped_column(enum_type(Benefit))
    shared: Mapped[bool] = mapped_column(default=False)
    source_commitment_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("commitments.id", ondelete="SET NULL"), index=True
    )
    source_answer_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("workbook_answers.id", ondelete="SET NULL"), index=True
    )
    source_declaration_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("declarations.id", ondelete="SET NULL"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    municipality: Mapped[Municipality] = relationship()
    units: Mapped[list[Unit]] = relationship(secondary=goal_units, order_by="Unit.name")
    values: Mapped[list[GoalValue]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="GoalValue.measured_on"
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="Action.due_on"
    )
    source_commitment: Mapped[Commitment | None] = relationship()
    source_answer: Mapped[Answer | None] = relationship()

    @property
    def tied_to_indicator(self) -> bool:
        return self.indicator_code is not None

    def can_view(self, user: Viewer) -> bool:
        return permissions.can_view_goal(self, user)

    def can_edit(self, user: Viewer) -> bool:
        return permissions.can_edit_goal(self, user)

    def __repr__(self) -> str:
        return f"<Goal {self.id} {self.title!r}>"


class GoalValue(TimestampMixin, Model):
    """A value of a goal's own measure, as of a date."""

    __tablename__ = "goal_values"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(sa.ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    measured_on: Mapped[date]
    value: Mapped[float]
    note: Mapped[str] = mapped_column(sa.String(500), default="")

    goal: Mapped[Goal] = relationship(back_populates="values")

    __table_args__ = (sa.UniqueConstraint("goal_id", "measured_on"),)

    def can_view(self, user: Viewer) -> bool:
        return self.goal.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return self.goal.can_edit(user)


class Action(TimestampMixin, Model):
    """A tiltak towards a goal: who does what by when; it may come from a commitment."""

    __tablename__ = "goal_actions"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(sa.ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    owner: Mapped[str] = mapped_column(sa.String(200), default="")
    due_on: Mapped[date | None]
    status: Mapped[ActionStatus] = mapped_column(
        enum_type(ActionStatus), default=ActionStatus.PLANNED
    )
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    commitment_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("commitments.id", ondelete="SET NULL"), index=True
    )

    goal: Mapped[Goal] = relationship(back_populates="actions")
    commitment: Mapped[Commitment | None] = relationship()

    def is_overdue(self, today: date) -> bool:
        """Past its date and neither done nor stopped."""
        return (
            self.due_on is not None
            and self.due_on < today
            and self.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
        )

    def can_view(self, user: Viewer) -> bool:
        return self.goal.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return self.goal.can_edit(user)
