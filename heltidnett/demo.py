"""The demo data: the seeds' two networks as they were, and a living network around today.

Real municipalities with the seeds' figures, invented people. "Heltid i nord" (2017-2018) and
"BTV NyttBlikk nettverk 2" (2018-2019) keep the seeds' history and show as ended. The living
network, "Heltidsnettverk Nord-Norge <years>", lies around the day the demo is loaded: one
gathering held, one open for registration in three weeks, one planned; a chapter with feedback,
one due in ten days and one that opens later; commitments, a declaration under way, stories and
staffing figures for the last months.

Each domain adds its own demo records through a loader listed in `DOMAIN_LOADERS`; every
loader finds records by their natural keys first, so loading twice changes nothing. Loaded on a
later day, the living network is moved forward by the weeks since: every date and time of its
records (the ones the demo made and any made by hand since) moves with it, so it still looks
alive around the new today; its name follows the years. Figures for months that have ended since are
added; nothing else is added twice.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from heltidnett.auth.models import User
from heltidnett.auth.passwords import hash_password
from heltidnett.auth.services import find_user_by_email, grant_role, new_nonce
from heltidnett.db import DbSession
from heltidnett.municipalities.models import Municipality, Unit, UnitKind, WrittenStandard
from heltidnett.networks.models import Network, NetworkRole, NetworkStatus, Participation

DEMO_PASSWORD = "demo-heltid-2026!"  # noqa: S105 - printed for the demo, never for production
DEMO_DOMAIN = "example.org"

# name, kommunenummer (today's; Sauherad's last before it joined Midt-Telemark in 2020),
# county, population (approximate; the living network's from the Tørn report's table), målform
MUNICIPALITIES: list[tuple[str, str, str, int, str]] = [
    ("Alta", "5601", "Finnmark", 21_700, "nb"),
    ("Hemnes", "1832", "Nordland", 4_400, "nb"),
    ("Rana", "1833", "Nordland", 26_400, "nb"),
    ("Vestvågøy", "1860", "Nordland", 11_600, "nb"),
    ("Lier", "3312", "Buskerud", 28_000, "nb"),
    ("Ringerike", "3305", "Buskerud", 31_500, "nb"),
    ("Øvre Eiker", "3314", "Buskerud", 20_200, "nb"),
    ("Sauherad", "0822", "Telemark", 4_300, "nn"),
    ("Sandefjord", "3907", "Vestfold", 65_300, "nb"),
    ("Nome", "4018", "Telemark", 6_500, "nb"),
    ("Kongsberg", "3303", "Buskerud", 28_300, "nb"),
    ("Nore og Uvdal", "3338", "Buskerud", 2_400, "nn"),
    ("Bodø", "1804", "Nordland", 52_000, "nb"),
    ("Alstahaug", "1820", "Nordland", 7_400, "nb"),
    ("Salangen", "5522", "Troms", 2_100, "nb"),
    ("Hammerfest", "5603", "Finnmark", 11_300, "nb"),
    ("Vadsø", "5607", "Finnmark", 5_600, "nb"),
]

# The units the seeds name (Alta's 2017 tables; Ringerike's home care; Kamfjord in Sandefjord),
# and the living network's pilots: Bodø's two nursing homes of the task-sharing pilot, Vadsø's
# flat staffing, Hammerfest's long weekend shifts (the Tørn report; the names are generic).
UNITS: dict[str, list[tuple[str, UnitKind, bool]]] = {
    "Alta": [
        ("Ekornsvingen sykehjem", UnitKind.NURSING_HOME, False),
        ("Elvebakken sykehjem", UnitKind.NURSING_HOME, True),
        ("Helsesenterets sykehjem", UnitKind.NURSING_HOME, False),
        ("Hjemmetjenesten Vest", UnitKind.HOME_CARE, False),
        ("Hjemmetjenesten Øst", UnitKind.HOME_CARE, False),
        ("Legetjenesten", UnitKind.OTHER, False),
        ("Midtbakkveien 24", UnitKind.HOUSING, False),
    ],
    "Ringerike": [("Hjemmetjenesten", UnitKind.HOME_CARE, True)],
    "Sandefjord": [("Kamfjord BBS avdeling 2AB", UnitKind.NURSING_HOME, True)],
    "Bodø": [
        ("Sykehjem A", UnitKind.NURSING_HOME, True),
        ("Sykehjem B", UnitKind.NURSING_HOME, True),
    ],
    "Alstahaug": [("Sykehjemmet", UnitKind.NURSING_HOME, True)],
    "Salangen": [("Hjemmetjenesten", UnitKind.HOME_CARE, True)],
    "Hammerfest": [("Sykehjemmet", UnitKind.NURSING_HOME, True)],
    "Vadsø": [("Sykehjemmet", UnitKind.NURSING_HOME, True)],
}

NORTH = "Heltid i nord"
BTV = "BTV NyttBlikk nettverk 2"

# Invented people (no real names, addresses at example.org): a coordinator for every
# municipality, and a steering member and a participant for some.
NETWORKS: list[dict[str, Any]] = [
    {
        "name": NORTH,
        "region": "Nord-Norge",
        "description": "Læringsnettverk for å skape heltidskultur, med samlinger i Bodø og Oslo.",
        "starts_on": date(2017, 3, 1),
        "ends_on": date(2018, 12, 31),
        "municipalities": ["Alta", "Hemnes", "Rana", "Vestvågøy"],
        "steering": {"Alta", "Rana"},
        "participants": {"Alta", "Hemnes"},
    },
    {
        "name": BTV,
        "region": "Buskerud, Telemark og Vestfold",
        "description": "NyttBlikk: læringsnettverk for heltidskultur i BTV-regionen.",
        "starts_on": date(2018, 9, 1),
        "ends_on": date(2019, 12, 31),
        "municipalities": [
            "Lier",
            "Ringerike",
            "Øvre Eiker",
            "Sauherad",
            "Sandefjord",
            "Nome",
            "Kongsberg",
            "Nore og Uvdal",
        ],
        "steering": {"Lier"},
        "participants": {"Ringerike"},
    },
]

# The living network: its dates are days from the day the demo is loaded.
LIVING = "Heltidsnettverk Nord-Norge"  # the name, before the years
LIVING_NETWORK: dict[str, Any] = {
    "region": "Nord-Norge",
    "description": "Læringsnettverk for heltidskultur i helse og omsorg: oppgavedeling, "
    "arbeidstidsordninger og tjenestestyrt bemanning, med samlinger i Bodø, Tromsø og "
    "Hammerfest.",
    "starts": -120,
    "ends": 300,
    "municipalities": ["Bodø", "Alstahaug", "Salangen", "Hammerfest", "Vadsø"],
    "steering": {"Bodø", "Vadsø"},
    "participants": {"Bodø", "Hammerfest"},
}


@dataclass
class DemoContext:
    """What the foundation loaded, for the domain loaders that follow.

    `today` is the day the living network is laid around; `moved` how far its records move at
    this load (nothing on the first load, or again on the same day).
    """

    today: date = field(default_factory=date.today)
    networks: dict[str, Network] = field(default_factory=dict)
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    units: dict[tuple[str, str], Unit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)
    living: Network | None = None
    moved: timedelta = timedelta(0)

    @property
    def living_network(self) -> Network:
        """The living network (the foundation loads it first)."""
        if self.living is None:
            raise RuntimeError("load_foundation first")
        return self.living

    def day(self, offset: int) -> date:
        """The day `offset` days from today (negative: before)."""
        return self.today + timedelta(days=offset)

    def workday(self, offset: int) -> date:
        """The day `offset` days from today, or the weekday nearest it (a deadline, a vote)."""
        day = self.day(offset)
        return day + timedelta(days={5: -1, 6: 1}.get(day.weekday(), 0))

    def meeting_day(self, offset: int, window: tuple[int, int], weekday: int = 1) -> date:
        """The `weekday` (Tuesday) nearest to `offset` days from today within the window of days
        from today, outside Christmas and July where the window allows: when a gathering starts."""
        target = self.day(offset)
        days = [self.day(d) for d in range(window[0], window[1] + 1)]
        candidates = sorted(
            (d for d in days if d.weekday() == weekday), key=lambda d: abs((d - target).days)
        )
        return next((d for d in candidates if not is_holiday(d)), candidates[0])

    def move(self, records: Iterable[Any]) -> None:
        """Move every date and time of the records by `moved` (the living network's records)."""
        if not self.moved:
            return
        for record in records:
            move_dates(record, self.moved)


DemoLoader = Callable[[DbSession, DemoContext], None]


def is_holiday(day: date) -> bool:
    """Christmas and New Year, and the July holidays: no gathering then."""
    return day.month == 7 or (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 3)


def move_dates(record: Any, by: timedelta) -> None:
    """Add `by` to every date and datetime column of one record."""
    for attribute in sa.inspect(type(record)).column_attrs:
        value = getattr(record, attribute.key)
        if isinstance(value, date):  # a datetime is a date too
            setattr(record, attribute.key, value + by)


def network_status(starts_on: date | None, ends_on: date | None, today: date) -> NetworkStatus:
    """What a network's dates say about it today: planned, active or closed."""
    if ends_on is not None and ends_on < today:
        return NetworkStatus.CLOSED
    if starts_on is not None and starts_on > today:
        return NetworkStatus.PLANNED
    return NetworkStatus.ACTIVE


def DOMAIN_LOADERS() -> list[DemoLoader]:
    """Each domain's demo loader, in dependency order (imported late)."""
    from heltidnett.cases.demo import load as load_cases
    from heltidnett.comments.demo import load as load_comments
    from heltidnett.commitments.demo import load as load_commitments
    from heltidnett.declarations.demo import load as load_declarations
    from heltidnett.gatherings.demo import load as load_gatherings
    from heltidnett.goals.demo import load as load_goals
    from heltidnett.meetings.demo import load as load_meetings
    from heltidnett.polls.demo import load as load_polls
    from heltidnett.staffing.demo import load as load_staffing
    from heltidnett.stories.demo import load as load_stories
    from heltidnett.workbooks.demo import load as load_workbooks

    return [
        load_staffing,
        load_gatherings,
        load_workbooks,
        load_declarations,
        load_stories,
        load_commitments,
        load_cases,
        load_polls,
        load_goals,
        load_meetings,
        load_comments,
    ]


def slug(name: str) -> str:
    """ASCII slug of a name: 'Øvre Eiker' → 'ovre-eiker'."""
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})
    text = unicodedata.normalize("NFKD", name.translate(table)).encode("ascii", "ignore").decode()
    return "-".join(text.lower().split())


def _user(
    session: DbSession, ctx: DemoContext, key: str, name: str, role_label: str, **flags: bool
) -> User:
    email = f"{key}@{DEMO_DOMAIN}"
    user = find_user_by_email(session, email)
    if user is None:
        user = User(
            email=email,
            name=name,
            password_hash=hash_password(DEMO_PASSWORD),
            session_nonce=new_nonce(),
            **flags,
        )
        session.add(user)
        session.flush()
    ctx.users[key] = user
    ctx.logins.append((email, role_label))
    return user


def load_foundation(session: DbSession, ctx: DemoContext) -> None:
    """Municipalities, units, networks, participations and invented people with roles."""
    for name, number, county, population, standard in MUNICIPALITIES:
        municipality = session.scalar(sa.select(Municipality).where(Municipality.number == number))
        if municipality is None:
            municipality = Municipality(
                name=name,
                number=number,
                county=county,
                population=population,
                written_standard=WrittenStandard(standard),
            )
            session.add(municipality)
            session.flush()
        ctx.municipalities[name] = municipality
        for unit_name, kind, pilot in UNITS.get(name, []):
            unit = session.scalar(
                sa.select(Unit).where(
                    Unit.municipality_id == municipality.id, Unit.name == unit_name
                )
            )
            if unit is None:
                unit = Unit(municipality=municipality, name=unit_name, kind=kind, is_pilot=pilot)
                session.add(unit)
                session.flush()
            ctx.units[(name, unit_name)] = unit

    admin = _user(session, ctx, "admin", "Ada Administrator", "administrator", is_admin=True)
    _user(session, ctx, "veileder", "Vera Veileder", "prosessveileder", is_facilitator=True)
    del admin
    for spec in NETWORKS:
        network = session.scalar(sa.select(Network).where(Network.name == spec["name"]))
        if network is None:
            network = Network(name=spec["name"])
            session.add(network)
        # the seeds' networks are fixed history: ended, whatever day the demo is loaded
        _set(
            network,
            region=spec["region"],
            description=spec["description"],
            starts_on=spec["starts_on"],
            ends_on=spec["ends_on"],
            status=network_status(spec["starts_on"], spec["ends_on"], ctx.today),
        )
        session.flush()
        _take_part(session, ctx, network, spec)
    _load_living_network(session, ctx)


def _load_living_network(session: DbSession, ctx: DemoContext) -> None:
    """The network around today: found by its name without the years, moved to today."""
    spec = LIVING_NETWORK
    starts_on, ends_on = ctx.day(spec["starts"]), ctx.day(spec["ends"])
    network = session.scalar(
        sa.select(Network)
        .where(sa.or_(Network.name == LIVING, Network.name.startswith(f"{LIVING} ")))
        .order_by(Network.id)
        .limit(1)
    )
    if network is None:
        network = Network(name=LIVING, starts_on=starts_on, ends_on=ends_on)
        session.add(network)
    elif network.starts_on is not None:
        # whole weeks, so that gatherings stay on their weekdays (today's distance to them may
        # differ by up to three days from a first load on this day)
        ctx.moved = timedelta(weeks=round((starts_on - network.starts_on).days / 7))
        ctx.move([network, *network.participations])
    _set(
        network,
        name=f"{LIVING} {starts_on.year}–{ends_on.year}",
        region=spec["region"],
        description=spec["description"],
        status=network_status(network.starts_on, network.ends_on, ctx.today),
    )
    session.flush()
    ctx.living = network
    _take_part(session, ctx, network, spec)


def _set(record: Any, **values: Any) -> None:
    """Set the attributes that differ (an unchanged record is not written again)."""
    for key, value in values.items():
        if getattr(record, key) != value:
            setattr(record, key, value)


def _take_part(
    session: DbSession, ctx: DemoContext, network: Network, spec: dict[str, Any]
) -> None:
    """The network's municipalities, its facilitator, and coordinators and others for each."""
    ctx.networks[network.name] = network
    grant_role(session, ctx.users["veileder"], network, NetworkRole.FACILITATOR)
    for mname in spec["municipalities"]:
        municipality = ctx.municipalities[mname]
        exists = session.scalar(
            sa.select(Participation.id).where(
                Participation.network_id == network.id,
                Participation.municipality_id == municipality.id,
            )
        )
        if exists is None:
            session.add(
                Participation(
                    network=network, municipality=municipality, joined_on=network.starts_on
                )
            )
            session.flush()
        s = slug(mname)
        coordinator = _user(
            session, ctx, f"koordinator.{s}", f"Koordinator {mname}", f"koordinator, {mname}"
        )
        grant_role(session, coordinator, network, NetworkRole.COORDINATOR, municipality)
        if mname in spec["steering"]:
            steering = _user(
                session, ctx, f"styring.{s}", f"Styringsgruppe {mname}", f"styringsgruppe, {mname}"
            )
            grant_role(session, steering, network, NetworkRole.STEERING, municipality)
        if mname in spec["participants"]:
            participant = _user(
                session, ctx, f"deltaker.{s}", f"Deltaker {mname}", f"deltaker, {mname}"
            )
            grant_role(session, participant, network, NetworkRole.PARTICIPANT, municipality)


def load_demo(session: DbSession, today: date | None = None) -> DemoContext:
    """Load (or complete) the whole demo; returns what was loaded, with the logins.

    `today` (by default the real one) is the day the living network is laid around.
    """
    ctx = DemoContext(today=today or date.today())
    load_foundation(session, ctx)
    for loader in DOMAIN_LOADERS():
        loader(session, ctx)
    session.flush()
    return ctx
