"""Demo stories for the Heltid i nord and BTV municipalities, with ideas between them, and the
living network's stories from its first gathering (six weeks ago) and one being written for the
next.

The stories are written from what the seeds say each municipality told or did (the slides; the
Tørn report for the living network); the people who leave ideas are the foundation's invented
demo users.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import sqlalchemy as sa

from heltidnett.db import DbSession
from heltidnett.demo import BTV, NORTH, DemoContext, slug
from heltidnett.gatherings.demo import living_gathering
from heltidnett.gatherings.models import Gathering, GatheringKind, GatheringStatus
from heltidnett.networks.models import Network
from heltidnett.stories.models import Idea, IdeaKind, Story, StoryStatus, StoryTheme, Theme

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
IDEAS: list[tuple[str, int, str, str, IdeaKind, str, bool]] = [
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
        gathering = gatherings[(net, number)]
        told = datetime.combine(gathering.starts_on, TOLD_AT.timetz())
        stories[(net, number, mname)] = _story(
            session,
            ctx,
            ctx.networks[net],
            gathering,
            mname,
            (title, done, learned, smart, themes),
            told,
        )
    for net, number, host, author_key, kind, text, home in IDEAS:
        story = stories[(net, number, host)]
        given = datetime.combine(story.gathering.starts_on, TOLD_AT.timetz())
        _idea(session, ctx, story, host, author_key, kind, text, given, home)
    session.flush()
    load_living(session, ctx)


def _story(
    session: DbSession,
    ctx: DemoContext,
    network: Network,
    gathering: Gathering,
    mname: str,
    text: tuple[str, str, str, str, list[Theme]],
    published_at: datetime | None,
) -> Story:
    """A municipality's story told at a gathering, found by its title first."""
    title, done, learned, smart, themes = text
    municipality = ctx.municipalities[mname]
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
            status=StoryStatus.PUBLISHED if published_at else StoryStatus.DRAFT,
            published_at=published_at,
            author_id=ctx.users[f"koordinator.{slug(mname)}"].id,
            theme_rows=[StoryTheme(theme=t) for t in themes],
        )
        session.add(story)
        session.flush()
    return story


def _idea(
    session: DbSession,
    ctx: DemoContext,
    story: Story,
    host: str,
    author_key: str,
    kind: IdeaKind,
    text: str,
    given: datetime,
    home: bool,
) -> None:
    """An idea or a question for the host, found by its text first."""
    exists = session.scalar(sa.select(Idea.id).where(Idea.story_id == story.id, Idea.text == text))
    if exists is not None:
        return
    author_municipality = ctx.municipalities[
        next(name for name in ctx.municipalities if slug(name) == author_key.split(".")[1])
    ]
    session.add(
        Idea(
            story_id=story.id,
            kind=kind,
            text=text,
            author_id=ctx.users[author_key].id,
            author_municipality_id=author_municipality.id,
            created_at=given,
            taken_home_at=given.replace(hour=15) if home else None,
            taken_home_by_id=ctx.users[f"koordinator.{slug(host)}"].id if home else None,
        )
    )


# ---- the living network ----------------------------------------------------------------

# gathering number, municipality, title, gjort, lært, lurt, themes; told at samling 1, or
# (number 2) a draft for the coming gathering
LIVING_STORIES: list[tuple[int, str, str, str, str, str, list[Theme]]] = [
    (
        1,
        "Bodø",
        "Oppgavedeling ved to sykehjem",
        "Vi spurte sykepleiere, helsefagarbeidere og assistenter ved to sykehjem om oppgavene "
        "deres. Halvparten svarte at de ofte eller nokså ofte gjør oppgaver som ikke krever "
        "kompetansen deres.",
        "Vi trodde vi trengte flere sykepleiere. Analysen av en hel uke viste at vi heller "
        "trengte en annen organisering av sykepleierne på vakt.",
        "Å lage en døgnrytmeplan med hver oppgave på hver vakt: den gjorde samtalen konkret.",
        [Theme.TASK_SHARING, Theme.COMPETENCE, Theme.MAPPING],
    ),
    (
        1,
        "Alstahaug",
        "Sykepleierteam på sykehjemmet",
        "Vi laget en egen sykepleierturnus der sykepleierne bare gjør sykepleieroppgaver og "
        "ellers har vakttelefonen.",
        "Helsefagarbeiderne vokser når de får ansvaret for pleien. Sykefraværet har gått ned.",
        "Å definere sykepleieroppgavene sammen med sykepleierne, oppgave for oppgave.",
        [Theme.TASK_SHARING, Theme.COMPETENCE],
    ),
    (
        1,
        "Salangen",
        "En endringsleder for hele kommunen",
        "Vi har tilsatt en endringsleder som driver utviklingen av hjemmetjenesten og "
        "innføringen av velferdsteknologi.",
        "Endringer i en liten kommune må forankres hos innbyggerne også, ikke bare hos de ansatte.",
        "Å la endringslederen jobbe både internt og ute hos innbyggerne.",
        [Theme.LEADERSHIP, Theme.WELFARE_TECHNOLOGY],
    ),
    (
        1,
        "Hammerfest",
        "Turnuskontoret tar turnusen",
        "Én stilling i HR har ansvaret for all turnusplanlegging i kommunen, også på "
        "brannstasjonen og kulturhuset.",
        "Tre langvakter på rad i helgene ble for slitsomt; to fungerer bedre, med første vakt "
        "etter helgen på tirsdag.",
        "Lederne fikk tid til fag og folk da turnusen ble samlet ett sted.",
        [Theme.WORKING_TIME, Theme.LEADERSHIP],
    ),
    (
        1,
        "Vadsø",
        "Bemanning etter brukernes behov",
        "Vi har innført tjenestestyrt og flat bemanning på sykehjemmet.",
        "Pårørende er fornøyde: de møter ansatte som kjenner beboerne, ikke skiftende helgevakter.",
        "Å flytte tidligvakten fra kl. 08 til 07 ga bedre frokostrutiner.",
        [Theme.WORKING_TIME, Theme.EMPLOYEE_INVOLVEMENT],
    ),
    (
        2,
        "Bodø",
        "Ny bemanningsplan på plass",
        "Vi har laget ny bemanningsplan og stillingsinstrukser for de to sykehjemmene.",
        "",
        "",
        [Theme.TASK_SHARING],
    ),
]

# host municipality, author key, kind, text, taken home (on samling 1's stories)
LIVING_IDEAS: list[tuple[str, str, IdeaKind, str, bool]] = [
    (
        "Bodø",
        "koordinator.alstahaug",
        IdeaKind.IDEA,
        "Prøv sykepleierteam med vakttelefon, slik vi gjorde en sommer.",
        True,
    ),
    ("Bodø", "deltaker.hammerfest", IdeaKind.QUESTION, "Hvem laget døgnrytmeplanen?", False),
    (
        "Hammerfest",
        "koordinator.vadso",
        IdeaKind.IDEA,
        "Evaluer turnusen minst to ganger i året; brukerbehovene endrer seg.",
        True,
    ),
    (
        "Vadsø",
        "deltaker.bodo",
        IdeaKind.QUESTION,
        "Hvordan tok de ansatte imot flat bemanning i helgene?",
        False,
    ),
    (
        "Salangen",
        "koordinator.bodo",
        IdeaKind.IDEA,
        "Del erfaringene med velferdsteknologi på neste samling.",
        False,
    ),
]


def load_living(session: DbSession, ctx: DemoContext) -> None:
    """The living network's stories: moved with it when loaded on a later day."""
    network = ctx.living_network
    if ctx.moved:
        stories = list(session.scalars(sa.select(Story).where(Story.network_id == network.id)))
        ctx.move([*stories, *(i for story in stories for i in story.ideas)])
        session.flush()
    told: dict[str, Story] = {}
    for number, mname, title, done, learned, smart, themes in LIVING_STORIES:
        gathering = living_gathering(session, ctx, number)
        published = datetime.combine(gathering.starts_on, time(11), tzinfo=UTC)
        story = _story(
            session,
            ctx,
            network,
            gathering,
            mname,
            (title, done, learned, smart, themes),
            published if gathering.starts_on <= ctx.today else None,
        )
        if number == 1:
            told[mname] = story
    for host, author_key, kind, text, home in LIVING_IDEAS:
        story = told[host]
        given = datetime.combine(story.gathering.starts_on, time(13), tzinfo=UTC)
        _idea(session, ctx, story, host, author_key, kind, text, given, home)
    session.flush()
