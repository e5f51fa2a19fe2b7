"""The work on networks: listing, creating, changing, who takes part and who has roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from heltidnett.auth import access
from heltidnett.auth.models import User
from heltidnett.auth.services import (
    create_password_link,
    create_user,
    grant_role,
)
from heltidnett.core.errors import ServiceError
from heltidnett.db import DbSession
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.invitations import offer_role
from heltidnett.networks.models import (
    Invitation,
    Membership,
    Network,
    NetworkRole,
    NetworkStatus,
    Participation,
)

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer


@dataclass(frozen=True)
class NetworkRow:
    """A network in a list, with its counts (one query for the whole list)."""

    network: Network
    municipality_count: int
    member_count: int


def visible_networks_query(user: Viewer) -> sa.Select[Network]:
    """Networks the user may see: all for admins, else those with a role."""
    query = sa.select(Network).order_by(Network.starts_on.desc().nulls_last(), Network.name)
    if not access.is_admin(user):
        query = query.where(Network.id.in_(access.network_ids(user) or {-1}))
    return query


def list_networks(session: DbSession, user: Viewer) -> list[NetworkRow]:
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


def network_municipalities_query(network_id: int) -> sa.Select[Municipality]:
    """The select of the municipalities taking part in a network, by name."""
    return (
        sa.select(Municipality)
        .join(Participation)
        .where(Participation.network_id == network_id)
        .order_by(Municipality.name, Municipality.id)
    )


def network_municipalities(session: DbSession, network_id: int) -> list[Municipality]:
    """The municipalities taking part in a network, by name (their networks kept for checks)."""
    municipalities = list(session.scalars(network_municipalities_query(network_id)))
    access.remember_listed_municipalities(m.id for m in municipalities)
    return municipalities


def manageable_networks(session: DbSession, user: Viewer) -> list[Network]:
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


def load_network_home(session: DbSession, network_id: int) -> Network | None:
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


def find_participation(
    session: DbSession, network_id: int, participation_id: int
) -> Participation | None:
    """A municipality's taking part in this network (None if it is another network's)."""
    return session.scalar(
        sa.select(Participation).where(
            Participation.id == participation_id, Participation.network_id == network_id
        )
    )


def find_membership(session: DbSession, network_id: int, membership_id: int) -> Membership | None:
    """A role in this network (None if it is another network's)."""
    return session.scalar(
        sa.select(Membership).where(
            Membership.id == membership_id, Membership.network_id == network_id
        )
    )


def municipality_networks(session: DbSession, municipality_id: int) -> list[Network]:
    """The networks a municipality takes part in, by name."""
    return list(
        session.scalars(
            sa.select(Network)
            .join(Participation)
            .where(Participation.municipality_id == municipality_id)
            .order_by(Network.name)
        )
    )


def _check_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ServiceError(_("Sluttdatoen kan ikke være før startdatoen."))


def create_network(session: DbSession, actor: User, **fields: Any) -> Network:
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


def update_network(session: DbSession, network: Network, **fields: Any) -> Network:
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


def remove_participation(session: DbSession, participation: Participation) -> None:
    """Take a municipality out of a network, with the roles tied to it there."""
    session.execute(
        sa.delete(Membership).where(
            Membership.network_id == participation.network_id,
            Membership.municipality_id == participation.municipality_id,
        )
    )
    session.execute(
        sa.delete(Invitation).where(
            Invitation.network_id == participation.network_id,
            Invitation.municipality_id == participation.municipality_id,
        )
    )
    session.delete(participation)
    access.forget_municipality_networks(participation.municipality_id)


def invite_user(
    session: DbSession,
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
) -> tuple[User, str, Invitation | None]:
    """Create a user, offer the role, and make a set-password link.

    A role tied to a municipality the actor does not speak for waits for the municipality
    (returned as the pending invitation).
    """
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
    pending = None
    if network is not None and role:
        given = offer_role(
            session, actor, user, network, NetworkRole(role), municipality, new_user=True
        )
        pending = given if isinstance(given, Invitation) else None
    return user, create_password_link(session, user, actor), pending


def participants_of(session: DbSession, network_ids: set[int]) -> dict[int, list[Municipality]]:
    """The municipalities taking part in each of the networks, by name (one statement)."""
    found: dict[int, list[Municipality]] = {network_id: [] for network_id in network_ids}
    if not network_ids:
        return found
    rows = session.execute(
        sa.select(Participation.network_id, Municipality)
        .join(Municipality, Municipality.id == Participation.municipality_id)
        .where(Participation.network_id.in_(network_ids))
        .order_by(Municipality.name)
    ).all()
    for network_id, municipality in rows:
        found[network_id].append(municipality)
    return found
