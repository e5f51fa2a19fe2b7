"""How the workbook's pages and API resources load a delivery from their URL (`access.loads`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from heltidnett.auth import access
from heltidnett.extensions import db
from heltidnett.workbooks import services
from heltidnett.workbooks.models import ChapterDelivery


def find_delivery(chapter_id: int, municipality_id: int) -> ChapterDelivery | None:
    """`services.delivery_at` in the request's session (read when called)."""
    return services.delivery_at(db.session, chapter_id, municipality_id)


def delivery(
    right: access.Right | Callable[[ChapterDelivery, Any], bool] = access.Right.VIEW,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The route's `delivery`, from `chapter_id` and `municipality_id`."""
    return access.loads(
        ChapterDelivery,
        "chapter_id",
        "municipality_id",
        load=find_delivery,
        name="delivery",
        right=right,
    )
