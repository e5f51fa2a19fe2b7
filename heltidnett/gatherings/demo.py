"""Demo gatherings: the seeds' programmes (Bodø 6-7 March 2018, Kongsberg 30-31 January 2019),
and the living network's gatherings around today: one held, a coordinators' meeting, one open for
registration in three weeks and one planned.

Speakers are given by role and organisation only; participants are invented. The living
network's programmes draw on the Tørn report's cases (task sharing in Bodø and Alstahaug, the
rota office in Hammerfest, service-led staffing in Vadsø, a change leader in Salangen).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from heltidnett.db import DbSession
from heltidnett.demo import DemoContext
from heltidnett.gatherings.models import (
    AgendaItem,
    AgendaKind,
    Gathering,
    GatheringKind,
    GatheringStatus,
    Method,
    Registration,
)

METHODS: list[dict[str, str]] = [
    {
        "name": "IGP",
        "summary": "Individuell refleksjon, så gruppe med rekkefremlegg, så plenum. "
        "Mobiliserer alle på en trygg og inkluderende måte.",
        "steps": "Individuelt: tenk og skriv stikkord (1–3 minutter)\n"
        "Gruppe: rekkefremlegg – ett innspill hver, runde etter runde\n"
        "Gruppe: diskusjon og prioritering\n"
        "Plenum: gruppene deler det viktigste",
        "roles": "ordstyrer, sekretær, viddevakt, tidtaker",
        "timing": "3 + 10 minutter, så plenum",
    },
    {
        "name": "Gallerivandring",
        "summary": "Hver kommune lager en plakat av historien sin. Verten blir stående, "
        "de andre roterer, høster ideer og gir innspill til verten.",
        "steps": "Lag en plakat av kommunens historie\n"
        "Verten blir ved plakaten, de andre går videre\n"
        "Verten forteller, de andre spør og gir innspill\n"
        "Høst ideer fra de andre kommunene\n"
        "Del høsten i egen gruppe",
        "roles": "vert, viddevakt, ordstyrer, tidtaker",
        "timing": "3 × 7 minutter",
    },
    {
        "name": "Speed-date",
        "summary": "Korte runder der du forteller GJORT-LÆRT-LURT-historien til en kollega "
        "fra en annen kommune.",
        "steps": "Finn en kollega fra en annen kommune\n"
        "Fortell: hva har vi gjort, hva har vi lært, hva var lurt?\n"
        "Bytt når tidtakeren sier fra",
        "roles": "tidtaker",
        "timing": "3 × 3 minutter",
    },
    {
        "name": "Kafédialog",
        "summary": "Samtaler rundt bord med et spørsmål hver; deltakerne bytter bord, verten blir.",
        "steps": "Bordverten presenterer spørsmålet\nSamtale ved bordet\n"
        "Deltakerne bytter bord, verten blir\nVertene oppsummerer i plenum",
        "roles": "vert, sekretær",
        "timing": "3 × 15 minutter",
    },
    {
        "name": "Plakat",
        "summary": "Kommunen lager en plakat av budskapet sitt, til gallerivandring.",
        "steps": "Bli enige om budskapet\nLag plakaten sammen\nHeng den opp",
        "roles": "ordstyrer, sekretær",
        "timing": "30 minutter",
    },
    {
        "name": "Vurderingskrysset",
        "summary": "Selvvurdering i fire felt: Hva har vi oppnådd? Hvorfor? "
        "Hva må vi ta tak i nå? Hvordan gjør vi det?",
        "steps": "Hva har vi oppnådd?\nHvorfor har vi fått det til?\nHva må vi ta tak i nå?\n"
        "Hvordan gjør vi det?\nList opp, og nummerer etter prioritet",
        "roles": "ordstyrer, sekretær",
        "timing": "45 minutter",
    },
    {
        "name": "Refleksjon",
        "summary": "Still deg på en skala fra 1 (lite) til 10 (svært godt), og diskuter med "
        "sidemannen hvorfor du står der.",
        "steps": "Individuell refleksjon\nDiskuter med sidemann/-kvinne\nDel i plenum",
        "roles": "",
        "timing": "15 minutter",
    },
]

K = AgendaKind
# (day index, "HH:MM", minutes, title, kind, speaker, method, description)
BODO_AGENDA: list[tuple[int, str, int, str, AgendaKind, str, str | None, str]] = [
    (0, "10:00", 10, "Velkommen", K.WELCOME, "Styringsgruppen", None, ""),
    (
        0,
        "10:10",
        80,
        "Arbeidet vi har gjort så langt",
        K.PLENARY,
        "Deltakerkommunene",
        "Kafédialog",
        "Kommunal heltidserklæring. Historier fra deltakerkommunene, "
        "5–7 minutter fra hver kommune.\n"
        "1. Arbeidsboken – heltidserklæringen\n2. Kommunebesøk – kafédialog",
    ),
    (0, "11:30", 60, "Lunsj", K.MEAL, "", None, ""),
    (
        0,
        "12:30",
        45,
        "Helhet, ledelse og sammenheng i tjenesten",
        K.TALK,
        "kommunalsjef, Levanger kommune",
        None,
        "",
    ),
    (0, "13:15", 15, "Pause", K.BREAK, "", None, ""),
    (
        0,
        "13:30",
        60,
        "Gruppearbeid i egen kommune: forankring og eierskap",
        K.MUNICIPALITY_WORK,
        "",
        "IGP",
        "Hvordan arbeide med forankring og eierskap i egen kommune? "
        "Presenter de tre viktigste tingene og begrunn hvorfor.",
    ),
    (0, "14:30", 15, "Pause", K.BREAK, "", None, ""),
    (
        0,
        "14:45",
        45,
        "Heltidskultur og profesjonalitet",
        K.TALK,
        "personalsjef, Sauda kommune",
        None,
        "",
    ),
    (
        0,
        "15:30",
        30,
        "Deltidsfloken – a wicked problem – Norge rundt",
        K.TALK,
        "prosessveilederne",
        None,
        "Hva har vi sett i det siste?",
    ),
    (0, "16:00", 15, "Pause", K.BREAK, "", None, ""),
    (
        0,
        "16:15",
        45,
        "Gruppearbeid: vi tar med oss dagens innspill",
        K.MUNICIPALITY_WORK,
        "",
        "Gallerivandring",
        "Kommunevis arbeid – vi lager plakat. Gallerivandring med vert. "
        "Hva må de enkelte aktørene bidra med?",
    ),
    (0, "17:00", 10, "Vi sees til middag kl. 19.00", K.OTHER, "", None, ""),
    (1, "08:30", 15, "God morgen – refleksjon over gårsdagen", K.REFLECTION, "", "Refleksjon", ""),
    (
        1,
        "08:45",
        35,
        "Konsekvenser av valg av stillingsstørrelse og variable tillegg for pensjonen",
        K.TALK,
        "KLP",
        None,
        "Med refleksjon. Hvilken betydning kan denne kunnskapen ha i arbeidet med heltidskultur?",
    ),
    (
        1,
        "09:20",
        10,
        "Erfaringer fra lederopplæring i pensjon",
        K.TALK,
        "Rana kommune",
        None,
        "Hvilken overføringsverdi har dette for arbeidet med heltidskultur?",
    ),
    (1, "09:30", 15, "Refleksjon", K.REFLECTION, "", "IGP", ""),
    (1, "09:45", 35, "Pause med utsjekk", K.BREAK, "", None, ""),
    (
        1,
        "10:20",
        60,
        "Hvordan jobbe strategisk med den nye innsikten vi har fått?",
        K.TALK,
        "Ringerike kommune",
        None,
        "Erfaringer fra heltidskulturarbeidet i Ringerike kommune. "
        "Hva tar vi med oss? Hvordan kan vi arbeide strategisk i egen kommune?",
    ),
    (1, "11:20", 10, "Pause", K.BREAK, "", None, ""),
    (
        1,
        "11:30",
        30,
        "Mellomarbeidet og neste nettverkssamling",
        K.PLENARY,
        "prosessveilederne",
        None,
        "Presentasjon av mellomperiodearbeidet og planlegging av det.",
    ),
    (1, "12:00", 45, "Lunsj og vel hjem", K.MEAL, "", None, ""),
]

KONGSBERG_AGENDA: list[tuple[int, str, int, str, AgendaKind, str, str | None, str]] = [
    (0, "09:30", 30, "Registrering, kaffe og noe å bite i", K.OTHER, "", None, ""),
    (0, "10:00", 15, "Åpning", K.WELCOME, "styringsgruppen region BTV", None, ""),
    (0, "10:15", 15, "Introduksjon til dagen", K.PLENARY, "prosessveilederne", None, ""),
    (
        0,
        "10:30",
        45,
        "GJORT – LÆRT – LURT speed-date",
        K.GROUP_WORK,
        "",
        "Speed-date",
        "Bli kjent med en ny kollega i en annen kommune. Hva har vi gjort? Hva har vi lært? "
        "Hva var lurt?",
    ),
    (
        0,
        "11:15",
        45,
        "Heltidskultur også i oppvekst",
        K.TALK,
        "inviterte kommuner",
        None,
        "Flere kommuner setter heltidskultur på dagsorden også i oppvekst. "
        "Hvilke erfaringer har de gjort seg så langt?",
    ),
    (0, "12:00", 60, "Lunsj", K.MEAL, "", None, ""),
    (
        0,
        "13:00",
        30,
        "«Sammen mot nye høyder»",
        K.TALK,
        "Ørsta kommune",
        None,
        "Politisk vilje, tydelig ledelse, engasjerte tillitsvalgte og ansatte som arbeider "
        "mot samme mål.",
    ),
    (0, "13:30", 5, "Kort benstrekk", K.BREAK, "", None, ""),
    (
        0,
        "13:35",
        55,
        "Heltidskultur i barnehagen",
        K.TALK,
        "styrer, Barnas Vel barnehage, Ørsta kommune",
        None,
        "Hvordan barnehagen fremmer heltidskultur, kvalitetsarbeidet og resultatene så langt.",
    ),
    (
        0,
        "14:30",
        30,
        "Refleksjon på tvers av kommunene",
        K.REFLECTION,
        "",
        "Refleksjon",
        "Hvor godt har dere lykkes med å forankre og skape eierskap i kommunen?",
    ),
    (0, "15:00", 15, "Pause", K.BREAK, "", None, ""),
    (
        0,
        "15:15",
        60,
        "Organisatorisk kompetanse – også et spørsmål om heltid",
        K.TALK,
        "KS-Konsulent",
        None,
        "",
    ),
    (
        0,
        "16:15",
        75,
        "Kommunevist arbeid",
        K.MUNICIPALITY_WORK,
        "",
        "IGP",
        "Hva er det viktig at vi griper fatt i fremover i egen kommune? Hva trenger vi mer "
        "innsikt i for å komme videre?",
    ),
    (0, "17:30", 15, "Vi gjør oss klar til middagen", K.OTHER, "", None, "Middag kl. 19.00."),
    (1, "08:30", 10, "God morgen og intro til dagen", K.WELCOME, "prosessveilederne", None, ""),
    (
        1,
        "08:40",
        20,
        "Hva er viktig når en skal utvikle en helsefremmende arbeidstidsordning?",
        K.TALK,
        "prosessveilederne",
        None,
        "",
    ),
    (
        1,
        "09:00",
        45,
        "Vi deler erfaringer med medarbeiderinvolvering siden sist",
        K.GROUP_WORK,
        "",
        "Gallerivandring",
        "Hver kommune har forberedt en historie som alle deltakerne i "
        "kommunegruppen kjenner (punkt 3 i arbeidsboka).",
    ),
    (1, "09:45", 15, "Pause", K.BREAK, "", None, ""),
    (
        1,
        "10:00",
        75,
        "Sauherad forteller sin historie",
        K.TALK,
        "Sauherad kommune",
        None,
        "Hva har vært avgjørende grep? Hvilke resultater har de oppnådd? Hva blir neste steg?",
    ),
    (
        1,
        "11:15",
        30,
        "Kommunevist gruppearbeid: hva kan vi lære av Sauherad?",
        K.MUNICIPALITY_WORK,
        "",
        "IGP",
        "",
    ),
    (1, "11:45", 45, "Lunsj", K.MEAL, "", None, ""),
    (
        1,
        "12:30",
        60,
        "En omforent og felles forståelse i hele organisasjonen",
        K.TALK,
        "prosessveilederne",
        None,
        "Hvordan kan styringsdialogen understøtte arbeidet med å realisere heltidskultur?",
    ),
    (1, "13:30", 45, "Kommunene forbereder hjemmearbeidet", K.MUNICIPALITY_WORK, "", None, ""),
    (1, "14:15", 15, "Oppsummering", K.PLENARY, "prosessveilederne", None, ""),
    (1, "14:30", 5, "Vel hjem", K.OTHER, "", None, ""),
]

# network, kind, number, title, place, first day, last day, status, details
GATHERINGS: list[dict[str, Any]] = [
    {
        "network": "Heltid i nord",
        "number": 1,
        "title": "Samling 1",
        "place": "Bodø",
        "starts_on": date(2017, 3, 14),
        "ends_on": date(2017, 3, 15),
        "theme": "Oppstart",
    },
    {
        "network": "Heltid i nord",
        "number": 2,
        "title": "Samling 2",
        "place": "Oslo",
        "starts_on": date(2017, 9, 4),
        "ends_on": date(2017, 9, 5),
    },
    {
        "network": "Heltid i nord",
        "number": 3,
        "title": "Samling 3",
        "place": "Bodø",
        "starts_on": date(2018, 3, 6),
        "ends_on": date(2018, 3, 7),
        "theme": "Læringsnettverk for å skape heltidskultur",
        "agenda": BODO_AGENDA,
        "preparation": "Hva har dere gjort siden sist? Kjenn GJORT-LÆRT-LURT-fortellingen deres.\n"
        "Arbeidsbok kapittel 2 og utkast til lokal heltidserklæring.",
    },
    {
        "network": "Heltid i nord",
        "number": 4,
        "title": "Samling 4",
        "place": "Oslo",
        "starts_on": date(2018, 9, 3),
        "ends_on": date(2018, 9, 4),
    },
    {
        "network": "Heltid i nord",
        "number": 5,
        "title": "Samling 5: erfaringssamling",
        "place": "Oslo",
        "starts_on": date(2018, 11, 13),
        "ends_on": date(2018, 11, 14),
    },
    {
        # the seeds' samling 3 refers back to this one (the workbook, "siden sist"); its date
        # is not in the seeds: autumn 2018, between the network's start and January 2019
        "network": "BTV NyttBlikk nettverk 2",
        "number": 2,
        "title": "BTV NyttBlikk samling 2",
        "starts_on": date(2018, 10, 23),
        "ends_on": date(2018, 10, 24),
        "theme": "Andre nettverkssamling",
    },
    {
        "network": "BTV NyttBlikk nettverk 2",
        "number": 3,
        "title": "BTV NyttBlikk samling 3",
        "place": "Kongsberg",
        "starts_on": date(2019, 1, 30),
        "ends_on": date(2019, 1, 31),
        "theme": "Tredje nettverkssamling",
        "agenda": KONGSBERG_AGENDA,
        "day_ends_at": time(18, 0),
        "registration_deadline": date(2019, 1, 16),
        "preparation": "Kjenn GJORT-LÆRT-LURT-fortellingen til kommunen deres.\n"
        "Hver kommune forbereder en plakat med en historie om medarbeiderinvolvering som alle i "
        "kommunegruppen kjenner (punkt 3 i arbeidsboka).",
    },
]

FIRST_NAMES = [
    "Kari",
    "Ola",
    "Ingrid",
    "Lars",
    "Marte",
    "Per",
    "Silje",
    "Jon",
    "Hilde",
    "Nils",
    "Turid",
    "Arne",
    "Siri",
    "Knut",
    "Anne",
    "Eirik",
]
LAST_NAMES = [
    "Bakken",
    "Haugen",
    "Lunde",
    "Moen",
    "Strand",
    "Dahl",
    "Berg",
    "Vik",
    "Lie",
    "Sæther",
    "Holm",
    "Aune",
]
JOB_TITLES = ["Enhetsleder", "Hovedtillitsvalgt", "Prosjektleder", "Avdelingsleder"]


def load_methods(session: DbSession) -> dict[str, Method]:
    found = {}
    for spec in METHODS:
        method = session.scalar(sa.select(Method).where(Method.name == spec["name"]))
        if method is None:
            method = Method(**spec)
            session.add(method)
            session.flush()
        found[method.name] = method
    return found


def find_gathering(
    session: DbSession, network_id: int, number: int, kind: GatheringKind = GatheringKind.NETWORK
) -> Gathering | None:
    """A network's gathering by its natural key: kind and number."""
    return session.scalar(
        sa.select(Gathering).where(
            Gathering.network_id == network_id,
            Gathering.kind == kind,
            Gathering.number == number,
        )
    )


def _gathering(session: DbSession, network: Any, spec: dict[str, Any], today: date) -> Gathering:
    gathering = find_gathering(session, network.id, spec["number"])
    if gathering is None:
        gathering = Gathering(
            network_id=network.id,
            kind=GatheringKind.NETWORK,
            number=spec["number"],
            title=spec["title"],
            starts_on=spec["starts_on"],
            ends_on=spec["ends_on"],
        )
        session.add(gathering)
    for key in (
        "title",
        "place",
        "starts_on",
        "ends_on",
        "theme",
        "preparation",
        "registration_deadline",
        "day_ends_at",
    ):
        if key in spec and getattr(gathering, key) != spec[key]:
            setattr(gathering, key, spec[key])
    gathering.changes_reserved = True
    held = GatheringStatus.HELD if spec["ends_on"] < today else GatheringStatus.PUBLISHED
    if gathering.status != held:
        gathering.status = held
    if gathering.published_at is None:
        gathering.published_at = datetime.combine(
            spec["starts_on"] - timedelta(days=30), time(8), tzinfo=UTC
        )
    session.flush()
    return gathering


def _agenda(
    session: DbSession, gathering: Gathering, agenda: list[Any], methods: dict[str, Method]
) -> None:
    if gathering.items:
        return
    for day_index, start, minutes, title, kind, speaker, method, description in agenda:
        chosen = methods.get(method) if method else None
        hour, minute = (int(p) for p in start.split(":"))
        gathering.items.append(
            AgendaItem(
                day=gathering.days[day_index],
                starts_at=time(hour, minute),
                duration_minutes=minutes,
                title=title,
                kind=kind,
                speaker=speaker,
                description=description,
                method=chosen,
                steps=chosen.steps if chosen else "",
                roles=chosen.roles if chosen else "",
                timing=chosen.timing if chosen else "",
            )
        )
    session.flush()


def _registrations(
    session: DbSession,
    gathering: Gathering,
    ctx: Any,
    names: list[str],
) -> None:
    """Three invented people per municipality (no phone numbers: any would be someone's)."""
    n = 0
    for municipality_name in names:
        municipality = ctx.municipalities[municipality_name]
        for _ in range(3):
            first = FIRST_NAMES[n % len(FIRST_NAMES)]
            last = LAST_NAMES[(n * 5) % len(LAST_NAMES)]
            email = f"{first}.{last}.{n}@example.org".lower().replace("æ", "ae")
            n += 1
            exists = session.scalar(
                sa.select(Registration.id).where(
                    Registration.gathering_id == gathering.id, Registration.email == email
                )
            )
            if exists is not None:
                continue
            session.add(
                Registration(
                    gathering=gathering,
                    municipality=municipality,
                    first_name=first,
                    last_name=last,
                    email=email,
                    phone="",
                    job_title=JOB_TITLES[n % len(JOB_TITLES)],
                    organisation=f"{municipality_name} kommune",
                    days=[d.isoformat() for d in gathering.days][: 1 if n % 5 == 0 else 2],
                    dinner=n % 3 != 0,
                )
            )
    session.flush()


def load(session: DbSession, ctx: DemoContext) -> None:
    """The method library, the seed networks' gatherings with their programmes, and the living
    network's."""
    methods = load_methods(session)
    for spec in GATHERINGS:
        network = ctx.networks[spec["network"]]
        gathering = _gathering(session, network, spec, ctx.today)
        if "agenda" in spec:
            _agenda(session, gathering, spec["agenda"], methods)
        if spec["network"] == "BTV NyttBlikk nettverk 2":
            participating = [p.municipality.name for p in network.participations]
            _registrations(session, gathering, ctx, sorted(participating))
    load_living(session, ctx, methods)


# ---- the living network ----------------------------------------------------------------

START_AGENDA: list[tuple[int, str, int, str, AgendaKind, str, str | None, str]] = [
    (0, "10:00", 15, "Velkommen", K.WELCOME, "styringsgruppen", None, ""),
    (
        0,
        "10:15",
        45,
        "Heltidskultur: hvorfor nå?",
        K.TALK,
        "prosessveilederne",
        None,
        "Kvalitet, kompetanse, kapasitet og kontinuitet. Hva forteller PAI-tallene om "
        "stillingsstørrelsene i turnus, og hva betyr de for tjenestene?",
    ),
    (
        0,
        "11:00",
        60,
        "Hvor står vi? Kommunene presenterer seg",
        K.PLENARY,
        "deltakerkommunene",
        None,
        "5–7 minutter fra hver kommune: utfordringsbildet, og hvorfor vi er med.",
    ),
    (0, "12:00", 60, "Lunsj", K.MEAL, "", None, ""),
    (
        0,
        "13:00",
        45,
        "Gevinsthjulet: ti steg mot heltidskultur",
        K.TALK,
        "prosessveilederne",
        None,
        "Fra utfordringen og innsikten i planlagt og faktisk bemanning til evaluering og "
        "rapportering i styringsdialogen.",
    ),
    (0, "13:45", 15, "Pause", K.BREAK, "", None, ""),
    (
        0,
        "14:00",
        75,
        "Kommunevis arbeid: forankring og eierskap",
        K.MUNICIPALITY_WORK,
        "",
        "IGP",
        "Hvem må være med, og hvordan? Presenter de tre viktigste tingene og begrunn hvorfor.",
    ),
    (0, "15:15", 15, "Pause", K.BREAK, "", None, ""),
    (
        0,
        "15:30",
        45,
        "Gallerivandring: utfordringsbildet i hver kommune",
        K.GROUP_WORK,
        "",
        "Gallerivandring",
        "Hver kommune lager en plakat; verten blir stående, de andre høster ideer.",
    ),
    (
        0,
        "16:15",
        30,
        "Hvor godt har vi forankret arbeidet?",
        K.REFLECTION,
        "",
        "Refleksjon",
        "Still deg på en skala fra 1 (lite) til 10 (svært godt).",
    ),
    (0, "16:45", 10, "Vi sees til middag kl. 19.00", K.OTHER, "", None, ""),
    (1, "08:30", 15, "God morgen – refleksjon over gårsdagen", K.REFLECTION, "", "Refleksjon", ""),
    (
        1,
        "08:45",
        60,
        "Oppgavedeling og riktig bruk av kompetanse",
        K.TALK,
        "Bodø kommune",
        None,
        "Erfaringer fra piloten ved to sykehjem: døgnrytmeplan, analyse av en hel uke og ny "
        "bemanningsplan med stillingsinstrukser.",
    ),
    (1, "09:45", 15, "Pause", K.BREAK, "", None, ""),
    (
        1,
        "10:00",
        45,
        "Vurderingskrysset",
        K.MUNICIPALITY_WORK,
        "",
        "Vurderingskrysset",
        "Hva har vi oppnådd? Hvorfor? Hva må vi ta tak i nå? Hvordan gjør vi det?",
    ),
    (
        1,
        "10:45",
        30,
        "Det viktigste vi tar tak i hjemme",
        K.PLENARY,
        "prosessveilederne",
        None,
        "Hver kommune melder sin forpliktelse, og nettverket blir enig om en felles.",
    ),
    (
        1,
        "11:15",
        30,
        "Mellomarbeidet: arbeidsbok kapittel 2",
        K.PLENARY,
        "prosessveilederne",
        None,
        "Kapittel 1 er levert; kapittel 2 skal leveres før samling 2.",
    ),
    (1, "11:45", 45, "Lunsj og vel hjem", K.MEAL, "", None, ""),
]

COORDINATORS_AGENDA: list[tuple[int, str, int, str, AgendaKind, str, str | None, str]] = [
    (0, "09:00", 10, "Velkommen og innsjekk", K.WELCOME, "prosessveilederne", None, ""),
    (
        0,
        "09:10",
        40,
        "Arbeidsbøkene: hvor står vi med kapittel 2?",
        K.PLENARY,
        "koordinatorene",
        None,
        "",
    ),
    (
        0,
        "09:50",
        30,
        "Vi hjelper hverandre",
        K.GROUP_WORK,
        "",
        "IGP",
        "Hver koordinator tar med ett spørsmål fra arbeidet hjemme.",
    ),
    (0, "10:20", 10, "Pause", K.BREAK, "", None, ""),
    (
        0,
        "10:30",
        30,
        "Oppfølging av forpliktelsene fra samling 1",
        K.PLENARY,
        "prosessveilederne",
        None,
        "",
    ),
    (
        0,
        "11:00",
        30,
        "Speakers' corner og temaer til samling 2",
        K.PLENARY,
        "koordinatorene",
        None,
        "",
    ),
]

TASKS_AGENDA: list[tuple[int, str, int, str, AgendaKind, str, str | None, str]] = [
    (0, "09:30", 30, "Registrering, kaffe og noe å bite i", K.OTHER, "", None, ""),
    (0, "10:00", 15, "Åpning", K.WELCOME, "styringsgruppen", None, ""),
    (
        0,
        "10:15",
        45,
        "GJORT – LÆRT – LURT speed-date",
        K.GROUP_WORK,
        "",
        "Speed-date",
        "Fortell en kollega fra en annen kommune: hva har vi gjort siden samling 1, hva har "
        "vi lært, og hva var lurt?",
    ),
    (0, "11:00", 15, "Pause", K.BREAK, "", None, ""),
    (
        0,
        "11:15",
        45,
        "Oppfølging av forpliktelsene fra samling 1",
        K.PLENARY,
        "prosessveilederne",
        None,
        "Vi går gjennom forpliktelsene som ennå ikke er fulgt opp.",
    ),
    (0, "12:00", 60, "Lunsj", K.MEAL, "", None, ""),
    (
        0,
        "13:00",
        45,
        "Kommunalt turnusansvar",
        K.TALK,
        "Hammerfest kommune",
        None,
        "Én stilling i HR har ansvaret for all turnusplanlegging i kommunen. Hva frigjør det "
        "for lederne i tjenestene?",
    ),
    (
        0,
        "13:45",
        45,
        "Sykepleierteam og oppgavedeling",
        K.TALK,
        "Alstahaug kommune",
        None,
        "Sykepleierne gjør sykepleieroppgaver, og bemyndigede helsefagarbeidere tar resten. "
        "Sykehjemmet har ikke brukt vikarbyrå på tre år.",
    ),
    (0, "14:30", 15, "Pause", K.BREAK, "", None, ""),
    (
        0,
        "14:45",
        60,
        "Hvilke arbeidstidsordninger passer hos oss?",
        K.GROUP_WORK,
        "",
        "Kafédialog",
        "Langvakter i helg, årsturnus, ressurspool og flat bemanning: ett bord for hver.",
    ),
    (
        0,
        "15:45",
        60,
        "Kommunevist arbeid med arbeidsboka",
        K.MUNICIPALITY_WORK,
        "",
        "IGP",
        "Hva forteller tallene fra pilotene oss, og hva trenger vi mer innsikt i?",
    ),
    (0, "16:45", 15, "Vi gjør oss klar til middagen", K.OTHER, "", None, "Middag kl. 19.00."),
    (1, "08:30", 10, "God morgen og intro til dagen", K.WELCOME, "prosessveilederne", None, ""),
    (
        1,
        "08:40",
        50,
        "Tjenestestyrt og flat bemanning",
        K.TALK,
        "Vadsø kommune",
        None,
        "Bemanningsplanen settes etter brukernes behov, og turnusen evalueres minst to ganger "
        "i året. Tidligvakten møter nå kl. 07.00.",
    ),
    (1, "09:30", 15, "Pause", K.BREAK, "", None, ""),
    (
        1,
        "09:45",
        60,
        "Gallerivandring: GJORT – LÆRT – LURT",
        K.GROUP_WORK,
        "",
        "Gallerivandring",
        "Hver kommune har laget en plakat av historien sin siden samling 1.",
    ),
    (
        1,
        "10:45",
        45,
        "Endringsledelse i en liten kommune",
        K.TALK,
        "Salangen kommune",
        None,
        "En endringsleder driver utviklingen av hjemmetjenesten og velferdsteknologien, "
        "sammen med innbyggerne.",
    ),
    (1, "11:30", 45, "Lunsj", K.MEAL, "", None, ""),
    (
        1,
        "12:15",
        45,
        "Det viktigste vi tar tak i hjemme",
        K.MUNICIPALITY_WORK,
        "",
        "Vurderingskrysset",
        "Hver kommune melder sin forpliktelse fram til samling 3.",
    ),
    (
        1,
        "13:00",
        30,
        "Mellomarbeidet: kapittel 3 og neste samling",
        K.PLENARY,
        "prosessveilederne",
        None,
        "",
    ),
    (1, "13:30", 5, "Vel hjem", K.OTHER, "", None, ""),
]

# The living network's gatherings: each starts on the weekday (1: Tuesday) nearest to so many
# days from the day the demo is loaded, within a window of days; registration closes two weeks
# before.
LIVING_GATHERINGS: list[dict[str, Any]] = [
    {
        "kind": GatheringKind.NETWORK,
        "number": 1,
        "title": "Samling 1: oppstart",
        "place": "Bodø",
        "starts": (-42, (-46, -38), 1),
        "days": 2,
        "status": GatheringStatus.HELD,
        "theme": "Hvorfor heltidskultur, og hvor står vi?",
        "registration_deadline": True,
        "preparation": "Lever arbeidsbok kapittel 1 før samlingen.\n"
        "Ta med tallene for stillingsstørrelser i pilotenheten.",
        "agenda": START_AGENDA,
        "registered": ["Bodø", "Alstahaug", "Salangen", "Hammerfest", "Vadsø"],
        "demo_people": ["koordinator", "deltaker"],
    },
    {
        "kind": GatheringKind.COORDINATOR,
        "number": 1,
        "title": "Koordinatorsamling 1",
        "place": "Digitalt",
        "starts": (-10, (-13, -7), 3),
        "days": 1,
        "status": GatheringStatus.HELD,
        "theme": "Arbeidsbøkene og forpliktelsene fra samling 1",
        "day_ends_at": time(11, 30),
        "agenda": COORDINATORS_AGENDA,
    },
    {
        "kind": GatheringKind.NETWORK,
        "number": 2,
        "title": "Samling 2: oppgavedeling og arbeidstid",
        "place": "Tromsø",
        "starts": (21, (14, 35), 1),
        "days": 2,
        "status": GatheringStatus.PUBLISHED,
        "theme": "Oppgavedeling, arbeidstidsordninger og riktig bruk av kompetanse",
        "registration_deadline": True,
        "preparation": "Kjenn GJORT-LÆRT-LURT-fortellingen til kommunen deres, og lag en "
        "plakat av den til gallerivandringen.\n"
        "Lever arbeidsbok kapittel 2 før samlingen.",
        "agenda": TASKS_AGENDA,
        "registered": ["Alstahaug", "Hammerfest", "Vadsø"],
        "demo_people": [],
    },
    {
        "kind": GatheringKind.NETWORK,
        "number": 3,
        "title": "Samling 3",
        "place": "Hammerfest",
        "starts": (105, (90, 130), 1),
        "days": 2,
        "status": GatheringStatus.PLANNED,
        "theme": "Tjenestestyrt bemanning og evaluering av pilotene",
    },
]


def living_gathering(
    session: DbSession, ctx: DemoContext, number: int, kind: GatheringKind = GatheringKind.NETWORK
) -> Gathering:
    """One of the living network's gatherings (the gatherings' loader made them)."""
    gathering = find_gathering(session, ctx.living_network.id, number, kind)
    if gathering is None:
        raise LookupError(f"the living network has no {kind} gathering {number}")
    return gathering


def load_living(session: DbSession, ctx: DemoContext, methods: dict[str, Method]) -> None:
    """The living network's gatherings, moved with the network when loaded on a later day."""
    network = ctx.living_network
    if ctx.moved:
        gatherings = list(
            session.scalars(sa.select(Gathering).where(Gathering.network_id == network.id))
        )
        for moving in gatherings:
            ctx.move([moving, *moving.items, *moving.registrations])
            for registration in moving.registrations:
                registration.days = [
                    (date.fromisoformat(day) + ctx.moved).isoformat() for day in registration.days
                ]
        session.flush()
    for spec in LIVING_GATHERINGS:
        found = find_gathering(session, network.id, spec["number"], spec["kind"])
        if found is not None:
            gathering = found
        else:
            starts_on = ctx.meeting_day(*spec["starts"])
            deadline = starts_on - timedelta(days=14) if "registration_deadline" in spec else None
            gathering = Gathering(
                network_id=network.id,
                kind=spec["kind"],
                number=spec["number"],
                title=spec["title"],
                place=spec["place"],
                theme=spec.get("theme", ""),
                starts_on=starts_on,
                ends_on=starts_on + timedelta(days=spec["days"] - 1),
                status=spec["status"],
                registration_deadline=deadline,
                preparation=spec.get("preparation", ""),
                day_ends_at=spec.get("day_ends_at", time(17, 30)),
                changes_reserved=True,
            )
            if spec["status"] != GatheringStatus.PLANNED:
                gathering.published_at = datetime.combine(
                    min(starts_on - timedelta(days=35), ctx.day(-14)), time(8), tzinfo=UTC
                )
            session.add(gathering)
            session.flush()
        if "agenda" in spec:
            _agenda(session, gathering, spec["agenda"], methods)
        if spec.get("registered"):
            _registrations(session, gathering, ctx, spec["registered"])
        for role in spec.get("demo_people", []):
            _register_demo_people(session, ctx, gathering, role, spec["registered"])


def _register_demo_people(
    session: DbSession, ctx: DemoContext, gathering: Gathering, role: str, names: list[str]
) -> None:
    """The demo's own logins of a role (coordinators, participants) registered for both days."""
    from heltidnett.demo import slug

    for name in names:
        user = ctx.users.get(f"{role}.{slug(name)}")
        if user is None:
            continue
        exists = session.scalar(
            sa.select(Registration.id).where(
                Registration.gathering_id == gathering.id, Registration.email == user.email
            )
        )
        if exists is not None:
            continue
        first, _, last = user.name.partition(" ")
        session.add(
            Registration(
                gathering=gathering,
                user_id=user.id,
                municipality=ctx.municipalities[name],
                first_name=first,
                last_name=last,
                email=user.email,
                job_title="Koordinator" if role == "koordinator" else "Deltaker",
                organisation=f"{name} kommune",
                days=[d.isoformat() for d in gathering.days],
                dinner=True,
            )
        )
    session.flush()
