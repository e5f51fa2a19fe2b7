"""The municipality's full-time threshold, as its declaration defines it."""

from __future__ import annotations

from sqlalchemy.orm import Session

DEFAULT_THRESHOLD = 100.0


def fulltime_threshold(session: Session, municipality_id: int) -> float:
    """Position size (percent) from which a position counts as full time; 100 by default.

    The declarations domain reads the adopted declaration's definition here; until a
    municipality has adopted one, the national default of 100 % holds.
    """
    return DEFAULT_THRESHOLD
