"""Running one service step from a view and flashing how it went."""

from __future__ import annotations

from collections.abc import Callable

from heltidnett.core.transaction import attempt


def apply_step(action: Callable[[], object], success: str) -> bool:
    """Run a service step: flash success, or roll back and flash its Norwegian error."""
    with attempt(success, flash_error=True) as outcome:
        action()
    return not outcome.failed
