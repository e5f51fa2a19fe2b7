"""Users, their platform roles, one-time password links and API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from heltidnett.db import TimestampMixin, utcnow
from heltidnett.extensions import Model

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.networks.models import Membership


class User(TimestampMixin, Model):
    """A person who logs in; network roles live in Membership."""

    __tablename__ = "users"
    __audited__ = True
    __audit_exclude__ = frozenset({"password_hash", "session_nonce"})

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    email: Mapped[str] = mapped_column(sa.String(254))
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    active: Mapped[bool] = mapped_column(default=True)
    language: Mapped[str] = mapped_column(sa.String(5), default="nb")
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_facilitator: Mapped[bool] = mapped_column(default=False)
    # Changing the nonce ends every session of this user (password change, deactivation).
    session_nonce: Mapped[str] = mapped_column(sa.String(32), default="")
    last_login_at: Mapped[datetime | None]

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )
    tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    __table_args__ = (sa.Index("uq_users_email_lower", sa.func.lower(email), unique=True),)

    # Flask-Login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """Session identity: the id and the nonce, so a new nonce ends old sessions."""
        return f"{self.id}:{self.session_nonce}"

    def can_view(self, user: Viewer) -> bool:
        """Admins, the person, and facilitators of a network the person has a role in."""
        from heltidnett.auth import permissions

        return permissions.can_view_user(user, self)

    def can_edit(self, user: Viewer) -> bool:
        """Admins and the person."""
        from heltidnett.auth import permissions

        return permissions.can_edit_user(user, self)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class PasswordLink(Model):
    """A one-time link to set a password: stored hashed, valid 48 hours, used once."""

    __tablename__ = "password_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class ApiToken(Model):
    """A named bearer token for the JSON API, stored as a SHA-256 hash."""

    __tablename__ = "api_tokens"
    __audited__ = True
    __audit_exclude__ = frozenset({"token_hash"})

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    prefix: Mapped[str] = mapped_column(sa.String(12))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="tokens")

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def can_view(self, user: Viewer) -> bool:
        """Its owner and admins."""
        from heltidnett.auth import permissions

        return permissions.can_use_token(user, self)

    def can_edit(self, user: Viewer) -> bool:
        """Its owner and admins (to revoke it)."""
        from heltidnett.auth import permissions

        return permissions.can_use_token(user, self)


class UserSession(Model):
    """One login: the cookie carries a random key (stored hashed), logout ends the row.

    A session lives as long as its row is open and the user's nonce is unchanged: logout ends
    this session only, a new password or deactivation (a new nonce) ends all of them.
    """

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]


class ExternalIdentity(Model):
    """A user's link to an account at an OpenID Connect provider: the provider's stable
    subject, made on the first provider login (auth.services.provider_login)."""

    __tablename__ = "external_identities"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    provider: Mapped[str] = mapped_column(sa.String(32))
    subject: Mapped[str] = mapped_column(sa.String(255))
    email: Mapped[str] = mapped_column(sa.String(254), default="")  # as vouched for at linking
    linked_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("provider", "subject", name="uq_external_identities_subject"),
        sa.UniqueConstraint("user_id", "provider", name="uq_external_identities_user_provider"),
    )

    def can_view(self, user: Viewer) -> bool:
        """The person and admins."""
        from heltidnett.auth.access import is_admin

        return user.is_authenticated and (user.id == self.user_id or is_admin(user))

    def can_edit(self, user: Viewer) -> bool:
        """The person (to remove the link) and admins."""
        return self.can_view(user)


class WorkLoginDomain(Model):
    """An e-mail domain whose people must log in with the work account (no password login):
    set by an admin on /users/work-login-domains; OIDC_REQUIRED_DOMAINS adds more by config."""

    __tablename__ = "work_login_domains"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    domain: Mapped[str] = mapped_column(sa.String(253), unique=True)  # lower case, no "@"
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    def can_view(self, user: Viewer) -> bool:
        """Admins."""
        from heltidnett.auth.access import is_admin

        return is_admin(user)

    def can_edit(self, user: Viewer) -> bool:
        """Admins."""
        return self.can_view(user)
