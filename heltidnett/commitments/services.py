"""The rules of commitments, their follow-up, vurderingskrysset and the steering matrix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from heltidnett.commitments.models import (
    Assessment,
    AssessmentItem,
    Commitment,
    CommitmentStatus,
    FacilitatorMilestone,
    MilestoneReach,
    MilestoneTick,
    Quadrant,
)
from heltidnett.commitments.permissions import can_view_matrix
from heltidnett.core.errors import ServiceError
from heltidnett.db import DbSession, utcnow
from heltidnett.gatherings.models import Gathering, GatheringKind
from heltidnett.gatherings.services import visible_gatherings
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Network
from heltidnett.networks.services import network_municipalities_query
from heltidnett.stories.permissions import can_write_for

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User


MAX_PER_MUNICIPALITY = 3


def _taking_part(session: DbSession, network_id: int, municipality_id: int) -> Municipality | None:
    """The municipality, if it takes part in the network."""
    query = network_municipalities_query(network_id).where(Municipality.id == municipality_id)
    return session.scalar(query)


def find_assessment(
    session: DbSession, gathering_id: int, municipality_id: int
) -> Assessment | None:
    """A municipality's vurderingskryss at a gathering, if it takes part in its network."""
    gathering = session.get(Gathering, gathering_id)
    if gathering is None:
        return None
    municipality = _taking_part(session, gathering.network_id, municipality_id)
    return Assessment(gathering, municipality) if municipality is not None else None


def find_milestone_reach(
    session: DbSession, milestone_id: int, municipality_id: int
) -> MilestoneReach | None:
    """A municipality's tick of a facilitator's milestone, if it takes part in its network."""
    milestone = session.get(FacilitatorMilestone, milestone_id)
    if milestone is None:
        return None
    municipality = _taking_part(session, milestone.network_id, municipality_id)
    return MilestoneReach(milestone, municipality) if municipality is not None else None


def visible_gathering(session: DbSession, user: Viewer, gathering_id: int) -> Gathering | None:
    """A gathering a commitment is followed up at: None when missing or not the user's to see."""
    gathering = session.get(Gathering, gathering_id)
    return gathering if gathering is not None and gathering.can_view(user) else None


def next_gathering(
    session: DbSession, gathering: Gathering, user: Viewer = None
) -> Gathering | None:
    """The next network gathering of the same network, by number (then date).

    With `user`: None when that user may not see it yet (a planned gathering's title is the
    facilitators' until it is published).
    """
    upcoming = _next_gathering(session, gathering)
    if user is not None and upcoming is not None and not upcoming.can_view(user):
        return None
    return upcoming


def _next_gathering(session: DbSession, gathering: Gathering) -> Gathering | None:
    later = (
        Gathering.number > gathering.number
        if gathering.kind == GatheringKind.NETWORK
        else Gathering.starts_on > gathering.starts_on
    )
    return session.scalar(
        sa.select(Gathering)
        .where(
            Gathering.network_id == gathering.network_id,
            Gathering.kind == GatheringKind.NETWORK,
            Gathering.id != gathering.id,
            later,
        )
        .order_by(Gathering.number, Gathering.starts_on)
        .limit(1)
    )


def gathering_choices(session: DbSession, network: Network, user: Viewer) -> list[Gathering]:
    """The gatherings a commitment of the network may be given at: those the user sees, by date."""
    return visible_gatherings(session, network.id, user)


def default_gathering(gatherings: Sequence[Gathering], today: date) -> Gathering | None:
    """The gathering a new commitment most likely belongs to: the latest network gathering
    that has begun, else the next one (`gatherings` in date order). Commitments are given at
    the network's gatherings; a coordinators' meeting is chosen only when there is none."""
    candidates = [g for g in gatherings if g.kind == GatheringKind.NETWORK] or list(gatherings)
    begun = [g for g in candidates if g.starts_on <= today]
    if begun:
        return begun[-1]
    return candidates[0] if candidates else None


def gathering_of_network(
    session: DbSession, actor: User, network: Network, gathering_id: int | None
) -> Gathering:
    """The gathering a commitment is given at, chosen in a form on the network's pages: one of
    the network's that the writer may see (a planned one's existence stays hidden)."""
    gathering = session.get(Gathering, gathering_id) if gathering_id else None
    if gathering is None or gathering.network_id != network.id or not gathering.can_view(actor):
        raise UnknownGathering(_("Velg samlingen forpliktelsen ble gitt på."), field="gathering")
    return gathering


def default_due_on(session: DbSession, gathering: Gathering) -> date | None:
    """By default a commitment is due at the next gathering."""
    upcoming = next_gathering(session, gathering)
    return upcoming.starts_on if upcoming else None


def _clean_text(text: str, owner: str) -> tuple[str, str]:
    text, owner = (text or "").strip(), (owner or "").strip()
    if not text:
        raise ServiceError(_("Skriv hva dere forplikter dere til."))
    if len(text) > 2000:
        raise ServiceError(_("Forpliktelsen kan være på høyst 2000 tegn."))
    if not owner:
        raise ServiceError(_("Skriv hvem som er ansvarlig."), field="owner")
    if len(owner) > 200:
        raise ServiceError(_("Ansvarlig kan være på høyst 200 tegn."), field="owner")
    return text, owner


class UnknownGathering(ServiceError):
    """No gathering chosen, or not one of the network's the writer may see."""


class NotAllowed(ServiceError):
    """The actor may not write this municipality's (or the network's joint) commitments."""


def create_commitment(
    session: DbSession,
    actor: User,
    gathering: Gathering,
    municipality_id: int | None,
    text: str,
    owner: str,
    due_on: date | None = None,
) -> Commitment:
    """A municipality's commitment (one to three per gathering), or the network's joint one."""
    if not can_write_for(actor, gathering.network_id, municipality_id):
        if municipality_id is None:
            raise NotAllowed(_("Bare prosessveilederen kan skrive nettverkets forpliktelse."))
        raise NotAllowed(_("Du kan bare skrive forpliktelser for din egen kommune."))
    text, owner = _clean_text(text, owner)
    if (
        municipality_id is not None
        and _taking_part(session, gathering.network_id, municipality_id) is None
    ):
        raise ServiceError(_("Kommunen er ikke med i dette nettverket."))
    count = session.scalar(
        sa.select(sa.func.count(Commitment.id)).where(
            Commitment.gathering_id == gathering.id,
            Commitment.municipality_id.is_(None)
            if municipality_id is None
            else Commitment.municipality_id == municipality_id,
        )
    )
    if count and count >= MAX_PER_MUNICIPALITY:
        raise ServiceError(
            _("Det kan være høyst %(n)d forpliktelser per samling.", n=MAX_PER_MUNICIPALITY)
        )
    due = due_on or default_due_on(session, gathering)
    if due is None:
        raise ServiceError(
            _("Neste samling er ikke satt opp ennå. Skriv en frist."), field="due_on"
        )
    if due < gathering.starts_on:
        raise ServiceError(
            _("Fristen kan ikke være før samlingen forpliktelsen ble gitt på."), field="due_on"
        )
    commitment = Commitment(
        network_id=gathering.network_id,
        gathering_id=gathering.id,
        municipality_id=municipality_id,
        text=text,
        owner=owner,
        due_on=due,
    )
    session.add(commitment)
    session.flush()
    return commitment


def follow_up(
    session: DbSession,
    actor: User,
    commitment: Commitment,
    status: str,
    comment: str = "",
    at_gathering: Gathering | None = None,
) -> Commitment:
    """Record how a commitment went: done, partly or not done (open again undoes it)."""
    try:
        new_status = CommitmentStatus(status)
    except ValueError as error:
        raise ServiceError(_("Velg gjort, delvis eller ikke gjort.")) from error
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise ServiceError(_("Kommentaren kan være på høyst 2000 tegn."))
    if at_gathering is not None and (
        at_gathering.network_id != commitment.network_id or not at_gathering.can_view(actor)
    ):
        raise ServiceError(_("Velg en samling i dette nettverket."))
    commitment.status = new_status
    commitment.follow_up_comment = comment
    if new_status == CommitmentStatus.OPEN:
        commitment.followed_up_at = None
        commitment.followed_up_by_id = None
        commitment.followed_up_gathering_id = None
    else:
        commitment.followed_up_at = utcnow()
        commitment.followed_up_by_id = getattr(actor, "id", None)
        commitment.followed_up_gathering_id = at_gathering.id if at_gathering else None
    session.flush()
    return commitment


def _with_refs(query: sa.Select[Commitment]) -> sa.Select[Commitment]:
    return query.options(selectinload(Commitment.municipality), selectinload(Commitment.gathering))


def made_at_query(gathering: Gathering) -> sa.Select[Commitment]:
    """The commitments given at a gathering: the joint one first, then by municipality."""
    return _with_refs(
        sa.select(Commitment)
        .outerjoin(Municipality, Commitment.municipality_id == Municipality.id)
        .where(Commitment.gathering_id == gathering.id)
        .order_by(Municipality.name.is_not(None), Municipality.name, Commitment.id)
    )


def commitments_made_at(session: DbSession, gathering: Gathering) -> list[Commitment]:
    """The commitments given at a gathering: the joint one first, then by municipality."""
    return list(session.scalars(made_at_query(gathering)))


def to_follow_up_query(gathering: Gathering, user: Viewer) -> sa.Select[Commitment]:
    """Open commitments from the network's earlier gatherings, to follow up at this one.

    For facilitators, steering members and coordinators; none for anyone else.
    """
    earlier = sa.select(Gathering.id).where(
        Gathering.network_id == gathering.network_id,
        Gathering.id != gathering.id,
        sa.or_(
            Gathering.starts_on < gathering.starts_on,
            sa.and_(
                Gathering.starts_on == gathering.starts_on, Gathering.number < gathering.number
            ),
        ),
    )
    return _with_refs(
        sa.select(Commitment)
        .join(Gathering, Commitment.gathering_id == Gathering.id)
        .outerjoin(Municipality, Commitment.municipality_id == Municipality.id)
        .where(
            Commitment.status == CommitmentStatus.OPEN,
            Commitment.gathering_id.in_(earlier),
            sa.true() if can_view_matrix(user, gathering.network_id) else sa.false(),
        )
        .order_by(
            Gathering.starts_on,
            Municipality.name.is_not(None),
            Municipality.name,
            Commitment.id,
        )
    )


def open_commitments_for_gathering(
    session: DbSession, gathering: Gathering, user: Viewer
) -> list[Commitment]:
    """Open commitments from the network's earlier gatherings, to follow up at this one.

    For facilitators, steering members and coordinators; empty for anyone else.
    """
    if not can_view_matrix(user, gathering.network_id):
        return []
    return list(session.scalars(to_follow_up_query(gathering, user)))


def open_commitments(session: DbSession, network: Network) -> list[Commitment]:
    """Every open commitment of a network (the loop in the steering view)."""
    return list(
        session.scalars(
            _with_refs(
                sa.select(Commitment)
                .join(Gathering, Commitment.gathering_id == Gathering.id)
                .outerjoin(Municipality, Commitment.municipality_id == Municipality.id)
                .where(
                    Commitment.network_id == network.id,
                    Commitment.status == CommitmentStatus.OPEN,
                )
                .order_by(Commitment.due_on, Municipality.name.is_not(None), Municipality.name)
            )
        )
    )


def network_commitments(session: DbSession, network: Network) -> list[Commitment]:
    """Every commitment of a network, by gathering and municipality."""
    return list(
        session.scalars(
            _with_refs(
                sa.select(Commitment)
                .join(Gathering, Commitment.gathering_id == Gathering.id)
                .outerjoin(Municipality, Commitment.municipality_id == Municipality.id)
                .where(Commitment.network_id == network.id)
                .order_by(
                    Gathering.starts_on,
                    Municipality.name.is_not(None),
                    Municipality.name,
                    Commitment.id,
                )
            )
        )
    )


# ---- vurderingskrysset -------------------------------------------------------------------


@dataclass
class CrossEntry:
    quadrant: str
    text: str
    rank: int | None


def assessment(
    session: DbSession, gathering_id: int, municipality_id: int
) -> dict[Quadrant, list[AssessmentItem]]:
    """A municipality's vurderingskrysset at a gathering, each field ranked."""
    items = session.scalars(
        sa.select(AssessmentItem)
        .where(
            AssessmentItem.gathering_id == gathering_id,
            AssessmentItem.municipality_id == municipality_id,
        )
        .order_by(AssessmentItem.rank, AssessmentItem.id)
    )
    cross: dict[Quadrant, list[AssessmentItem]] = {q: [] for q in Quadrant}
    for item in items:
        cross[item.quadrant].append(item)
    return cross


def save_assessment(
    session: DbSession,
    gathering: Gathering,
    municipality_id: int,
    entries: Sequence[CrossEntry],
) -> dict[Quadrant, list[AssessmentItem]]:
    """Replace the cross with the listed items; ranks must be 1, 2, 3 … within each field."""
    by_quadrant: dict[Quadrant, list[CrossEntry]] = {q: [] for q in Quadrant}
    for entry in entries:
        text = (entry.text or "").strip()
        if not text:
            continue
        if len(text) > 1000:
            raise ServiceError(_("Hvert punkt kan være på høyst 1000 tegn."))
        try:
            quadrant = Quadrant(entry.quadrant)
        except ValueError as error:
            raise ServiceError(_("Ukjent felt i vurderingskrysset.")) from error
        by_quadrant[quadrant].append(CrossEntry(quadrant, text, entry.rank))
    for listed in by_quadrant.values():
        ranks = [e.rank for e in listed]
        if any(r is None or r < 1 for r in ranks):
            raise ServiceError(_("Gi hvert punkt et prioritetsnummer fra 1 og oppover."))
        if sorted(ranks) != list(range(1, len(listed) + 1)):  # type: ignore[type-var]
            raise ServiceError(
                _("Prioritetene i hvert felt skal være 1, 2, 3 … uten hull eller like tall.")
            )
    session.execute(
        sa.delete(AssessmentItem).where(
            AssessmentItem.gathering_id == gathering.id,
            AssessmentItem.municipality_id == municipality_id,
        )
    )
    for quadrant, listed in by_quadrant.items():
        for entry in listed:
            session.add(
                AssessmentItem(
                    gathering_id=gathering.id,
                    municipality_id=municipality_id,
                    quadrant=quadrant,
                    rank=entry.rank or 0,
                    text=entry.text,
                )
            )
    session.flush()
    return assessment(session, gathering.id, municipality_id)


# ---- facilitator milestones -----------------------------------------------------------------


def clean_evidence_url(url: str) -> str:
    """An evidence link: http(s) or a path on this site; nothing else (no javascript:)."""
    url = (url or "").strip()
    if not url:
        return ""
    if len(url) > 500:
        raise ServiceError(_("Lenken kan være på høyst 500 tegn."))
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return url
    if not parts.scheme and not parts.netloc and url.startswith("/") and not url.startswith("//"):
        return url
    raise ServiceError(_("Lenken må begynne med https:// eller /."))


def network_milestones(session: DbSession, network_id: int) -> list[FacilitatorMilestone]:
    return list(
        session.scalars(
            sa.select(FacilitatorMilestone)
            .where(FacilitatorMilestone.network_id == network_id)
            .options(selectinload(FacilitatorMilestone.ticks))
            .order_by(FacilitatorMilestone.position, FacilitatorMilestone.id)
        )
    )


def add_milestone(
    session: DbSession, network: Network, title: str, description: str = ""
) -> FacilitatorMilestone:
    """A new column of the steering matrix."""
    title = (title or "").strip()
    if not title:
        raise ServiceError(_("Gi milepælen et navn."))
    if len(title) > 120:
        raise ServiceError(_("Navnet kan være på høyst 120 tegn."))
    exists = session.scalar(
        sa.select(FacilitatorMilestone.id).where(
            FacilitatorMilestone.network_id == network.id, FacilitatorMilestone.title == title
        )
    )
    if exists is not None:
        raise ServiceError(_("Nettverket har allerede en milepæl med dette navnet."))
    position = session.scalar(
        sa.select(sa.func.coalesce(sa.func.max(FacilitatorMilestone.position), 0)).where(
            FacilitatorMilestone.network_id == network.id
        )
    )
    milestone = FacilitatorMilestone(
        network_id=network.id,
        title=title,
        description=(description or "").strip(),
        position=(position or 0) + 1,
    )
    session.add(milestone)
    session.flush()
    return milestone


def set_tick(
    session: DbSession,
    milestone: FacilitatorMilestone,
    municipality_id: int,
    reached: bool,
    reached_on: date | None = None,
    evidence_url: str = "",
    comment: str = "",
) -> MilestoneTick | None:
    """Mark (or unmark) that a municipality reached a milestone, with its evidence."""
    if _taking_part(session, milestone.network_id, municipality_id) is None:
        raise ServiceError(_("Kommunen er ikke med i dette nettverket."))
    url = clean_evidence_url(evidence_url)
    comment = (comment or "").strip()
    if len(comment) > 1000:
        raise ServiceError(_("Kommentaren kan være på høyst 1000 tegn."))
    tick = session.scalar(
        sa.select(MilestoneTick).where(
            MilestoneTick.milestone_id == milestone.id,
            MilestoneTick.municipality_id == municipality_id,
        )
    )
    if not reached:
        if tick is not None:
            session.delete(tick)
            session.flush()
        return None
    if tick is None:
        tick = MilestoneTick(milestone_id=milestone.id, municipality_id=municipality_id)
        session.add(tick)
    tick.reached_on = reached_on
    tick.evidence_url = url
    tick.comment = comment
    session.flush()
    return tick
