"""The work on networks: listing, creating, changing, who takes part and who has roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session, selectinload

from heltidnett.auth import access
from heltidnett.auth.models import User
from heltidnett.auth.services import ServiceError, create_password_link, create_user, grant_role
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import (
    Membership,
    Network,
    NetworkRole,
    NetworkStatus,
    Participation,
)


@dataclass(frozen=True)
class NetworkRow:
    """A network in a list, with its counts (one query for the whole list)."""

    network: Network
    municipality_count: int
    member_count: int


def visible_networks_query(user: Any) -> sa.Select[tuple[Network]]:
    """Networks the user may see: all for admins, else those with a role."""
    query = sa.select(Network).order_by(Network.starts_on.desc().nulls_last(), Network.name)
    if not access.is_admin(user):
        query = query.where(Network.id.in_(access.network_ids(user) or {-1}))
    return query


def list_networks(session: Session, user: Any) -> list[NetworkRow]:
    """The user's networks with municipality and member counts."""
    municipalities = (
        sa.select(sa.func.count(Participation.id))
        .where(Participation.network_id == Network.id)
        .correlate(Network)
        .scalar_subquery()
    )
    members = (
        sa.select(sa.func.count(sa.distinct(Membership.user_id)))
        .where(Membership.network_id == Network.id)
        .correlate(Network)
        .scalar_subquery()
    )
    query = visible_networks_query(user).add_columns(municipalities, members)
    return [NetworkRow(n, m or 0, p or 0) for n, m, p in session.execute(query).all()]


def manageable_networks(session: Session, user: Any) -> list[Network]:
    """Networks where the user may change who takes part and who has roles."""
    query = (
        sa.select(Network)
        .options(selectinload(Network.participations).selectinload(Participation.municipality))
        .order_by(Network.name)
    )
    if not access.is_admin(user):
        ids = access.network_ids(user, NetworkRole.FACILITATOR)
        query = query.where(Network.id.in_(ids or {-1}))
    return list(session.scalars(query))


def load_network_home(session: Session, network_id: int) -> Network | None:
    """A network with its municipalities and members, loaded in a fixed number of queries."""
    return session.scalar(
        sa.select(Network)
        .where(Network.id == network_id)
        .options(
            selectinload(Network.participations).selectinload(Participation.municipality),
            selectinload(Network.memberships).selectinload(Membership.user),
            selectinload(Network.memberships).selectinload(Membership.municipality),
        )
    )


def _check_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ServiceError(_("Sluttdatoen kan ikke være før startdatoen."))


def create_network(session: Session, actor: User, **fields: Any) -> Network:
    """A new network; its creator becomes its facilitator."""
    if not access.can_create_networks(actor):
        raise PermissionError
    _check_dates(fields.get("starts_on"), fields.get("ends_on"))
    name = fields["name"].strip()
    if session.scalar(sa.select(Network.id).where(sa.func.lower(Network.name) == name.lower())):
        raise ServiceError(_("Det finnes allerede et nettverk som heter «%(name)s».", name=name))
    network = Network(
        name=name,
        region=fields.get("region") or "",
        description=fields.get("description") or "",
        starts_on=fields.get("starts_on"),
        ends_on=fields.get("ends_on"),
        status=NetworkStatus(fields.get("status") or NetworkStatus.PLANNED),
    )
    session.add(network)
    session.flush()
    grant_role(session, actor, network, NetworkRole.FACILITATOR)
    return network


def update_network(session: Session, network: Network, **fields: Any) -> Network:
    """Change a network's facts."""
    _check_dates(fields.get("starts_on"), fields.get("ends_on"))
    name = fields["name"].strip()
    clash = session.scalar(
        sa.select(Network.id).where(
            sa.func.lower(Network.name) == name.lower(), Network.id != network.id
        )
    )
    if clash:
        raise ServiceError(_("Det finnes allerede et nettverk som heter «%(name)s».", name=name))
    network.name = name
    network.region = fields.get("region") or ""
    network.description = fields.get("description") or ""
    network.starts_on = fields.get("starts_on")
    network.ends_on = fields.get("ends_on")
    network.status = NetworkStatus(fields["status"])
    return network


def add_participation(
    session: Session, network: Network, municipality: Municipality
) -> Participation:
    """Let a municipality take part in a network (once)."""
    existing = session.scalar(
        sa.select(Participation).where(
            Participation.network_id == network.id, Participation.municipality_id == municipality.id
        )
    )
    if existing is not None:
        raise ServiceError(_("%(m)s er allerede med i nettverket.", m=municipality.name))
    participation = Participation(
        network=network, municipality=municipality, joined_on=date.today()
    )
    session.add(participation)
    session.flush()
    return participation


def remove_participation(session: Session, participation: Participation) -> None:
    """Take a municipality out of a network, with the roles tied to it there."""
    session.execute(
        sa.delete(Membership).where(
            Membership.network_id == participation.network_id,
            Membership.municipality_id == participation.municipality_id,
        )
    )
    session.delete(participation)


def can_manage_user(session: Session, actor: Any, user: User) -> bool:
    """Admins manage everyone; facilitators the people of their networks."""
    if access.is_admin(actor):
        return True
    facilitated = access.network_ids(actor, NetworkRole.FACILITATOR)
    if not facilitated:
        return False
    return bool(
        session.scalar(
            sa.select(Membership.id).where(
                Membership.user_id == user.id, Membership.network_id.in_(facilitated)
            )
        )
    )


def invite_user(
    session: Session,
    *,
    actor: User,
    name: str,
    email: str,
    language: str = "nb",
    network_id: int | None = None,
    role: str | None = None,
    municipality_id: int | None = None,
    is_admin: bool = False,
    is_facilitator: bool = False,
) -> tuple[User, str]:
    """Create a user (or find them), give a role, and make a set-password link."""
    if not access.is_admin(actor) and network_id is None:
        raise ServiceError(_("Velg et nettverk og en rolle for den nye brukeren."))
    network = session.get(Network, network_id) if network_id else None
    if network_id and (network is None or not access.is_facilitator_of(actor, network.id)):
        raise ServiceError(
            _("Du kan bare legge til personer i nettverk du er prosessveileder for.")
        )
    if network is not None and not role:
        raise ServiceError(_("Velg en rolle i nettverket."))
    municipality = session.get(Municipality, municipality_id) if municipality_id else None
    user = create_user(
        session,
        email=email,
        name=name,
        language=language,
        is_admin=is_admin,
        is_facilitator=is_facilitator,
    )
    if network is not None and role:
        grant_role(session, user, network, NetworkRole(role), municipality)
    return user, create_password_link(session, user, actor)
