"""Networks, the municipalities taking part in them, and who has which role there."""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.db import TimestampMixin, enum_type
from heltidnett.extensions import Model

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User
    from heltidnett.municipalities.models import Municipality


class NetworkStatus(enum.StrEnum):
    """Where a network is in its life."""

    PLANNED = "planned"
    ACTIVE = "active"
    CLOSED = "closed"


class NetworkRole(enum.StrEnum):
    """A person's role in one network."""

    FACILITATOR = "facilitator"
    COORDINATOR = "coordinator"
    STEERING = "steering"
    PARTICIPANT = "participant"


class Network(TimestampMixin, Model):
    """A learning network of municipalities over one or two years."""

    __tablename__ = "networks"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    region: Mapped[str] = mapped_column(sa.String(200), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    status: Mapped[NetworkStatus] = mapped_column(
        enum_type(NetworkStatus), default=NetworkStatus.PLANNED
    )

    participations: Mapped[list[Participation]] = relationship(
        back_populates="network", cascade="all, delete-orphan"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="network", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.CheckConstraint(
            "ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="dates_in_order"
        ),
    )

    def can_view(self, user: Viewer) -> bool:
        """Admins and anyone with a role in the network."""
        from heltidnett.networks import permissions

        return permissions.can_view_network(user, self.id)

    def can_edit(self, user: Viewer) -> bool:
        """Admins and the network's facilitators."""
        from heltidnett.networks import permissions

        return permissions.can_edit_network(user, self.id)

    def __repr__(self) -> str:
        return f"<Network {self.id} {self.name}>"


class Participation(TimestampMixin, Model):
    """A municipality taking part in a network."""

    __tablename__ = "participations"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="RESTRICT"), index=True
    )
    joined_on: Mapped[date | None]

    network: Mapped[Network] = relationship(back_populates="participations")
    municipality: Mapped[Municipality] = relationship(back_populates="participations")

    __table_args__ = (sa.UniqueConstraint("network_id", "municipality_id"),)

    def can_view(self, user: Viewer) -> bool:
        """As the network: anyone with a role in it."""
        from heltidnett.networks import permissions

        return permissions.can_view_network(user, self.network_id)

    def can_edit(self, user: Viewer) -> bool:
        """As the network: its facilitators."""
        from heltidnett.networks import permissions

        return permissions.can_edit_network(user, self.network_id)


class Membership(TimestampMixin, Model):
    """A person's role in a network; coordinators (and optionally others) for one municipality."""

    __tablename__ = "memberships"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    network_id: Mapped[int] = mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[NetworkRole] = mapped_column(enum_type(NetworkRole))
    municipality_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )

    user: Mapped[User] = relationship(back_populates="memberships")
    network: Mapped[Network] = relationship(back_populates="memberships")
    municipality: Mapped[Municipality | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("user_id", "network_id", "role", "municipality_id"),
        sa.CheckConstraint(
            "role <> 'coordinator' OR municipality_id IS NOT NULL",
            name="coordinator_has_municipality",
        ),
    )

    def can_view(self, user: Viewer) -> bool:
        """As the network: anyone with a role in it."""
        from heltidnett.networks import permissions

        return permissions.can_view_network(user, self.network_id)

    def can_edit(self, user: Viewer) -> bool:
        """As the network: its facilitators."""
        from heltidnett.networks import permissions

        return permissions.can_edit_network(user, self.network_id)


class Enrolment(TimestampMixin, Model):
    """A facilitator's request that a municipality take part in a network.

    It gives no rights until the municipality's side (a coordinator of it) or an admin accepts it;
    then it becomes a Participation.
    """

    __tablename__ = "enrolments"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    requested_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    network: Mapped[Network] = relationship()
    municipality: Mapped[Municipality] = relationship()
    requested_by: Mapped[User | None] = relationship()

    __table_args__ = (sa.UniqueConstraint("network_id", "municipality_id"),)

    def can_view(self, user: Viewer) -> bool:
        """Those who answer it: the municipality's side and the network's facilitators."""
        from heltidnett.networks import permissions

        return permissions.may_decline_enrolment(self, user)

    def can_edit(self, user: Viewer) -> bool:
        """The same people answer it (accepting is the municipality's alone)."""
        return self.can_view(user)


class Invitation(TimestampMixin, Model):
    """A role offered to a person, waiting for the person and/or the municipality to accept it.

    A role given by anyone but an admin waits for the person when they already had an account,
    and a role tied to a municipality waits for that municipality's side (a coordinator) unless
    the giver is one. When nothing waits any more it becomes a Membership.
    """

    __tablename__ = "invitations"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    network_id: Mapped[int] = mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[NetworkRole] = mapped_column(enum_type(NetworkRole))
    municipality_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    invited_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    awaits_user: Mapped[bool] = mapped_column(default=False)
    awaits_municipality: Mapped[bool] = mapped_column(default=False)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    network: Mapped[Network] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])

    __table_args__ = (
        sa.UniqueConstraint("user_id", "network_id", "role", "municipality_id"),
        sa.CheckConstraint(
            "role <> 'coordinator' OR municipality_id IS NOT NULL",
            name="coordinator_has_municipality",
        ),
    )

    def can_view(self, user: Viewer) -> bool:
        """Those who answer it: the person, the municipality's side, the network's facilitators."""
        from heltidnett.networks import permissions

        return permissions.may_decline_invitation(self, user)

    def can_edit(self, user: Viewer) -> bool:
        """The same people answer it (accepting waits for the person and the municipality)."""
        return self.can_view(user)
