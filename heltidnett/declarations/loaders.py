"""How the declarations' pages and API resources load what their URL names (`access.loads`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from heltidnett.auth import access
from heltidnett.declarations import services
from heltidnett.declarations.labels import NO_DECLARATION
from heltidnett.declarations.models import Declaration, DeclarationVersion
from heltidnett.extensions import db
from heltidnett.municipalities.models import Municipality

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def find_declaration(municipality_id: int) -> Declaration | None:
    """The municipality's declaration (read from the request's session when called)."""
    return services.get_declaration(db.session, municipality_id)


def find_version(municipality_id: int, number: int) -> DeclarationVersion | None:
    """Version `number` of the municipality's declaration."""
    return services.find_version(db.session, municipality_id, number)


def declaration(
    right: access.Right | Callable[[Declaration, Any], bool] = access.Right.VIEW,
) -> Decorator:
    """The route's `declaration`, from `municipality_id`: 403 to outsiders even when missing."""
    return access.loads(
        Declaration,
        "municipality_id",
        parent=Municipality,
        missing=NO_DECLARATION,
        load=find_declaration,
        name="declaration",
        right=right,
    )


def version(
    right: access.Right | Callable[[DeclarationVersion, Any], bool] = access.Right.VIEW,
) -> Decorator:
    """The route's `version`, from `municipality_id` and `number`."""
    return access.loads(
        DeclarationVersion,
        "municipality_id",
        "number",
        parent=Municipality,
        load=find_version,
        name="version",
        right=right,
    )
