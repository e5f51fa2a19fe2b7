"""Wrong poll codes are counted per client address, so six digits cannot be guessed.

Only the count lives in Flask-Limiter's storage (Redis where REDIS_URL is set, so every
process sees it), for the limit's window; nothing of it is stored with an answer.
"""

from __future__ import annotations

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import parse

from heltidnett.extensions import limiter


def _limit() -> str:
    return str(current_app.config.get("POLL_CODE_LIMIT_PER_ADDRESS", "60 per 10 minutes"))


def _prefix() -> str:
    return current_app.config.get("RATELIMIT_KEY_PREFIX", "") + "poll-code"


def blocked() -> bool:
    """Whether this address has typed too many wrong codes lately."""
    return not limiter.limiter.test(parse(_limit()), _prefix(), get_remote_address())


def wrong_code() -> None:
    """Count one wrong code against this address."""
    limiter.limiter.hit(parse(_limit()), _prefix(), get_remote_address())
