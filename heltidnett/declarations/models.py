"""Declarations, their versions, the transitions of a version's status, signatories and comments.

The words: a *version* is one text of the declaration (a new one is started when an adopted
declaration is revised); a *transition* moves a version from one status to the next and is
recorded; a version's *revision* counts its saves and transitions (compare-and-set).
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.db import TimestampMixin, enum_type, utcnow
from heltidnett.extensions import Model

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User
    from heltidnett.municipalities.models import Municipality


class Status(enum.StrEnum):
    """Where a version stands, in workflow order."""

    DRAFT = "draft"
    CONSULTATION = "consultation"
    APPROVED = "approved"
    ADOPTED = "adopted"
    PUBLISHED = "published"


class DefinitionKind(enum.StrEnum):
    """How the municipality defines a full-time position."""

    FULL = "full"  # 100 %
    AT_LEAST_80 = "at_least_80"  # ≥ 80 %
    SSB_OVER_90 = "ssb_over_90"  # > 90 %, as Statistics Norway counts it
    OTHER = "other"  # ≥ a threshold of the municipality's own


SECTION_KEYS = ("background", "definition_text", "goals", "principles", "measures", "follow_up")
ADOPTED_STATUSES = (Status.ADOPTED, Status.PUBLISHED)


class Declaration(TimestampMixin, Model):
    """A municipality's full-time declaration (heltidserklæring): one per municipality."""

    __tablename__ = "declarations"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="CASCADE"), unique=True
    )

    municipality: Mapped[Municipality] = relationship()
    versions: Mapped[list[DeclarationVersion]] = relationship(
        back_populates="declaration",
        cascade="all, delete-orphan",
        order_by="DeclarationVersion.number",
    )

    def can_view(self, user: Viewer) -> bool:
        """Whoever may see the municipality sees that it has a declaration."""
        return self.municipality.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        """Only the municipality's coordinators (and admins) change it."""
        from heltidnett.declarations import permissions

        return permissions.can_change(user, self.municipality_id)

    def __repr__(self) -> str:
        return f"<Declaration {self.id} municipality={self.municipality_id}>"


class DeclarationVersion(TimestampMixin, Model):
    """One version of a declaration; fixed once approved, superseded by a later adopted one."""

    __tablename__ = "declaration_versions"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("declarations.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    status: Mapped[Status] = mapped_column(enum_type(Status), default=Status.DRAFT)
    definition_kind: Mapped[DefinitionKind] = mapped_column(
        enum_type(DefinitionKind), default=DefinitionKind.FULL
    )
    # Only for DefinitionKind.OTHER: full time from this position size (percent) upwards.
    threshold_percent: Mapped[float | None]
    background: Mapped[str] = mapped_column(sa.Text, default="")
    definition_text: Mapped[str] = mapped_column(sa.Text, default="")
    goals: Mapped[str] = mapped_column(sa.Text, default="")
    principles: Mapped[str] = mapped_column(sa.Text, default="")
    measures: Mapped[str] = mapped_column(sa.Text, default="")
    follow_up: Mapped[str] = mapped_column(sa.Text, default="")
    approved_on: Mapped[date | None]
    approved_by_body: Mapped[str] = mapped_column(sa.String(200), default="")
    adopted_on: Mapped[date | None]
    adopted_by_body: Mapped[str] = mapped_column(sa.String(200), default="")
    case_number: Mapped[str] = mapped_column(sa.String(40), default="")
    published_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    # Counts saves and transitions: each applies only to the revision it started from.
    revision: Mapped[int] = mapped_column(default=0, server_default="0")

    declaration: Mapped[Declaration] = relationship(back_populates="versions")
    created_by: Mapped[User | None] = relationship()
    transitions: Mapped[list[DeclarationTransition]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="DeclarationTransition.id"
    )
    signatories: Mapped[list[Signatory]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="Signatory.id"
    )
    comments: Mapped[list[DeclarationComment]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="DeclarationComment.id"
    )

    __table_args__ = (sa.UniqueConstraint("declaration_id", "number"),)

    @property
    def municipality_id(self) -> int:
        return self.declaration.municipality_id

    @property
    def is_adopted(self) -> bool:
        return self.status in ADOPTED_STATUSES

    def section(self, key: str) -> str:
        """The text of one section by its key."""
        if key not in SECTION_KEYS:
            raise KeyError(key)
        return str(getattr(self, key) or "")

    def can_view(self, user: Viewer) -> bool:
        """Published versions for the network; the rest for its coordinators and reviewers."""
        from heltidnett.declarations import permissions

        if self.status == Status.PUBLISHED:
            return self.declaration.can_view(user)
        return permissions.can_see_drafts(user, self.municipality_id)

    def can_edit(self, user: Viewer) -> bool:
        return self.declaration.can_edit(user)

    def __repr__(self) -> str:
        return f"<DeclarationVersion {self.declaration_id}/{self.number} {self.status}>"


class DeclarationTransition(Model):
    """One transition of a version's status: who moved it from which status to which, and when."""

    __tablename__ = "declaration_transitions"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("declaration_versions.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[Status | None] = mapped_column(enum_type(Status))
    to_status: Mapped[Status] = mapped_column(enum_type(Status))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(sa.String(200), default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)

    version: Mapped[DeclarationVersion] = relationship(back_populates="transitions")


class Signatory(TimestampMixin, Model):
    """A person who signed a version for the employer, a union or the safety service."""

    __tablename__ = "declaration_signatories"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("declaration_versions.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(sa.String(200))
    name: Mapped[str] = mapped_column(sa.String(200))
    organisation: Mapped[str] = mapped_column(sa.String(200))

    version: Mapped[DeclarationVersion] = relationship(back_populates="signatories")

    def can_view(self, user: Viewer) -> bool:
        return self.version.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        return self.version.can_edit(user)


class DeclarationComment(TimestampMixin, Model):
    """A reviewer's comment on a draft, on one section or on the whole."""

    __tablename__ = "declaration_comments"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        sa.ForeignKey("declaration_versions.id", ondelete="CASCADE"), index=True
    )
    section: Mapped[str] = mapped_column(sa.String(40), default="")
    body: Mapped[str] = mapped_column(sa.Text)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    version: Mapped[DeclarationVersion] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])

    def can_view(self, user: Viewer) -> bool:
        return self.version.can_view(user)

    def can_edit(self, user: Viewer) -> bool:
        """Resolving a comment is the coordinators' job."""
        return self.version.can_edit(user)
