"""Writing the audit log: explicit events, and automatic change capture on flush."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask import g, has_request_context, request
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from heltidnett.audit.models import AuditEvent
from heltidnett.db import DbSession, utcnow

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer


class AuthAction(enum.StrEnum):
    """Authentication events that are always logged."""

    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    PASSWORD_SET = "password_set"
    ACCESS_DENIED = "access_denied"
    TOKEN_CREATED = "token_created"
    TOKEN_REVOKED = "token_revoked"


def _jsonable(value: Any) -> Any:
    """A value as JSON can hold it, for the change summary."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, str | int | float | bool) or value is None:
        if isinstance(value, str) and len(value) > 500:
            return value[:500] + "…"
        return value
    return str(value)


def _actor() -> tuple[int | None, str, str]:
    """The acting user's id and label, and the client address, where known."""
    user = None
    if has_request_context():
        # The user Flask-Login has already loaded; never load it from here (a flush
        # during loading would recurse).
        loaded = g.get("_login_user")
        user = loaded if getattr(loaded, "is_authenticated", False) else None
    ip = request.remote_addr or "" if has_request_context() else ""
    if user is not None:
        return user.id, user.email, ip
    return None, "" if has_request_context() else "system", ip


def record(
    session: DbSession,
    action: str,
    *,
    user: Viewer = None,
    actor: str | None = None,
    object_type: str = "",
    object_id: Any = "",
    summary: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an explicit audit event (authentication and other non-CRUD events)."""
    user_id, label, ip = _actor()
    if user is not None:
        user_id, label = user.id, user.email
    entry = AuditEvent(
        action=action,
        user_id=user_id,
        actor=actor if actor is not None else label,
        object_type=object_type,
        object_id=str(object_id or ""),
        summary={k: _jsonable(v) for k, v in (summary or {}).items()},
        ip=ip,
    )
    session.add(entry)
    return entry


PAGE_SIZE = 50


def events_query(
    *,
    action: str | None = None,
    object_type: str | None = None,
    actor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> sa.Select[AuditEvent]:
    """The log's events, newest first, filtered by what is given (dates inclusive, local)."""
    query = sa.select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    if action:
        query = query.where(AuditEvent.action == action)
    if object_type:
        query = query.where(AuditEvent.object_type == object_type)
    if actor:
        query = query.where(AuditEvent.actor.ilike(f"%{actor.strip()}%"))
    if since:
        query = query.where(
            AuditEvent.created_at >= dt.datetime.combine(since, dt.time.min).astimezone()
        )
    if until:
        query = query.where(
            AuditEvent.created_at <= dt.datetime.combine(until, dt.time.max).astimezone()
        )
    return query


def event_page(session: DbSession, query: sa.Select[AuditEvent]) -> SelectPagination:
    """One page of events (the `page` of the request's query string; past the end, empty)."""
    return SelectPagination(
        select=query, session=session, per_page=PAGE_SIZE, max_per_page=None, error_out=False
    )


def _audited(obj: Any) -> bool:
    return bool(getattr(obj, "__audited__", False))


def _changes(obj: Any, *, new: bool) -> dict[str, Any]:
    """Column changes of an object: {name: [old, new]} (new objects: {name: value})."""
    state = inspect(obj)
    exclude: frozenset[str] = getattr(obj, "__audit_exclude__", frozenset())
    result: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in exclude or key in {"created_at", "updated_at"}:
            continue
        hist = state.attrs[key].history
        if new:
            value = getattr(obj, key)
            if value is not None:
                result[key] = _jsonable(value)
        elif hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            result[key] = [_jsonable(old), _jsonable(hist.added[0] if hist.added else None)]
    for key in exclude:
        if not new and key in state.mapper.column_attrs and state.attrs[key].history.has_changes():
            result[key] = "changed"
    return result


@event.listens_for(Session, "before_flush")
def _collect(session: DbSession, flush_context: Any, instances: Any) -> None:
    """Note updates and deletes before the flush (history is gone after it)."""
    pending = session.info.setdefault("audit_pending", [])
    for obj in session.dirty:
        if _audited(obj) and session.is_modified(obj, include_collections=False):
            changes = _changes(obj, new=False)
            if changes:
                pending.append(("update", obj, changes))
    for obj in session.deleted:
        if _audited(obj):
            pending.append(("delete", obj, {"label": _jsonable(_label(obj))}))
    session.info["audit_new"] = [o for o in session.new if _audited(o)]


def _label(obj: Any) -> Any:
    return getattr(obj, "name", None) or getattr(obj, "title", None) or getattr(obj, "email", None)


@event.listens_for(Session, "after_flush")
def _write(session: DbSession, flush_context: Any) -> None:
    """Write the collected changes in the same transaction as the change itself."""
    rows = []
    user_id, label, ip = _actor()
    for obj in session.info.pop("audit_new", []):
        rows.append(("create", obj, _changes(obj, new=True)))
    rows.extend(session.info.pop("audit_pending", []))
    if not rows:
        return
    now = utcnow()
    values = []
    for action, obj, summary in rows:
        ident = inspect(obj).mapper.primary_key_from_instance(obj)
        values.append(
            {
                "created_at": now,
                "user_id": user_id,
                "actor": label,
                "action": action,
                "object_type": obj.__tablename__,
                "object_id": ",".join(str(i) for i in ident if i is not None),
                "summary": summary,
                "ip": ip,
            }
        )
    session.connection().execute(sa.insert(AuditEvent), values)


@event.listens_for(Session, "after_rollback")
def _forget(session: DbSession) -> None:
    session.info.pop("audit_pending", None)
    session.info.pop("audit_new", None)
