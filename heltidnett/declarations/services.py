"""The rules of a declaration: versions, the transitions of their status, comments, comparison."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, cast

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, selectinload

from heltidnett.audit import services as audit
from heltidnett.core import markup
from heltidnett.core.errors import ServiceError
from heltidnett.db import DbSession, utcnow
from heltidnett.declarations import template
from heltidnett.declarations.models import (
    SECTION_KEYS,
    Declaration,
    DeclarationComment,
    DeclarationTransition,
    DeclarationVersion,
    DefinitionKind,
    Signatory,
    Status,
)
from heltidnett.municipalities.models import Municipality

# The workflow: the transitions a version may make from each status.
if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User


TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.DRAFT: (Status.CONSULTATION,),
    Status.CONSULTATION: (Status.DRAFT, Status.APPROVED),
    Status.APPROVED: (Status.ADOPTED,),
    Status.ADOPTED: (Status.PUBLISHED,),
    Status.PUBLISHED: (),
}
EDITABLE_STATUSES = (Status.DRAFT, Status.CONSULTATION)
COMMENTABLE_STATUSES = (Status.DRAFT, Status.CONSULTATION)
CASE_NUMBER_RE = re.compile(r"^\d{2,4}/\d{1,7}(-\d{1,4})?$")


class TransitionError(ServiceError):
    """A transition that is not allowed now; `field` names the fact at fault, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class DraftConflict(ServiceError):
    """Someone saved the version, or made a transition, after the save's form was opened."""

    def __init__(self, version: DeclarationVersion) -> None:
        super().__init__(
            _(
                "Noen andre har lagret denne versjonen etter at du åpnet den. Teksten din er "
                "ikke lagret: se over den lagrede teksten og lagre på nytt."
            )
        )
        self.version = version


@dataclass
class TransitionFacts:
    """The facts a transition records: the management approval and the political adoption."""

    approved_on: date | None = None
    approved_by_body: str = ""
    adopted_on: date | None = None
    adopted_by_body: str = ""
    case_number: str = ""


# ---- the state machine (pure: no session, no Flask request) ----------------------------


def allowed_transitions(status: Status) -> tuple[Status, ...]:
    """The statuses a version in `status` may move to."""
    return TRANSITIONS[status]


def check_transition(
    status: Status,
    target: Status,
    facts: TransitionFacts,
    *,
    today: date,
    approved_on: date | None = None,
) -> TransitionFacts:
    """The cleaned facts of a legal transition from `status` to `target`; raises TransitionError."""
    if target not in TRANSITIONS[status]:
        raise TransitionError(
            _(
                "En erklæring med status «%(current)s» kan ikke bli «%(target)s».",
                current=status_label(status),
                target=status_label(target),
            )
        )
    if target == Status.APPROVED:
        if facts.approved_on is None:
            raise TransitionError(
                _("Skriv datoen ledergruppen godkjente erklæringen."), "approved_on"
            )
        if facts.approved_on > today:
            raise TransitionError(_("Godkjenningsdatoen kan ikke være fram i tid."), "approved_on")
        return TransitionFacts(
            approved_on=facts.approved_on,
            approved_by_body=facts.approved_by_body.strip() or _("Ledergruppen"),
        )
    if target == Status.ADOPTED:
        body = facts.adopted_by_body.strip()
        if not body:
            raise TransitionError(
                _("Skriv hvilket organ som vedtok erklæringen, for eksempel kommunestyret."),
                "adopted_by_body",
            )
        if facts.adopted_on is None:
            raise TransitionError(_("Skriv vedtaksdatoen."), "adopted_on")
        if facts.adopted_on > today:
            raise TransitionError(_("Vedtaksdatoen kan ikke være fram i tid."), "adopted_on")
        if approved_on is not None and facts.adopted_on < approved_on:
            raise TransitionError(
                _("Vedtaksdatoen kan ikke være før ledergruppen godkjente erklæringen."),
                "adopted_on",
            )
        case_number = facts.case_number.strip()
        if not CASE_NUMBER_RE.match(case_number):
            raise TransitionError(
                _("Saksnummeret skrives som år/løpenummer, for eksempel 18/1234."), "case_number"
            )
        return TransitionFacts(
            adopted_on=facts.adopted_on, adopted_by_body=body, case_number=case_number
        )
    return TransitionFacts()


def status_label(status: Status) -> str:
    """The status as the user reads it."""
    from heltidnett.declarations.labels import STATUS_LABELS

    return str(STATUS_LABELS[status])


# ---- declarations and versions ---------------------------------------------------------


def get_declaration(session: DbSession, municipality_id: int) -> Declaration | None:
    """The municipality's declaration with its versions and their transitions (its history)."""
    return session.scalar(
        sa.select(Declaration)
        .where(Declaration.municipality_id == municipality_id)
        .options(selectinload(Declaration.versions).selectinload(DeclarationVersion.transitions))
    )


def declarations_of(session: DbSession, municipality_ids: list[int]) -> dict[int, Declaration]:
    """The declarations of the municipalities, with their versions, by municipality id."""
    return {
        declaration.municipality_id: declaration
        for declaration in session.scalars(
            sa.select(Declaration)
            .where(Declaration.municipality_id.in_(municipality_ids))
            .options(selectinload(Declaration.versions))
        )
    }


def find_version(
    session: DbSession, municipality_id: int, number: int
) -> DeclarationVersion | None:
    """Version `number` of the municipality's declaration, with the declaration's history."""
    return session.scalar(
        sa.select(DeclarationVersion)
        .join(Declaration)
        .where(Declaration.municipality_id == municipality_id, DeclarationVersion.number == number)
        .options(
            contains_eager(DeclarationVersion.declaration)
            .selectinload(Declaration.versions)
            .selectinload(DeclarationVersion.transitions)
        )
    )


def latest_version(declaration: Declaration) -> DeclarationVersion:
    return declaration.versions[-1]


def get_version(declaration: Declaration, number: int) -> DeclarationVersion | None:
    return next((v for v in declaration.versions if v.number == number), None)


def visible_versions(declaration: Declaration, user: Viewer) -> list[DeclarationVersion]:
    """The versions the user may read, oldest first."""
    return [v for v in declaration.versions if v.can_view(user)]


def current_version(declaration: Declaration, user: Viewer) -> DeclarationVersion | None:
    """The newest version the user may read."""
    versions = visible_versions(declaration, user)
    return versions[-1] if versions else None


def in_force(declaration: Declaration) -> DeclarationVersion | None:
    """The newest adopted (or published) version: the one that applies."""
    adopted = [v for v in declaration.versions if v.is_adopted]
    return adopted[-1] if adopted else None


def _record_transition(
    session: DbSession, version: DeclarationVersion, actor: User, old: Status | None
) -> None:
    session.add(
        DeclarationTransition(
            version=version,
            from_status=old,
            to_status=version.status,
            actor_id=getattr(actor, "id", None),
            actor_name=getattr(actor, "name", "") or "",
            at=utcnow(),
        )
    )


def start_declaration(
    session: DbSession, actor: User, municipality: Municipality
) -> DeclarationVersion:
    """A new declaration with version 1 drafted from the template in the municipality's målform."""
    if get_declaration(session, municipality.id) is not None:
        raise ServiceError(_("Kommunen har allerede en heltidserklæring."))
    language = municipality.written_standard.value
    declaration = Declaration(municipality=municipality)
    version = DeclarationVersion(
        declaration=declaration,
        number=1,
        status=Status.DRAFT,
        definition_kind=DefinitionKind.FULL,
        created_by_id=getattr(actor, "id", None),
    )
    for part in template.sections(language):
        setattr(version, part.key, part.starter)
    version.definition_text = template.definition_sentence(DefinitionKind.FULL, None, language)
    session.add(declaration)
    session.flush()
    _record_transition(session, version, actor, None)
    session.flush()
    return version


def check_definition(kind: str, threshold: float | None) -> tuple[DefinitionKind, float | None]:
    """A valid definition: another threshold needs a position size above 0 and at most 100."""
    try:
        definition = DefinitionKind(kind)
    except ValueError:
        raise ServiceError(_("Velg en definisjon av heltid.")) from None
    if definition != DefinitionKind.OTHER:
        return definition, None
    if threshold is None:
        raise ServiceError(_("Skriv grensen for heltid i prosent."))
    if not 0 < float(threshold) <= 100:
        raise ServiceError(_("Grensen for heltid må være over 0 og høyst 100 %."))
    return definition, float(threshold)


class DefinitionMismatch(ServiceError):
    """The text about full time states another percentage than the definition chosen."""

    field = "definition_text"


def definition_conflict(kind: DefinitionKind, threshold: float | None, text: str) -> str | None:
    """What is wrong when the definition text states percentages and none is the threshold of
    the definition chosen ("Heltid er 100 % stilling." under «En annen grense: 85,5 %»)."""
    from heltidnett.declarations.labels import definition_label, threshold_text
    from heltidnett.declarations.threshold import definition_of

    stated = template.stated_percents(text)
    chosen = definition_of(kind, threshold).threshold
    if not stated or any(abs(value - chosen) < 0.005 for value in stated):
        return None
    return _(
        "Teksten om hva dere mener med heltid sier %(stated)s, men definisjonen som er valgt, "
        "er «%(chosen)s». Endre teksten eller valget. Tømmer du teksten, skrives den ut fra "
        "valget.",
        stated=", ".join(dict.fromkeys(threshold_text(value) for value in stated)),
        chosen=definition_label(kind, threshold),
    )


def update_version(
    session: DbSession,
    actor: User,
    version: DeclarationVersion,
    data: dict[str, Any],
    *,
    base_revision: int,
) -> DeclarationVersion:
    """Change the text and definition of a version still in draft or consultation.

    Compare-and-set: applies only to `base_revision`, the revision the writer started from;
    raises DraftConflict (with the version as saved) when someone saved or made a transition since.
    """
    if version.status not in EDITABLE_STATUSES:
        raise ServiceError(
            _(
                "Versjon %(n)s er godkjent og kan ikke endres. Start en ny versjon.",
                n=version.number,
            )
        )
    if base_revision != version.revision:
        raise DraftConflict(version)
    kind, threshold = check_definition(
        data.get("definition_kind", version.definition_kind), data.get("threshold_percent")
    )
    values: dict[str, Any] = {"definition_kind": kind, "threshold_percent": threshold}
    for key in SECTION_KEYS:
        if key in data:
            values[key] = (data[key] or "").strip()
    # the text follows the choice while it is the template's sentence (or empty); a text of
    # the user's own must not state another threshold than the one chosen
    language = version.declaration.municipality.written_standard.value
    text = values.get("definition_text", version.definition_text)
    if not text or template.is_definition_sentence(text, language):
        values["definition_text"] = template.definition_sentence(kind, threshold, language)
    else:
        message = definition_conflict(kind, threshold, text)
        if message:
            raise DefinitionMismatch(message)
    changes = {
        key: [getattr(version, key), value]
        for key, value in values.items()
        if getattr(version, key) != value
    }
    condition = DeclarationVersion.status.in_(EDITABLE_STATUSES)
    if not _claim(session, version, base_revision, condition, values):
        raise DraftConflict(version)
    if changes:
        audit.record(
            session,
            "update",
            object_type=DeclarationVersion.__tablename__,
            object_id=version.id,
            summary=changes,
        )
    session.flush()
    return version


def _claim(
    session: DbSession,
    version: DeclarationVersion,
    base_revision: int,
    condition: sa.ColumnElement[bool],
    values: dict[str, Any],
) -> bool:
    """UPDATE the version only if it is still at `base_revision` and `condition` holds.

    One statement, so of two concurrent writers from the same revision exactly one wins;
    the version is reloaded either way.
    """
    session.flush()
    updated = session.execute(
        sa.update(DeclarationVersion)
        .where(
            DeclarationVersion.id == version.id,
            DeclarationVersion.revision == base_revision,
            condition,
        )
        .values(revision=base_revision + 1, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    session.refresh(version)
    return cast(sa.CursorResult[Any], updated).rowcount == 1


def transition(
    session: DbSession,
    actor: User,
    version: DeclarationVersion,
    target: Status | str,
    facts: TransitionFacts | None = None,
    *,
    today: date | None = None,
) -> DeclarationVersion:
    """Move a version to the next status; records the transition, its facts, who and when."""
    try:
        target = Status(target)
    except ValueError:
        raise TransitionError(_("Ukjent status: %(s)s.", s=str(target))) from None
    if version is not latest_version(version.declaration):
        raise TransitionError(_("Bare den nyeste versjonen kan flyttes videre."))
    clean = check_transition(
        version.status,
        target,
        facts or TransitionFacts(),
        today=today or date.today(),
        approved_on=version.approved_on,
    )
    if target in (Status.CONSULTATION, Status.APPROVED):
        message = definition_conflict(
            version.definition_kind, version.threshold_percent, version.definition_text
        )
        if message:
            raise TransitionError(message)
    old = version.status
    values: dict[str, Any] = {"status": target}
    if target == Status.APPROVED:
        values.update(approved_on=clean.approved_on, approved_by_body=clean.approved_by_body)
    elif target == Status.ADOPTED:
        values.update(
            adopted_on=clean.adopted_on,
            adopted_by_body=clean.adopted_by_body,
            case_number=clean.case_number,
        )
    elif target == Status.PUBLISHED:
        values["published_at"] = utcnow()
    # conditional on the status it starts from: of two concurrent transitions, one applies
    if not _claim(session, version, version.revision, DeclarationVersion.status == old, values):
        raise TransitionError(
            _(
                "Noen andre har endret versjon %(n)s samtidig; den har nå status «%(s)s». "
                "Se over versjonen og prøv igjen.",
                n=version.number,
                s=status_label(version.status),
            )
        )
    _record_transition(session, version, actor, old)
    session.flush()
    return version


def start_version(session: DbSession, actor: User, declaration: Declaration) -> DeclarationVersion:
    """Version N+1 as a draft copy of the adopted version N; version N stays as it was."""
    latest = latest_version(declaration)
    if not latest.is_adopted:
        raise ServiceError(
            _("Versjon %(n)s er ikke vedtatt ennå: endre den i stedet.", n=latest.number)
        )
    version = DeclarationVersion(
        declaration=declaration,
        number=latest.number + 1,
        status=Status.DRAFT,
        definition_kind=latest.definition_kind,
        threshold_percent=latest.threshold_percent,
        created_by_id=getattr(actor, "id", None),
        **{key: latest.section(key) for key in SECTION_KEYS},
    )
    session.add(version)
    session.flush()
    _record_transition(session, version, actor, None)
    session.flush()
    return version


# ---- signatories and comments ----------------------------------------------------------


def add_signatory(
    session: DbSession, version: DeclarationVersion, *, role: str, name: str, organisation: str
) -> Signatory:
    """Record who signs the version for the employer, a union or the safety service."""
    if version.status == Status.PUBLISHED:
        raise ServiceError(_("Versjonen er publisert; underskriverne kan ikke endres."))
    role, name, organisation = role.strip(), name.strip(), organisation.strip()
    if not (role and name and organisation):
        raise ServiceError(_("Skriv rolle, navn og organisasjon for den som skriver under."))
    signatory = Signatory(version=version, role=role, name=name, organisation=organisation)
    session.add(signatory)
    session.flush()
    return signatory


def remove_signatory(session: DbSession, signatory: Signatory) -> None:
    if signatory.version.status == Status.PUBLISHED:
        raise ServiceError(_("Versjonen er publisert; underskriverne kan ikke endres."))
    session.delete(signatory)
    session.flush()


def add_comment(
    session: DbSession, actor: User, version: DeclarationVersion, *, section: str, body: str
) -> DeclarationComment:
    """A reviewer's comment on a version in draft or consultation."""
    if version.status not in COMMENTABLE_STATUSES:
        raise ServiceError(_("Det kan bare kommenteres på utkast og versjoner på høring."))
    body = body.strip()
    if not body:
        raise ServiceError(_("Skriv kommentaren."))
    if section and section not in SECTION_KEYS:
        raise ServiceError(_("Ukjent del av erklæringen."))
    comment = DeclarationComment(
        version=version, section=section, body=body, author_id=getattr(actor, "id", None)
    )
    session.add(comment)
    session.flush()
    return comment


def resolve_comment(session: DbSession, actor: User, comment: DeclarationComment) -> None:
    """Mark a comment as dealt with."""
    if comment.resolved_at is not None:
        raise ServiceError(_("Kommentaren er allerede løst."))
    comment.resolved_at = utcnow()
    comment.resolved_by_id = getattr(actor, "id", None)
    session.flush()


# ---- comparing versions ----------------------------------------------------------------


@dataclass
class Change:
    """A run of words: 'equal', 'insert' or 'delete'."""

    op: str
    text: str


@dataclass
class DiffBlock:
    """A paragraph ('p'), a list ('ul', 'ol') or a heading ('h3', 'h4') of the compared text:
    each line (or list item) as its run of changes."""

    tag: str
    lines: list[list[Change]] = field(default_factory=list)


@dataclass
class SectionDiff:
    key: str
    blocks: list[DiffBlock] = field(default_factory=list)
    changed: bool = False

    @property
    def changes(self) -> list[Change]:
        """Every change of the section, in order."""
        return [change for block in self.blocks for line in block.lines for change in line]


_TOKEN_RE = re.compile(r"\s+|[^\s]+")


def diff_words(old: str, new: str) -> list[Change]:
    """Word-level changes from `old` to `new` (whitespace kept)."""
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            changes.append(Change("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            changes.append(Change("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            changes.append(Change("insert", "".join(b[j1:j2])))
    return changes


@dataclass(frozen=True)
class _Unit:
    """One line of a paragraph, one list item or one heading; `first` starts its block."""

    tag: str
    first: bool
    text: str


def _units(text: str) -> list[_Unit]:
    return [
        _Unit(block.tag, i == 0, markup.plain(line))
        for block in markup.blocks(text)
        for i, line in enumerate(block.lines)
    ]


def diff_text(old: str, new: str) -> list[DiffBlock]:
    """The changes from `old` to `new` in the structure people typed: lines and list items are
    matched first, then the words of the lines that changed."""
    a, b = _units(old), _units(new)
    merged: list[tuple[_Unit, list[Change]]] = []
    matcher = difflib.SequenceMatcher(
        a=[(u.tag, u.text) for u in a], b=[(u.tag, u.text) for u in b], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            merged.extend((u, [Change("equal", u.text)]) for u in b[j1:j2])
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            if k < len(olds) and k < len(news):
                merged.append((news[k], diff_words(olds[k].text, news[k].text)))
            elif k < len(news):
                merged.append((news[k], [Change("insert", news[k].text)]))
            else:
                merged.append((olds[k], [Change("delete", olds[k].text)]))
    blocks: list[DiffBlock] = []
    for unit, changes in merged:
        if unit.first or not blocks or blocks[-1].tag != unit.tag:
            blocks.append(DiffBlock(unit.tag))
        blocks[-1].lines.append(changes)
    return blocks


def compare(old: DeclarationVersion, new: DeclarationVersion) -> list[SectionDiff]:
    """Section by section, what was deleted and inserted from one version to another, in the
    paragraphs and lists of the text."""
    diffs = []
    for key in SECTION_KEYS:
        before, after = old.section(key), new.section(key)
        blocks = diff_text(before, after)
        changed = any(c.op != "equal" for block in blocks for line in block.lines for c in line)
        structure = [(u.tag, u.first) for u in _units(before)] != [
            (u.tag, u.first) for u in _units(after)
        ]
        diffs.append(SectionDiff(key, blocks, changed or structure))
    return diffs


def network_places(session: DbSession, network_ids: set[int]) -> set[tuple[int, int]]:
    """(network id, municipality id) of every municipality taking part in the networks."""
    from heltidnett.networks.models import Participation

    if not network_ids:
        return set()
    rows = session.execute(
        sa.select(Participation.network_id, Participation.municipality_id).where(
            Participation.network_id.in_(network_ids)
        )
    ).all()
    return {(row[0], row[1]) for row in rows}


def current_versions(session: DbSession, municipality_ids: set[int]) -> list[DeclarationVersion]:
    """The newest version of each of the municipalities' declarations, with its declaration,
    municipality and comments."""
    if not municipality_ids:
        return []
    versions = session.scalars(
        sa.select(DeclarationVersion)
        .join(DeclarationVersion.declaration)
        .where(Declaration.municipality_id.in_(municipality_ids))
        .options(
            contains_eager(DeclarationVersion.declaration).joinedload(Declaration.municipality),
            selectinload(DeclarationVersion.comments),
        )
        .order_by(Declaration.municipality_id, DeclarationVersion.number)
    )
    newest: dict[int, DeclarationVersion] = {}
    for version in versions:
        newest[version.declaration_id] = version
    return list(newest.values())
