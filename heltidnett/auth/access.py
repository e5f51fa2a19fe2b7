"""Who may see and change what: role grants, loaded once per request and asked everywhere."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import sqlalchemy as sa
from flask import abort, g, has_request_context, request
from flask_login import current_user

from heltidnett.extensions import db
from heltidnett.networks.models import Membership, NetworkRole, Participation


@dataclass(frozen=True, slots=True)
class Grant:
    """One role of a user in a network, possibly tied to a municipality."""

    network_id: int
    role: NetworkRole
    municipality_id: int | None


def grants(user: Any) -> tuple[Grant, ...]:
    """The user's network roles, loaded once and kept on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ()
    cached = user.__dict__.get("_grants")
    if cached is None:
        rows = db.session.execute(
            sa.select(Membership.network_id, Membership.role, Membership.municipality_id).where(
                Membership.user_id == user.id
            )
        ).all()
        cached = tuple(Grant(r[0], r[1], r[2]) for r in rows)
        user.__dict__["_grants"] = cached
    return cached


def forget_grants(user: Any) -> None:
    """Drop the cached grants after memberships change."""
    user.__dict__.pop("_grants", None)


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_admin and user.active)


def can_create_networks(user: Any) -> bool:
    """Admins and platform facilitators create networks."""
    return is_admin(user) or bool(getattr(user, "is_facilitator", False))


def network_ids(user: Any, *roles: NetworkRole) -> set[int]:
    """Networks the user has any (or one of the given) roles in."""
    return {gr.network_id for gr in grants(user) if not roles or gr.role in roles}


def has_network_role(user: Any, network_id: int, *roles: NetworkRole) -> bool:
    """Whether the user has one of the roles (any role if none given) in the network."""
    return is_admin(user) or network_id in network_ids(user, *roles)


def is_facilitator_of(user: Any, network_id: int) -> bool:
    return has_network_role(user, network_id, NetworkRole.FACILITATOR)


def coordinated_municipality_ids(user: Any) -> set[int]:
    """Municipalities the user is coordinator of (in any network)."""
    return {
        gr.municipality_id
        for gr in grants(user)
        if gr.role == NetworkRole.COORDINATOR and gr.municipality_id is not None
    }


def own_municipality_ids(user: Any) -> set[int]:
    """Municipalities the user belongs to in any role."""
    return {gr.municipality_id for gr in grants(user) if gr.municipality_id is not None}


def municipality_network_ids(municipality_id: int) -> set[int]:
    """Networks a municipality takes part in (with those of the municipalities a page listed)."""
    key = f"_mun_networks_{municipality_id}"
    cache = g.setdefault("_access_cache", {}) if has_request_context() else {}
    if key not in cache:
        listed = cache.pop("_mun_listed", set())
        wanted = {m for m in listed if f"_mun_networks_{m}" not in cache} | {municipality_id}
        found: dict[int, set[int]] = {m: set() for m in wanted}
        rows = db.session.execute(
            sa.select(Participation.municipality_id, Participation.network_id).where(
                Participation.municipality_id.in_(wanted)
            )
        )
        for listed_id, network_id in rows:
            found[listed_id].add(network_id)
        cache.update({f"_mun_networks_{m}": networks for m, networks in found.items()})
    return cache[key]


def remember_listed_municipalities(municipality_ids: Iterable[int]) -> None:
    """Note the municipalities of a list page: the first check of one loads all their networks."""
    if has_request_context():
        g.setdefault("_access_cache", {}).setdefault("_mun_listed", set()).update(municipality_ids)


def forget_municipality_networks(municipality_id: int) -> None:
    """Drop the cached networks of a municipality after it joins or leaves one."""
    if has_request_context():
        g.setdefault("_access_cache", {}).pop(f"_mun_networks_{municipality_id}", None)


def can_view_municipality(user: Any, municipality_id: int) -> bool:
    """Admins, its own people, and members of a network it takes part in."""
    if is_admin(user) or municipality_id in own_municipality_ids(user):
        return True
    return bool(municipality_network_ids(municipality_id) & network_ids(user))


def can_edit_municipality(user: Any, municipality_id: int) -> bool:
    """Admins, its coordinators, and facilitators of a network it takes part in."""
    if is_admin(user) or municipality_id in coordinated_municipality_ids(user):
        return True
    facilitated = network_ids(user, NetworkRole.FACILITATOR)
    return bool(municipality_network_ids(municipality_id) & facilitated)


class Protected(Protocol):
    """An object that answers whether a user may see and change it."""

    def can_view(self, user: Any) -> bool: ...

    def can_edit(self, user: Any) -> bool: ...


T = TypeVar("T")


def deny(user: Any = None, obj: Any = None, description: str | None = None) -> None:
    """Log the refusal and answer 403 (with the reason, if given).

    Whatever the request changed before it was refused is rolled back first: only the
    refusal itself is committed.
    """
    from heltidnett.audit.services import AuthAction, record

    object_type = getattr(obj, "__tablename__", "")
    object_id = getattr(obj, "id", "")
    db.session.rollback()
    record(
        db.session,
        AuthAction.ACCESS_DENIED,
        object_type=object_type,
        object_id=object_id,
        summary={
            "path": request.path if has_request_context() else "",
            "method": request.method if has_request_context() else "",
        },
    )
    db.session.commit()
    abort(403, description=description)


def get_or_404(model: type[T], ident: Any) -> T:
    """The row by primary key, or 404."""
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    return obj


def require(allowed: bool, obj: Any = None) -> None:
    """Answer 403 (and log it) unless the check passed."""
    if not allowed:
        deny(obj=obj)


def load_viewable(model: type[T], ident: Any) -> T:
    """Load an object the current user may see: 404 if missing, 403 if not theirs."""
    obj = get_or_404(model, ident)
    require(obj.can_view(current_user), obj)  # type: ignore[attr-defined]
    return obj


def load_editable(model: type[T], ident: Any) -> T:
    """Load an object the current user may change: 404 if missing, 403 if not theirs."""
    obj = get_or_404(model, ident)
    require(obj.can_view(current_user) and obj.can_edit(current_user), obj)  # type: ignore[attr-defined]
    return obj


def visible(items: Iterable[T], user: Any) -> list[T]:
    """The items of a list the user may see."""
    return [item for item in items if item.can_view(user)]  # type: ignore[attr-defined]
