"""The rules of gatherings: creating, planning the agenda, publishing, copying and groups."""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from heltidnett.core.errors import ServiceError
from heltidnett.core.i18n import format_date, format_time
from heltidnett.db import DbSession, utcnow
from heltidnett.gatherings import permissions
from heltidnett.gatherings.models import (
    AgendaItem,
    AgendaKind,
    Gathering,
    GatheringKind,
    GatheringStatus,
    Material,
    Method,
    Registration,
)

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User


MAX_DURATION = 12 * 60


@dataclass
class GatheringData:
    """The fields of a gathering as a form or the API gives them."""

    title: str
    starts_on: date
    ends_on: date
    number: int | None = None
    kind: str = GatheringKind.NETWORK.value
    theme: str = ""
    place: str = ""
    registration_deadline: date | None = None
    preparation: str = ""
    changes_reserved: bool = True
    day_ends_at: time = time(17, 30)
    status: str | None = None


@dataclass
class ItemData:
    """The fields of an agenda item."""

    day: date
    starts_at: time
    duration_minutes: int
    title: str
    description: str = ""
    kind: str = AgendaKind.OTHER.value
    speaker: str = ""
    method_id: int | None = None
    roles: str = ""
    timing: str = ""
    steps: str = ""
    shift_following: bool = True


# ---- gatherings -----------------------------------------------------------------------


def next_number(session: DbSession, network_id: int, kind: str) -> int:
    """The next free number in the network's series of this kind."""
    highest = session.scalar(
        sa.select(sa.func.max(Gathering.number)).where(
            Gathering.network_id == network_id, Gathering.kind == GatheringKind(kind)
        )
    )
    return (highest or 0) + 1


def _check_gathering(
    session: DbSession, network_id: int, data: GatheringData, own_id: int | None
) -> None:
    if not data.title.strip():
        raise ServiceError(_("Gi samlingen en tittel."), field="title")
    if data.ends_on < data.starts_on:
        raise ServiceError(_("Siste dag kan ikke være før første dag."), field="ends_on")
    if (data.ends_on - data.starts_on).days > 6:
        raise ServiceError(_("En samling kan vare høyst en uke."), field="ends_on")
    if data.registration_deadline and data.registration_deadline > data.ends_on:
        raise ServiceError(
            _("Påmeldingsfristen kan ikke være etter samlingen."), field="registration_deadline"
        )
    if data.kind not in {k.value for k in GatheringKind}:
        raise ServiceError(_("Ukjent type samling."), field="kind")
    if data.number is not None and data.number < 1:
        raise ServiceError(_("Nummeret må være 1 eller høyere."), field="number")
    taken = session.scalar(
        sa.select(Gathering.id).where(
            Gathering.network_id == network_id,
            Gathering.kind == GatheringKind(data.kind),
            Gathering.number == data.number,
            Gathering.id != (own_id or 0),
        )
    )
    if taken is not None:
        raise ServiceError(
            _("Nettverket har allerede en samling med nummer %(n)d.", n=data.number), field="number"
        )


def create_gathering(
    session: DbSession, actor: User, network: Any, data: GatheringData
) -> Gathering:
    """A new planned gathering in the network's series."""
    if data.number is None:
        data.number = next_number(session, network.id, data.kind)
    _check_gathering(session, network.id, data, None)
    gathering = Gathering(network_id=network.id, status=GatheringStatus.PLANNED)
    _apply_gathering(gathering, data)
    session.add(gathering)
    session.flush()
    return gathering


def update_gathering(
    session: DbSession, actor: User, gathering: Gathering, data: GatheringData
) -> None:
    """Change a gathering's details; items on days it no longer has are refused."""
    if data.number is None:
        data.number = gathering.number
    _check_gathering(session, gathering.network_id, data, gathering.id)
    outside = [i for i in gathering.items if not data.starts_on <= i.day <= data.ends_on]
    if outside:
        raise ServiceError(
            _(
                "Programmet har punkter på %(day)s. Flytt eller slett dem før du endrer datoene.",
                day=format_date(outside[0].day),
            )
        )
    _apply_gathering(gathering, data)
    if data.status:
        set_status(gathering, GatheringStatus(data.status))
    session.flush()


def _apply_gathering(gathering: Gathering, data: GatheringData) -> None:
    gathering.title = data.title.strip()
    gathering.number = data.number or 1
    gathering.kind = GatheringKind(data.kind)
    gathering.theme = data.theme.strip()
    gathering.place = data.place.strip()
    gathering.starts_on = data.starts_on
    gathering.ends_on = data.ends_on
    gathering.registration_deadline = data.registration_deadline
    gathering.preparation = data.preparation.strip()
    gathering.changes_reserved = data.changes_reserved
    gathering.day_ends_at = data.day_ends_at


def set_status(gathering: Gathering, status: GatheringStatus) -> None:
    """Move a gathering to a status; publishing stamps the time once."""
    if status != GatheringStatus.PLANNED and gathering.published_at is None:
        gathering.published_at = utcnow()
    gathering.status = status


def publish(session: DbSession, actor: User, gathering: Gathering) -> None:
    """Publish the programme: coordinators and participants see it from now on."""
    if not gathering.items:
        raise ServiceError(_("Legg inn minst ett programpunkt før du publiserer."))
    set_status(gathering, GatheringStatus.PUBLISHED)
    session.flush()


def visible_gatherings_query(network_id: int, user: Viewer) -> sa.Select[Gathering]:
    """The select of a network's gatherings in date order, the planned ones only for those
    who plan them (the caller has checked that the user may see the network)."""
    query = (
        sa.select(Gathering)
        .where(Gathering.network_id == network_id)
        .order_by(Gathering.starts_on, Gathering.kind, Gathering.number, Gathering.id)
    )
    if not permissions.can_plan(user, network_id):
        query = query.where(Gathering.status != GatheringStatus.PLANNED)
    return query


def visible_gatherings(session: DbSession, network_id: int, user: Viewer) -> list[Gathering]:
    """A network's gatherings the user may see (planned ones: facilitators only), by date."""
    found = session.scalars(visible_gatherings_query(network_id, user))
    return [g for g in found if g.can_view(user)]


def title_for(gathering: Gathering, user: Viewer) -> str:
    """The gathering's title for someone who may see it; a neutral phrase for anyone else."""
    if gathering.can_view(user):
        return gathering.title
    return _("en samling som ikke er publisert ennå")


def preload(session: DbSession, gathering: Gathering) -> Gathering:
    """Load the agenda with methods and materials, and registrations with municipalities."""
    session.scalars(
        sa.select(Gathering)
        .where(Gathering.id == gathering.id)
        .options(
            selectinload(Gathering.items).selectinload(AgendaItem.method),
            selectinload(Gathering.items)
            .selectinload(AgendaItem.materials)
            .selectinload(Material.file),
            selectinload(Gathering.registrations).selectinload(Registration.municipality),
        )
    ).all()
    return gathering


# ---- agenda ---------------------------------------------------------------------------


def _check_item(session: DbSession, gathering: Gathering, data: ItemData) -> Method | None:
    if data.day not in gathering.days:
        raise ServiceError(
            _(
                "Dagen må være en av samlingens dager (%(first)s – %(last)s).",
                first=format_date(gathering.starts_on),
                last=format_date(gathering.ends_on),
            )
        )
    if not data.title.strip():
        raise ServiceError(_("Gi programpunktet en tittel."))
    if data.duration_minutes is None or data.duration_minutes < 1:
        raise ServiceError(_("Varigheten må være minst 1 minutt."))
    if data.duration_minutes > MAX_DURATION:
        raise ServiceError(_("Et programpunkt kan vare høyst 12 timer."))
    if data.kind not in {k.value for k in AgendaKind}:
        raise ServiceError(_("Ukjent type programpunkt."))
    start = datetime.combine(data.day, data.starts_at)
    if (start + timedelta(minutes=data.duration_minutes)).date() != data.day and (
        start + timedelta(minutes=data.duration_minutes)
    ).time() != time(0, 0):
        raise ServiceError(_("Programpunktet kan ikke vare over midnatt."))
    if data.method_id is None:
        return None
    method = session.get(Method, data.method_id)
    if method is None:
        raise ServiceError(_("Ukjent metode. Velg en metode fra metodebiblioteket."))
    return method


@dataclass
class _Slot:
    item: AgendaItem | None
    start: datetime
    minutes: int
    title: str

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


def _day_items(gathering: Gathering, day: date, exclude: AgendaItem | None) -> list[AgendaItem]:
    return sorted(
        (i for i in gathering.items if i.day == day and i is not exclude),
        key=lambda i: (i.starts_at, i.id or 0),
    )


def _plan(gathering: Gathering, item: AgendaItem | None, data: ItemData) -> list[_Slot]:
    """Where every item of the day will be after the change (following items shifted)."""
    others = _day_items(gathering, data.day, item)
    new_start = datetime.combine(data.day, data.starts_at)
    new = _Slot(item, new_start, data.duration_minutes, data.title.strip())
    slots = [_Slot(o, o.start_dt, o.duration_minutes, o.title) for o in others]
    if data.shift_following:
        if item is not None and item.id is not None and item.day == data.day:
            old_start, old_end = item.start_dt, item.end_dt
            delta = new.end - old_end
            for slot in slots:
                if slot.start >= old_start:
                    slot.start += delta
        else:
            following = [s for s in slots if s.start >= new_start]
            if following:
                push = max(timedelta(0), new.end - following[0].start)
                for slot in following:
                    slot.start += push
    return sorted([*slots, new], key=lambda s: (s.start, s.item is not new.item))


def _check_plan(slots: list[_Slot], day: date) -> None:
    for before, after in itertools.pairwise(slots):
        if before.end > after.start:
            raise ServiceError(
                _(
                    "«%(a)s» overlapper med «%(b)s» %(time)s. Endre tidspunktet, "
                    "eller la punktene etter skyves.",
                    a=before.title,
                    b=after.title,
                    time=format_time(after.start.time()),
                )
            )
    for slot in slots:
        if slot.start.date() != day or (slot.end.date() != day and slot.end.time() != time(0, 0)):
            raise ServiceError(
                _("«%(title)s» ville blitt skjøvet forbi midnatt.", title=slot.title)
            )


def save_item(
    session: DbSession,
    actor: User,
    gathering: Gathering,
    data: ItemData,
    item: AgendaItem | None = None,
) -> AgendaItem:
    """Add or change an agenda item; the items after it that day move with it."""
    method = _check_item(session, gathering, data)
    slots = _plan(gathering, item, data)
    _check_plan(slots, data.day)
    now = utcnow()
    for slot in slots:
        if slot.item is not None and slot.item is not item and slot.start != slot.item.start_dt:
            slot.item.starts_at = slot.start.time()
            slot.item.changed_at = now
    if item is None:
        item = AgendaItem(gathering=gathering)
        session.add(item)
    item.day = data.day
    item.starts_at = data.starts_at
    item.duration_minutes = data.duration_minutes
    item.title = data.title.strip()
    item.description = data.description.strip()
    item.kind = AgendaKind(data.kind)
    item.speaker = data.speaker.strip()
    previous = item.method
    item.method = method
    item.roles = data.roles.strip()
    item.timing = data.timing.strip()
    item.steps = data.steps.strip()
    if method is not None:
        # a new method replaces what the old one filled in; what the user wrote stays
        if previous is not None and previous is not method:
            for name in ("steps", "roles", "timing"):
                if getattr(item, name) == getattr(previous, name).strip():
                    setattr(item, name, "")
        fill_from_method(item, method)
    item.changed_at = now
    session.flush()
    return item


def fill_from_method(item: AgendaItem, method: Method, only_empty: bool = True) -> None:
    """Copy a method's steps, roles and timing onto an item (only into empty fields)."""
    if not only_empty or not item.steps:
        item.steps = method.steps
    if not only_empty or not item.roles:
        item.roles = method.roles
    if not only_empty or not item.timing:
        item.timing = method.timing


def delete_item(session: DbSession, actor: User, item: AgendaItem) -> None:
    """Remove an agenda item and its materials (the items after it keep their times).

    Deleted through the session only: taking it out of `gathering.items` first made it an
    orphan that the delete cascade's autoflush already removed, and the flush then failed.
    """
    gathering = item.gathering
    session.delete(item)
    session.flush()
    session.expire(gathering, ["items"])


def move_item(session: DbSession, actor: User, item: AgendaItem, direction: str) -> bool:
    """Swap an item with its neighbour on the same day; the pair keeps its span and gap."""
    day_items = _day_items(item.gathering, item.day, None)
    index = day_items.index(item)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(day_items):
        return False
    first, second = sorted((item, day_items[other_index]), key=lambda i: i.start_dt)
    gap = second.start_dt - first.end_dt
    start = first.start_dt
    second.starts_at = start.time()
    first.starts_at = (start + timedelta(minutes=second.duration_minutes) + gap).time()
    now = utcnow()
    first.changed_at = second.changed_at = now
    session.flush()
    return True


def warnings(gathering: Gathering) -> list[str]:
    """What the facilitator should look at: overlaps and items past the day's end."""
    found: list[str] = []
    for day in gathering.days:
        items = _day_items(gathering, day, None)
        for before, after in itertools.pairwise(items):
            if before.end_dt > after.start_dt:
                found.append(
                    _(
                        "«%(a)s» overlapper med «%(b)s» (%(day)s).",
                        a=before.title,
                        b=after.title,
                        day=format_date(day),
                    )
                )
        day_end = datetime.combine(day, gathering.day_ends_at)
        for item in items:
            if item.end_dt > day_end:
                found.append(
                    _(
                        "«%(title)s» slutter %(end)s, etter dagens slutt %(limit)s (%(day)s).",
                        title=item.title,
                        end=format_time(item.ends_at),
                        limit=format_time(gathering.day_ends_at),
                        day=format_date(day),
                    )
                )
    return found


def copyable_gatherings(session: DbSession, actor: User, target: Gathering) -> list[Gathering]:
    """Earlier gatherings with an agenda in any network the actor facilitates."""
    from heltidnett.auth import access
    from heltidnett.networks.models import NetworkRole

    query = (
        sa.select(Gathering)
        .where(Gathering.id != target.id, Gathering.items.any())
        .order_by(Gathering.starts_on.desc())
    )
    if not access.is_admin(actor):
        query = query.where(
            Gathering.network_id.in_(access.network_ids(actor, NetworkRole.FACILITATOR))
        )
    return list(session.scalars(query))


def copy_agenda(
    session: DbSession, actor: User, target: Gathering, source: Gathering, replace: bool = False
) -> int:
    """Copy a gathering's agenda day by day onto this one; returns the number of items copied."""
    if not source.can_edit(actor):
        raise ServiceError(_("Du kan bare kopiere program fra nettverk du er prosessveileder for."))
    if source.id == target.id:
        raise ServiceError(_("Velg en annen samling å kopiere fra."))
    if target.items and not replace:
        raise ServiceError(
            _(
                "Programmet har allerede punkter. "
                "Kryss av for å erstatte dem, eller slett dem først."
            )
        )
    if target.items:
        # Through the session only, as in delete_item: removing them from `target.items`
        # first made the orphan cascade delete them twice and the flush fail.
        for item in list(target.items):
            session.delete(item)
        session.flush()
        session.expire(target, ["items"])
    days = target.days
    copied = 0
    now = utcnow()
    for item in source.items:
        index = (item.day - source.starts_on).days
        if index >= len(days):
            continue
        new = AgendaItem(
            day=days[index],
            starts_at=item.starts_at,
            duration_minutes=item.duration_minutes,
            title=item.title,
            description=item.description,
            kind=item.kind,
            speaker=item.speaker,
            method_id=item.method_id,
            steps=item.steps,
            roles=item.roles,
            timing=item.timing,
            changed_at=now,
        )
        new.materials = [Material(title=m.title, url=m.url) for m in item.materials if m.url]
        target.items.append(new)
        copied += 1
    session.flush()
    return copied


def add_material(
    session: DbSession, actor: User, item: AgendaItem, title: str, url: str | None, file: Any = None
) -> Material:
    """A link or a stored file for an agenda item."""
    title = (title or "").strip()
    url = (url or "").strip() or None
    if url and not url.startswith(("https://", "http://")):
        raise ServiceError(_("Lenken må begynne med https:// eller http://."))
    if not url and file is None:
        raise ServiceError(_("Legg inn en lenke eller velg en fil."))
    if not title:
        title = file.filename if file is not None else url or ""
    material = Material(item=item, title=title[:200], url=url, file=file)
    session.add(material)
    item.changed_at = utcnow()
    session.flush()
    return material


def delete_material(session: DbSession, actor: User, material: Material) -> None:
    """Remove a link or file from an agenda item."""
    item = material.item
    session.delete(material)
    session.flush()
    session.expire(item, ["materials"])


# ---- methods --------------------------------------------------------------------------


def save_method(
    session: DbSession, actor: User, data: dict[str, str], method: Method | None = None
) -> Method:
    """Add or change a method of the library."""
    name = (data.get("name") or "").strip()
    if not name:
        raise ServiceError(_("Gi metoden et navn."))
    clash = session.scalar(
        sa.select(Method.id).where(
            sa.func.lower(Method.name) == name.lower(), Method.id != (method.id if method else 0)
        )
    )
    if clash is not None:
        raise ServiceError(_("Det finnes allerede en metode som heter «%(name)s».", name=name))
    if method is None:
        method = Method(name=name)
        session.add(method)
    method.name = name
    method.summary = (data.get("summary") or "").strip()
    method.steps = (data.get("steps") or "").strip()
    method.roles = (data.get("roles") or "").strip()
    method.timing = (data.get("timing") or "").strip()
    session.flush()
    return method


def methods(session: DbSession) -> list[Method]:
    return list(session.scalars(sa.select(Method).order_by(Method.name)))


def method_named(session: DbSession, name: str) -> Method | None:
    """The library's method of this name (in any case), if there is one."""
    wanted = name.lower()
    return next((m for m in methods(session) if m.name.lower() == wanted), None)


# ---- groups ---------------------------------------------------------------------------


def make_groups(registrations: list[Registration], count: int) -> list[list[Registration]]:
    """Mix municipalities as evenly as possible over `count` groups (deterministic)."""
    if count < 1:
        raise ServiceError(_("Antall grupper må være minst 1."))
    buckets: dict[str, list[Registration]] = defaultdict(list)
    for registration in registrations:
        key = (
            registration.municipality.name
            if registration.municipality is not None
            else registration.organisation or "–"
        )
        buckets[key].append(registration)
    ordered = sorted(buckets.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    groups: list[list[Registration]] = [[] for _ in range(count)]
    position = 0
    for _key, people in ordered:
        for person in sorted(people, key=lambda r: (r.last_name, r.first_name)):
            groups[position % count].append(person)
            position += 1
    return groups


def group_label(registration: Registration) -> str:
    return (
        registration.municipality.name
        if registration.municipality is not None
        else registration.organisation
    )


@dataclass
class Counts:
    """How many come each day and to the dinner, and from where."""

    days: list[tuple[date, int]]
    dinner: int
    total: int
    by_municipality: list[tuple[str, int]] = field(default_factory=list)


def counts(gathering: Gathering) -> Counts:
    regs = gathering.registrations
    per_place: dict[str, int] = defaultdict(int)
    for r in regs:
        per_place[group_label(r) or "–"] += 1
    return Counts(
        days=[(d, sum(1 for r in regs if r.attends(d))) for d in gathering.days],
        dinner=sum(1 for r in regs if r.dinner),
        total=len(regs),
        by_municipality=sorted(per_place.items()),
    )


def coming_gatherings(session: DbSession, network_ids: set[int], today: date) -> list[Gathering]:
    """The networks' gatherings that have not ended, published or planned, by start."""
    if not network_ids:
        return []
    return list(
        session.scalars(
            sa.select(Gathering)
            .where(
                Gathering.network_id.in_(network_ids),
                Gathering.ends_on >= today,
                Gathering.status.in_((GatheringStatus.PUBLISHED, GatheringStatus.PLANNED)),
            )
            .order_by(Gathering.starts_on, Gathering.number, Gathering.id)
        )
    )


def registered_gathering_ids(session: DbSession, user: Viewer, gathering_ids: set[int]) -> set[int]:
    """Those of the gatherings the user is registered for (by account or by e-mail)."""
    if not gathering_ids:
        return set()
    email = getattr(user, "email", None) or ""
    return set(
        session.scalars(
            sa.select(Registration.gathering_id).where(
                Registration.gathering_id.in_(gathering_ids),
                sa.or_(
                    Registration.user_id == user.id,
                    sa.func.lower(Registration.email) == email.lower(),
                ),
            )
        )
    )


def registration_counts(session: DbSession, gathering_ids: set[int]) -> dict[int, int]:
    """The number of registrations of each of the gatherings."""
    if not gathering_ids:
        return {}
    rows = session.execute(
        sa.select(Registration.gathering_id, sa.func.count())
        .where(Registration.gathering_id.in_(gathering_ids))
        .group_by(Registration.gathering_id)
    ).all()
    return {row[0]: row[1] for row in rows}
