"""The rules of workbooks: chapters and prompts, deliveries, saving answers with versions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from heltidnett.auth import access
from heltidnett.core import markup
from heltidnett.core.errors import ServiceError
from heltidnett.db import DbSession, utcnow
from heltidnett.gatherings.models import Gathering
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Network, NetworkRole
from heltidnett.networks.services import network_municipalities
from heltidnett.workbooks import content, library, permissions
from heltidnett.workbooks.models import (
    Answer,
    AnswerVersion,
    Chapter,
    ChapterDelivery,
    DeliveryStatus,
    Prompt,
    PromptKind,
)

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User


class VersionConflict(ServiceError):
    """Someone saved a newer version of the answer than the one the save started from."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(_("Noen andre har lagret en nyere versjon av svaret."))
        self.answer = answer


# ---- chapters and prompts -------------------------------------------------------------


def _check_chapter(
    session: DbSession,
    network: Network,
    number: int,
    title: str,
    gathering_id: int | None,
    chapter: Chapter | None = None,
) -> None:
    if not title or not title.strip():
        raise ServiceError(_("Skriv en tittel."))
    if number is None or number < 1:
        raise ServiceError(_("Kapittelnummeret må være 1 eller høyere."), field="number")
    taken = session.scalar(
        sa.select(Chapter.id).where(Chapter.network_id == network.id, Chapter.number == number)
    )
    if taken is not None and (chapter is None or taken != chapter.id):
        raise ServiceError(
            _("Nettverket har allerede et kapittel %(n)d.", n=number), field="number"
        )
    if gathering_id:
        gathering = session.get(Gathering, gathering_id)
        if gathering is None or gathering.network_id != network.id:
            raise ServiceError(
                _("Velg en samling i dette nettverket."), field="opens_after_gathering"
            )


def _check_opening(opens_at: datetime | None) -> datetime | None:
    """An opening time ahead (None: a draft until it is opened by hand)."""
    if opens_at is not None and opens_at <= utcnow():
        raise ServiceError(
            _("Åpningstidspunktet har passert. Velg et senere tidspunkt, eller åpne kapittelet nå.")
        )
    return opens_at


def create_chapter(
    session: DbSession,
    actor: User,
    network: Network,
    *,
    number: int,
    title: str,
    introduction: str = "",
    opens_after_gathering_id: int | None = None,
    due_on: date | None = None,
    opens_at: datetime | None = None,
    template_key: str = "",
) -> Chapter:
    """A new, empty chapter in the network: a draft only the facilitators see until it opens
    (at `opens_at`, or when a facilitator opens it)."""
    _check_chapter(session, network, number, title, opens_after_gathering_id)
    chapter = Chapter(
        network=network,
        number=number,
        title=title.strip(),
        introduction=introduction or "",
        opens_after_gathering_id=opens_after_gathering_id or None,
        due_on=due_on,
        opens_at=_check_opening(opens_at),
        template_key=template_key,
    )
    session.add(chapter)
    session.flush()
    return chapter


def update_chapter(session: DbSession, actor: User, chapter: Chapter, **fields: Any) -> Chapter:
    """Change a chapter's number, title, introduction, gathering and due date; and while it is
    a draft, its opening time (an open chapter stays open)."""
    _check_chapter(
        session,
        chapter.network,
        fields["number"],
        fields["title"],
        fields.get("opens_after_gathering_id"),
        chapter,
    )
    chapter.number = fields["number"]
    chapter.title = fields["title"].strip()
    chapter.introduction = fields.get("introduction") or ""
    chapter.opens_after_gathering_id = fields.get("opens_after_gathering_id") or None
    chapter.due_on = fields.get("due_on")
    if not chapter.is_open:
        chapter.opens_at = _check_opening(fields.get("opens_at"))
    session.flush()
    return chapter


def open_chapter(session: DbSession, actor: User, chapter: Chapter) -> Chapter:
    """Open a draft now: the network sees it and the municipalities answer it."""
    if not permissions.can_edit_chapter(actor, chapter):
        raise ServiceError(_("Bare nettverkets prosessveiledere kan åpne kapittelet."))
    if chapter.is_open:
        raise ServiceError(_("Kapittelet er allerede åpent."))
    if not chapter.prompts:
        raise ServiceError(_("Legg til minst ett spørsmål før du åpner kapittelet."))
    chapter.opens_at = utcnow()
    session.flush()
    return chapter


def template_choices(session: DbSession, actor: User) -> list[tuple[str, str]]:
    """Built-in templates and the chapters of every network the actor facilitates."""
    pairs = [(f"builtin:{key}", str(t.name)) for key, t in library.BUILT_IN.items()]
    network_ids = (
        None if access.is_admin(actor) else access.network_ids(actor, NetworkRole.FACILITATOR)
    )
    query = sa.select(Chapter).join(Network).order_by(Network.name, Chapter.number)
    if network_ids is not None:
        query = query.where(Chapter.network_id.in_(network_ids))
    for chapter in session.scalars(query.options(selectinload(Chapter.network))):
        pairs.append(
            (
                f"chapter:{chapter.id}",
                _(
                    "%(network)s: kapittel %(n)d – %(title)s",
                    network=chapter.network.name,
                    n=chapter.number,
                    title=chapter.title,
                ),
            )
        )
    return pairs


def create_from_template(
    session: DbSession, actor: User, network: Network, source: str, **fields: Any
) -> Chapter:
    """A chapter copied from a built-in template or from a chapter the actor facilitates."""
    kind, _sep, key = source.partition(":")
    if kind == "builtin" and key in library.BUILT_IN:
        template = library.BUILT_IN[key]
        prompts = [(p.kind, p.label, p.help_text, dict(p.options)) for p in template.prompts]
        defaults = {
            "number": template.number,
            "title": template.title,
            "introduction": template.introduction,
        }
    elif kind == "chapter" and key.isdigit():
        original = session.get(Chapter, int(key))
        if original is None or not original.can_edit(actor):
            raise ServiceError(_("Du kan bare bruke kapitler fra nettverk du leder."))
        prompts = [(p.kind, p.label, p.help_text, dict(p.options)) for p in original.prompts]
        defaults = {
            "number": original.number,
            "title": original.title,
            "introduction": original.introduction,
        }
        key = original.template_key or f"chapter-{original.id}"
    else:
        raise ServiceError(_("Velg en mal."))
    values = {**defaults, **{k: v for k, v in fields.items() if v not in (None, "")}}
    chapter = create_chapter(session, actor, network, template_key=key, **values)
    for position, (pkind, label, help_text, options) in enumerate(prompts, start=1):
        session.add(
            Prompt(
                chapter=chapter,
                position=position,
                kind=pkind,
                label=label,
                help_text=help_text,
                options=options,
            )
        )
    session.flush()
    return chapter


def parse_options(kind: PromptKind, text: str) -> dict[str, Any]:
    """Prompt options from the facilitator's lines: choices or columns, or 'min-max'."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if kind == PromptKind.CHOICE:
        if len(lines) < 2:
            raise ServiceError(_("Skriv minst to alternativer, ett per linje."))
        return {"choices": lines[:30]}
    if kind == PromptKind.TABLE:
        if not lines:
            raise ServiceError(_("Skriv minst én kolonne, én per linje."))
        return {"columns": lines[:8]}
    if kind == PromptKind.SCALE:
        if not lines:
            return {"min": 1, "max": 10}
        low, _sep, high = lines[0].replace("–", "-").partition("-")
        try:
            bounds = int(low), int(high)
        except ValueError:
            raise ServiceError(_("Skriv skalaen som «1-10».")) from None
        if not 0 <= bounds[0] < bounds[1] <= 100:
            raise ServiceError(_("Skalaen må gå fra et lavere til et høyere tall (0–100)."))
        return {"min": bounds[0], "max": bounds[1]}
    return {}


def options_text(prompt: Prompt) -> str:
    """The options of a prompt as the lines the facilitator edits."""
    if prompt.kind == PromptKind.CHOICE:
        return "\n".join(content.choices(prompt))
    if prompt.kind == PromptKind.TABLE:
        return "\n".join(prompt.options.get("columns", []))
    if prompt.kind == PromptKind.SCALE:
        low, high = content.scale_bounds(prompt)
        return f"{low}-{high}"
    return ""


def save_prompt(
    session: DbSession,
    actor: User,
    chapter: Chapter,
    *,
    kind: str,
    label: str,
    help_text: str = "",
    options: str = "",
    prompt: Prompt | None = None,
) -> Prompt:
    """Add a prompt at the end of the chapter, or change one."""
    if not label or not label.strip():
        raise ServiceError(_("Skriv spørsmålet."))
    prompt_kind = PromptKind(kind)
    parsed = parse_options(prompt_kind, options)
    if prompt is None:
        position = max((p.position for p in chapter.prompts), default=0) + 1
        prompt = Prompt(chapter=chapter, position=position)
        session.add(prompt)
    elif prompt.kind != prompt_kind and _answered(session, prompt):
        raise ServiceError(_("Spørsmålet er besvart og kan ikke bytte type."))
    prompt.kind = prompt_kind
    prompt.label = label.strip()[:500]
    prompt.help_text = help_text or ""
    prompt.options = parsed
    session.flush()
    return prompt


def _answered(session: DbSession, prompt: Prompt) -> bool:
    return session.scalar(sa.select(Answer.id).where(Answer.prompt_id == prompt.id)) is not None


def delete_prompt(session: DbSession, actor: User, prompt: Prompt) -> None:
    """Remove a prompt that nobody has answered yet."""
    if _answered(session, prompt):
        raise ServiceError(_("Spørsmålet er besvart av minst én kommune og kan ikke slettes."))
    chapter = prompt.chapter
    chapter.prompts.remove(prompt)
    session.delete(prompt)
    for position, other in enumerate(chapter.prompts, start=1):
        other.position = position
    session.flush()


def move_prompt(session: DbSession, actor: User, prompt: Prompt, step: int) -> None:
    """Move a prompt one place up (-1) or down (+1)."""
    prompts = list(prompt.chapter.prompts)
    index = prompts.index(prompt)
    target = index + step
    if 0 <= target < len(prompts):
        prompts[index], prompts[target] = prompts[target], prompts[index]
        for position, other in enumerate(prompts, start=1):
            other.position = position
    session.flush()


# ---- deliveries and answers -----------------------------------------------------------


def _require_open(chapter: Chapter) -> None:
    """Nothing is answered or delivered before the chapter opens."""
    if not chapter.is_open:
        raise ServiceError(_("Kapittelet er ikke åpnet ennå."))


def find_delivery(
    session: DbSession, chapter: Chapter, municipality_id: int
) -> ChapterDelivery | None:
    """The municipality's saved delivery of the chapter, if it has one."""
    return session.scalar(
        sa.select(ChapterDelivery).where(
            ChapterDelivery.chapter_id == chapter.id,
            ChapterDelivery.municipality_id == municipality_id,
        )
    )


def delivery_at(
    session: DbSession, chapter_id: int, municipality_id: int
) -> ChapterDelivery | None:
    """The municipality's delivery of the chapter: the saved one, or an unsaved one (not
    started, never added to the session) before its first change. None when the chapter or
    the municipality is missing or the municipality is not in the chapter's network."""
    chapter = session.get(Chapter, chapter_id)
    municipality = session.get(Municipality, municipality_id)
    if chapter is None or municipality is None:
        return None
    if not permissions.takes_part(chapter, municipality.id):
        return None
    delivery = find_delivery(session, chapter, municipality.id)
    if delivery is None:
        delivery = ChapterDelivery(
            chapter_id=chapter.id,
            municipality_id=municipality.id,
            status=DeliveryStatus.NOT_STARTED,
            shared_with_network=False,
            feedback="",
        )
        # Set without the backref, so the chapter's deliveries never hold the unsaved one.
        set_committed_value(delivery, "chapter", chapter)
        set_committed_value(delivery, "municipality", municipality)
    return delivery


def delivery_for(session: DbSession, chapter: Chapter, municipality_id: int) -> ChapterDelivery:
    """The municipality's delivery of the chapter, created (not started) when missing."""
    delivery = find_delivery(session, chapter, municipality_id)
    if delivery is None:
        delivery = ChapterDelivery(
            chapter=chapter, municipality_id=municipality_id, status=DeliveryStatus.NOT_STARTED
        )
        session.add(delivery)
        session.flush()
    return delivery


def answers_by_prompt(
    session: DbSession, chapter: Chapter, municipality_id: int
) -> dict[int, Answer]:
    """The municipality's current answers to the chapter, by prompt id."""
    rows = session.scalars(
        sa.select(Answer)
        .join(Prompt)
        .where(
            Prompt.chapter_id == chapter.id,
            Answer.municipality_id == municipality_id,
        )
        .options(selectinload(Answer.updated_by))
    )
    return {answer.prompt_id: answer for answer in rows}


def save_answer(
    session: DbSession,
    actor: User,
    prompt: Prompt,
    municipality_id: int,
    value: Any,
    base_version: int,
) -> tuple[Answer, bool]:
    """Save an answer from the version the writer started from; (answer, changed).

    Raises VersionConflict (with the current answer) when someone saved a newer version.
    """
    chapter = prompt.chapter
    _require_open(chapter)
    if not permissions.can_edit_delivery(actor, chapter, municipality_id):
        raise ServiceError(_("Du kan ikke skrive i denne kommunens arbeidsbok."))
    delivery = delivery_for(session, chapter, municipality_id)
    if delivery.is_locked:
        raise ServiceError(_("Kapittelet er levert og kan ikke endres før veilederen åpner det."))
    new_content = content.normalize(prompt, value)
    answer = session.scalar(
        sa.select(Answer).where(
            Answer.prompt_id == prompt.id, Answer.municipality_id == municipality_id
        )
    )
    if answer is None:
        if base_version != 0:
            raise ServiceError(_("Svaret finnes ikke lenger. Last siden på nytt."))
        if content.is_empty(new_content):
            return Answer(prompt_id=prompt.id, municipality_id=municipality_id, version=0), False
        answer = Answer(prompt_id=prompt.id, municipality_id=municipality_id, version=0, content={})
        try:
            with session.begin_nested():
                session.add(answer)
                session.flush()
        except sa.exc.IntegrityError:
            current = session.scalar(
                sa.select(Answer).where(
                    Answer.prompt_id == prompt.id,
                    Answer.municipality_id == municipality_id,
                )
            )
            raise VersionConflict(current) from None  # type: ignore[arg-type]
    elif base_version != answer.version:
        raise VersionConflict(answer)
    if answer.version > 0 and answer.content == new_content:
        return answer, False
    now = utcnow()
    updated = session.execute(
        sa.update(Answer)
        .where(Answer.id == answer.id, Answer.version == base_version)
        .values(
            version=base_version + 1, content=new_content, updated_by_id=actor.id, updated_at=now
        )
        .execution_options(synchronize_session=False)
    )
    if cast(sa.CursorResult[Any], updated).rowcount != 1:
        session.refresh(answer)
        raise VersionConflict(answer)
    session.refresh(answer)
    session.add(
        AnswerVersion(
            answer_id=answer.id,
            version=answer.version,
            content=new_content,
            author_id=actor.id,
            created_at=now,
        )
    )
    if delivery.status == DeliveryStatus.NOT_STARTED:
        delivery.status = DeliveryStatus.IN_PROGRESS
    delivery.last_change_at = now
    session.flush()
    return answer, True


def submit(
    session: DbSession, actor: User, chapter: Chapter, municipality_id: int
) -> ChapterDelivery:
    """Deliver the chapter: read-only from now on, visible to the steering group."""
    _require_open(chapter)
    if not permissions.can_edit_delivery(actor, chapter, municipality_id):
        raise ServiceError(_("Du kan ikke levere denne kommunens arbeidsbok."))
    delivery = delivery_for(session, chapter, municipality_id)
    if delivery.is_locked:
        raise ServiceError(_("Kapittelet er allerede levert."))
    answers = answers_by_prompt(session, chapter, municipality_id)
    if not any(not content.is_empty(a.content) for a in answers.values()):
        raise ServiceError(_("Svar på minst ett spørsmål før dere leverer."))
    now = utcnow()
    delivery.status = DeliveryStatus.SUBMITTED
    delivery.submitted_at = now
    delivery.submitted_by_id = actor.id
    delivery.last_change_at = now
    session.flush()
    return delivery


def set_shared(
    session: DbSession, actor: User, chapter: Chapter, municipality_id: int, shared: bool
) -> ChapterDelivery:
    """Whether the other municipalities of the network may read the delivered chapter."""
    _require_open(chapter)
    if not permissions.can_edit_delivery(actor, chapter, municipality_id):
        raise ServiceError(_("Bare kommunens koordinatorer kan velge deling."))
    delivery = delivery_for(session, chapter, municipality_id)
    delivery.shared_with_network = shared
    session.flush()
    return delivery


def reopen(
    session: DbSession, actor: User, chapter: Chapter, municipality_id: int
) -> ChapterDelivery:
    """The facilitator opens a delivered chapter for changes again."""
    if not permissions.can_give_feedback(actor, chapter):
        raise ServiceError(_("Bare nettverkets prosessveiledere kan åpne et levert kapittel."))
    delivery = delivery_for(session, chapter, municipality_id)
    if not delivery.is_locked:
        raise ServiceError(_("Kapittelet er ikke levert."))
    delivery.status = DeliveryStatus.IN_PROGRESS
    delivery.last_change_at = utcnow()
    session.flush()
    return delivery


def give_feedback(
    session: DbSession,
    actor: User,
    chapter: Chapter,
    municipality_id: int,
    chapter_feedback: str,
    prompt_feedback: dict[int, str],
) -> ChapterDelivery:
    """Feedback for the chapter and per prompt; a delivered chapter gets 'feedback given'."""
    if not permissions.can_give_feedback(actor, chapter):
        raise ServiceError(_("Bare nettverkets prosessveiledere kan gi tilbakemelding."))
    delivery = delivery_for(session, chapter, municipality_id)
    if not delivery.is_locked:
        raise ServiceError(_("Kommunen har ikke levert kapittelet ennå."))
    answers = answers_by_prompt(session, chapter, municipality_id)
    for prompt in chapter.prompts:
        text = (prompt_feedback.get(prompt.id) or "").strip()
        answer = answers.get(prompt.id)
        if answer is None and text:
            answer = Answer(prompt_id=prompt.id, municipality_id=municipality_id, content={})
            session.add(answer)
        if answer is not None:
            answer.feedback = text
    delivery.feedback = (chapter_feedback or "").strip()
    delivery.feedback_at = utcnow()
    delivery.feedback_by_id = actor.id
    delivery.status = DeliveryStatus.FEEDBACK_GIVEN
    session.flush()
    return delivery


# ---- history ---------------------------------------------------------------------------


@dataclass
class DiffLine:
    op: str  # "same", "added", "removed"
    text: str


def diff_lines(old: list[str], new: list[str]) -> list[DiffLine]:
    """What changed between two versions, line by line (difflib)."""
    result: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            result.extend(DiffLine("same", line) for line in old[a1:a2])
            continue
        result.extend(DiffLine("removed", line) for line in old[a1:a2])
        result.extend(DiffLine("added", line) for line in new[b1:b2])
    return result


# ---- the board -------------------------------------------------------------------------


@dataclass
class BoardCell:
    chapter: Chapter
    municipality: Municipality
    status: DeliveryStatus
    last_change_at: datetime | None
    days_left: int | None
    overdue: bool
    shared: bool


def status_of(delivery: ChapterDelivery | None) -> DeliveryStatus:
    return delivery.status if delivery is not None else DeliveryStatus.NOT_STARTED


def is_overdue(chapter: Chapter, status: DeliveryStatus, today: date) -> bool:
    """Past the due date and not delivered, in a network that is not closed (nobody chases it)."""
    from heltidnett.networks.models import NetworkStatus

    delivered = status in (DeliveryStatus.SUBMITTED, DeliveryStatus.FEEDBACK_GIVEN)
    if chapter.due_on is None or chapter.due_on >= today or delivered or not chapter.is_open:
        return False
    return chapter.network.status != NetworkStatus.CLOSED


def chapters_query(network_id: int, *, drafts: bool = True) -> sa.Select[Chapter]:
    """The network's chapters by number; without `drafts`, the open ones only."""
    query = sa.select(Chapter).where(Chapter.network_id == network_id)
    if not drafts:
        query = query.where(Chapter.opens_at.is_not(None), Chapter.opens_at <= utcnow())
    return query.order_by(Chapter.number)


def visible_chapters_query(user: Viewer, network_id: int) -> sa.Select[Chapter]:
    """The network's chapters the user may see: drafts too for its facilitators."""
    return chapters_query(network_id, drafts=permissions.sees_drafts(user, network_id))


def chapters_of(session: DbSession, network_id: int) -> list[Chapter]:
    """The network's chapters by number, with their prompts, deliveries and gatherings."""
    return list(
        session.scalars(
            chapters_query(network_id).options(
                selectinload(Chapter.prompts),
                selectinload(Chapter.deliveries),
                selectinload(Chapter.opens_after_gathering),
            )
        )
    )


def chapters_in_networks(session: DbSession, network_ids: set[int]) -> list[Chapter]:
    """The chapters of several networks by network and number, with their networks and their
    deliveries' municipalities (for the home page: a fixed number of statements)."""
    return list(
        session.scalars(
            sa.select(Chapter)
            .where(Chapter.network_id.in_(network_ids))
            .order_by(Chapter.network_id, Chapter.number)
            .options(
                joinedload(Chapter.network),
                selectinload(Chapter.deliveries).joinedload(ChapterDelivery.municipality),
            )
        )
    )


def visible_chapters(session: DbSession, user: Viewer, network_id: int) -> list[Chapter]:
    """`chapters_of` without the drafts, unless the user is one of the network's facilitators."""
    return [c for c in chapters_of(session, network_id) if c.can_view(user)]


def open_chapters(session: DbSession, network_id: int) -> list[Chapter]:
    """`chapters_of`, the open ones: what the municipalities answer and deliver."""
    return [c for c in chapters_of(session, network_id) if c.is_open]


def visible_deliveries(
    user: Viewer, chapter: Chapter, municipalities: list[Municipality]
) -> list[tuple[Municipality, ChapterDelivery | None]]:
    """The municipalities whose delivery of the chapter the user may see, each with its saved
    delivery (None before the first change); the chapter's deliveries loaded with it."""
    saved = {d.municipality_id: d for d in chapter.deliveries}
    return [
        (m, saved.get(m.id))
        for m in municipalities
        if permissions.can_view_delivery(user, chapter, m.id, saved.get(m.id))
    ]


def gatherings_of(session: DbSession, network_id: int) -> list[Gathering]:
    """The network's gatherings by date (a chapter opens after one of them)."""
    return list(
        session.scalars(
            sa.select(Gathering)
            .where(Gathering.network_id == network_id)
            .order_by(Gathering.starts_on)
        )
    )


def board(
    session: DbSession, network: Network, today: date
) -> tuple[list[Chapter], list[Municipality], dict[tuple[int, int], BoardCell]]:
    """Municipalities × open chapters with status, last change and days until due."""
    chapters = open_chapters(session, network.id)
    municipalities = network_municipalities(session, network.id)
    cells: dict[tuple[int, int], BoardCell] = {}
    for chapter in chapters:
        by_municipality = {d.municipality_id: d for d in chapter.deliveries}
        for municipality in municipalities:
            delivery = by_municipality.get(municipality.id)
            status = status_of(delivery)
            cells[(municipality.id, chapter.id)] = BoardCell(
                chapter=chapter,
                municipality=municipality,
                status=status,
                last_change_at=delivery.last_change_at if delivery else None,
                days_left=(chapter.due_on - today).days if chapter.due_on else None,
                overdue=is_overdue(chapter, status, today),
                shared=bool(delivery and delivery.shared_with_network),
            )
    return chapters, municipalities, cells


def feedback_notices(session: DbSession, user: Viewer, limit: int = 5) -> list[ChapterDelivery]:
    """Chapters of the user's municipalities with feedback, newest first (start page)."""
    ids = access.coordinated_municipality_ids(user)
    if not ids:
        return []
    rows = session.scalars(
        sa.select(ChapterDelivery)
        .where(
            ChapterDelivery.municipality_id.in_(ids),
            ChapterDelivery.status == DeliveryStatus.FEEDBACK_GIVEN,
        )
        .order_by(ChapterDelivery.feedback_at.desc())
        .options(selectinload(ChapterDelivery.chapter), selectinload(ChapterDelivery.municipality))
        .limit(limit * 3)
    )
    return [d for d in rows if d.can_view(user)][:limit]


def introduction_html(chapter: Chapter) -> str:
    return markup.to_html(chapter.introduction)
