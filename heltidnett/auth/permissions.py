"""Who may see and change a person's account, its API tokens and its set-password links.

Rights a route declares with `access.loads(..., right=...)` take the object and the user, in
the order the loader calls them.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from heltidnett.auth import access
from heltidnett.networks.models import NetworkRole

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import ApiToken, User


def _is_self(actor: Viewer, user: User) -> bool:
    return getattr(actor, "id", None) == user.id


def can_view_user(actor: Viewer, user: User) -> bool:
    """Admins, the person, and facilitators of a network the person has a role in."""
    if access.is_admin(actor) or _is_self(actor, user):
        return True
    facilitated = access.network_ids(actor, NetworkRole.FACILITATOR)
    return bool(facilitated) and any(m.network_id in facilitated for m in user.memberships)


def can_edit_user(actor: Viewer, user: User) -> bool:
    """Admins and the person."""
    return access.is_admin(actor) or _is_self(actor, user)


def may_set_active(user: User, actor: User) -> bool:
    """Admins deactivate (and reactivate) people; nobody deactivates themselves."""
    return access.is_admin(actor) and not _is_self(actor, user)


def may_remove_identity(user: User, actor: User) -> bool:
    """Admins remove a person's link to a provider account (people remove their own on the
    profile)."""
    return access.is_admin(actor)


def can_use_token(actor: Viewer, token: ApiToken) -> bool:
    """A token is its owner's (and admins may revoke it)."""
    return access.is_admin(actor) or getattr(actor, "id", None) == token.user_id


class LinkDelivery(enum.StrEnum):
    """How a set-password link may reach its person when this actor asks for it."""

    SHOW = "show"  # on screen to the actor (and by e-mail when mail is set up)
    MAIL = "mail"  # only by e-mail to the person's own address
    NONE = "none"  # not at all


def link_delivery(actor: User, user: User, roles: list[tuple[int, int | None]]) -> LinkDelivery:
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


def password_link_delivery(actor: User, user: User) -> LinkDelivery:
    """How a set-password link may reach this person when the actor asks for it."""
    if access.is_admin(actor):
        return LinkDelivery.SHOW
    return link_delivery(actor, user, [(m.network_id, m.municipality_id) for m in user.memberships])


def may_get_password_link(user: User, actor: User) -> bool:
    """Whether the actor may make a set-password link for the person at all."""
    return password_link_delivery(actor, user) != LinkDelivery.NONE
