"""A stored upload; the domain record that refers to it decides who may fetch it."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column

from heltidnett.db import utcnow
from heltidnett.extensions import Model


class StoredFile(Model):
    """File bytes with their checked type, size and hash, kept in the database (and its backups)."""

    __tablename__ = "stored_files"
    __audited__ = True
    __audit_exclude__ = frozenset({"data"})

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(sa.String(255))
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    width: Mapped[int | None]
    height: Mapped[int | None]
    uploaded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    data: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary))
