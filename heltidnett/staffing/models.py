"""Staffing measurements per unit (or whole municipality) and period, imports and mappings."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.db import utcnow
from heltidnett.extensions import Model
from heltidnett.municipalities.models import Municipality, Unit

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer


FIGURES_TYPE = sa.JSON().with_variant(JSONB(), "postgresql")


class Measurement(Model):
    """The entered figures of one unit (None = whole municipality) for one period.

    `figures` maps indicator codes to values. One row per unit and period (not per value)
    keeps a large import to one foreign-key check per row of the spreadsheet.
    """

    __tablename__ = "staffing_measurements"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE")
    )
    unit_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("units.id", ondelete="CASCADE"), index=True
    )
    period: Mapped[str] = mapped_column(sa.String(8))
    figures: Mapped[dict[str, float]] = mapped_column(FIGURES_TYPE)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    municipality: Mapped[Municipality] = relationship()
    unit: Mapped[Unit | None] = relationship()

    __table_args__ = (
        sa.Index(
            "uq_staffing_measurements_unit_period",
            "municipality_id",
            "unit_id",
            "period",
            unique=True,
        ),
        sa.Index(
            "uq_staffing_measurements_whole_period",
            "municipality_id",
            "period",
            unique=True,
            sqlite_where=sa.text("unit_id IS NULL"),
            postgresql_where=sa.text("unit_id IS NULL"),
        ),
    )

    def can_view(self, user: Viewer) -> bool:
        return self.municipality.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return self.municipality.can_edit(user)


class ImportMapping(Model):
    """How a municipality's own spreadsheet columns map to indicator codes."""

    __tablename__ = "staffing_import_mappings"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), unique=True
    )
    columns: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PendingImport(Model):
    """A parsed upload waiting for the user's mapping, fixes and confirmation (never in cookies)."""

    __tablename__ = "staffing_pending_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(sa.String(255))
    headers: Mapped[list[Any]] = mapped_column(sa.JSON)
    rows: Mapped[list[Any]] = mapped_column(sa.JSON)
    mapping: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    percent_as_fraction: Mapped[list[Any]] = mapped_column(sa.JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]

    municipality: Mapped[Municipality] = relationship()

    def can_view(self, user: Viewer) -> bool:
        """Only the person who uploaded it, while they may still edit the municipality."""
        from heltidnett.staffing import permissions

        return permissions.can_handle_import(user, self)

    def can_edit(self, user: Viewer) -> bool:
        return self.can_view(user)
