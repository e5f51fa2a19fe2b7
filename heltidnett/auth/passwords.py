"""Password hashing (argon2id) and the password policy."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l

MIN_LENGTH = 12
# zxcvbn's score: 0-2 are common or easily guessed passwords.
MIN_STRENGTH = 3


@cache
def _hasher(fast: bool) -> PasswordHasher:
    if fast:
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()  # argon2id with the library's current recommended parameters


def hasher() -> PasswordHasher:
    fast = bool(has_app_context() and current_app.config.get("ARGON2_FAST"))
    return _hasher(fast)


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return hasher().hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether the password matches; False for a missing or broken hash."""
    if not stored_hash:
        # Spend the same time as a real check so timing does not reveal accounts.
        hasher().hash(password)
        return False
    try:
        return hasher().verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return hasher().check_needs_rehash(stored_hash)


def password_problems(password: str, user_inputs: list[str] | None = None) -> list[str]:
    """What is wrong with a new password, as messages for the user (empty when fine)."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(str(_l("Passordet må ha minst %(n)d tegn.", n=MIN_LENGTH)))
        return problems
    if len(password) > 256:
        problems.append(str(_l("Passordet kan ha høyst 256 tegn.")))
        return problems
    from zxcvbn import zxcvbn

    result = zxcvbn(password[:100], user_inputs=[u for u in user_inputs or [] if u])
    if result["score"] < MIN_STRENGTH:
        problems.append(
            str(
                _l(
                    "Passordet er for vanlig eller lett å gjette. "
                    "Bruk gjerne flere ord i en setning."
                )
            )
        )
    return problems
