"""Queries that return pandas DataFrames for charts, tables and reports (no Flask)."""

from __future__ import annotations

import sqlalchemy as sa

from heltidnett.core.lazy import pandas as pd
from heltidnett.db import DbSession
from heltidnett.staffing.models import Measurement

WHOLE = -1  # unit_id used in tables for "whole municipality" values


KEYS = ["municipality_id", "unit_id", "period"]


def figures_frame(
    session: DbSession,
    municipality_ids: list[int],
    periods: list[str] | None = None,
) -> pd.DataFrame:
    """Entered values, wide: municipality_id, unit_id (-1 whole), period, one column per
    indicator code stored for any of the rows (NaN where a row has no value)."""
    query = sa.select(
        Measurement.municipality_id,
        sa.func.coalesce(Measurement.unit_id, WHOLE).label("unit_id"),
        Measurement.period,
        Measurement.figures,
    ).where(Measurement.municipality_id.in_(municipality_ids))
    if periods:
        query = query.where(Measurement.period.in_(periods))
    rows = session.execute(query).all()
    if not rows:
        return pd.DataFrame(columns=KEYS)
    # column by column: pandas inspects every SQLAlchemy Row on its own otherwise (slow)
    *keys, figures = zip(*rows, strict=True)
    values = pd.DataFrame.from_records(list(figures)).astype("float64")
    frame = pd.DataFrame(dict(zip(KEYS, keys, strict=True)))
    return pd.concat([frame, values.sort_index(axis=1)], axis=1)
