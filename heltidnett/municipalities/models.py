"""Municipalities and their units (nursing homes, home care, housing …)."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.db import TimestampMixin, enum_type
from heltidnett.extensions import Model

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.networks.models import Participation


class WrittenStandard(enum.StrEnum):
    """A municipality's written standard (målform)."""

    BOKMAL = "nb"
    NYNORSK = "nn"


class UnitKind(enum.StrEnum):
    """The kind of service a unit provides."""

    NURSING_HOME = "nursing_home"
    HOME_CARE = "home_care"
    HOUSING = "housing"
    SHORT_TERM = "short_term"
    REHABILITATION = "rehabilitation"
    PSYCHIATRY = "psychiatry"
    OTHER = "other"


class Municipality(TimestampMixin, Model):
    """A Norwegian municipality (kommune), identified by its four-digit number."""

    __tablename__ = "municipalities"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    number: Mapped[str] = mapped_column(sa.String(4), unique=True)
    county: Mapped[str] = mapped_column(sa.String(100), default="")
    population: Mapped[int | None]
    written_standard: Mapped[WrittenStandard] = mapped_column(
        enum_type(WrittenStandard, length=2), default=WrittenStandard.BOKMAL
    )

    units: Mapped[list[Unit]] = relationship(
        back_populates="municipality", cascade="all, delete-orphan", order_by="Unit.name"
    )
    participations: Mapped[list[Participation]] = relationship(back_populates="municipality")

    __table_args__ = (
        sa.CheckConstraint("length(number) = 4", name="number_four_digits"),
        sa.CheckConstraint("population IS NULL OR population >= 0", name="population_positive"),
    )

    def can_view(self, user: Viewer) -> bool:
        """Admins, its own people and members of a network it takes part in."""
        from heltidnett.auth import access

        return access.can_view_municipality(user, self.id)

    def can_edit(self, user: Viewer) -> bool:
        """Admins, its coordinators and its networks' facilitators."""
        from heltidnett.auth import access

        return access.can_edit_municipality(user, self.id)

    def __repr__(self) -> str:
        return f"<Municipality {self.number} {self.name}>"


class Unit(TimestampMixin, Model):
    """A unit (enhet/avdeling) of a municipality's health and care services."""

    __tablename__ = "units"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[UnitKind] = mapped_column(enum_type(UnitKind), default=UnitKind.OTHER)
    is_pilot: Mapped[bool] = mapped_column(default=False)

    municipality: Mapped[Municipality] = relationship(back_populates="units")

    __table_args__ = (sa.UniqueConstraint("municipality_id", "name"),)

    def can_view(self, user: Viewer) -> bool:
        return self.municipality.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return self.municipality.can_edit(user)

    def __repr__(self) -> str:
        return f"<Unit {self.id} {self.name}>"
