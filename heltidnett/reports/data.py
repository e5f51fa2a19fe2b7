"""Queries that return pandas DataFrames for charts, tables and reports (no Flask)."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from heltidnett.staffing.models import Measurement

WHOLE = -1  # unit_id used in tables for "whole municipality" values


def measurements_frame(
    session: Session,
    municipality_ids: list[int],
    periods: list[str] | None = None,
    unit_id: int | None = None,
) -> pd.DataFrame:
    """Entered values as a long table: municipality_id, unit_id (-1 whole), period, indicator."""
    query = sa.select(
        Measurement.municipality_id,
        sa.func.coalesce(Measurement.unit_id, WHOLE).label("unit_id"),
        Measurement.period,
        Measurement.indicator,
        Measurement.value,
    ).where(Measurement.municipality_id.in_(municipality_ids))
    if periods:
        query = query.where(Measurement.period.in_(periods))
    if unit_id is not None:
        query = query.where(Measurement.unit_id == unit_id)
    rows = session.execute(query).all()
    names = ["municipality_id", "unit_id", "period", "indicator", "value"]
    if not rows:
        return pd.DataFrame(columns=names)
    # column by column: pandas inspects every SQLAlchemy Row on its own otherwise (slow)
    return pd.DataFrame(dict(zip(names, zip(*rows, strict=True), strict=True)))
