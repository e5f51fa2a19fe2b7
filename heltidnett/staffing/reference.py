"""Reference series: the national rota profile 2012-2017 from KS' PAI register."""

from __future__ import annotations

from functools import cache

from heltidnett.core.lazy import pandas as pd

PERIODS = ["2012", "2013", "2014", "2015", "2016", "2017"]

# Share of employees in health and care (rota) by position size, PAI "0001 utvalget",
# and the average position size; counted on 1 December each year.
PROFILE_VALUES = {
    "band_share_100": [17.7, 18.9, 17.4, 19.0, 19.6, 22.8],
    "band_share_80_99": [18.1, 18.9, 19.7, 22.9, 24.3, 19.8],
    "band_share_50_79": [37.0, 35.7, 34.7, 31.4, 30.4, 30.6],
    "band_share_30_49": [9.6, 6.9, 7.4, 7.8, 7.8, 8.9],
    "band_share_0_29": [17.5, 19.5, 20.8, 19.0, 18.0, 17.9],
    "avg_position_size_actual": [63.5, 63.7, 62.6, 65.0, 66.0, 66.1],
}


@cache
def national_profile() -> pd.DataFrame:
    """The national profile as a frame indexed by period (built once; do not modify it)."""
    return pd.DataFrame(PROFILE_VALUES, index=pd.Index(PERIODS, name="period"))
