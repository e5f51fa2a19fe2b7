"""Demo stories for the Heltid i nord and BTV municipalities, with ideas between them.

The stories are written from what the seeds' slides say each municipality told; the people
who leave ideas are the foundation's invented demo users.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from heltidnett.db import DbSession
from heltidnett.demo import DemoContext, slug
from heltidnett.gatherings.models import Gathering, GatheringKind, GatheringStatus
from heltidnett.networks.models import Network
from heltidnett.stories.models import Idea, IdeaKind, Story, StoryStatus, StoryTheme, Theme

NORTH = "Heltid i nord"
BTV = "BTV NyttBlikk nettverk 2"

# network, number, title, place, first day, last day
GATHERINGS = [
    (NORTH, 3, "Samling 3", "Bodø", date(2018, 3, 6), date(2018, 3, 7)),
    (NORTH, 4, "Samling 4", "Oslo", date(2018, 9, 3), date(2018, 9, 4)),
    (BTV, 3, "Samling 3", "Kongsberg", date(2019, 1, 30), date(2019, 1, 31)),
]

# network, gathering number, municipality, title, gjort, lært, lurt, themes
STORIES: list[tuple[str, int, str, str, str, str, str, list[Theme]]] = [
    (
        NORTH,
        3,
        "Alta",
        "Heltidserklæringen må på plass",
        "Vi har kartlagt stillingsstørrelser i sju enheter og lagt fram funnene for "
        "storgruppen med administrativ og politisk ledelse.",
        "Uten en lokal heltidserklæring blir arbeidet personavhengig. Ressursgruppene "
        "trenger tydelige roller.",
        "Å invitere politisk ledelse til kick-off tidlig, så forankringen kommer før løsningene.",
        [Theme.ANCHORING, Theme.MAPPING, Theme.RESOURCE_GROUPS],
    ),
    (
        NORTH,
        3,
        "Hemnes",
        "Forankret i ledelsen – nå ut i organisasjonen",
        "Vi har lykkes med forankring i administrativ og politisk ledelse og er i gang "
        "med nye turnusordninger.",
        "Mange ansatte vet ennå ikke om arbeidet. Løsningene må komme fram i kreative "
        "prosesser, ikke presenteres ferdige.",
        "En plakat som sier at «dette gjelder også meg» – også for dem som har 100 %.",
        [Theme.ANCHORING, Theme.EMPLOYEE_INVOLVEMENT, Theme.WORKING_TIME],
    ),
    (
        NORTH,
        3,
        "Rana",
        "En positiv bølge etter kick-off",
        "Vi holdt kick-off for ledere, tillitsvalgte og verneombud, og la fram utkast til "
        "heltidserklæring for ledergruppen i helse og omsorg.",
        "Partssamarbeidet fra første dag gjør at tillitsvalgte eier målene sammen med oss.",
        "Å søke etter de gode arbeidstidsordningene sammen med pilotene, ikke for dem.",
        [Theme.PARTY_COOPERATION, Theme.WORKING_TIME],
    ),
    (
        NORTH,
        3,
        "Vestvågøy",
        "Forankring i alle retninger",
        "Vi har valgt pilotavdelinger og startet arbeidet med kulturen i avdelingene.",
        "Vi trenger en tydelig bestilling over hva vi skal gjøre, og praktiske verktøy "
        "for lederne.",
        "Å finne ressurspersonene som brenner for dette – de gir positiv drive.",
        [Theme.ANCHORING, Theme.LEADERSHIP, Theme.EMPLOYEE_INVOLVEMENT],
    ),
    (
        BTV,
        3,
        "Sauherad",
        "Heltid før kommunesammenslåingen",
        "Vi har prøvd ut langvakter i to avdelinger og tatt erfaringene inn i arbeidet "
        "med nye Midt-Telemark kommune.",
        "Avgjørende grep var at ledere, tillitsvalgte og ansatte laget turnusen sammen.",
        "Å dele resultatene med politikerne underveis, ikke bare til slutt.",
        [Theme.WORKING_TIME, Theme.PARTY_COOPERATION],
    ),
    (
        BTV,
        3,
        "Ringerike",
        "Målene for 2018–2020 i hjemmetjenesten",
        "Vi har satt mål om minst 50 % hele stillinger og gjennomsnittlig stillingsstørrelse "
        "på 90 %, med første delmål 40 % og 75 %.",
        "Målene må kunne måles fra første dag: vi henter tallene fra PAI og turnussystemet.",
        "Å ta heltidskulturen inn i oppvekst også, så den blir hele kommunens sak.",
        [Theme.MAPPING, Theme.LEADERSHIP],
    ),
    (
        BTV,
        3,
        "Sandefjord",
        "Kamfjord 2AB: fra 15,6 % til 44 % heltid",
        "Avdeling 2AB gikk fra 15,6 % til 44 % hele stillinger på sju måneder, og "
        "gjennomsnittlig stillingsstørrelse fra 56,5 % til 75 %.",
        "De ansatte må eie turnusen: medarbeiderne laget forslagene selv.",
        "Å følge innleide timer hver måned – 1 322,6 færre timer gjorde gevinsten synlig.",
        [Theme.EMPLOYEE_INVOLVEMENT, Theme.WORKING_TIME],
    ),
    (
        BTV,
        3,
        "Lier",
        "Medarbeiderne med fra starten",
        "Vi holdt dialogmøter i alle avdelinger om hvorfor heltid betyr noe for brukerne.",
        "Ansatte som går ned i stilling av hensyn til helsen, trenger egne løsninger.",
        "Å la tillitsvalgte lede dialogmøtene sammen med avdelingslederen.",
        [Theme.EMPLOYEE_INVOLVEMENT, Theme.PARTY_COOPERATION],
    ),
    (
        BTV,
        3,
        "Nome",
        "Kompetanse på hver vakt",
        "Vi har kartlagt planlagt og faktisk kompetanse per vakt i en uke.",
        "Helgene har for lav andel fagarbeidere; det er der vi må begynne.",
        "Å vise tallene for hver ukedag – det overbeviste både ledere og ansatte.",
        [Theme.COMPETENCE, Theme.MAPPING],
    ),
]

# (network, gathering number, host municipality, story title) ← (author key, kind, text, home)
IDEAS: list[tuple[str, int, str, str, str, str, bool]] = [
    (
        NORTH,
        3,
        "Alta",
        "deltaker.hemnes",
        IdeaKind.IDEA,
        "Lag en plakat som viser at heltid gjelder alle, også dem som har 100 %.",
        True,
    ),
    (
        NORTH,
        3,
        "Alta",
        "koordinator.rana",
        IdeaKind.QUESTION,
        "Hvem leder ressursgruppene hos dere – HR eller tjenesten?",
        False,
    ),
    (
        NORTH,
        3,
        "Hemnes",
        "koordinator.alta",
        IdeaKind.IDEA,
        "Inviter politisk ledelse til en egen kick-off med funnene fra kartleggingen.",
        True,
    ),
    (
        NORTH,
        3,
        "Rana",
        "koordinator.vestvagoy",
        IdeaKind.IDEA,
        "Ta med KLP tidlig for å se hva større stillinger betyr for pensjonen.",
        True,
    ),
    (
        NORTH,
        3,
        "Vestvågøy",
        "koordinator.hemnes",
        IdeaKind.QUESTION,
        "Hvordan valgte dere pilotavdelingene?",
        False,
    ),
    (
        BTV,
        3,
        "Sandefjord",
        "koordinator.lier",
        IdeaKind.QUESTION,
        "Hvor lange var vaktene i den nye turnusen på 2AB?",
        False,
    ),
    (
        BTV,
        3,
        "Sandefjord",
        "deltaker.ringerike",
        IdeaKind.IDEA,
        "Del oversikten over innleide timer med de andre kommunene som en mal.",
        True,
    ),
    (
        BTV,
        3,
        "Sauherad",
        "koordinator.nome",
        IdeaKind.IDEA,
        "Vis fram erfaringene med langvakter i den nye kommunens heltidsplan.",
        True,
    ),
    (
        BTV,
        3,
        "Nome",
        "koordinator.kongsberg",
        IdeaKind.IDEA,
        "Prøv kompetansekartleggingen i helgene også i hjemmetjenesten.",
        False,
    ),
]

TOLD_AT = datetime(2018, 3, 6, 11, 0, tzinfo=UTC)


def find_or_create_gathering(
    session: DbSession,
    network: Network,
    number: int,
    title: str,
    place: str,
    starts_on: date,
    ends_on: date,
) -> Gathering:
    """A network gathering by its natural key, created with minimal fields if missing."""
    gathering = session.scalar(
        sa.select(Gathering).where(
            Gathering.network_id == network.id,
            Gathering.kind == GatheringKind.NETWORK,
            Gathering.number == number,
        )
    )
    if gathering is None:
        gathering = Gathering(
            network_id=network.id,
            kind=GatheringKind.NETWORK,
            number=number,
            title=title,
            place=place,
            starts_on=starts_on,
            ends_on=ends_on,
            status=GatheringStatus.HELD,
        )
        session.add(gathering)
        session.flush()
    return gathering


def demo_gatherings(session: DbSession, ctx: DemoContext) -> dict[tuple[str, int], Gathering]:
    """The gatherings the stories and commitments refer to."""
    return {
        (net, number): find_or_create_gathering(
            session, ctx.networks[net], number, title, place, first, last
        )
        for net, number, title, place, first, last in GATHERINGS
    }


def load(session: DbSession, ctx: DemoContext) -> None:
    """Published stories with themes, and ideas some of which the hosts took home."""
    gatherings = demo_gatherings(session, ctx)
    stories: dict[tuple[str, int, str], Story] = {}
    for net, number, mname, title, done, learned, smart, themes in STORIES:
        network = ctx.networks[net]
        municipality = ctx.municipalities[mname]
        gathering = gatherings[(net, number)]
        story = session.scalar(
            sa.select(Story).where(
                Story.network_id == network.id,
                Story.municipality_id == municipality.id,
                Story.gathering_id == gathering.id,
                Story.title == title,
            )
        )
        if story is None:
            story = Story(
                network_id=network.id,
                municipality_id=municipality.id,
                gathering_id=gathering.id,
                title=title,
                done_text=done,
                learned_text=learned,
                smart_text=smart,
                status=StoryStatus.PUBLISHED,
                published_at=datetime.combine(gathering.starts_on, TOLD_AT.timetz()),
                author_id=ctx.users[f"koordinator.{slug(mname)}"].id,
                theme_rows=[StoryTheme(theme=t) for t in themes],
            )
            session.add(story)
            session.flush()
        stories[(net, number, mname)] = story
    for net, number, host, author_key, kind, text, home in IDEAS:
        story = stories[(net, number, host)]
        exists = session.scalar(
            sa.select(Idea.id).where(Idea.story_id == story.id, Idea.text == text)
        )
        if exists is not None:
            continue
        author = ctx.users[author_key]
        author_municipality = ctx.municipalities[
            next(name for name in ctx.municipalities if slug(name) == author_key.split(".")[1])
        ]
        given = datetime.combine(story.gathering.starts_on, TOLD_AT.timetz())
        session.add(
            Idea(
                story_id=story.id,
                kind=kind,
                text=text,
                author_id=author.id,
                author_municipality_id=author_municipality.id,
                created_at=given,
                taken_home_at=given.replace(hour=15) if home else None,
                taken_home_by_id=ctx.users[f"koordinator.{slug(host)}"].id if home else None,
            )
        )
    session.flush()
