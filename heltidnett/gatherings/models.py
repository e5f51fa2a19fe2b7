"""Gatherings (samlinger) of a network."""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.db import TimestampMixin, enum_type
from heltidnett.extensions import db

if TYPE_CHECKING:
    from heltidnett.networks.models import Network


class GatheringKind(enum.StrEnum):
    """What sort of gathering it is."""

    NETWORK = "network"
    COORDINATOR = "coordinator"
    DIGITAL = "digital"


class GatheringStatus(enum.StrEnum):
    """planned → published → held."""

    PLANNED = "planned"
    PUBLISHED = "published"
    HELD = "held"


class Gathering(TimestampMixin, db.Model):
    """A gathering in a network's series: numbered, dated, at a place."""

    __tablename__ = "gatherings"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    kind: Mapped[GatheringKind] = mapped_column(
        enum_type(GatheringKind), default=GatheringKind.NETWORK
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    theme: Mapped[str] = mapped_column(sa.String(500), default="")
    place: Mapped[str] = mapped_column(sa.String(200), default="")
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    status: Mapped[GatheringStatus] = mapped_column(
        enum_type(GatheringStatus), default=GatheringStatus.PLANNED
    )

    network: Mapped[Network] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("network_id", "kind", "number"),
        sa.CheckConstraint("ends_on >= starts_on", name="dates_in_order"),
        sa.CheckConstraint("number > 0", name="number_positive"),
    )

    def can_view(self, user: object) -> bool:
        """Members of the network; only facilitators before it is published."""
        from heltidnett.auth import access

        if self.status == GatheringStatus.PLANNED:
            return access.is_facilitator_of(user, self.network_id)
        return access.has_network_role(user, self.network_id)

    def can_edit(self, user: object) -> bool:
        """The network's facilitators."""
        from heltidnett.auth import access

        return access.is_facilitator_of(user, self.network_id)

    def __repr__(self) -> str:
        return f"<Gathering {self.id} {self.title}>"
