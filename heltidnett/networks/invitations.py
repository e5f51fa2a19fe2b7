"""Consent before rights: a municipality accepts a network, a person accepts a role.

A facilitator's own actions never give rights over a municipality's records, nor over another
person's account: enrolling a municipality waits for the municipality (one of its coordinators)
or an admin, a role tied to a municipality waits for the municipality's side, and a role given
to a person who already had an account waits for that person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from heltidnett.auth import access
from heltidnett.auth.models import User
from heltidnett.auth.services import check_role, find_role, grant_role
from heltidnett.core.errors import ServiceError
from heltidnett.db import DbSession
from heltidnett.municipalities.models import Municipality
from heltidnett.networks import permissions
from heltidnett.networks.models import (
    Enrolment,
    Invitation,
    Membership,
    Network,
    NetworkRole,
    Participation,
)

# ---- a municipality in a network ----------------------------------------------------------


if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer


def add_participation(
    session: DbSession, network: Network, municipality: Municipality
) -> Participation:
    """Let a municipality take part in a network at once (after consent; once)."""
    _refuse_if_taking_part(session, network, municipality)
    participation = Participation(
        network=network, municipality=municipality, joined_on=date.today()
    )
    session.add(participation)
    session.flush()
    access.forget_municipality_networks(municipality.id)
    return participation


def _refuse_if_taking_part(
    session: DbSession, network: Network, municipality: Municipality
) -> None:
    existing = session.scalar(
        sa.select(Participation.id).where(
            Participation.network_id == network.id, Participation.municipality_id == municipality.id
        )
    )
    if existing is not None:
        raise ServiceError(_("%(m)s er allerede med i nettverket.", m=municipality.name))


def enrol(
    session: DbSession, actor: User, network: Network, municipality: Municipality
) -> Participation | Enrolment:
    """Add the municipality when the actor speaks for it; otherwise ask the municipality."""
    _refuse_if_taking_part(session, network, municipality)
    if permissions.speaks_for(actor, municipality.id):
        return add_participation(session, network, municipality)
    asked = session.scalar(
        sa.select(Enrolment).where(
            Enrolment.network_id == network.id, Enrolment.municipality_id == municipality.id
        )
    )
    if asked is not None:
        raise ServiceError(
            _("%(m)s er allerede spurt og har ikke svart ennå.", m=municipality.name)
        )
    enrolment = Enrolment(
        network=network, municipality=municipality, requested_by_id=getattr(actor, "id", None)
    )
    session.add(enrolment)
    session.flush()
    return enrolment


def accept_enrolment(session: DbSession, actor: User, enrolment: Enrolment) -> Participation:
    """The municipality (a coordinator of it) or an admin says yes."""
    if not permissions.may_accept_enrolment(enrolment, actor):
        raise PermissionError
    participation = add_participation(session, enrolment.network, enrolment.municipality)
    session.delete(enrolment)
    return participation


def decline_enrolment(session: DbSession, actor: User, enrolment: Enrolment) -> None:
    """The municipality declines, or the network's facilitators withdraw the request."""
    if not permissions.may_decline_enrolment(enrolment, actor):
        raise PermissionError
    session.delete(enrolment)


# ---- a person's role -------------------------------------------------------------------------


def offer_role(
    session: DbSession,
    actor: User,
    user: User,
    network: Network,
    role: NetworkRole,
    municipality: Municipality | None = None,
    *,
    new_user: bool = False,
) -> Membership | Invitation:
    """Give the role at once where no one else must agree; otherwise an invitation that waits.

    It waits for the person when they had an account before (unless an admin gives it), and
    for the municipality when it is tied to one the actor does not speak for.
    """
    check_role(session, network, role, municipality)
    held = find_role(session, user, network, role, municipality)
    if held is not None:
        return held
    awaits_user = not (access.is_admin(actor) or new_user or user.id == getattr(actor, "id", None))
    awaits_municipality = municipality is not None and not permissions.speaks_for(
        actor, municipality.id
    )
    if not (awaits_user or awaits_municipality):
        return grant_role(session, user, network, role, municipality)
    existing = session.scalar(
        sa.select(Invitation).where(
            Invitation.user_id == user.id,
            Invitation.network_id == network.id,
            Invitation.role == role,
            Invitation.municipality_id == municipality.id
            if municipality is not None
            else Invitation.municipality_id.is_(None),
        )
    )
    if existing is not None:
        return existing
    invitation = Invitation(
        user=user,
        network=network,
        role=role,
        municipality=municipality,
        invited_by_id=getattr(actor, "id", None),
        awaits_user=awaits_user,
        awaits_municipality=awaits_municipality,
    )
    session.add(invitation)
    session.flush()
    return invitation


def accept_invitation(session: DbSession, actor: User, invitation: Invitation) -> Membership | None:
    """The person, or the municipality's side, says yes; the role is given when both have."""
    agreed = False
    if invitation.awaits_user and invitation.user_id == getattr(actor, "id", None):
        invitation.awaits_user = False
        agreed = True
    if (
        invitation.awaits_municipality
        and invitation.municipality_id is not None
        and permissions.speaks_for(actor, invitation.municipality_id)
    ):
        invitation.awaits_municipality = False
        agreed = True
    if not agreed:
        raise PermissionError
    if invitation.awaits_user or invitation.awaits_municipality:
        return None
    membership = grant_role(
        session, invitation.user, invitation.network, invitation.role, invitation.municipality
    )
    session.delete(invitation)
    return membership


def decline_invitation(session: DbSession, actor: User, invitation: Invitation) -> None:
    """The person or the municipality declines, or the network's facilitators withdraw it."""
    if not permissions.may_decline_invitation(invitation, actor):
        raise PermissionError
    session.delete(invitation)


# ---- what waits ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    """What waits for an answer from someone."""

    invitations: list[Invitation]
    enrolments: list[Enrolment]

    def __bool__(self) -> bool:
        return bool(self.invitations or self.enrolments)


def _invitation_query() -> sa.Select[Invitation]:
    return (
        sa.select(Invitation)
        .options(
            selectinload(Invitation.user),
            selectinload(Invitation.network),
            selectinload(Invitation.municipality),
            selectinload(Invitation.invited_by),
        )
        .order_by(Invitation.created_at, Invitation.id)
    )


def _enrolment_query() -> sa.Select[Enrolment]:
    return (
        sa.select(Enrolment)
        .options(
            selectinload(Enrolment.network),
            selectinload(Enrolment.municipality),
            selectinload(Enrolment.requested_by),
        )
        .order_by(Enrolment.created_at, Enrolment.id)
    )


def waiting_for(session: DbSession, user: Viewer) -> Waiting:
    """What the user may accept: their own invitations, and those of their municipalities."""
    if not getattr(user, "is_authenticated", False):
        return Waiting([], [])
    own = (Invitation.user_id == user.id) & Invitation.awaits_user
    if access.is_admin(user):
        for_municipality: sa.ColumnElement[bool] = Invitation.awaits_municipality.is_(True)
        enrolments = _enrolment_query()
    else:
        ids = access.coordinated_municipality_ids(user) or {-1}
        for_municipality = Invitation.awaits_municipality & Invitation.municipality_id.in_(ids)
        enrolments = _enrolment_query().where(Enrolment.municipality_id.in_(ids))
    invitations = _invitation_query().where(sa.or_(own, for_municipality))
    return Waiting(list(session.scalars(invitations)), list(session.scalars(enrolments)))


def waiting_in(session: DbSession, network: Network) -> Waiting:
    """Everything of a network that waits for someone's answer (for its facilitators)."""
    return Waiting(
        list(session.scalars(_invitation_query().where(Invitation.network_id == network.id))),
        list(session.scalars(_enrolment_query().where(Enrolment.network_id == network.id))),
    )
