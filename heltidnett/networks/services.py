"""The work on networks: listing, creating, changing, who takes part and who has roles."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import Any

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


@dataclass(frozen=True)
class NetworkRow:
    """A network in a list, with its counts (one query for the whole list)."""

    network: Network
    municipality_count: int
    member_count: int


def visible_networks_query(user: Any) -> sa.Select[Network]:
    """Networks the user may see: all for admins, else those with a role."""
    query = sa.select(Network).order_by(Network.starts_on.desc().nulls_last(), Network.name)
    if not access.is_admin(user):
        query = query.where(Network.id.in_(access.network_ids(user) or {-1}))
    return query


def list_networks(session: DbSession, user: Any) -> list[NetworkRow]:
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


def manageable_networks(session: DbSession, user: Any) -> list[Network]:
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


class LinkDelivery(enum.StrEnum):
    """How a set-password link may reach its person when this actor asks for it."""

    SHOW = "show"  # on screen to the actor (and by e-mail when mail is set up)
    MAIL = "mail"  # only by e-mail to the person's own address
    NONE = "none"  # not at all


def link_delivery(actor: Any, user: User, roles: list[tuple[int, int | None]]) -> LinkDelivery:
    """Admins see links; a facilitator only for people whose every role is in their networks.

    `roles` are the person's (network id, municipality id) pairs. People with a platform role
    are managed by admins alone, and so is a person with no role: being added to a network must
    not let its facilitator take over an account. A person holding rights over a municipality's
    records gets a facilitator's link only by e-mail, so those rights never pass to the
    facilitator.
    """
    from heltidnett.core.mail import mail_configured

    if access.is_admin(actor):
        return LinkDelivery.SHOW
    if user.is_admin or user.is_facilitator or not roles:
        return LinkDelivery.NONE
    facilitated = access.network_ids(actor, NetworkRole.FACILITATOR)
    if not {network_id for network_id, _ in roles} <= facilitated:
        return LinkDelivery.NONE
    if all(municipality_id is None for _, municipality_id in roles):
        return LinkDelivery.SHOW
    return LinkDelivery.MAIL if mail_configured() else LinkDelivery.NONE


def link_deliveries(session: DbSession, actor: Any, users: list[User]) -> dict[int, LinkDelivery]:
    """How a link may reach each of these people (one query for the whole list)."""
    roles: dict[int, list[tuple[int, int | None]]] = {user.id: [] for user in users}
    if not access.is_admin(actor) and users:
        rows = session.execute(
            sa.select(Membership.user_id, Membership.network_id, Membership.municipality_id).where(
                Membership.user_id.in_(roles)
            )
        )
        for user_id, network_id, municipality_id in rows:
            roles[user_id].append((network_id, municipality_id))
    return {user.id: link_delivery(actor, user, roles[user.id]) for user in users}


def password_link_delivery(session: DbSession, actor: Any, user: User) -> LinkDelivery:
    """How a set-password link may reach this person when the actor asks for it."""
    return link_deliveries(session, actor, [user])[user.id]


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
