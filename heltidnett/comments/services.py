"""Threads, answers, resolving, review marks, and the queries the pages and the API need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from heltidnett.auth import access
from heltidnett.comments import permissions
from heltidnett.comments.models import (
    Comment,
    CommentThread,
    MatrixRow,
    ReviewAssessment,
    ReviewMark,
    SubjectKind,
)
from heltidnett.core.errors import ServiceError
from heltidnett.db import DbSession, utcnow

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User

MAX_BODY = 5000


@dataclass(frozen=True, slots=True)
class Subject:
    """What a thread is about: the record, its kind, and the network and municipality."""

    kind: SubjectKind
    record: Any
    network_id: int
    municipality_id: int | None


def commitment_subject(commitment: Any) -> Subject:
    return Subject(
        SubjectKind.COMMITMENT, commitment, commitment.network_id, commitment.municipality_id
    )


def goal_subject(user: Viewer, record: Any, kind: SubjectKind = SubjectKind.GOAL) -> Subject | None:
    """A goal (or an action, through its goal) in the first network of its municipality where
    the user follows it; None when there is none."""
    goal = record.goal if kind == SubjectKind.ACTION else record
    municipality_id = goal.municipality_id
    for network_id in sorted(access.municipality_network_ids(municipality_id)):
        if permissions.can_follow(user, network_id, municipality_id):
            return Subject(kind, record, network_id, municipality_id)
    return None


def row_subject(row: MatrixRow) -> Subject:
    return Subject(SubjectKind.MATRIX_ROW, row.municipality, row.network.id, row.municipality.id)


def may_discuss(subject: Subject | None, user: Viewer) -> bool:
    """Whether the user reads the record and follows its municipality's threads."""
    if subject is None:
        return False
    visible = subject.kind == SubjectKind.MATRIX_ROW or subject.record.can_view(user)
    return visible and permissions.can_follow(user, subject.network_id, subject.municipality_id)


def _body(body: str | None) -> str:
    text = (body or "").strip()
    if not text:
        raise ServiceError(_("Skriv kommentaren."))
    if len(text) > MAX_BODY:
        raise ServiceError(_("Kommentaren kan være på høyst %(n)s tegn.", n=MAX_BODY))
    return text


def start_thread(session: DbSession, actor: User, subject: Subject, body: str) -> CommentThread:
    """A new thread on the subject, with its first comment."""
    text = _body(body)
    thread = CommentThread(
        network_id=subject.network_id,
        municipality_id=subject.municipality_id,
        subject_kind=subject.kind,
        subject_id=subject.record.id,
    )
    session.add(thread)
    session.flush()
    _add(session, actor, thread, text)
    return thread


def answer(session: DbSession, actor: User, thread: CommentThread, body: str) -> Comment:
    """An answer in the thread; a resolved thread is reopened first."""
    text = _body(body)
    if thread.is_resolved:
        raise ServiceError(_("Tråden er løst. Gjenåpne den for å svare."))
    return _add(session, actor, thread, text)


def _add(session: DbSession, actor: User, thread: CommentThread, text: str) -> Comment:
    comment = Comment(
        thread=thread,
        author_id=actor.id,
        author_role=permissions.role_of(actor, thread.network_id, thread.municipality_id),
        body=text,
    )
    session.add(comment)
    session.flush()
    return comment


def resolve(session: DbSession, actor: User, thread: CommentThread) -> None:
    if thread.is_resolved:
        raise ServiceError(_("Tråden er allerede løst."))
    thread.resolved_at = utcnow()
    thread.resolved_by_id = actor.id
    session.flush()


def reopen(session: DbSession, actor: User, thread: CommentThread) -> None:
    if not thread.is_resolved:
        raise ServiceError(_("Tråden er ikke løst."))
    thread.resolved_at = None
    thread.resolved_by_id = None
    session.flush()


def threads_query(subject: Subject) -> sa.Select[Any]:
    """The threads on one record (a matrix row: in its network), open ones first, with their
    comments and writers."""
    where = [
        CommentThread.subject_kind == subject.kind,
        CommentThread.subject_id == subject.record.id,
    ]
    if subject.kind == SubjectKind.MATRIX_ROW:
        where.append(CommentThread.network_id == subject.network_id)
    return (
        sa.select(CommentThread)
        .where(*where)
        .options(
            selectinload(CommentThread.comments).joinedload(Comment.author),
            selectinload(CommentThread.resolved_by),
        )
        .order_by(CommentThread.resolved_at.is_not(None), CommentThread.id.desc())
    )


def subject_threads(session: DbSession, subject: Subject) -> list[CommentThread]:
    return list(session.scalars(threads_query(subject)).unique())


def comments_query(thread: CommentThread) -> sa.Select[Any]:
    return (
        sa.select(Comment)
        .where(Comment.thread_id == thread.id)
        .options(selectinload(Comment.author))
        .order_by(Comment.id)
    )


def thread_subject(session: DbSession, thread: CommentThread) -> Any:
    """The record a thread is about."""
    from heltidnett.commitments.models import Commitment
    from heltidnett.goals.models import Action, Goal
    from heltidnett.municipalities.models import Municipality

    model: Any = {
        SubjectKind.COMMITMENT: Commitment,
        SubjectKind.GOAL: Goal,
        SubjectKind.ACTION: Action,
        SubjectKind.MATRIX_ROW: Municipality,
    }[thread.subject_kind]
    return session.get(model, thread.subject_id)


def may_read_thread(thread: CommentThread, user: Viewer) -> bool:
    """The thread's municipality is followed by the user and its record is visible to them."""
    from heltidnett.extensions import db

    if not thread.can_view(user):
        return False
    if thread.subject_kind == SubjectKind.MATRIX_ROW:
        return True
    record = thread_subject(db.session, thread)
    return record is not None and bool(record.can_view(user))


# ---- review marks ---------------------------------------------------------------------------


def add_mark(
    session: DbSession, actor: User, row: MatrixRow, period: str, assessment: str, reason: str
) -> ReviewMark:
    """Mark the municipality's status for a period as reviewed."""
    if not permissions.can_mark(actor, row.network.id, row.municipality.id):
        raise ServiceError(_("Bare styringsgruppen kan merke status som gjennomgått."))
    period = (period or "").strip()
    if not period:
        raise ServiceError(_("Skriv hvilken periode gjennomgangen gjelder."))
    if len(period) > 60:
        raise ServiceError(_("Perioden kan være på høyst 60 tegn."))
    try:
        value = ReviewAssessment(assessment)
    except ValueError:
        raise ServiceError(_("Velg en vurdering.")) from None
    reason = (reason or "").strip()
    if value != ReviewAssessment.ON_TRACK and not reason:
        raise ServiceError(_("Skriv hvorfor, når kommunen ikke er i rute."))
    if len(reason) > MAX_BODY:
        raise ServiceError(_("Begrunnelsen kan være på høyst %(n)s tegn.", n=MAX_BODY))
    mark = ReviewMark(
        network_id=row.network.id,
        municipality_id=row.municipality.id,
        period=period,
        assessment=value,
        reason=reason,
        author_id=actor.id,
    )
    session.add(mark)
    session.flush()
    return mark


def marks_query(network_id: int, municipality_id: int) -> sa.Select[Any]:
    """A municipality's marks in a network, newest first, with their writers."""
    return (
        sa.select(ReviewMark)
        .where(ReviewMark.network_id == network_id, ReviewMark.municipality_id == municipality_id)
        .options(selectinload(ReviewMark.author))
        .order_by(ReviewMark.created_at.desc(), ReviewMark.id.desc())
    )


def latest_marks(session: DbSession, network_id: int) -> dict[int, ReviewMark]:
    """The newest mark of each municipality of the network (one query)."""
    newest = (
        sa.select(sa.func.max(ReviewMark.id))
        .where(ReviewMark.network_id == network_id)
        .group_by(ReviewMark.municipality_id)
    )
    marks = session.scalars(sa.select(ReviewMark).where(ReviewMark.id.in_(newest)))
    return {m.municipality_id: m for m in marks}


def find_row(session: DbSession, network_id: int, municipality_id: int) -> MatrixRow | None:
    """A municipality's row of a network's matrix, if it takes part in the network."""
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks.models import Network, Participation

    found = session.execute(
        sa.select(Network, Municipality)
        .join(Participation, Participation.network_id == Network.id)
        .join(Municipality, Municipality.id == Participation.municipality_id)
        .where(Network.id == network_id, Municipality.id == municipality_id)
    ).first()
    return MatrixRow(found[0], found[1]) if found else None
