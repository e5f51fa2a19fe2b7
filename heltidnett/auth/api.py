"""API resources about the user behind the token."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from heltidnett.api import api_blueprint, error_responses
from heltidnett.api.schemas import UserSchema

blp = api_blueprint("me", __name__, "The user behind the token")


@blp.get("/me")
@blp.response(200, UserSchema)
@blp.doc(responses=error_responses(401))
def me() -> Any:
    """The authenticated user with their network roles."""
    return current_user
