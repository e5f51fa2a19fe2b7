"""The work of authentication: users, password links, API tokens and roles."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from heltidnett.audit.services import AuthAction, record
from heltidnett.auth.access import forget_grants, is_admin, network_ids
from heltidnett.auth.models import (
    ApiToken,
    ExternalIdentity,
    PasswordLink,
    User,
    UserSession,
    WorkLoginDomain,
)
from heltidnett.auth.passwords import hash_password, password_problems, verify_password
from heltidnett.auth.permissions import LinkDelivery, link_delivery
from heltidnett.core.errors import ServiceError
from heltidnett.db import DbSession, utcnow
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Membership, Network, NetworkRole, Participation

TOKEN_PREFIX = "htn_"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(session: DbSession, email: str) -> User | None:
    """The user with this e-mail, whatever its case."""
    return session.scalar(
        sa.select(User).where(sa.func.lower(User.email) == normalise_email(email))
    )


def new_nonce() -> str:
    return secrets.token_hex(8)


def create_user(
    session: DbSession,
    *,
    email: str,
    name: str,
    password: str | None = None,
    is_admin: bool = False,
    is_facilitator: bool = False,
    language: str = "nb",
) -> User:
    """Create a user; the password (if given) must pass the policy."""
    from flask_babel import gettext as _

    email = email.strip()
    if find_user_by_email(session, email) is not None:
        raise ServiceError(
            _("Det finnes allerede en bruker med e-postadressen %(email)s.", email=email)
        )
    user = User(
        email=email,
        name=name.strip(),
        is_admin=is_admin,
        is_facilitator=is_facilitator,
        language=language,
        session_nonce=new_nonce(),
    )
    if password is not None:
        problems = password_problems(password, [email, name])
        if problems:
            raise ServiceError(" ".join(problems))
        user.password_hash = hash_password(password)
    session.add(user)
    session.flush()
    return user


def authenticate(session: DbSession, email: str, password: str) -> User | None:
    """The active user whose e-mail and password match, else None."""
    user = find_user_by_email(session, email)
    if user is None or not user.active:
        verify_password(None, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    return user


def set_password(session: DbSession, user: User, password: str) -> None:
    """Set a new password, which ends every other session of the user."""
    problems = password_problems(password, [user.email, user.name])
    if problems:
        raise ServiceError(" ".join(problems))
    user.password_hash = hash_password(password)
    user.session_nonce = new_nonce()
    record(session, AuthAction.PASSWORD_SET, user=user, object_type="users", object_id=user.id)


def create_password_link(
    session: DbSession, user: User, created_by: User | None, hours: int = 48
) -> str:
    """A one-time set-password token (returned once, stored hashed); older links stop working."""
    now = utcnow()
    session.execute(
        sa.update(PasswordLink)
        .where(PasswordLink.user_id == user.id, PasswordLink.used_at.is_(None))
        .values(used_at=now)
    )
    token = secrets.token_urlsafe(32)
    session.add(
        PasswordLink(
            user_id=user.id,
            token_hash=sha256(token),
            created_by_id=created_by.id if created_by else None,
            expires_at=now + timedelta(hours=hours),
        )
    )
    session.flush()
    return token


def valid_password_link(session: DbSession, token: str) -> PasswordLink | None:
    """The unused, unexpired link for this token, else None."""
    link = session.scalar(sa.select(PasswordLink).where(PasswordLink.token_hash == sha256(token)))
    if link is None or link.used_at is not None or link.expires_at < utcnow():
        return None
    return link


def unspent_password_link(session: DbSession, link_id: int) -> PasswordLink | None:
    """The link with this id while it is unused and unexpired, else None."""
    link = session.get(PasswordLink, link_id)
    if link is None or link.used_at is not None or link.expires_at < utcnow():
        return None
    return link


def use_password_link(session: DbSession, link: PasswordLink, password: str) -> User:
    """Set the password through a link and spend the link."""
    set_password(session, link.user, password)
    link.used_at = utcnow()
    return link.user


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str


def create_token(session: DbSession, user: User, name: str) -> NewToken:
    """A new named API token; the secret is shown once and stored only as a hash."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name.strip() or "API", token_hash=sha256(secret), prefix=secret[:10]
    )
    session.add(token)
    session.flush()
    record(
        session, AuthAction.TOKEN_CREATED, user=user, object_type="api_tokens", object_id=token.id
    )
    return NewToken(token, secret)


def revoke_token(session: DbSession, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record(session, AuthAction.TOKEN_REVOKED, object_type="api_tokens", object_id=token.id)


def user_for_token(session: DbSession, secret: str) -> User | None:
    """The active user of an unrevoked token, marking it used."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == sha256(secret)))
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        token.last_used_at = now
    return token.user


def open_session(session: DbSession, user: User, lifetime: timedelta) -> str:
    """A new server-side session for a login; returns the key for the cookie (stored hashed).

    The user's sessions that ended or outlived `lifetime` are cleared on the way.
    """
    now = utcnow()
    session.execute(
        sa.delete(UserSession).where(
            UserSession.user_id == user.id,
            sa.or_(UserSession.ended_at.is_not(None), UserSession.created_at < now - lifetime),
        )
    )
    key = secrets.token_urlsafe(32)
    session.add(UserSession(user_id=user.id, key_hash=sha256(key), created_at=now))
    session.flush()
    return key


def end_session(session: DbSession, key: str | None) -> None:
    """End the server-side session of this cookie key (logout): the key opens nothing again."""
    if key:
        session.execute(
            sa.update(UserSession)
            .where(UserSession.key_hash == sha256(key), UserSession.ended_at.is_(None))
            .values(ended_at=utcnow())
        )


def user_for_session(session: DbSession, user_id: int, nonce: str, key: str) -> User | None:
    """The active user of an open session with this key and an unchanged nonce, else None."""
    return session.scalar(
        sa.select(User)
        .join(UserSession, UserSession.user_id == User.id)
        .where(
            User.id == user_id,
            User.active.is_(True),
            User.session_nonce == nonce,
            UserSession.key_hash == sha256(key),
            UserSession.ended_at.is_(None),
        )
    )


def check_role(
    session: DbSession, network: Network, role: NetworkRole, municipality: Municipality | None
) -> None:
    """A coordinator needs a municipality, and a role's municipality must take part."""
    from flask_babel import gettext as _

    if role == NetworkRole.COORDINATOR and municipality is None:
        raise ServiceError(_("En koordinator må høre til en kommune."))
    if municipality is not None:
        takes_part = session.scalar(
            sa.select(Participation.id).where(
                Participation.network_id == network.id,
                Participation.municipality_id == municipality.id,
            )
        )
        if takes_part is None:
            raise ServiceError(_("%(m)s er ikke med i %(n)s.", m=municipality.name, n=network.name))


def find_role(
    session: DbSession,
    user: User,
    network: Network,
    role: NetworkRole,
    municipality: Municipality | None,
) -> Membership | None:
    """The user's membership with exactly this role (and municipality) in the network."""
    same_municipality = (
        Membership.municipality_id == municipality.id
        if municipality is not None
        else Membership.municipality_id.is_(None)
    )
    return session.scalar(
        sa.select(Membership).where(
            Membership.user_id == user.id,
            Membership.network_id == network.id,
            Membership.role == role,
            same_municipality,
        )
    )


def grant_role(
    session: DbSession,
    user: User,
    network: Network,
    role: NetworkRole,
    municipality: Municipality | None = None,
) -> Membership:
    """Give a user a role in a network (idempotent); coordinators need a municipality in it.

    This gives the role at once: callers acting for a person decide first whether the person
    or the municipality must accept it (`networks.services.offer_role`).
    """
    check_role(session, network, role, municipality)
    existing = find_role(session, user, network, role, municipality)
    if existing is not None:
        return existing
    membership = Membership(user=user, network=network, role=role, municipality=municipality)
    session.add(membership)
    session.flush()
    forget_grants(user)
    return membership


def revoke_role(session: DbSession, membership: Membership) -> None:
    session.delete(membership)
    forget_grants(membership.user)


def update_profile(
    session: DbSession, user: User, *, name: str | None = None, language: str | None = None
) -> None:
    """Change a person's own name and interface language (those given)."""
    if name is not None:
        user.name = name.strip()
    if language is not None:
        user.language = language


def tokens_of(session: DbSession, user: User) -> list[ApiToken]:
    """A person's API tokens, newest first."""
    return list(
        session.scalars(
            sa.select(ApiToken)
            .where(ApiToken.user_id == user.id)
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def visible_users(session: DbSession, actor: User) -> list[User]:
    """The people the actor manages, by name: everyone for admins, else the people with a role
    in a network the actor facilitates."""
    query = sa.select(User).order_by(sa.func.lower(User.name), User.id)
    if not is_admin(actor):
        networks = network_ids(actor, NetworkRole.FACILITATOR)
        query = query.where(
            User.id.in_(sa.select(Membership.user_id).where(Membership.network_id.in_(networks)))
        )
    return list(session.scalars(query))


def link_deliveries(session: DbSession, actor: User, users: list[User]) -> dict[int, LinkDelivery]:
    """How a set-password link may reach each of these people (one query for the whole list)."""
    roles: dict[int, list[tuple[int, int | None]]] = {user.id: [] for user in users}
    if not is_admin(actor) and users:
        rows = session.execute(
            sa.select(Membership.user_id, Membership.network_id, Membership.municipality_id).where(
                Membership.user_id.in_(roles)
            )
        )
        for user_id, network_id, municipality_id in rows:
            roles[user_id].append((network_id, municipality_id))
    return {user.id: link_delivery(actor, user, roles[user.id]) for user in users}


def set_active(session: DbSession, user: User, active: bool) -> None:
    """Activate or deactivate a user; deactivation ends their sessions (tokens stop working)."""
    user.active = active
    if not active:
        user.session_nonce = new_nonce()


def record_login(session: DbSession, user: User, provider: str | None = None) -> None:
    user.last_login_at = utcnow()
    summary = {"provider": provider} if provider else None
    record(
        session,
        AuthAction.LOGIN,
        user=user,
        object_type="users",
        object_id=user.id,
        summary=summary,
    )


def record_failed_login(session: DbSession, email: str, **extra: Any) -> None:
    record(
        session, AuthAction.LOGIN_FAILED, actor=email[:254], summary={"email": email[:254], **extra}
    )


# ---- login with a provider (OpenID Connect: auth.oidc) --------------------------------------


class ProviderLoginRefused(ServiceError):
    """A verified provider login that may not log anyone in here."""


def provider_login(session: DbSession, provider: str, subject: str, email: str | None) -> User:
    """The user a verified provider login logs in as; a provider login never creates a user.

    The stable subject already linked wins. Else the first login links the subject to the
    active user with the e-mail the provider vouches for (every account here was made by an
    admin or a facilitator, through an invitation: so the link needs that account to exist),
    unless that user is already linked to another subject at this provider.
    """
    from flask_babel import gettext as _

    identity = session.scalar(
        sa.select(ExternalIdentity).where(
            ExternalIdentity.provider == provider, ExternalIdentity.subject == subject
        )
    )
    ask = _("Be prosessveilederen for nettverket ditt om tilgang, eller logg inn med passord.")
    if identity is not None:
        if not identity.user.active:
            raise ProviderLoginRefused(_("Brukeren din er deaktivert.") + " " + ask)
        identity.last_login_at = utcnow()
        return identity.user
    user = find_user_by_email(session, email) if email else None
    if user is None or not user.active:
        raise ProviderLoginRefused(
            _("Vi fant ingen bruker i heltidnett for denne jobbkontoen.") + " " + ask
        )
    if identities_of(session, user, provider):
        raise ProviderLoginRefused(
            _("Brukeren din er allerede koblet til en annen konto hos denne innloggingen.")
            + " "
            + ask
        )
    session.add(
        ExternalIdentity(
            user_id=user.id,
            provider=provider,
            subject=subject,
            email=email or "",
            last_login_at=utcnow(),
        )
    )
    session.flush()
    return user


def _identity_of_subject(
    session: DbSession, provider: str, subject: str
) -> ExternalIdentity | None:
    return session.scalar(
        sa.select(ExternalIdentity).where(
            ExternalIdentity.provider == provider, ExternalIdentity.subject == subject
        )
    )


def link_identity(
    session: DbSession, user: User, provider: str, subject: str, email: str | None
) -> ExternalIdentity:
    """Link the user's own provider account, from a provider login started on the profile (the
    person is logged in, so the provider's e-mail need not be the same)."""
    from flask_babel import gettext as _

    identity = _identity_of_subject(session, provider, subject)
    if identity is not None:
        if identity.user_id == user.id:
            return identity
        raise ServiceError(
            _("Denne jobbkontoen er allerede koblet til en annen bruker i heltidnett.")
        )
    if identities_of(session, user, provider):
        raise ServiceError(
            _("Du er allerede koblet til en konto hos denne innloggingen. Fjern koblingen først.")
        )
    identity = ExternalIdentity(
        user_id=user.id, provider=provider, subject=subject, email=email or ""
    )
    session.add(identity)
    session.flush()
    return identity


def accept_invitation_with_provider(
    session: DbSession, link: PasswordLink, provider: str, subject: str, email: str | None
) -> User:
    """Accept an invitation (a set-password link) with a provider login instead of a password:
    the provider must vouch for the invited e-mail. Links the subject and spends the link."""
    from flask_babel import gettext as _

    user = link.user
    if not user.active:
        raise ProviderLoginRefused(_("Brukeren din er deaktivert."))
    if email is None or normalise_email(email) != normalise_email(user.email):
        raise ProviderLoginRefused(
            _(
                "Invitasjonen gjelder %(invited)s, men jobbkontoen du logget inn med, har ikke "
                "den e-postadressen. Logg inn med riktig jobbkonto, eller velg et passord.",
                invited=user.email,
            )
        )
    identity = link_identity(session, user, provider, subject, email)
    identity.last_login_at = utcnow()
    link.used_at = utcnow()
    return user


def identities_of(
    session: DbSession, user: User, provider: str | None = None
) -> list[ExternalIdentity]:
    """The user's links to provider accounts (at one provider when named)."""
    query = sa.select(ExternalIdentity).where(ExternalIdentity.user_id == user.id)
    if provider is not None:
        query = query.where(ExternalIdentity.provider == provider)
    return list(session.scalars(query.order_by(ExternalIdentity.provider)))


def identities_by_user(session: DbSession, users: list[User]) -> dict[int, list[ExternalIdentity]]:
    """The provider links of each of these people (one query for a whole list)."""
    found: dict[int, list[ExternalIdentity]] = {user.id: [] for user in users}
    if users:
        rows = session.scalars(
            sa.select(ExternalIdentity)
            .where(ExternalIdentity.user_id.in_(found))
            .order_by(ExternalIdentity.provider)
        )
        for identity in rows:
            found[identity.user_id].append(identity)
    return found


def remove_identity(session: DbSession, user: User, provider: str) -> bool:
    """Remove a user's link to a provider account (their own, or by an admin); False when there
    was none."""
    removed = False
    for identity in identities_of(session, user, provider):
        session.delete(identity)
        removed = True
    session.flush()
    return removed


# ---- e-mail domains that must log in with the work account -----------------------------------

_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def work_login_domains(session: DbSession) -> list[WorkLoginDomain]:
    """The domains an admin has set, by name."""
    return list(session.scalars(sa.select(WorkLoginDomain).order_by(WorkLoginDomain.domain)))


def add_work_login_domain(session: DbSession, actor: User, domain: str) -> WorkLoginDomain:
    """Require the work account for people with e-mail at `domain` (an admin's choice)."""
    from flask_babel import gettext as _

    cleaned = domain.strip().lower().lstrip("@")
    if not _DOMAIN.match(cleaned):
        raise ServiceError(
            _(
                "«%(domain)s» er ikke et e-postdomene. Skriv for eksempel alta.kommune.no.",
                domain=domain.strip(),
            )
        )
    if session.scalar(sa.select(WorkLoginDomain.id).where(WorkLoginDomain.domain == cleaned)):
        raise ServiceError(_("%(domain)s står allerede på listen.", domain=cleaned))
    row = WorkLoginDomain(domain=cleaned, created_by_id=actor.id)
    session.add(row)
    session.flush()
    return row


def remove_work_login_domain(session: DbSession, row: WorkLoginDomain) -> None:
    session.delete(row)
    session.flush()


def required_provider_domain(
    session: DbSession, email: str, configured: frozenset[str]
) -> str | None:
    """The e-mail's domain when its people must log in with a provider (no password): set by
    an admin (WorkLoginDomain) or by config (OIDC_REQUIRED_DOMAINS)."""
    domain = normalise_email(email).rpartition("@")[2]
    if not domain:
        return None
    if domain in configured:
        return domain
    chosen = session.scalar(sa.select(WorkLoginDomain.id).where(WorkLoginDomain.domain == domain))
    return domain if chosen is not None else None
