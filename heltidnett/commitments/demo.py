"""Demo commitments of Heltid i nord from the seeds (Bodø, March 2018), with follow-ups; and the
living network's from its first gathering, some followed up at the coordinators' meeting ten
days ago and the rest open for the coming gathering.

The commitments are the seed's "most important thing we take hold of at home" per
municipality; owners are roles, not people. One is left open to show the loop.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import sqlalchemy as sa

from heltidnett.commitments.models import (
    AssessmentItem,
    Commitment,
    CommitmentStatus,
    FacilitatorMilestone,
    MilestoneTick,
    Quadrant,
)
from heltidnett.db import DbSession
from heltidnett.demo import NORTH, DemoContext
from heltidnett.gatherings.demo import living_gathering
from heltidnett.gatherings.models import Gathering, GatheringKind
from heltidnett.networks.models import Network
from heltidnett.stories.demo import demo_gatherings

FOLLOWED_UP = datetime(2018, 9, 3, 10, 30, tzinfo=UTC)

# municipality (None: the network), text, owner, status at samling 3, comment
COMMITMENTS: list[tuple[str | None, str, str, CommitmentStatus, str]] = [
    (
        None,
        "Hver kommune tar med seg sin lokale heltidserklæring, vedtatt eller på vei til vedtak, "
        "til samlingen i Oslo.",
        "Prosessveileder",
        CommitmentStatus.PARTLY,
        "Tre av fire kommuner hadde erklæringen med; Alta la fram et utkast.",
    ),
    (
        "Vestvågøy",
        "Forankre arbeidet i alle retninger og få en tydelig bestilling over hva vi skal gjøre.",
        "Prosjektleder",
        CommitmentStatus.DONE,
        "Bestillingen er vedtatt i rådmannens ledergruppe.",
    ),
    (
        "Vestvågøy",
        "Jobbe mer med pilotavdelingene og finne ressurspersonene som brenner for dette.",
        "Enhetsledere i pilotavdelingene",
        CommitmentStatus.PARTLY,
        "Ressurspersoner er utpekt i to av tre piloter.",
    ),
    (
        "Rana",
        "Få heltidserklæringen godkjent i ledergruppen for helse og omsorg.",
        "Kommunalsjef helse og omsorg",
        CommitmentStatus.DONE,
        "Godkjent i ledergruppen i april.",
    ),
    (
        "Rana",
        "Søke etter de gode arbeidstidsordningene sammen med pilotene.",
        "Prosjektgruppen",
        CommitmentStatus.PARTLY,
        "To ordninger er prøvd ut; evalueringen kommer i høst.",
    ),
    (
        "Hemnes",
        "Forankre ute i organisasjonen og lage en plakat om at «dette gjelder også meg».",
        "Koordinator og hovedtillitsvalgt",
        CommitmentStatus.DONE,
        "Plakaten henger i alle avdelinger.",
    ),
    (
        "Hemnes",
        "Bedre kartleggingen av planlagt og faktisk bemanning.",
        "HR-rådgiver",
        CommitmentStatus.NOT_DONE,
        "Utsatt til turnusperioden etter sommeren.",
    ),
    (
        "Alta",
        "Få heltidserklæringen på plass.",
        "Kommunalsjef",
        CommitmentStatus.PARTLY,
        "Utkastet er på høring hos tillitsvalgte.",
    ),
    (
        "Alta",
        "Rydde roller i ressursgruppene og holde kick-off med status og funnene.",
        "Koordinator",
        CommitmentStatus.OPEN,
        "",
    ),
]

CROSS = {
    Quadrant.ACHIEVED: ["Forankring i administrativ og politisk ledelse", "Nye turnusordninger"],
    Quadrant.WHY: ["Felles mål for alle parter"],
    Quadrant.TAKE_HOLD: ["Forankre ute i organisasjonen", "Informasjon til alle ansatte"],
    Quadrant.HOW: ["Plakat om at dette gjelder også meg", "Kreative prosesser i avdelingene"],
}


def _add_commitments(
    session: DbSession,
    ctx: DemoContext,
    network: Network,
    rows: list[tuple[str | None, str, str, CommitmentStatus, str]],
    made_at: Gathering,
    followed_at: Gathering,
    followed_up_at: datetime,
    due_on: date,
) -> None:
    """The commitments made at a gathering, those not open followed up at another (once)."""
    for mname, text, owner, status, comment in rows:
        exists = session.scalar(
            sa.select(Commitment.id).where(
                Commitment.gathering_id == made_at.id, Commitment.text == text
            )
        )
        if exists is not None:
            continue
        followed = status != CommitmentStatus.OPEN
        session.add(
            Commitment(
                network_id=network.id,
                gathering_id=made_at.id,
                municipality_id=ctx.municipalities[mname].id if mname else None,
                text=text,
                owner=owner,
                due_on=due_on,
                status=status,
                follow_up_comment=comment,
                followed_up_at=followed_up_at if followed else None,
                followed_up_gathering_id=followed_at.id if followed else None,
                followed_up_by_id=ctx.users["veileder"].id if followed else None,
            )
        )


def load(session: DbSession, ctx: DemoContext) -> None:
    """The seed's commitments from Bodø followed up in Oslo, a cross and one milestone."""
    gatherings = demo_gatherings(session, ctx)
    network = ctx.networks[NORTH]
    made_at, followed_at = gatherings[(NORTH, 3)], gatherings[(NORTH, 4)]
    _add_commitments(
        session, ctx, network, COMMITMENTS, made_at, followed_at, FOLLOWED_UP, followed_at.starts_on
    )
    hemnes = ctx.municipalities["Hemnes"]
    has_cross = session.scalar(
        sa.select(AssessmentItem.id).where(
            AssessmentItem.gathering_id == made_at.id,
            AssessmentItem.municipality_id == hemnes.id,
        )
    )
    if has_cross is None:
        for quadrant, items in CROSS.items():
            for rank, text in enumerate(items, start=1):
                session.add(
                    AssessmentItem(
                        gathering_id=made_at.id,
                        municipality_id=hemnes.id,
                        quadrant=quadrant,
                        rank=rank,
                        text=text,
                    )
                )
    title = "Forankring i egen kommune"
    milestone = session.scalar(
        sa.select(FacilitatorMilestone).where(
            FacilitatorMilestone.network_id == network.id, FacilitatorMilestone.title == title
        )
    )
    if milestone is None:
        milestone = FacilitatorMilestone(
            network_id=network.id,
            title=title,
            description="Arbeidet er forankret i ledelsen, hos tillitsvalgte og politisk.",
            position=1,
        )
        session.add(milestone)
        session.flush()
    for mname in ("Alta", "Hemnes", "Rana", "Vestvågøy"):
        municipality_id = ctx.municipalities[mname].id
        tick = session.scalar(
            sa.select(MilestoneTick.id).where(
                MilestoneTick.milestone_id == milestone.id,
                MilestoneTick.municipality_id == municipality_id,
            )
        )
        if tick is None:
            session.add(
                MilestoneTick(
                    milestone_id=milestone.id,
                    municipality_id=municipality_id,
                    reached_on=date(2018, 3, 6),
                    comment="Meldt på samlingen i Bodø.",
                )
            )
    session.flush()
    load_living(session, ctx)


# ---- the living network ----------------------------------------------------------------

# made at samling 1: municipality (None: the network), text, owner, status at the
# coordinators' meeting (open: still to follow up), comment
LIVING_COMMITMENTS: list[tuple[str | None, str, str, CommitmentStatus, str]] = [
    (
        None,
        "Hver kommune tar med tallene for stillingsstørrelser og innleie i pilotenheten til "
        "samling 2, så vi kan sammenligne.",
        "Prosessveileder",
        CommitmentStatus.OPEN,
        "",
    ),
    (
        "Bodø",
        "Lage ny bemanningsplan og stillingsinstrukser for de to sykehjemmene.",
        "Virksomhetsleder",
        CommitmentStatus.PARTLY,
        "Bemanningsplanen er klar; stillingsinstruksene er på høring hos de tillitsvalgte.",
    ),
    (
        "Bodø",
        "Ta heltidserklæringen opp på personalmøtene i alle enheter.",
        "Koordinator",
        CommitmentStatus.DONE,
        "Gjort i alle enheter i helse og omsorg.",
    ),
    (
        "Alstahaug",
        "Definere sykepleieroppgavene sammen med sykepleierne på sykehjemmet.",
        "Avdelingssykepleier",
        CommitmentStatus.OPEN,
        "",
    ),
    (
        "Salangen",
        "Forankre heltidsarbeidet i kommunestyret.",
        "Kommunalsjef",
        CommitmentStatus.NOT_DONE,
        "Saken er utsatt til neste møte i kommunestyret.",
    ),
    (
        "Hammerfest",
        "Prøve to langvakter i helg i stedet for tre.",
        "Turnusansvarlig i HR",
        CommitmentStatus.DONE,
        "Den nye turnusen er i gang.",
    ),
    (
        "Vadsø",
        "Sende heltidserklæringen på høring hos de tillitsvalgte.",
        "Koordinator",
        CommitmentStatus.DONE,
        "Erklæringen er på høring.",
    ),
    (
        "Vadsø",
        "Evaluere flat bemanning sammen med de ansatte og de pårørende.",
        "Enhetsleder",
        CommitmentStatus.OPEN,
        "",
    ),
]

LIVING_CROSS = {
    Quadrant.ACHIEVED: ["Piloter ved to sykehjem", "Heltidserklæringen er vedtatt"],
    Quadrant.WHY: ["Tillitsvalgte med fra første møte"],
    Quadrant.TAKE_HOLD: ["Stillingsinstrukser for ny oppgavedeling", "Assistenter på dagtid"],
    Quadrant.HOW: ["Arbeidsgruppe per sykehjem", "Døgnrytmeplan for hver vakt"],
}

# milestone title, description, municipalities that reached it: days from today
LIVING_MILESTONES: list[tuple[str, str, dict[str, int]]] = [
    (
        "Pilotenhet valgt og forankret",
        "Pilotenheten er valgt, og ledelse, tillitsvalgte og verneombud er med.",
        {"Bodø": -42, "Alstahaug": -42, "Hammerfest": -42, "Vadsø": -42},
    ),
    (
        "Ny turnus prøvd i pilotenheten",
        "Pilotenheten har gått minst én turnusperiode med den nye arbeidstidsordningen.",
        {"Bodø": -20},
    ),
]


def load_living(session: DbSession, ctx: DemoContext) -> None:
    """Samling 1's commitments with their follow-up, a cross and the network's milestones."""
    network = ctx.living_network
    made_at = living_gathering(session, ctx, 1)
    met = living_gathering(session, ctx, 1, GatheringKind.COORDINATOR)
    coming = living_gathering(session, ctx, 2)
    if ctx.moved:
        milestones = list(
            session.scalars(
                sa.select(FacilitatorMilestone).where(FacilitatorMilestone.network_id == network.id)
            )
        )
        ctx.move(session.scalars(sa.select(Commitment).where(Commitment.network_id == network.id)))
        ctx.move(tick for milestone in milestones for tick in milestone.ticks)
        session.flush()
    followed_up_at = datetime.combine(met.starts_on, time(10, 30), tzinfo=UTC)
    _add_commitments(
        session, ctx, network, LIVING_COMMITMENTS, made_at, met, followed_up_at, coming.starts_on
    )
    bodo = ctx.municipalities["Bodø"]
    has_cross = session.scalar(
        sa.select(AssessmentItem.id).where(
            AssessmentItem.gathering_id == made_at.id, AssessmentItem.municipality_id == bodo.id
        )
    )
    if has_cross is None:
        for quadrant, items in LIVING_CROSS.items():
            for rank, text in enumerate(items, start=1):
                session.add(
                    AssessmentItem(
                        gathering_id=made_at.id,
                        municipality_id=bodo.id,
                        quadrant=quadrant,
                        rank=rank,
                        text=text,
                    )
                )
    for position, (title, description, reached) in enumerate(LIVING_MILESTONES, start=1):
        milestone = session.scalar(
            sa.select(FacilitatorMilestone).where(
                FacilitatorMilestone.network_id == network.id, FacilitatorMilestone.title == title
            )
        )
        if milestone is None:
            milestone = FacilitatorMilestone(
                network_id=network.id, title=title, description=description, position=position
            )
            session.add(milestone)
            session.flush()
        for mname, days in reached.items():
            municipality_id = ctx.municipalities[mname].id
            tick = session.scalar(
                sa.select(MilestoneTick.id).where(
                    MilestoneTick.milestone_id == milestone.id,
                    MilestoneTick.municipality_id == municipality_id,
                )
            )
            if tick is None:
                session.add(
                    MilestoneTick(
                        milestone_id=milestone.id,
                        municipality_id=municipality_id,
                        reached_on=ctx.workday(days),
                    )
                )
    session.flush()
