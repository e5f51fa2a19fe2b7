"""Demo declarations as the Heltid i nord seeds tell it (March 2018): Hemnes has anchored its
declaration with the administration and the politicians, Rana expects its management group to
approve it, and Alta still has to get one in place. In the living network Bodø adopted its
declaration two months ago, Vadsø's is on consultation and Salangen has started a draft. People
are invented; case numbers too."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from heltidnett.db import DbSession
from heltidnett.declarations import services
from heltidnett.declarations.models import Declaration, DefinitionKind, Status
from heltidnett.demo import DemoContext

HEMNES_SIGNATORIES = [
    ("Rådmann", "Randi Rådmann", "Hemnes kommune"),
    ("Hovedtillitsvalgt", "Frode Fagforbund", "Fagforbundet"),
    ("Hovedtillitsvalgt", "Nina Sykepleier", "Norsk Sykepleierforbund (NSF)"),
    ("Hovedtillitsvalgt", "Dag Delta", "Delta"),
    ("Hovedverneombud", "Vidar Verneombud", "Hemnes kommune"),
]


BODO_SIGNATORIES = [
    ("Kommunedirektør", "Kristin Kommunedirektør", "Bodø kommune"),
    ("Hovedtillitsvalgt", "Frida Fagforbund", "Fagforbundet"),
    ("Hovedtillitsvalgt", "Sigrid Sykepleier", "Norsk Sykepleierforbund (NSF)"),
    ("Hovedtillitsvalgt", "Daniel Delta", "Delta"),
    ("Hovedverneombud", "Vegard Verneombud", "Bodø kommune"),
]


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)


def _backdate(version, days: dict[Status, date]) -> None:
    for transition in version.transitions:
        if transition.to_status in days:
            transition.at = _at(days[transition.to_status])


def load(session: DbSession, ctx: DemoContext) -> None:
    """Hemnes published (and revising), Rana on consultation, Alta in draft."""
    municipalities, users = ctx.municipalities, ctx.users
    if services.get_declaration(session, municipalities["Hemnes"].id) is None:
        actor = users["koordinator.hemnes"]
        v1 = services.start_declaration(session, actor, municipalities["Hemnes"])
        services.update_version(
            session,
            actor,
            v1,
            {
                "definition_kind": DefinitionKind.SSB_OVER_90.value,
                "definition_text": "Heltid er stilling på mer enn 90 %, slik Statistisk "
                "sentralbyrå teller. Målet på sikt er at flest mulig har 100 % stilling.",
                "goals": "Andelen heltidsstillinger i helse og omsorg skal øke med minst fem "
                "prosentpoeng i året fram til 2020.\n\nGjennomsnittlig stillingsstørrelse "
                "skal være minst 75 % innen utgangen av 2019.",
                "measures": "Pilot med langvakter i helg på sykehjemmet.\n\nRessursgruppe "
                "for hele helse og omsorg fra høsten 2018.\n\nEn plakat om heltidskultur til "
                "alle ansatte: dette gjelder også deg.",
            },
            base_revision=v1.revision,
        )
        for target in (Status.CONSULTATION, Status.APPROVED, Status.ADOPTED):
            services.transition(
                session,
                actor,
                v1,
                target,
                services.TransitionFacts(
                    approved_on=date(2018, 1, 16),
                    approved_by_body="Ledergruppen i Hemnes kommune",
                    adopted_on=date(2018, 2, 15),
                    adopted_by_body="Kommunestyret",
                    case_number="18/204",
                ),
                today=date(2018, 2, 20),
            )
        for role, name, organisation in HEMNES_SIGNATORIES:
            services.add_signatory(session, v1, role=role, name=name, organisation=organisation)
        services.transition(session, actor, v1, Status.PUBLISHED)
        v1.published_at = _at(date(2018, 2, 20))
        _backdate(
            v1,
            {
                Status.DRAFT: date(2017, 11, 20),
                Status.CONSULTATION: date(2017, 12, 4),
                Status.APPROVED: date(2018, 1, 16),
                Status.ADOPTED: date(2018, 2, 15),
                Status.PUBLISHED: date(2018, 2, 20),
            },
        )
        v2 = services.start_version(session, actor, v1.declaration)
        services.update_version(
            session,
            actor,
            v2,
            {
                "goals": v1.goals.replace("fem", "sju")
                + "\n\nAlle nye stillinger lyses ut som hele stillinger.",
            },
            base_revision=v2.revision,
        )
        _backdate(v2, {Status.DRAFT: date(2018, 9, 4)})
    if services.get_declaration(session, municipalities["Rana"].id) is None:
        actor = users["koordinator.rana"]
        version = services.start_declaration(session, actor, municipalities["Rana"])
        version.measures = (
            "Vi søker etter de gode arbeidstidsordningene sammen med de tillitsvalgte, "
            "med piloter i to avdelinger."
        )
        services.transition(session, actor, version, Status.CONSULTATION)
        _backdate(
            version, {Status.DRAFT: date(2018, 1, 22), Status.CONSULTATION: date(2018, 2, 26)}
        )
        comment = services.add_comment(
            session,
            users["styring.rana"],
            version,
            section="goals",
            body="Målene bør ha tall og en dato, slik at styringsgruppen kan følge dem opp.",
        )
        comment.created_at = _at(date(2018, 3, 1))
    if services.get_declaration(session, municipalities["Alta"].id) is None:
        actor = users["koordinator.alta"]
        version = services.start_declaration(session, actor, municipalities["Alta"])
        _backdate(version, {Status.DRAFT: date(2018, 3, 7)})
        comment = services.add_comment(
            session,
            users["styring.alta"],
            version,
            section="",
            body="Heltidserklæringen må på plass før kick-off. Ta den med til "
            "storgruppen med administrativ og politisk ledelse.",
        )
        comment.created_at = _at(date(2018, 3, 7))
    session.flush()
    load_living(session, ctx)


def load_living(session: DbSession, ctx: DemoContext) -> None:
    """Bodø published, Vadsø on consultation, Salangen in draft: dated from today."""
    municipalities, users = ctx.municipalities, ctx.users
    _move_living(session, ctx)
    if services.get_declaration(session, municipalities["Bodø"].id) is None:
        actor = users["koordinator.bodo"]
        version = services.start_declaration(session, actor, municipalities["Bodø"])
        services.update_version(
            session,
            actor,
            version,
            {
                "definition_kind": DefinitionKind.FULL.value,
                "goals": "Andelen hele stillinger i helse og omsorg skal være minst 50 % innen "
                "utgangen av neste år.\n\nIngen sykepleiervakter skal dekkes av vikarbyrå.",
                "measures": "- Ny oppgavedeling ved to sykehjem, så i hele helse og omsorg\n"
                "- Alle ledige stillinger lyses ut som hele stillinger\n"
                "- Assistenter på dagtid, så sykepleierne kan gjøre sykepleieroppgaver",
            },
            base_revision=version.revision,
        )
        for target in (Status.CONSULTATION, Status.APPROVED, Status.ADOPTED):
            services.transition(
                session,
                actor,
                version,
                target,
                services.TransitionFacts(
                    approved_on=ctx.workday(-80),
                    approved_by_body="Kommunedirektørens ledergruppe",
                    adopted_on=ctx.workday(-62),
                    adopted_by_body="Bystyret",
                    case_number=f"{ctx.workday(-62):%y}/2417",
                ),
                today=ctx.today,
            )
        for role, name, organisation in BODO_SIGNATORIES:
            services.add_signatory(
                session, version, role=role, name=name, organisation=organisation
            )
        services.transition(session, actor, version, Status.PUBLISHED)
        version.published_at = _at(ctx.day(-60))
        _backdate(
            version,
            {
                Status.DRAFT: ctx.day(-110),
                Status.CONSULTATION: ctx.day(-95),
                Status.APPROVED: ctx.workday(-80),
                Status.ADOPTED: ctx.workday(-62),
                Status.PUBLISHED: ctx.day(-60),
            },
        )
    if services.get_declaration(session, municipalities["Vadsø"].id) is None:
        actor = users["koordinator.vadso"]
        version = services.start_declaration(session, actor, municipalities["Vadsø"])
        services.update_version(
            session,
            actor,
            version,
            {
                "definition_kind": DefinitionKind.SSB_OVER_90.value,
                "definition_text": "Heltid er stilling på mer enn 90 %, slik Statistisk "
                "sentralbyrå teller.",
                "measures": "Tjenestestyrt og flat bemanning på sykehjemmet: bemanningsplanen "
                "følger brukernes behov, og turnusen evalueres minst to ganger i året.",
            },
            base_revision=version.revision,
        )
        services.transition(session, actor, version, Status.CONSULTATION)
        _backdate(version, {Status.DRAFT: ctx.day(-30), Status.CONSULTATION: ctx.day(-12)})
        comment = services.add_comment(
            session,
            users["styring.vadso"],
            version,
            section="goals",
            body="Målene bør ha tall og en dato, slik at styringsgruppen kan følge dem opp.",
        )
        comment.created_at = _at(ctx.day(-6))
    if services.get_declaration(session, municipalities["Salangen"].id) is None:
        actor = users["koordinator.salangen"]
        version = services.start_declaration(session, actor, municipalities["Salangen"])
        _backdate(version, {Status.DRAFT: ctx.day(-20)})
    session.flush()


def _move_living(session: DbSession, ctx: DemoContext) -> None:
    """The declarations of the living network's municipalities move with it."""
    if not ctx.moved:
        return
    ids = [p.municipality_id for p in ctx.living_network.participations]
    for declaration in session.scalars(
        sa.select(Declaration).where(Declaration.municipality_id.in_(ids))
    ):
        for version in declaration.versions:
            ctx.move([version, *version.transitions, *version.signatories, *version.comments])
    session.flush()
