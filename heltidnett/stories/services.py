"""The rules of stories, the gallery and ideas; no request, no current user."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, selectinload

from heltidnett.core.errors import ServiceError
from heltidnett.db import DbSession, utcnow
from heltidnett.files.services import IMAGE_TYPES, MB, check_upload, store
from heltidnett.gatherings.models import Gathering
from heltidnett.gatherings.services import visible_gatherings
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Network
from heltidnett.networks.services import network_municipalities, network_municipalities_query
from heltidnett.stories.models import (
    Harvest,
    Idea,
    IdeaKind,
    Story,
    StoryStatus,
    StoryTheme,
    Theme,
)
from heltidnett.stories.permissions import can_write_for, own_municipality_in, visible_stories

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User


POSTER_MAX_BYTES = 8 * MB
MAX_TEXT = 5000


@dataclass
class StoryFields:
    """What a person writes in a story."""

    title: str
    done_text: str = ""
    learned_text: str = ""
    smart_text: str = ""
    themes: Iterable[str] = ()


def network_gatherings(session: DbSession, network: Network, user: Viewer) -> list[Gathering]:
    """The network's gatherings the user may see, in date order (planned: facilitators)."""
    return visible_gatherings(session, network.id, user)


def writable_municipalities(
    session: DbSession, user: Viewer, network: Network
) -> list[Municipality]:
    """The network's municipalities the user may write stories (and commitments) for."""
    return [
        m
        for m in network_municipalities(session, network.id)
        if can_write_for(user, network.id, m.id)
    ]


def _taking_part(session: DbSession, network_id: int, municipality_id: int) -> Municipality | None:
    """The municipality, if it takes part in the network."""
    query = network_municipalities_query(network_id).where(Municipality.id == municipality_id)
    return session.scalar(query)


def _clean(fields: StoryFields) -> StoryFields:
    title = (fields.title or "").strip()
    if not title:
        raise ServiceError(_("Gi fortellingen en tittel."))
    if len(title) > 200:
        raise ServiceError(_("Tittelen kan være på høyst 200 tegn."))
    texts = [(t or "").strip() for t in (fields.done_text, fields.learned_text, fields.smart_text)]
    if any(len(t) > MAX_TEXT for t in texts):
        raise ServiceError(_("Hver del kan være på høyst %(n)d tegn.", n=MAX_TEXT))
    try:
        themes = [Theme(t) for t in fields.themes]
    except ValueError as error:
        raise ServiceError(_("Velg temaer fra listen.")) from error
    done, learned, smart = texts
    return StoryFields(title, done, learned, smart, themes=themes)


class UnknownGathering(ServiceError):
    """The gathering is not one of the network's, or not one the writer may see."""


def _check_place(
    session: DbSession,
    actor: User,
    network: Network,
    municipality_id: int,
    gathering_id: int,
    *,
    kept: bool = False,
) -> Gathering:
    """The story's gathering: the network's, and visible to the writer unless `kept` as it was."""
    gathering = session.get(Gathering, gathering_id)
    if (
        gathering is None
        or gathering.network_id != network.id
        or not (kept or gathering.can_view(actor))
    ):
        # a planned gathering's existence and title stay hidden: the same answer as unknown
        raise UnknownGathering(_("Velg en samling i dette nettverket."))
    if _taking_part(session, network.id, municipality_id) is None:
        raise ServiceError(_("Kommunen er ikke med i dette nettverket."))
    return gathering


def _set_themes(story: Story, themes: Iterable[Theme]) -> None:
    wanted = set(themes)
    story.theme_rows = [row for row in story.theme_rows if row.theme in wanted]
    have = {row.theme for row in story.theme_rows}
    story.theme_rows.extend(StoryTheme(theme=t) for t in Theme if t in wanted - have)


def create_story(
    session: DbSession,
    actor: User,
    network: Network,
    municipality_id: int,
    gathering_id: int,
    fields: StoryFields,
    publish: bool = False,
) -> Story:
    """A new story (a draft unless published at once) for a municipality the actor writes for."""
    if not can_write_for(actor, network.id, municipality_id):
        raise ServiceError(_("Du kan bare skrive fortellinger for din egen kommune."))
    clean = _clean(fields)
    _check_place(session, actor, network, municipality_id, gathering_id)
    story = Story(
        network_id=network.id,
        municipality_id=municipality_id,
        gathering_id=gathering_id,
        title=clean.title,
        done_text=clean.done_text,
        learned_text=clean.learned_text,
        smart_text=clean.smart_text,
        author_id=getattr(actor, "id", None),
    )
    _set_themes(story, clean.themes)  # type: ignore[arg-type]
    if publish:
        _publish(story)
    session.add(story)
    session.flush()
    return story


def update_story(
    session: DbSession, actor: User, story: Story, gathering_id: int, fields: StoryFields
) -> Story:
    """Change a story's text, themes and gathering."""
    clean = _clean(fields)
    kept = gathering_id == story.gathering_id
    _check_place(session, actor, story.network, story.municipality_id, gathering_id, kept=kept)
    story.gathering_id = gathering_id
    story.title = clean.title
    story.done_text = clean.done_text
    story.learned_text = clean.learned_text
    story.smart_text = clean.smart_text
    _set_themes(story, clean.themes)  # type: ignore[arg-type]
    session.flush()
    from heltidnett.cases import services as bank  # the idea bank indexes the new text

    bank.index_story(session, story)
    return story


def _publish(story: Story) -> None:
    if not (story.done_text or story.learned_text or story.smart_text):
        raise ServiceError(_("Skriv minst én av delene Gjort, Lært og Lurt før du publiserer."))
    story.status = StoryStatus.PUBLISHED
    story.published_at = story.published_at or utcnow()


def publish_story(session: DbSession, story: Story) -> Story:
    """Share the story with the whole network."""
    _publish(story)
    session.flush()
    return story


def unpublish_story(session: DbSession, story: Story) -> Story:
    """Take the story back to draft."""
    story.status = StoryStatus.DRAFT
    session.flush()
    return story


def attach_poster(
    session: DbSession, actor: User, story: Story, stream: IO[bytes], filename: str
) -> Story:
    """Check the photo of the poster (images only, size and pixels) and attach it."""
    checked = check_upload(stream, filename, IMAGE_TYPES, POSTER_MAX_BYTES)
    story.poster = store(session, checked, actor)
    session.flush()
    return story


def remove_poster(session: DbSession, story: Story) -> None:
    story.poster_id = None
    session.flush()


@dataclass
class GalleryFilter:
    gathering_id: int | None = None
    theme: str | None = None
    municipality_id: int | None = None


def gallery(
    session: DbSession, network: Network, user: Viewer, flt: GalleryFilter | None = None
) -> list[Story]:
    """Published stories of the network, newest gathering first, filtered."""
    flt = flt or GalleryFilter()
    query = (
        sa.select(Story)
        .join(Gathering, Story.gathering_id == Gathering.id)
        .join(Municipality, Story.municipality_id == Municipality.id)
        .where(Story.network_id == network.id, Story.status == StoryStatus.PUBLISHED)
        .options(
            selectinload(Story.theme_rows),
            selectinload(Story.municipality),
            selectinload(Story.gathering),
            selectinload(Story.ideas),
        )
        .order_by(Gathering.starts_on.desc(), Municipality.name, Story.id)
    )
    if flt.gathering_id:
        query = query.where(Story.gathering_id == flt.gathering_id)
    if flt.municipality_id:
        query = query.where(Story.municipality_id == flt.municipality_id)
    if flt.theme:
        try:
            theme = Theme(flt.theme)
        except ValueError:
            return []
        query = query.where(
            Story.id.in_(sa.select(StoryTheme.story_id).where(StoryTheme.theme == theme))
        )
    return [s for s in session.scalars(query) if s.can_view(user)]


def stories_query(network: Network, user: Viewer) -> sa.Select[Story]:
    """The network's stories the user may read, with what a listing shows of each: the drafts
    they may edit first, then the published ones, newest gathering first."""
    return (
        sa.select(Story)
        .join(Gathering, Story.gathering_id == Gathering.id)
        .join(Municipality, Story.municipality_id == Municipality.id)
        .where(visible_stories(user, network.id))
        .options(
            selectinload(Story.theme_rows),
            selectinload(Story.municipality),
            selectinload(Story.ideas),
        )
        .order_by(
            Story.status != StoryStatus.DRAFT,
            Gathering.starts_on.desc(),
            Municipality.name,
            Story.id,
        )
    )


def drafts(session: DbSession, network: Network, user: Viewer) -> list[Story]:
    """Draft stories of the network the user may edit."""
    rows = session.scalars(
        sa.select(Story)
        .where(Story.network_id == network.id, Story.status == StoryStatus.DRAFT)
        .order_by(Story.updated_at.desc())
    )
    return [s for s in rows if s.can_edit(user)]


def add_idea(session: DbSession, actor: User, story: Story, text: str, kind: str = "idea") -> Idea:
    """A member of the network leaves an idea or a question on another municipality's story."""
    if not story.is_published:
        raise ServiceError(_("Innspill kan bare gis til publiserte fortellinger."))
    text = (text or "").strip()
    if not text:
        raise ServiceError(_("Skriv innspillet ditt."))
    if len(text) > 2000:
        raise ServiceError(_("Innspillet kan være på høyst 2000 tegn."))
    try:
        idea_kind = IdeaKind(kind)
    except ValueError as error:
        raise ServiceError(_("Velg om det er en idé eller et spørsmål.")) from error
    own = own_municipality_in(actor, story.network_id)
    if own == story.municipality_id:
        raise ServiceError(_("Innspill gis til de andre kommunenes fortellinger."))
    idea = Idea(
        story=story,
        kind=idea_kind,
        text=text,
        author_id=getattr(actor, "id", None),
        author_municipality_id=own,
    )
    session.add(idea)
    session.flush()
    return idea


def take_home(session: DbSession, actor: User, idea: Idea, taken: bool = True) -> Idea:
    """The host municipality marks an idea as one it takes home (or undoes it)."""
    if taken and idea.taken_home_at is None:
        idea.taken_home_at = utcnow()
        idea.taken_home_by_id = getattr(actor, "id", None)
    elif not taken:
        idea.taken_home_at = None
        idea.taken_home_by_id = None
    session.flush()
    return idea


MAX_ANSWER = 2000


def answer_question(session: DbSession, actor: User, idea: Idea, answer: str) -> Idea:
    """The host municipality (or the facilitator) answers a question left on its story; a new
    answer replaces the old one, with who wrote it and when."""
    if not idea.is_question:
        raise ServiceError(_("Bare spørsmål kan besvares. Dette innspillet er en idé."))
    answer = (answer or "").strip()
    if not answer:
        raise ServiceError(_("Skriv svaret ditt."))
    if len(answer) > MAX_ANSWER:
        raise ServiceError(_("Svaret kan være på høyst %(n)d tegn.", n=MAX_ANSWER))
    idea.answer = answer
    idea.answered_at = utcnow()
    idea.answered_by_id = getattr(actor, "id", None)
    session.flush()
    session.expire(idea, ["answered_by"])  # read again from answered_by_id when shown
    return idea


def find_harvest(session: DbSession, network_id: int, municipality_id: int) -> Harvest | None:
    """A municipality's harvest in a network, if it takes part there."""
    network = session.get(Network, network_id)
    if network is None:
        return None
    municipality = _taking_part(session, network_id, municipality_id)
    return Harvest(network, municipality) if municipality is not None else None


def harvest(session: DbSession, network_id: int, municipality_id: int, user: Viewer) -> list[Idea]:
    """What a municipality took home from the others' ideas in a network, latest first.

    Only ideas on stories the user may read: a story taken back to draft leaves the page
    for everyone but its editors.
    """
    ideas = list(
        session.scalars(
            sa.select(Idea)
            .join(Story)
            .where(
                Story.network_id == network_id,
                Story.municipality_id == municipality_id,
                Idea.taken_home_at.is_not(None),
            )
            .options(
                selectinload(Idea.story),
                selectinload(Idea.author),
                selectinload(Idea.author_municipality),
            )
            .order_by(Idea.taken_home_at.desc())
        )
    )
    return [idea for idea in ideas if idea.story.can_view(user)]


def open_ideas(session: DbSession, places: set[tuple[int, int]]) -> list[Idea]:
    """Unanswered questions and ideas not taken home on the published stories of the given
    (network, municipality) pairs, oldest first, with their stories."""
    if not places:
        return []
    network_ids = {n for n, _ in places}
    municipality_ids = {m for _, m in places}
    ideas = session.scalars(
        sa.select(Idea)
        .join(Idea.story)
        .where(
            Story.network_id.in_(network_ids),
            Story.municipality_id.in_(municipality_ids),
            Story.status == StoryStatus.PUBLISHED,
            sa.or_(
                sa.and_(Idea.kind == IdeaKind.QUESTION, Idea.answered_at.is_(None)),
                sa.and_(Idea.kind == IdeaKind.IDEA, Idea.taken_home_at.is_(None)),
            ),
        )
        .options(contains_eager(Idea.story))
        .order_by(Idea.created_at, Idea.id)
    )
    return [i for i in ideas if (i.story.network_id, i.story.municipality_id) in places]
