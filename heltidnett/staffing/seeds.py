"""Raw figures behind the seeds' staffing tables, shared by the demo and the tests.

Alta 2017: band counts reconstructed from the shares of the table "Stillingsprofil, Planlagt,
Turnus, 2017" (each unit's shares are whole counts over 41, 73, 29, 20, 24, 42 and 58
positions); planned FTE from "Planlagt gjennomsnittlig stillingsstørrelse"; vacant positions
from "Andel vakante stillinger". Actual positions are not in the seed: they are planned minus
vacant here, with actual FTE from "Faktisk gjennomsnittlig stillingsstørrelse".
"""

from __future__ import annotations

# unit: positions, fte planned, bands (100, 80-99, 50-79, 30-49, 0-29), vacant,
#       positions actual, fte actual, sick leave %, turnover shifts %, turnover staff %
ALTA_2017: dict[str, tuple[int, float, tuple[int, ...], int, int, float, float, float, float]] = {
    "Ekornsvingen sykehjem": (41, 23.10, (11, 3, 9, 2, 16), 8, 33, 16.10, 20.0, 51.7, 18.3),
    "Elvebakken sykehjem": (73, 47.40, (19, 9, 23, 2, 20), 10, 63, 35.66, 14.0, 36.0, 58.5),
    "Helsesenterets sykehjem": (29, 19.65, (7, 5, 10, 2, 5), 0, 29, 12.88, 15.0, 54.0, 35.0),
    "Hjemmetjenesten Vest": (20, 12.06, (2, 3, 10, 0, 5), 2, 18, 8.10, 7.0, 43.8, 48.8),
    "Hjemmetjenesten Øst": (24, 19.22, (9, 2, 11, 0, 2), 0, 24, 11.33, 11.0, 47.4, 55.7),
    "Legetjenesten": (42, 33.14, (17, 8, 12, 1, 4), 3, 39, 19.50, 16.0, 32.7, 25.9),
    "Midtbakkveien 24": (58, 31.96, (15, 8, 3, 5, 27), 9, 49, 30.33, 7.0, 33.3, 22.6),
}

# "Case døgndrift Helse og omsorg i en kommune med ca. 30.000 innbyggere", planned 2018:
# unit: positions planned, FTE planned, vacant positions, occupied positions, on-call temps
CASE_30000_2018: dict[str, tuple[int, float, int, int, int]] = {
    "Interkommunalt samarbeid": (42, 27.51, 5, 37, 42),
    "Psykisk helse og rus": (41, 25.38, 8, 33, 31),
    "Omsorgssenter A": (82, 46.39, 17, 65, 54),
    "Hjemmetjenesten": (124, 91.18, 20, 104, 135),
    "Omsorgssenter B": (62, 34.50, 5, 57, 67),
    "Omsorgssenter C": (97, 54.47, 15, 82, 77),
    "Integrerte tjenester": (203, 106.33, 15, 188, 118),
    "Tilrettelagte tjenester A": (104, 70.09, 7, 97, 106),
    "Tilrettelagte tjenester B": (91, 55.18, 7, 84, 63),
    "Tilrettelagte tjenester C": (119, 78.15, 8, 111, 125),
}

# Kamfjord BBS avdeling 2AB (Sandefjord): 5 of 32 positions full time before, 11 of 25 after
# seven months; average position size 56.5 % → 75 %.
KAMFJORD_2AB: dict[str, tuple[int, int, float]] = {
    "2021-09": (32, 5, 18.08),
    "2022-04": (25, 11, 18.75),
}


def alta_rows() -> list[tuple[str, str, str, float]]:
    """(unit, period, indicator, value) rows of Alta 2017."""
    rows: list[tuple[str, str, str, float]] = []
    band_codes = ["100", "80_99", "50_79", "30_49", "0_29"]
    for unit, (pos, fte, bands, vacant, pos_a, fte_a, sick, t_shift, t_staff) in ALTA_2017.items():
        values = {
            "positions_planned": pos,
            "fte_planned": fte,
            "vacant_positions": vacant,
            "positions_actual": pos_a,
            "fte_actual": fte_a,
            "sick_leave_pct": sick,
            "turnover_shifts_pct": t_shift,
            "turnover_staff_pct": t_staff,
            **{f"positions_band_{k}": n for k, n in zip(band_codes, bands, strict=True)},
        }
        rows.extend((unit, "2017", code, float(v)) for code, v in values.items())
    return rows


def case_rows() -> list[tuple[str, str, str, float]]:
    """(unit, period, indicator, value) rows of the 30,000-inhabitant case, 2018."""
    rows: list[tuple[str, str, str, float]] = []
    for unit, (pos, fte, vacant, occupied, temps) in CASE_30000_2018.items():
        values = {
            "positions_planned": pos,
            "fte_planned": fte,
            "vacant_positions": vacant,
            "positions_actual": occupied,
            "temps_count": temps,
        }
        rows.extend((unit, "2018", code, float(v)) for code, v in values.items())
    return rows


def kamfjord_rows() -> list[tuple[str, str, str, float]]:
    """(unit, period, indicator, value) rows of Kamfjord 2AB before and after."""
    rows: list[tuple[str, str, str, float]] = []
    for period, (positions, full, fte) in KAMFJORD_2AB.items():
        values = {
            "positions_planned": positions,
            "fte_planned": fte,
            "positions_band_100": full,
            "positions_band_80_99": 0,
            "positions_band_50_79": positions - full,
        }
        rows.extend(("Kamfjord BBS avdeling 2AB", period, c, float(v)) for c, v in values.items())
    return rows
