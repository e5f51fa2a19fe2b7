"""Demo records of the idea bank: the built-in cases of the 30-municipality study."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from heltidnett.cases import services

if TYPE_CHECKING:
    from heltidnett.db import DbSession


def load(session: DbSession, ctx: Any) -> None:
    """The built-in cases (idempotent: found again by key)."""
    services.load_builtin(session)
