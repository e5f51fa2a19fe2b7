"""The demo data: the two networks of the seeds with real municipalities and invented people.

Each domain adds its own demo records through a loader listed in `DOMAIN_LOADERS`; every
loader finds records by their natural keys first, so loading twice changes nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import cast

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
# county, population (approximate), målform
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
]

# The units the seeds name (Alta's 2017 tables; Ringerike's home care; Kamfjord in Sandefjord).
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
}

NETWORKS = [
    {
        "name": "Heltid i nord",
        "region": "Nord-Norge",
        "description": "Læringsnettverk for å skape heltidskultur, med samlinger i Bodø og Oslo.",
        "starts_on": date(2017, 9, 1),
        "ends_on": date(2018, 12, 31),
        "status": NetworkStatus.CLOSED,
        "municipalities": ["Alta", "Hemnes", "Rana", "Vestvågøy"],
    },
    {
        "name": "BTV NyttBlikk nettverk 2",
        "region": "Buskerud, Telemark og Vestfold",
        "description": "NyttBlikk: læringsnettverk for heltidskultur i BTV-regionen.",
        "starts_on": date(2018, 9, 1),
        "ends_on": date(2019, 12, 31),
        "status": NetworkStatus.ACTIVE,
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
    },
]

# Invented people (no real names, addresses at example.org).
STEERING_MUNICIPALITIES = {"Alta", "Rana", "Lier"}
PARTICIPANT_MUNICIPALITIES = {"Alta", "Hemnes", "Ringerike"}


@dataclass
class DemoContext:
    """What the foundation loaded, for the domain loaders that follow."""

    networks: dict[str, Network] = field(default_factory=dict)
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    units: dict[tuple[str, str], Unit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)


DemoLoader = Callable[[DbSession, DemoContext], None]


def DOMAIN_LOADERS() -> list[DemoLoader]:
    """Each domain's demo loader, in dependency order (imported late)."""
    from heltidnett.commitments.demo import load as load_commitments
    from heltidnett.declarations.demo import load as load_declarations
    from heltidnett.gatherings.demo import load as load_gatherings
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
    facilitator = _user(
        session, ctx, "veileder", "Vera Veileder", "prosessveileder", is_facilitator=True
    )
    del admin
    for spec in NETWORKS:
        network = session.scalar(sa.select(Network).where(Network.name == spec["name"]))
        if network is None:
            fields = {k: v for k, v in spec.items() if k != "municipalities"}
            network = Network(**fields)
            session.add(network)
            session.flush()
        ctx.networks[network.name] = network
        grant_role(session, facilitator, network, NetworkRole.FACILITATOR)
        for mname in cast(list[str], spec["municipalities"]):
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
            if mname in STEERING_MUNICIPALITIES:
                steering = _user(
                    session,
                    ctx,
                    f"styring.{s}",
                    f"Styringsgruppe {mname}",
                    f"styringsgruppe, {mname}",
                )
                grant_role(session, steering, network, NetworkRole.STEERING, municipality)
            if mname in PARTICIPANT_MUNICIPALITIES:
                participant = _user(
                    session, ctx, f"deltaker.{s}", f"Deltaker {mname}", f"deltaker, {mname}"
                )
                grant_role(session, participant, network, NetworkRole.PARTICIPANT, municipality)


def load_demo(session: DbSession) -> DemoContext:
    """Load (or complete) the whole demo; returns what was loaded, with the logins."""
    ctx = DemoContext()
    load_foundation(session, ctx)
    for loader in DOMAIN_LOADERS():
        loader(session, ctx)
    session.flush()
    return ctx
