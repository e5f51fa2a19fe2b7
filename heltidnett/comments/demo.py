"""Demo threads and review marks in Heltid i nord: Alta's steering group asks about a
commitment, Alta's coordinator answers, and the thread is resolved; two review marks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from heltidnett.comments.models import (
    Comment,
    CommentThread,
    ReviewAssessment,
    ReviewMark,
    SubjectKind,
)
from heltidnett.commitments.models import Commitment
from heltidnett.db import DbSession
from heltidnett.demo import NORTH, DemoContext

QUESTION = (
    "Styringsgruppen lurer på hvordan vedtaket følges opp i budsjettet for neste år. "
    "Er det satt av midler til flere hele stillinger?"
)
ANSWER = (
    "Ja: kommunestyret satte av midler til fire nye hele stillinger i hjemmetjenesten. "
    "Vi legger fram status på neste møte."
)
MARKED = datetime(2018, 9, 14, 12, 0, tzinfo=UTC)
MARKS = [
    (
        "Alta",
        "Høsten 2018",
        ReviewAssessment.ON_TRACK,
        "Erklæringen er vedtatt og fulgt opp i budsjettet.",
    ),
    (
        "Rana",
        "Høsten 2018",
        ReviewAssessment.NEEDS_ATTENTION,
        "Kartleggingen er forsinket; styringsgruppen ber om ny plan til neste samling.",
    ),
]


def load(session: DbSession, ctx: DemoContext) -> None:
    """The resolved thread on Alta's first commitment and the marks (found again when there)."""
    network = ctx.networks.get(NORTH)
    alta = ctx.municipalities.get("Alta")
    steering = ctx.users.get("styring.alta")
    coordinator = ctx.users.get("koordinator.alta")
    if network is None or alta is None or steering is None or coordinator is None:
        return
    commitment = session.scalar(
        sa.select(Commitment)
        .where(Commitment.network_id == network.id, Commitment.municipality_id == alta.id)
        .order_by(Commitment.id)
        .limit(1)
    )
    if commitment is not None:
        _thread(session, network.id, alta.id, commitment.id, steering.id, coordinator.id)
    for name, period, assessment, reason in MARKS:
        municipality = ctx.municipalities.get(name)
        if municipality is None:
            continue
        exists = session.scalar(
            sa.select(ReviewMark.id).where(
                ReviewMark.network_id == network.id,
                ReviewMark.municipality_id == municipality.id,
                ReviewMark.period == period,
            )
        )
        if exists is None:
            session.add(
                ReviewMark(
                    network_id=network.id,
                    municipality_id=municipality.id,
                    period=period,
                    assessment=assessment,
                    reason=reason,
                    author_id=steering.id,
                    created_at=MARKED,
                )
            )
    session.flush()


def _thread(
    session: DbSession,
    network_id: int,
    municipality_id: int,
    commitment_id: int,
    steering_id: int,
    coordinator_id: int,
) -> None:
    exists = session.scalar(
        sa.select(CommentThread.id).where(
            CommentThread.subject_kind == SubjectKind.COMMITMENT,
            CommentThread.subject_id == commitment_id,
        )
    )
    if exists is not None:
        return
    asked = datetime(2018, 9, 10, 9, 15, tzinfo=UTC)
    thread = CommentThread(
        network_id=network_id,
        municipality_id=municipality_id,
        subject_kind=SubjectKind.COMMITMENT,
        subject_id=commitment_id,
        resolved_at=asked + timedelta(days=2),
        resolved_by_id=steering_id,
    )
    session.add(thread)
    session.flush()
    session.add_all(
        [
            Comment(
                thread_id=thread.id,
                author_id=steering_id,
                author_role="steering",
                body=QUESTION,
                created_at=asked,
            ),
            Comment(
                thread_id=thread.id,
                author_id=coordinator_id,
                author_role="coordinator",
                body=ANSWER,
                created_at=asked + timedelta(days=1),
            ),
        ]
    )
