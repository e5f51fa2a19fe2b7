"""Every API list is paged the same way: `page` and `page_size` in the query, the total in the
`X-Pagination` header (flask-smorest's pagination), the page's items as the body."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import sqlalchemy as sa

if TYPE_CHECKING:
    from flask_smorest.pagination import PaginationParameters

    from heltidnett.db import DbSession

T = TypeVar("T")

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def page_of(
    session: DbSession, statement: sa.Select[Any], pagination: PaginationParameters
) -> Sequence[Any]:
    """One page of a select's rows (its first column, or whole rows when it selects several),
    counting them all for the header."""
    counted = sa.select(sa.func.count()).select_from(statement.order_by(None).subquery())
    pagination.item_count = session.scalar(counted) or 0
    if pagination.first_item >= pagination.item_count:
        return []  # past the end (also a page number too large for the database's integers)
    paged = statement.limit(pagination.page_size).offset(pagination.first_item)
    if len(statement.column_descriptions) > 1:
        return session.execute(paged).all()
    return session.scalars(paged).unique().all()


def page_of_list(items: Sequence[T], pagination: PaginationParameters) -> Sequence[T]:
    """One page of a list already filtered in Python (short lists only)."""
    pagination.item_count = len(items)
    return items[pagination.first_item : pagination.first_item + pagination.page_size]
