"""Demo steering meetings: Alta's own steering group in Heltid i nord met twice in 2018; one
decision of the first meeting was done by the second, the other carried on to it.

People are invented (free names in the minutes, not users).
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from heltidnett.commitments.models import Commitment, FacilitatorMilestone
from heltidnett.db import DbSession
from heltidnett.declarations.models import Declaration, DeclarationVersion
from heltidnett.demo import NORTH, DemoContext
from heltidnett.meetings.models import (
    Attendee,
    AttendeeRole,
    Decision,
    DecisionStatus,
    ItemKind,
    Meeting,
    ReviewedItem,
)

FIRST = date(2018, 1, 16)
SECOND = date(2018, 4, 17)

ATTENDEES = [
    ("Kari Nordvik", AttendeeRole.LEADER),
    ("Per Isaksen", AttendeeRole.UNION),
    ("Sunniva Mathisen", AttendeeRole.UNION),
    ("Odd Henriksen", AttendeeRole.SAFETY),
    ("Line Berg", AttendeeRole.COORDINATOR),
]


def load(session: DbSession, ctx: DemoContext) -> None:
    """Alta's two meetings with their attendees, reviewed items and decisions (once)."""
    network = ctx.networks.get(NORTH)
    alta = ctx.municipalities.get("Alta")
    if network is None or alta is None:
        return
    first = _meeting(
        session,
        network.id,
        alta.id,
        FIRST,
        notes="Styringsgruppen gikk gjennom status etter samlingen i Bodø og utkastet til "
        "heltidserklæring.\n\n- Pilotenhetene er Elvebakken sykehjem og hjemmetjenesten sone "
        "sentrum.\n- Tillitsvalgte ønsker å være med på kartleggingen.",
        next_points="- Status for kartleggingen av ønsket stillingsstørrelse.\n"
        "- Heltidserklæringen etter politisk behandling.",
    )
    second = _meeting(
        session,
        network.id,
        alta.id,
        SECOND,
        notes="Heltidserklæringen er vedtatt. Kartleggingen er i gang i én av to pilotenheter.",
        next_points="- Resultat av kartleggingen, med forslag til turnus.",
    )
    if first.decisions:
        return
    for meeting in (first, second):
        for name, role in ATTENDEES:
            meeting.attendees.append(Attendee(name=name, role=role))
    declared = Decision(
        text="Utkastet til heltidserklæring legges fram for kommunestyret i mars.",
        owner="Kommunalsjef helse og omsorg",
        due_on=date(2018, 3, 31),
        status=DecisionStatus.DONE,
        done_on=SECOND,
        comment="Vedtatt i kommunestyret 22. mars.",
    )
    mapping = Decision(
        text="Kartlegge ønsket stillingsstørrelse blant alle deltidsansatte i pilotenhetene.",
        owner="HR-rådgiver",
        due_on=date(2018, 6, 1),
        status=DecisionStatus.OPEN,
    )
    first.decisions.extend([declared, mapping])
    second.decisions.append(
        Decision(
            text="Tillitsvalgte og verneombud deltar i arbeidsgruppen for ny turnus.",
            owner="Enhetsleder Elvebakken sykehjem",
            due_on=date(2018, 9, 1),
            status=DecisionStatus.OPEN,
        )
    )
    _items(session, first, network.id, alta.id)
    session.flush()


def _meeting(
    session: DbSession, network_id: int, municipality_id: int, held_on: date, **texts: str
) -> Meeting:
    found = session.scalar(
        sa.select(Meeting).where(
            Meeting.network_id == network_id,
            Meeting.municipality_id == municipality_id,
            Meeting.held_on == held_on,
        )
    )
    if found is None:
        found = Meeting(
            network_id=network_id,
            municipality_id=municipality_id,
            held_on=held_on,
            place="Alta rådhus",
            **texts,
        )
        session.add(found)
        session.flush()
    return found


def _items(session: DbSession, meeting: Meeting, network_id: int, municipality_id: int) -> None:
    """Alta's first commitment, its first declaration version and the network's first milestone."""
    commitment = session.scalar(
        sa.select(Commitment.id)
        .where(Commitment.network_id == network_id, Commitment.municipality_id == municipality_id)
        .order_by(Commitment.id)
        .limit(1)
    )
    version = session.scalar(
        sa.select(DeclarationVersion.id)
        .join(Declaration)
        .where(Declaration.municipality_id == municipality_id)
        .order_by(DeclarationVersion.number)
        .limit(1)
    )
    milestone = session.scalar(
        sa.select(FacilitatorMilestone.id)
        .where(FacilitatorMilestone.network_id == network_id)
        .order_by(FacilitatorMilestone.position, FacilitatorMilestone.id)
        .limit(1)
    )
    for kind, target in (
        (ItemKind.COMMITMENT, commitment),
        (ItemKind.DECLARATION_VERSION, version),
        (ItemKind.MILESTONE, milestone),
    ):
        if target is not None:
            meeting.items.append(ReviewedItem(kind=kind, target_id=target))
