"""Who may see and change what: role grants, loaded once per request and asked everywhere."""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, TypeAlias, TypeVar

import sqlalchemy as sa
from flask import abort, g, has_request_context, request
from flask_login import current_user

from heltidnett.core import transaction
from heltidnett.extensions import db
from heltidnett.networks.models import Membership, NetworkRole, Participation

if TYPE_CHECKING:
    from flask_login import AnonymousUserMixin

    from heltidnett.auth.models import User

# Whoever asks: a logged-in user, or the anonymous one (flask-login's current_user).
Viewer: TypeAlias = "User | AnonymousUserMixin"


@dataclass(frozen=True, slots=True)
class Grant:
    """One role of a user in a network, possibly tied to a municipality."""

    network_id: int
    role: NetworkRole
    municipality_id: int | None


def grants(user: Viewer) -> tuple[Grant, ...]:
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


def forget_grants(user: Viewer) -> None:
    """Drop the cached grants after memberships change."""
    user.__dict__.pop("_grants", None)


def is_admin(user: Viewer) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_admin and user.active)


def can_create_networks(user: Viewer) -> bool:
    """Admins and platform facilitators create networks."""
    return is_admin(user) or bool(getattr(user, "is_facilitator", False))


def network_ids(user: Viewer, *roles: NetworkRole) -> set[int]:
    """Networks the user has any (or one of the given) roles in."""
    return {gr.network_id for gr in grants(user) if not roles or gr.role in roles}


def has_network_role(user: Viewer, network_id: int, *roles: NetworkRole) -> bool:
    """Whether the user has one of the roles (any role if none given) in the network."""
    return is_admin(user) or network_id in network_ids(user, *roles)


def holds(
    user: Viewer,
    *roles: NetworkRole,
    network_id: int | None = None,
    municipality_id: int | None = None,
    network_ids: Iterable[int] | None = None,
) -> bool:
    """Whether one of the user's grants has one of the roles (any if none given), in the
    network (or one of `network_ids`) and for the municipality, where those are given."""
    networks = None if network_ids is None else set(network_ids)
    return any(
        (not roles or gr.role in roles)
        and (network_id is None or gr.network_id == network_id)
        and (networks is None or gr.network_id in networks)
        and (municipality_id is None or gr.municipality_id == municipality_id)
        for gr in grants(user)
    )


def is_facilitator_of(user: Viewer, network_id: int) -> bool:
    return has_network_role(user, network_id, NetworkRole.FACILITATOR)


def coordinated_municipality_ids(user: Viewer) -> set[int]:
    """Municipalities the user is coordinator of (in any network)."""
    return {
        gr.municipality_id
        for gr in grants(user)
        if gr.role == NetworkRole.COORDINATOR and gr.municipality_id is not None
    }


def own_municipality_ids(user: Viewer) -> set[int]:
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


def can_view_municipality(user: Viewer, municipality_id: int) -> bool:
    """Admins, its own people, and members of a network it takes part in."""
    if is_admin(user) or municipality_id in own_municipality_ids(user):
        return True
    return bool(municipality_network_ids(municipality_id) & network_ids(user))


def can_edit_municipality(user: Viewer, municipality_id: int) -> bool:
    """Admins, its coordinators, and facilitators of a network it takes part in."""
    if is_admin(user) or municipality_id in coordinated_municipality_ids(user):
        return True
    facilitated = network_ids(user, NetworkRole.FACILITATOR)
    return bool(municipality_network_ids(municipality_id) & facilitated)


class Protected(Protocol):
    """An object that answers whether a user may see and change it."""

    def can_view(self, user: Viewer) -> bool: ...

    def can_edit(self, user: Viewer) -> bool: ...


T = TypeVar("T")
P = TypeVar("P", bound=Protected)


def deny(user: Viewer = None, obj: Any = None, description: str | None = None) -> None:
    """Log the refusal and answer 403 (with the reason, if given).

    Whatever the request changed before it was refused is rolled back first: the end of the
    request commits the refusal alone.
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
    transaction.keep_on_error()
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


def load_viewable(model: type[P], ident: Any) -> P:
    """Load an object the current user may see: 404 if missing, 403 if not theirs."""
    obj = get_or_404(model, ident)
    require(obj.can_view(current_user), obj)
    return obj


def load_editable(model: type[P], ident: Any) -> P:
    """Load an object the current user may change: 404 if missing, 403 if not theirs."""
    obj = get_or_404(model, ident)
    require(obj.can_view(current_user) and obj.can_edit(current_user), obj)
    return obj


def visible(items: Iterable[P], user: Viewer) -> list[P]:
    """The items of a list the user may see."""
    return [item for item in items if item.can_view(user)]


class Right(enum.Enum):
    """The right a route needs on the object it loads."""

    VIEW = "view"
    EDIT = "edit"


Check = Callable[[Any, Any], bool]


@dataclass(frozen=True, slots=True)
class Loader:
    """How a route turns URL arguments into one object, and the right it needs on it."""

    model: type[Protected]
    args: tuple[str, ...]
    name: str
    right: Right | Check
    load: Callable[..., Any] | None
    parent: type[Protected] | None = None
    missing: Any = None

    def __call__(self, values: dict[str, Any]) -> Any:
        """The object for the URL values: 404 if missing, 403 (logged) if the right is lacking."""
        ident = [values.pop(arg) for arg in self.args]
        obj = self.load(*ident) if self.load is not None else db.session.get(self.model, ident[0])
        if obj is None:
            self._refuse_missing(ident[0])
        if self.right is Right.VIEW:
            allowed = obj.can_view(current_user)
        elif self.right is Right.EDIT:
            allowed = obj.can_view(current_user) and obj.can_edit(current_user)
        else:
            allowed = self.right(obj, current_user)
        require(allowed, obj)
        return obj

    def _refuse_missing(self, parent_id: Any) -> NoReturn:
        """404, but 403 to whoever may not see the parent: a missing child tells them nothing."""
        if self.parent is not None:
            parent = db.session.get(self.parent, parent_id)
            if parent is None:
                abort(404)
            require(parent.can_view(current_user), parent)
        abort(404, description=str(self.missing) if self.missing else None)


def loads(
    model: type[P],
    *args: str,
    right: Right | Callable[[P, Any], bool] = Right.VIEW,
    load: Callable[..., P | None] | None = None,
    name: str | None = None,
    parent: type[Protected] | None = None,
    missing: Any = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare how a route loads its object and the right it needs; the view gets the object.

    `args` are the URL arguments that identify it (the first one, `<model>_id`, by default);
    `load(*values)` finds it when it is not the model's primary key; the view receives it as
    `name` (the first argument without `_id`). When `load` finds nothing, `parent` (the model
    the first argument names) decides between 403 and 404, and `missing` is the 404's message.
    Stacked loaders run top to bottom.
    """
    url_args = args or (f"{_snake(model.__name__)}_id",)
    loader = Loader(
        model=model,
        args=url_args,
        name=name or url_args[0].removesuffix("_id"),
        right=right,
        load=load,
        parent=parent,
        missing=missing,
    )

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*positional: Any, **values: Any) -> Any:
            values[loader.name] = loader(values)
            return view(*positional, **values)

        wrapper.__dict__["__loaders__"] = (loader, *view.__dict__.get("__loaders__", ()))
        return wrapper

    return decorator


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def loaders_of(view: Callable[..., Any]) -> tuple[Loader, ...]:
    """The loaders a view function declares (through any decorators that keep `__dict__`)."""
    return tuple(view.__dict__.get("__loaders__", ()))
