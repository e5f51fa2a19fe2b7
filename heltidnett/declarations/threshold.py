"""The municipality's full-time threshold, as its declaration defines it.

`fulltime_threshold` returns a position size (percent) such that a position counts as full
time exactly when ``size >= threshold``:

- 100 % ("100 % stilling"): 100.0
- at least 80 % ("minst 80 %"): 80.0
- more than 90 % as Statistics Norway counts it ("over 90 %"): ``math.nextafter(90.0, inf)``,
  the smallest float above 90, so ``size >= threshold`` is exactly ``size > 90`` (90 % itself
  is part time, 90.01 % is full time). `fulltime_definition` gives the same with an explicit
  ``strict`` flag (threshold 90.0, strict True) for display.
- another threshold of the municipality's own ("annen grense"): that value, inclusive.

The definition is read from the municipality's newest adopted or published version; until one
is adopted, the national default of 100 % holds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sqlalchemy as sa

from heltidnett.db import DbSession

DEFAULT_THRESHOLD = 100.0


@dataclass(frozen=True)
class FulltimeDefinition:
    """Full time from `threshold` percent: inclusive, or strictly above when `strict`."""

    threshold: float = DEFAULT_THRESHOLD
    strict: bool = False

    def is_fulltime(self, size_percent: float) -> bool:
        """Whether a position of this size (percent) counts as full time."""
        if self.strict:
            return size_percent > self.threshold
        return size_percent >= self.threshold

    @property
    def inclusive_threshold(self) -> float:
        """The threshold for a `size >= threshold` comparison."""
        return math.nextafter(self.threshold, math.inf) if self.strict else self.threshold


def definition_of(kind: str, threshold_percent: float | None) -> FulltimeDefinition:
    """The definition a version's kind (and own threshold) stands for."""
    from heltidnett.declarations.models import DefinitionKind

    kind = DefinitionKind(kind)
    if kind == DefinitionKind.AT_LEAST_80:
        return FulltimeDefinition(80.0)
    if kind == DefinitionKind.SSB_OVER_90:
        return FulltimeDefinition(90.0, strict=True)
    if kind == DefinitionKind.OTHER and threshold_percent is not None:
        return FulltimeDefinition(float(threshold_percent))
    return FulltimeDefinition(DEFAULT_THRESHOLD)


def fulltime_definitions(
    session: DbSession, municipality_ids: list[int]
) -> dict[int, FulltimeDefinition]:
    """Each municipality's definition from its newest adopted (or published) declaration, in
    one query; the national default where none is adopted."""
    from heltidnett.declarations.models import (
        ADOPTED_STATUSES,
        Declaration,
        DeclarationVersion,
    )

    rows = session.execute(
        sa.select(
            Declaration.municipality_id,
            DeclarationVersion.definition_kind,
            DeclarationVersion.threshold_percent,
        )
        .join(Declaration)
        .where(
            Declaration.municipality_id.in_(municipality_ids),
            DeclarationVersion.status.in_(ADOPTED_STATUSES),
        )
        .order_by(DeclarationVersion.number)  # the newest version is seen last and kept
    ).all()
    found = {mid: definition_of(kind, threshold) for mid, kind, threshold in rows}
    return {mid: found.get(mid, FulltimeDefinition(DEFAULT_THRESHOLD)) for mid in municipality_ids}


def fulltime_definition(session: DbSession, municipality_id: int) -> FulltimeDefinition:
    """The definition in the municipality's newest adopted (or published) declaration."""
    return fulltime_definitions(session, [municipality_id])[municipality_id]


def fulltime_threshold(session: DbSession, municipality_id: int) -> float:
    """Position size (percent) from which a position counts as full time (`size >= it`).

    100 by default; see the module docstring for how "more than 90 %" is represented.
    """
    return fulltime_definition(session, municipality_id).inclusive_threshold
