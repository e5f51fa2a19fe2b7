"""Goals seen from where they came from: the goals made from a commitment, a workbook's SMART
answer or a declaration, the actions that carry out a commitment, and the way to make a goal
from one.

A page of commitments, answers or a declaration asks once (`for_commitments`, `for_answers`,
`for_declaration`) and its template shows the result through `macros/goal_links.html`; the
statements do not grow with the rows. "Lag mål av dette" opens the goals board's new-goal form
with the source in the query: `?commitment=<id>`, `?answer=<id>` or `?declaration=<id>`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from heltidnett.extensions import db
from heltidnett.goals import services
from heltidnett.goals.labels import ACTION_COLORS, ACTION_LABELS
from heltidnett.goals.permissions import can_write_goals

if TYPE_CHECKING:
    from heltidnett.commitments.models import Commitment
    from heltidnett.declarations.models import Declaration
    from heltidnett.goals.models import Action, Goal
    from heltidnett.workbooks.models import Answer

SOURCES = ("commitment", "answer", "declaration")  # the kinds, and the new-goal form's parameters


@dataclass
class GoalLinks:
    """What one page shows of the goals made from its records, for the person reading it."""

    goals: dict[tuple[str, int], list[Goal]] = field(default_factory=dict)
    actions: dict[int, list[Action]] = field(default_factory=dict)
    writable: frozenset[int] = frozenset()  # municipalities the person writes goals for

    def made_from(self, kind: str, source_id: int) -> list[Goal]:
        """The goals made from this commitment, answer or declaration."""
        return self.goals.get((kind, source_id), [])

    def carried_out_by(self, commitment_id: int) -> list[Action]:
        """The actions that carry out this commitment."""
        return self.actions.get(commitment_id, [])

    def goal_url(self, goal_id: int) -> str | None:
        """The goal's page (None in an app without the goals pages)."""
        if "goals.show" not in current_app.view_functions:
            return None
        return url_for("goals.show", goal_id=goal_id)

    def new_goal_url(self, municipality_id: int | None, kind: str, source_id: int) -> str | None:
        """The new-goal form with the source filled in, for those who write the goals."""
        if municipality_id not in self.writable or "goals.new" not in current_app.view_functions:
            return None
        values: dict[str, Any] = {"municipality_id": municipality_id, kind: source_id}
        return url_for("goals.new", **values)

    @staticmethod
    def action_label(action: Action) -> str:
        return str(ACTION_LABELS[action.status])

    @staticmethod
    def action_color(action: Action) -> str:
        return ACTION_COLORS[action.status]


def _writable(municipality_ids: Iterable[int | None]) -> frozenset[int]:
    return frozenset(
        m for m in set(municipality_ids) if m is not None and can_write_goals(current_user, m)
    )


def for_commitments(commitments: Iterable[Commitment]) -> GoalLinks:
    """The goals made from the commitments and the actions carrying them out."""
    rows = list(commitments)
    ids = [c.id for c in rows]
    return GoalLinks(
        goals=services.goals_from_sources(db.session, current_user, commitment_ids=ids),
        actions=services.actions_from_commitments(db.session, current_user, ids),
        writable=_writable(c.municipality_id for c in rows),
    )


def for_answers(answers: Iterable[Answer]) -> GoalLinks:
    """The goals made from the workbook answers."""
    rows = list(answers)
    return GoalLinks(
        goals=services.goals_from_sources(
            db.session, current_user, answer_ids=[a.id for a in rows]
        ),
        writable=_writable(a.municipality_id for a in rows),
    )


def for_declaration(declaration: Declaration | None) -> GoalLinks:
    """The goals made from the declaration's goals."""
    if declaration is None:
        return GoalLinks()
    return GoalLinks(
        goals=services.goals_from_sources(
            db.session, current_user, declaration_ids=[declaration.id]
        ),
        writable=_writable([declaration.municipality_id]),
    )


@dataclass(frozen=True)
class Source:
    """Where a goal came from, as its page shows it: what it was, its words and a link."""

    kind: str  # one of SOURCES
    label: str
    text: str
    url: str


def source_of(goal: Goal) -> Source | None:
    """The commitment, SMART answer or declaration the goal was made from, if the person may
    see it (None otherwise, or when it is gone)."""
    from heltidnett.workbooks import services as workbooks
    from heltidnett.workbooks.permissions import can_view_delivery

    commitment = goal.source_commitment
    if commitment is not None and commitment.can_view(current_user):
        url = url_for(
            "commitments.network_commitments",
            network_id=commitment.network_id,
            _anchor=f"forpliktelse-{commitment.id}",
        )
        return Source("commitment", str(_l("Forpliktelse")), commitment.text, url)
    answer = goal.source_answer
    if answer is not None:
        chapter = answer.prompt.chapter
        delivery = workbooks.find_delivery(db.session, chapter, answer.municipality_id)
        if can_view_delivery(current_user, chapter, answer.municipality_id, delivery):
            url = url_for(
                "workbooks.delivery",
                chapter_id=chapter.id,
                municipality_id=answer.municipality_id,
                _anchor=f"prompt-{answer.prompt_id}",
            )
            label = str(_l("Svar i arbeidsboka, kapittel %(n)d", n=chapter.number))
            return Source("answer", label, answer.prompt.label, url)
    if goal.source_declaration_id is not None:
        from heltidnett.declarations.models import Declaration

        declaration = db.session.get(Declaration, goal.source_declaration_id)
        if declaration is not None and declaration.can_view(current_user):
            url = url_for("declarations.show", municipality_id=declaration.municipality_id)
            return Source("declaration", str(_l("Heltidserklæringen")), "", url)
    return None
