"""The rules and queries of steering meetings: minutes, reviewed items and decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import aliased, joinedload, selectinload

from heltidnett.auth import access
from heltidnett.core.errors import ServiceError
from heltidnett.meetings import permissions
from heltidnett.meetings.models import (
    Attendee,
    AttendeeRole,
    Decision,
    DecisionStatus,
    ItemKind,
    Meeting,
    ReviewedItem,
)
from heltidnett.networks.models import Participation

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User
    from heltidnett.db import DbSession
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks.models import Network

MAX_TEXT = 4000


class NotAllowed(ServiceError):
    """The actor may not write this steering group's meetings."""


# ---- queries ---------------------------------------------------------------------------


def _listing(query: sa.Select[Meeting]) -> sa.Select[Meeting]:
    return query.options(
        joinedload(Meeting.municipality),
        selectinload(Meeting.decisions),
        selectinload(Meeting.attendees),
    ).order_by(Meeting.held_on.desc(), Meeting.id.desc())


def visible_meetings_query(user: Viewer, network_id: int) -> sa.Select[Meeting]:
    """The network's meetings the user reads: every group's for its followers, otherwise
    those of the municipalities where the user is steering member or coordinator."""
    query = sa.select(Meeting).where(Meeting.network_id == network_id)
    groups = permissions.visible_group_ids(user, network_id)
    if groups is not None:
        query = query.where(Meeting.municipality_id.in_(groups))
    return _listing(query)


def network_meetings(session: DbSession, user: Viewer, network: Network) -> list[Meeting]:
    """The meetings on the network's meetings page, newest first."""
    return list(session.scalars(visible_meetings_query(user, network.id)).unique())


def municipality_meetings(
    session: DbSession, user: Viewer, municipality: Municipality
) -> list[Meeting]:
    """The municipality's own steering group's meetings, in every network the user may read."""
    query = _listing(sa.select(Meeting).where(Meeting.municipality_id == municipality.id))
    meetings = session.scalars(query).unique()
    return [
        m for m in meetings if permissions.can_view_group(user, m.network_id, m.municipality_id)
    ]


def decisions_query(meeting: Meeting) -> sa.Select[Decision]:
    """The decisions made at a meeting, in the order they were made."""
    return sa.select(Decision).where(Decision.meeting_id == meeting.id).order_by(Decision.id)


def carried_decisions(session: DbSession, meeting: Meeting) -> list[Decision]:
    """Decisions of the group's earlier meetings still open when this one was held (those done
    at this meeting included, to show them closed here)."""
    earlier = aliased(Meeting)
    query = (
        sa.select(Decision)
        .join(earlier, Decision.meeting_id == earlier.id)
        .where(
            earlier.network_id == meeting.network_id,
            earlier.municipality_id.is_(None)
            if meeting.municipality_id is None
            else earlier.municipality_id == meeting.municipality_id,
            earlier.held_on < meeting.held_on,
            sa.or_(Decision.done_on.is_(None), Decision.done_on >= meeting.held_on),
        )
        .options(joinedload(Decision.meeting))
        .order_by(earlier.held_on, Decision.id)
    )
    return list(session.scalars(query))


def visible_meeting(session: DbSession, user: Viewer, meeting_id: int) -> Meeting | None:
    """A meeting by id, if the user reads it (a decision is marked done at it)."""
    meeting = session.get(Meeting, meeting_id)
    return meeting if meeting is not None and meeting.can_view(user) else None


def previous_meeting(session: DbSession, meeting: Meeting) -> Meeting | None:
    """The group's meeting before this one."""
    return _neighbour(session, meeting, before=True)


def next_meeting(session: DbSession, meeting: Meeting) -> Meeting | None:
    """The group's meeting after this one."""
    return _neighbour(session, meeting, before=False)


def _neighbour(session: DbSession, meeting: Meeting, *, before: bool) -> Meeting | None:
    group = (
        Meeting.municipality_id.is_(None)
        if meeting.municipality_id is None
        else Meeting.municipality_id == meeting.municipality_id
    )
    key = sa.tuple_(Meeting.held_on, Meeting.id)
    here = sa.tuple_(sa.literal(meeting.held_on), sa.literal(meeting.id))
    query = sa.select(Meeting).where(
        Meeting.network_id == meeting.network_id, group, key < here if before else key > here
    )
    order = (Meeting.held_on.desc(), Meeting.id.desc()) if before else (Meeting.held_on, Meeting.id)
    return session.scalars(query.order_by(*order).limit(1)).first()


# ---- reviewed items --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemTarget:
    """A record a meeting may review: what it is, its title and where it is read."""

    kind: ItemKind
    id: int
    title: str
    endpoint: str
    arguments: tuple[tuple[str, int], ...]

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.id}"


def _targets(
    session: DbSession, user: Viewer, meeting: Meeting, wanted: dict[ItemKind, set[int]] | None
) -> dict[tuple[ItemKind, int], ItemTarget]:
    """The records of the meeting's group the user may read, one query per kind (all of them,
    or only the `wanted` ids)."""
    from heltidnett.commitments.models import Commitment, FacilitatorMilestone
    from heltidnett.declarations.models import Declaration, DeclarationVersion
    from heltidnett.goals.models import Goal

    def ids(kind: ItemKind) -> set[int] | None:
        return None if wanted is None else wanted.get(kind, set())

    found: list[ItemTarget] = []
    municipality_id = meeting.municipality_id
    members = sa.select(Participation.municipality_id).where(
        Participation.network_id == meeting.network_id
    )

    def run(kind: ItemKind, query: sa.Select[Any], id_column: Any) -> list[Any]:
        chosen = ids(kind)
        if chosen is not None:
            if not chosen:
                return []
            query = query.where(id_column.in_(chosen))
        rows = list(session.scalars(query))
        # A goal's check asks its municipality's networks: load them all at once.
        access.remember_listed_municipalities(
            {m for m in (getattr(row, "municipality_id", None) for row in rows) if m is not None}
        )
        return [row for row in rows if row.can_view(user)]

    commitments = sa.select(Commitment).where(Commitment.network_id == meeting.network_id)
    if municipality_id is not None:
        commitments = commitments.where(Commitment.municipality_id == municipality_id)
    for c in run(ItemKind.COMMITMENT, commitments.order_by(Commitment.id), Commitment.id):
        found.append(
            ItemTarget(
                ItemKind.COMMITMENT,
                c.id,
                c.text[:160],
                "commitments.network_commitments",
                (("network_id", c.network_id),),
            )
        )
    goals = sa.select(Goal).where(
        Goal.municipality_id == municipality_id
        if municipality_id is not None
        else Goal.municipality_id.in_(members)
    )
    for g in run(ItemKind.GOAL, goals.order_by(Goal.id), Goal.id):
        found.append(ItemTarget(ItemKind.GOAL, g.id, g.title, "goals.show", (("goal_id", g.id),)))
    if municipality_id is not None:
        versions = (
            sa.select(DeclarationVersion)
            .join(Declaration)
            .where(Declaration.municipality_id == municipality_id)
            .options(
                joinedload(DeclarationVersion.declaration).joinedload(Declaration.municipality)
            )
            .order_by(DeclarationVersion.number)
        )
        for v in run(ItemKind.DECLARATION_VERSION, versions, DeclarationVersion.id):
            found.append(
                ItemTarget(
                    ItemKind.DECLARATION_VERSION,
                    v.id,
                    _("Heltidserklæring, versjon %(n)d", n=v.number),
                    "declarations.show_version",
                    (("municipality_id", municipality_id), ("number", v.number)),
                )
            )
    milestones = sa.select(FacilitatorMilestone).where(
        FacilitatorMilestone.network_id == meeting.network_id
    )
    for ms in run(
        ItemKind.MILESTONE,
        milestones.order_by(FacilitatorMilestone.position, FacilitatorMilestone.id),
        FacilitatorMilestone.id,
    ):
        found.append(
            ItemTarget(
                ItemKind.MILESTONE,
                ms.id,
                ms.title,
                "commitments.milestone",
                (("milestone_id", ms.id),),
            )
        )
    return {(t.kind, t.id): t for t in found}


def item_candidates(session: DbSession, user: Viewer, meeting: Meeting) -> list[ItemTarget]:
    """What the meeting may review and has not yet: the group's records the user reads."""
    taken = {(i.kind, i.target_id) for i in meeting.items}
    return [t for key, t in _targets(session, user, meeting, None).items() if key not in taken]


def reviewed_items(
    session: DbSession, user: Viewer, meeting: Meeting
) -> list[tuple[ReviewedItem, ItemTarget | None]]:
    """The meeting's reviewed items with their records (None: gone, or not for this reader)."""
    wanted: dict[ItemKind, set[int]] = {}
    for item in meeting.items:
        wanted.setdefault(item.kind, set()).add(item.target_id)
    targets = _targets(session, user, meeting, wanted) if wanted else {}
    return [(item, targets.get((item.kind, item.target_id))) for item in meeting.items]


# ---- writing ---------------------------------------------------------------------------


def _require_writer(actor: User, network_id: int, municipality_id: int | None) -> None:
    if not permissions.can_write_group(actor, network_id, municipality_id):
        raise NotAllowed(_("Du kan ikke skrive referat for denne styringsgruppen."))


def _text(value: str, *, missing: str = "", limit: int = MAX_TEXT, field: str = "") -> str:
    """The text trimmed; `missing` is the message when it is required and empty."""
    value = (value or "").strip()
    if missing and not value:
        raise ServiceError(missing, field=field or None)
    if len(value) > limit:
        raise ServiceError(_("Teksten kan være høyst %(n)d tegn.", n=limit), field=field or None)
    return value


def create_meeting(
    session: DbSession,
    actor: User,
    network: Network,
    municipality_id: int | None,
    held_on: date | None,
    place: str = "",
    notes: str = "",
    next_points: str = "",
) -> Meeting:
    """A new meeting of the network's steering group, or of a municipality's in the network."""
    if municipality_id is not None:
        taking_part = session.scalar(
            sa.select(Participation.id).where(
                Participation.network_id == network.id,
                Participation.municipality_id == municipality_id,
            )
        )
        if taking_part is None:
            raise ServiceError(_("Kommunen er ikke med i nettverket."), field="municipality_id")
    _require_writer(actor, network.id, municipality_id)
    meeting = Meeting(network_id=network.id, municipality_id=municipality_id)
    _fill(meeting, held_on, place, notes, next_points)
    session.add(meeting)
    session.flush()
    return meeting


def update_meeting(
    session: DbSession,
    actor: User,
    meeting: Meeting,
    held_on: date | None,
    place: str = "",
    notes: str = "",
    next_points: str = "",
) -> Meeting:
    """Change the meeting's date, place, minutes and points for the next meeting."""
    _require_writer(actor, meeting.network_id, meeting.municipality_id)
    _fill(meeting, held_on, place, notes, next_points)
    session.flush()
    return meeting


def _fill(meeting: Meeting, held_on: date | None, place: str, notes: str, next_points: str) -> None:
    if held_on is None:
        raise ServiceError(_("Skriv datoen for møtet."), field="held_on")
    meeting.held_on = held_on
    meeting.place = _text(place, limit=200, field="place")
    meeting.notes = _text(notes, field="notes")
    meeting.next_points = _text(next_points, field="next_points")


def delete_meeting(session: DbSession, actor: User, meeting: Meeting) -> None:
    """Remove a meeting with its attendees, items and decisions."""
    _require_writer(actor, meeting.network_id, meeting.municipality_id)
    session.delete(meeting)
    session.flush()


def add_attendee(
    session: DbSession, actor: User, meeting: Meeting, name: str, role: str
) -> Attendee:
    """Note that someone attended, in a seat of the group."""
    _require_writer(actor, meeting.network_id, meeting.municipality_id)
    try:
        seat = AttendeeRole(role)
    except ValueError:
        raise ServiceError(_("Velg en rolle i styringsgruppen."), field="role") from None
    attendee = Attendee(
        name=_text(name, missing=_("Skriv navnet."), limit=200, field="name"), role=seat
    )
    meeting.attendees.append(attendee)
    session.flush()
    return attendee


def remove_attendee(session: DbSession, actor: User, attendee: Attendee) -> None:
    """Take someone off the list of who attended."""
    meeting = attendee.meeting
    _require_writer(actor, meeting.network_id, meeting.municipality_id)
    meeting.attendees.remove(attendee)
    session.flush()


def add_item(
    session: DbSession, actor: User, meeting: Meeting, key: str, note: str = ""
) -> ReviewedItem:
    """Note that the meeting reviewed one of its group's records (`kind:id`)."""
    _require_writer(actor, meeting.network_id, meeting.municipality_id)
    kind_text, _sep, id_text = (key or "").partition(":")
    try:
        kind, target_id = ItemKind(kind_text), int(id_text)
    except ValueError:
        raise ServiceError(_("Velg hva møtet gikk gjennom."), field="target") from None
    if (kind, target_id) not in _targets(session, actor, meeting, {kind: {target_id}}):
        raise ServiceError(_("Velg noe fra denne styringsgruppens egne saker."), field="target")
    if any(i.kind == kind and i.target_id == target_id for i in meeting.items):
        raise ServiceError(_("Møtet har allerede gått gjennom dette."), field="target")
    item = ReviewedItem(kind=kind, target_id=target_id, note=_text(note, field="note"))
    meeting.items.append(item)
    session.flush()
    return item


def remove_item(session: DbSession, actor: User, item: ReviewedItem) -> None:
    """Take a record off the meeting's reviewed items."""
    meeting = item.meeting
    _require_writer(actor, meeting.network_id, meeting.municipality_id)
    meeting.items.remove(item)
    session.flush()


def add_decision(
    session: DbSession,
    actor: User,
    meeting: Meeting,
    text: str,
    owner: str,
    due_on: date | None,
) -> Decision:
    """A decision (vedtak) of the meeting, with who follows it up and by when."""
    _require_writer(actor, meeting.network_id, meeting.municipality_id)
    decision = Decision(
        text=_text(text, missing=_("Skriv vedtaket."), field="text"),
        owner=_text(owner, missing=_("Skriv hvem som har ansvaret."), limit=200, field="owner"),
        due_on=due_on,
        status=DecisionStatus.OPEN,
    )
    if due_on is not None and due_on < meeting.held_on:
        raise ServiceError(_("Fristen kan ikke være før møtet."), field="due_on")
    meeting.decisions.append(decision)
    session.flush()
    return decision


def set_decision_status(
    session: DbSession,
    actor: User,
    decision: Decision,
    status: str,
    comment: str = "",
    at: Meeting | None = None,
    today: date | None = None,
) -> Decision:
    """Mark a decision done (at a later meeting of the group, or today) or open again."""
    meeting = decision.meeting
    _require_writer(actor, meeting.network_id, meeting.municipality_id)
    try:
        new = DecisionStatus(status)
    except ValueError:
        raise ServiceError(_("Velg åpen eller gjort."), field="status") from None
    if at is not None and (
        at.network_id != meeting.network_id
        or at.municipality_id != meeting.municipality_id
        or at.held_on < meeting.held_on
    ):
        raise ServiceError(_("Et vedtak følges opp på et senere møte i samme styringsgruppe."))
    decision.status = new
    decision.comment = _text(comment, field="comment")
    if new == DecisionStatus.DONE:
        decision.done_on = at.held_on if at is not None else (today or date.today())
    else:
        decision.done_on = None
    session.flush()
    return decision
