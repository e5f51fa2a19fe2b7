"""The idea bank's rules and queries: entering cases, opening stories to it, the word index and
the Norwegian search over cases and open stories."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy.orm import joinedload

from heltidnett.cases import norwegian
from heltidnett.cases.models import Arrangement, BankTerm, Case, CaseTheme
from heltidnett.cases.permissions import can_enter_cases
from heltidnett.core.errors import ServiceError
from heltidnett.municipalities.models import Municipality
from heltidnett.stories.models import Story, StoryStatus, StoryTheme, Theme

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User
    from heltidnett.db import DbSession

PAGE_SIZE = 20

# (value, lowest, highest) of the population bands a searcher filters by.
BANDS: dict[str, tuple[int, int | None]] = {
    "under_5000": (0, 4999),
    "5000_20000": (5000, 19999),
    "20000_50000": (20000, 49999),
    "over_50000": (50000, None),
}

# A story's theme as the bank's theme, for the theme filter.
STORY_THEMES: dict[CaseTheme, tuple[Theme, ...]] = {
    CaseTheme.TASK_SHARING: (Theme.TASK_SHARING,),
    CaseTheme.WORKING_TIME: (Theme.WORKING_TIME,),
    CaseTheme.WELFARE_TECHNOLOGY: (Theme.WELFARE_TECHNOLOGY,),
    CaseTheme.RESOURCE_GROUPS: (Theme.RESOURCE_GROUPS,),
    CaseTheme.VOLUNTEERING: (Theme.VOLUNTEERING,),
    CaseTheme.FULLTIME_CULTURE: (Theme.ANCHORING, Theme.EMPLOYEE_INVOLVEMENT),
    CaseTheme.COMPETENCE: (Theme.COMPETENCE, Theme.RECRUITMENT),
    CaseTheme.LEADERSHIP: (Theme.LEADERSHIP, Theme.PARTY_COOPERATION),
}

# How much a word counts by where it stands.
TITLE_WEIGHT = 3
SUMMARY_WEIGHT = 2
TEXT_WEIGHT = 1


# ---- the index ---------------------------------------------------------------------------


def _weighted_terms(parts: list[tuple[str, int]]) -> dict[str, int]:
    """Each term of the texts with its highest weight plus one per further mention (capped)."""
    best: dict[str, int] = {}
    seen: Counter[str] = Counter()
    for text, weight in parts:
        for found in norwegian.terms(text):
            seen[found] += 1
            best[found] = max(best.get(found, 0), weight)
    return {t[:80]: best[t] + min(seen[t] - 1, 2) for t in best}


def _replace_terms(session: DbSession, terms: dict[str, int], **owner: int) -> None:
    column = BankTerm.case_id if "case_id" in owner else BankTerm.story_id
    session.execute(sa.delete(BankTerm).where(column == next(iter(owner.values()))))
    if terms:
        session.execute(
            sa.insert(BankTerm),
            [{**owner, "term": t, "weight": w} for t, w in sorted(terms.items())],
        )


def index_case(session: DbSession, case: Case) -> None:
    """Write the case's words into the bank's index (after the case has its id)."""
    session.flush()
    _replace_terms(
        session,
        _weighted_terms(
            [
                (case.title, TITLE_WEIGHT),
                (case.place, TITLE_WEIGHT),
                (case.summary, SUMMARY_WEIGHT),
                (case.done_text, TEXT_WEIGHT),
                (case.results_text, TEXT_WEIGHT),
            ]
        ),
        case_id=case.id,
    )


def index_story(session: DbSession, story: Story) -> None:
    """Write an open story's words into the index, or take a closed one's out."""
    session.flush()
    terms: dict[str, int] = {}
    if story.open_to_all:
        terms = _weighted_terms(
            [
                (story.title, TITLE_WEIGHT),
                (story.done_text, TEXT_WEIGHT),
                (story.learned_text, TEXT_WEIGHT),
                (story.smart_text, TEXT_WEIGHT),
            ]
        )
    _replace_terms(session, terms, story_id=story.id)


# ---- writing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFields:
    """What a facilitator types for a case."""

    place: str
    title: str
    summary: str = ""
    done_text: str = ""
    results_text: str = ""
    contact_role: str = ""
    sources: str = ""
    county: str = ""
    population: int | None = None
    arrangement: str = ""
    themes: list[str] = field(default_factory=list)
    municipality_id: int | None = None


def _apply(case: Case, fields: CaseFields) -> None:
    title = fields.title.strip()
    place = fields.place.strip()
    if not title:
        raise ServiceError(_("Gi eksempelet en tittel."))
    if not place:
        raise ServiceError(_("Skriv hvilken kommune eller enhet eksempelet er fra."))
    if fields.population is not None and fields.population < 0:
        raise ServiceError(_("Innbyggertallet kan ikke være negativt."))
    try:
        themes = [CaseTheme(t) for t in fields.themes]
        arrangement = Arrangement(fields.arrangement) if fields.arrangement else None
    except ValueError as error:
        raise ServiceError(_("Velg tema og arbeidstidsordning fra listene.")) from error
    if not themes:
        raise ServiceError(_("Velg minst ett tema."))
    case.title = title[:200]
    case.place = place[:160]
    case.summary = fields.summary.strip()
    case.done_text = fields.done_text.strip()
    case.results_text = fields.results_text.strip()
    case.contact_role = fields.contact_role.strip()[:200]
    case.sources = fields.sources.strip()
    case.county = fields.county.strip()[:100]
    case.population = fields.population
    case.arrangement = arrangement
    case.themes = themes
    case.municipality_id = fields.municipality_id


def create_case(session: DbSession, actor: User, fields: CaseFields) -> Case:
    """A facilitator's (or an admin's) new case, indexed at once."""
    if not can_enter_cases(actor):
        raise ServiceError(_("Bare prosessveiledere og administratorer legger inn eksempler."))
    case = Case(author_id=actor.id)
    _apply(case, fields)
    session.add(case)
    index_case(session, case)
    return case


def update_case(session: DbSession, actor: User, case: Case, fields: CaseFields) -> Case:
    """Change a case's text and facts, and its index with them."""
    _apply(case, fields)
    index_case(session, case)
    return case


def open_story(session: DbSession, actor: User, story: Story, opened: bool) -> Story:
    """The municipality opens its published story to every network, or withdraws it."""
    if opened and story.status != StoryStatus.PUBLISHED:
        raise ServiceError(_("Bare en publisert fortelling kan åpnes for alle nettverk."))
    story.open_to_all = opened
    index_story(session, story)
    return story


# ---- searching ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What a searcher narrows the bank by."""

    theme: str = ""
    arrangement: str = ""
    band: str = ""
    county: str = ""


@dataclass
class Entry:
    """One hit of the bank: a case or a story opened to all networks."""

    kind: str  # "case" or "story"
    id: int
    title: str
    place: str
    county: str
    population: int | None
    summary: str
    themes: list[str]
    arrangement: Arrangement | None = None
    matched: int = 0
    score: int = 0


@dataclass
class Results:
    entries: list[Entry]
    total: int
    page: int
    pages: int
    words: list[str]


def _matching(query: str) -> sa.Select[tuple[int | None, int | None, int, int]] | None:
    """Each indexed record with how many of the query's terms it has and their weight."""
    wanted = norwegian.query_terms(query)[:8]
    if not wanted:
        return None
    parts = []
    for word in wanted:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        quality = sa.case(
            (BankTerm.term == word, 3),
            (BankTerm.term.like(f"{escaped}%", escape="\\"), 2),
            else_=1,
        )
        conditions = [BankTerm.term.like(f"{escaped}%", escape="\\")]
        if len(word) >= 4:
            conditions.append(BankTerm.term.like(f"%{escaped}%", escape="\\"))
        parts.append(
            sa.select(
                BankTerm.case_id,
                BankTerm.story_id,
                sa.func.max(quality * BankTerm.weight).label("score"),
            )
            .where(sa.or_(*conditions))
            .group_by(BankTerm.case_id, BankTerm.story_id)
        )
    hits = sa.union_all(*parts).subquery("hits")
    return sa.select(
        hits.c.case_id,
        hits.c.story_id,
        sa.func.count().label("matched"),
        sa.func.sum(hits.c.score).label("score"),
    ).group_by(hits.c.case_id, hits.c.story_id)


def _band_condition(column: Any, band: str) -> sa.ColumnElement[bool]:
    low, high = BANDS[band]
    condition = column >= low
    return sa.and_(condition, column <= high) if high is not None else condition


def _case_filters(filters: Filters) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if filters.theme in CaseTheme.__members__.values():
        conditions.append(Case.theme_list.contains(f",{filters.theme},"))
    if filters.arrangement in Arrangement.__members__.values():
        conditions.append(Case.arrangement == Arrangement(filters.arrangement))
    if filters.band in BANDS:
        conditions.append(_band_condition(Case.population, filters.band))
    if filters.county:
        conditions.append(Case.county == filters.county)
    return conditions


def _story_filters(filters: Filters) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = [
        Story.status == StoryStatus.PUBLISHED,
        Story.open_to_all.is_(True),
    ]
    if filters.arrangement:
        conditions.append(sa.false())  # a story names no arrangement
    if filters.theme in CaseTheme.__members__.values():
        mapped = STORY_THEMES[CaseTheme(filters.theme)]
        conditions.append(
            Story.id.in_(sa.select(StoryTheme.story_id).where(StoryTheme.theme.in_(mapped)))
        )
    if filters.band in BANDS:
        conditions.append(_band_condition(Municipality.population, filters.band))
    if filters.county:
        conditions.append(Municipality.county == filters.county)
    return conditions


def search(
    session: DbSession, viewer: Viewer, query: str, filters: Filters, page: int = 1
) -> Results:
    """The bank's entries that answer the query, best first, one page of them.

    Ranked by how many of the query's words an entry has, then by their weight (a word in the
    title counts more than one in the text, the same word more than a compound holding it).
    Without a query, every entry that passes the filters, by title.
    """
    matching = _matching(query)
    words = norwegian.query_terms(query)
    if matching is not None:
        hits = matching.subquery("matching")
        case_rows = (
            sa.select(Case.id, hits.c.matched, hits.c.score)
            .join(hits, hits.c.case_id == Case.id)
            .where(*_case_filters(filters))
        )
        story_rows = (
            sa.select(Story.id, hits.c.matched, hits.c.score)
            .join(hits, hits.c.story_id == Story.id)
            .join(Municipality, Municipality.id == Story.municipality_id)
            .where(*_story_filters(filters))
        )
    else:
        case_rows = sa.select(Case.id, sa.literal(0), sa.literal(0)).where(*_case_filters(filters))
        story_rows = (
            sa.select(Story.id, sa.literal(0), sa.literal(0))
            .join(Municipality, Municipality.id == Story.municipality_id)
            .where(*_story_filters(filters))
        )
    ranked = [("case", row[0], int(row[1]), int(row[2])) for row in session.execute(case_rows)] + [
        ("story", row[0], int(row[1]), int(row[2])) for row in session.execute(story_rows)
    ]
    titles = _titles(session, ranked)
    ranked.sort(key=lambda row: (-row[2], -row[3], titles.get((row[0], row[1]), "")))
    total = len(ranked)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = ranked[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    entries = _entries(session, shown)
    return Results(entries=entries, total=total, page=page, pages=pages, words=words)


def _titles(
    session: DbSession, ranked: list[tuple[str, int, int, int]]
) -> dict[tuple[str, int], str]:
    """Titles to break ties by (one query per kind)."""
    case_ids = [row[1] for row in ranked if row[0] == "case"]
    story_ids = [row[1] for row in ranked if row[0] == "story"]
    titles: dict[tuple[str, int], str] = {}
    # Both queries always run, so a page costs the same whichever kinds it shows.
    for ident, title in session.execute(
        sa.select(Case.id, Case.title).where(Case.id.in_(case_ids))
    ):
        titles[("case", ident)] = title.lower()
    for ident, title in session.execute(
        sa.select(Story.id, Story.title).where(Story.id.in_(story_ids))
    ):
        titles[("story", ident)] = title.lower()
    return titles


def _entries(session: DbSession, shown: list[tuple[str, int, int, int]]) -> list[Entry]:
    """The page's entries, read in one query per kind."""
    case_ids = [row[1] for row in shown if row[0] == "case"]
    story_ids = [row[1] for row in shown if row[0] == "story"]
    cases = {c.id: c for c in session.scalars(sa.select(Case).where(Case.id.in_(case_ids)))}
    stories = {
        s.id: s
        for s in session.scalars(
            sa.select(Story).where(Story.id.in_(story_ids)).options(joinedload(Story.municipality))
        )
    }
    entries = []
    for kind, ident, matched, score in shown:
        if kind == "case":
            case = cases[ident]
            entries.append(
                Entry(
                    "case",
                    case.id,
                    case.title,
                    case.place,
                    case.county,
                    case.population,
                    case.summary,
                    [t.value for t in case.themes],
                    case.arrangement,
                    matched,
                    score,
                )
            )
        else:
            story = stories[ident]
            entries.append(
                Entry(
                    "story",
                    story.id,
                    story.title,
                    story.municipality.name,
                    story.municipality.county,
                    story.municipality.population,
                    story.done_text or story.learned_text or story.smart_text,
                    [],
                    None,
                    matched,
                    score,
                )
            )
    return entries


def counties(session: DbSession) -> list[str]:
    """The counties that have an entry, for the filter."""
    found = set(session.scalars(sa.select(Case.county).where(Case.county != "").distinct()))
    found |= set(
        session.scalars(
            sa.select(Municipality.county)
            .join(Story, Story.municipality_id == Municipality.id)
            .where(Story.open_to_all.is_(True), Municipality.county != "")
            .distinct()
        )
    )
    return sorted(found)


def similar_cases(session: DbSession, case: Case, limit: int = 4) -> list[Entry]:
    """Cases like this one: those that share most of its title's and summary's words."""
    query = f"{case.title} {case.summary}"
    results = search(session, None, " ".join(norwegian.query_terms(query)[:8]), Filters())
    return [e for e in results.entries if not (e.kind == "case" and e.id == case.id)][:limit]


# ---- showing -----------------------------------------------------------------------------


def highlight(text: str, words: list[str]) -> Markup:
    """The text, escaped, with the words that answer the query marked."""
    if not words or not text:
        return escape(text)
    parts: list[Markup] = []
    last = 0
    for match in norwegian.WORD.finditer(text):
        found = norwegian.term(match.group())
        if found and any(norwegian.matches(found, w) for w in words):
            parts.append(escape(text[last : match.start()]))
            parts.append(Markup("<mark>{}</mark>").format(match.group()))
            last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def load_builtin(session: DbSession) -> int:
    """Create or refresh the built-in cases of the 30-municipality study (found by key);
    returns how many were new."""
    from heltidnett.cases.builtin import CASES, SOURCE

    existing = {c.key: c for c in session.scalars(sa.select(Case).where(Case.key.is_not(None)))}
    created = 0
    for item in CASES:
        case = existing.get(item.key)
        if case is None:
            case = Case(key=item.key)
            session.add(case)
            created += 1
        _apply(
            case,
            CaseFields(
                place=item.place,
                title=item.title,
                summary=item.summary,
                done_text=item.done,
                results_text=item.results,
                contact_role=item.contact,
                sources=SOURCE,
                county=item.county,
                population=item.population,
                arrangement=item.arrangement,
                themes=list(item.themes),
            ),
        )
        index_case(session, case)
    return created
