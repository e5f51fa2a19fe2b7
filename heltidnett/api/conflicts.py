"""A write made from a stale copy: 409 with the record as it is saved now, the same everywhere."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

from heltidnett.api import refuse


def refuse_stale(message: str, current: Mapping[str, Any], *, counter: str) -> NoReturn:
    """Answer 409 `version_conflict`: `details[counter]` is the counter to send back with the
    next write, `details.current` the record as saved (already dumped by its schema)."""
    refuse(
        409,
        message=message,
        code="version_conflict",
        details={counter: current[counter], "current": dict(current)},
    )
