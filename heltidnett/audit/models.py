"""The audit log: who did what to which record, and every authentication event."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from heltidnett.db import utcnow
from heltidnett.extensions import Model


class AuditEvent(Model):
    """One entry of the audit log; never updated, never deleted by the app."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    actor: Mapped[str] = mapped_column(sa.String(254), default="")
    action: Mapped[str] = mapped_column(sa.String(32), index=True)
    object_type: Mapped[str] = mapped_column(sa.String(64), default="", index=True)
    object_id: Mapped[str] = mapped_column(sa.String(64), default="")
    summary: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    ip: Mapped[str] = mapped_column(sa.String(64), default="")
