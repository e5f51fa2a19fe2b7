"""Commitments made after a gathering, their follow-up, and facilitator-added milestones."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.commitments import permissions
from heltidnett.db import TimestampMixin, enum_type
from heltidnett.extensions import Model

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.gatherings.models import Gathering
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks.models import Network


class CommitmentStatus(enum.StrEnum):
    """Open until followed up: done, partly or not done."""

    OPEN = "open"
    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not_done"


class Quadrant(enum.StrEnum):
    """The four fields of vurderingskrysset (the self-assessment cross)."""

    ACHIEVED = "achieved"
    WHY = "why"
    TAKE_HOLD = "take_hold"
    HOW = "how"


class Commitment(TimestampMixin, Model):
    """The most important thing a municipality (or, without one, the network) takes hold of."""

    __tablename__ = "commitments"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    gathering_id: Mapped[int] = mapped_column(
        sa.ForeignKey("gatherings.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(sa.Text)
    owner: Mapped[str] = mapped_column(sa.String(200))
    due_on: Mapped[date]
    status: Mapped[CommitmentStatus] = mapped_column(
        enum_type(CommitmentStatus), default=CommitmentStatus.OPEN
    )
    follow_up_comment: Mapped[str] = mapped_column(sa.Text, default="")
    followed_up_at: Mapped[datetime | None]
    followed_up_gathering_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("gatherings.id", ondelete="SET NULL")
    )
    followed_up_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    network: Mapped[Network] = relationship()
    gathering: Mapped[Gathering] = relationship(foreign_keys=[gathering_id])
    followed_up_gathering: Mapped[Gathering | None] = relationship(
        foreign_keys=[followed_up_gathering_id]
    )
    municipality: Mapped[Municipality | None] = relationship()

    @property
    def is_joint(self) -> bool:
        return self.municipality_id is None

    @property
    def is_open(self) -> bool:
        return self.status == CommitmentStatus.OPEN

    def can_view(self, user: Viewer) -> bool:
        return permissions.can_view_commitment(self, user)

    def can_edit(self, user: Viewer) -> bool:
        return permissions.can_edit_commitment(self, user)

    def __repr__(self) -> str:
        return f"<Commitment {self.id} {self.status}>"


class AssessmentItem(Model):
    """One ranked item of a municipality's vurderingskrysset at a gathering."""

    __tablename__ = "assessment_items"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    gathering_id: Mapped[int] = mapped_column(
        sa.ForeignKey("gatherings.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    quadrant: Mapped[Quadrant] = mapped_column(enum_type(Quadrant))
    rank: Mapped[int]
    text: Mapped[str] = mapped_column(sa.Text)

    gathering: Mapped[Gathering] = relationship()
    municipality: Mapped[Municipality] = relationship()

    def can_view(self, user: Viewer) -> bool:
        return permissions.can_view_assessment(self.gathering, user)

    def can_edit(self, user: Viewer) -> bool:
        return permissions.can_edit_assessment(self.gathering, self.municipality_id, user)


@dataclass(frozen=True, slots=True)
class Assessment:
    """A municipality's vurderingskryss at a gathering of a network it takes part in."""

    gathering: Gathering
    municipality: Municipality

    def can_view(self, user: Viewer) -> bool:
        """Those who see the gathering (a planned one: its facilitators)."""
        return self.gathering.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return permissions.can_edit_assessment(self.gathering, self.municipality.id, user)


class FacilitatorMilestone(TimestampMixin, Model):
    """A milestone the facilitator adds to the network's steering matrix."""

    __tablename__ = "facilitator_milestones"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    network: Mapped[Network] = relationship()
    ticks: Mapped[list[MilestoneTick]] = relationship(
        back_populates="milestone", cascade="all, delete-orphan"
    )

    __table_args__ = (sa.UniqueConstraint("network_id", "title"),)

    def can_view(self, user: Viewer) -> bool:
        return permissions.can_view_milestone(self, user)

    def can_edit(self, user: Viewer) -> bool:
        return permissions.can_edit_milestone(self, user)


class MilestoneTick(TimestampMixin, Model):
    """A municipality has reached a facilitator's milestone, with its evidence."""

    __tablename__ = "milestone_ticks"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(
        sa.ForeignKey("facilitator_milestones.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    reached_on: Mapped[date | None]
    evidence_url: Mapped[str] = mapped_column(sa.String(500), default="")
    comment: Mapped[str] = mapped_column(sa.Text, default="")

    milestone: Mapped[FacilitatorMilestone] = relationship(back_populates="ticks")
    municipality: Mapped[Municipality] = relationship()

    __table_args__ = (sa.UniqueConstraint("milestone_id", "municipality_id"),)


@dataclass(frozen=True, slots=True)
class MilestoneReach:
    """Whether a municipality of the network has reached a facilitator's milestone (its tick)."""

    milestone: FacilitatorMilestone
    municipality: Municipality

    def can_view(self, user: Viewer) -> bool:
        return self.milestone.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return self.milestone.can_edit(user)
