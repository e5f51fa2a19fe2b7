"""Demo staffing figures: Alta's 2017 units, the 30,000-inhabitant case and Kamfjord 2AB.

The seeds' "kommune med ca. 30.000 innbyggere" is anonymous; its ten units are attached to
Ringerike (about 31,500 inhabitants) in the demo. The living network's pilot units have
figures for the six months before the one the demo is loaded in, improving month by month
(more and larger positions, fewer temps and hired shifts). Figures are found by municipality
and period first, so loading twice changes nothing; loaded in a later month, the months since
are added.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from heltidnett.core.lazy import pandas as pd
from heltidnett.db import DbSession
from heltidnett.demo import DemoContext
from heltidnett.municipalities.models import Municipality, Unit, UnitKind
from heltidnett.staffing import seeds, services
from heltidnett.staffing.models import Measurement

CASE_UNIT_KINDS = {
    "Interkommunalt samarbeid": UnitKind.OTHER,
    "Psykisk helse og rus": UnitKind.PSYCHIATRY,
    "Hjemmetjenesten": UnitKind.HOME_CARE,
    "Integrerte tjenester": UnitKind.OTHER,
}


def _unit(session: DbSession, municipality: Municipality, name: str) -> Unit:
    unit = session.scalar(
        sa.select(Unit).where(Unit.municipality_id == municipality.id, Unit.name == name)
    )
    if unit is None:
        kind = CASE_UNIT_KINDS.get(
            name, UnitKind.HOUSING if name.startswith("Tilrettelagte") else UnitKind.NURSING_HOME
        )
        unit = Unit(municipality=municipality, name=name, kind=kind)
        session.add(unit)
        session.flush()
    return unit


def _load(
    session: DbSession, municipality: Municipality, rows: list[tuple[str, str, str, float]]
) -> None:
    for period in sorted({r[1] for r in rows}):
        exists = session.scalar(
            sa.select(Measurement.id).where(
                Measurement.municipality_id == municipality.id, Measurement.period == period
            )
        )
        if exists:
            continue
        chosen = [r for r in rows if r[1] == period]
        units = {name: _unit(session, municipality, name) for name in {r[0] for r in chosen}}
        frame = pd.DataFrame(
            {
                "unit_id": [units[r[0]].id for r in chosen],
                "unit": [r[0] for r in chosen],
                "period": [r[1] for r in chosen],
                "indicator": [r[2] for r in chosen],
                "value": [r[3] for r in chosen],
            }
        )
        services.save_rows(session, None, municipality, frame, "demo")


def load(session: DbSession, ctx: DemoContext) -> None:
    """Alta 2017, the case in Ringerike 2018, Kamfjord 2AB in Sandefjord 2021-2022."""
    _load(session, ctx.municipalities["Alta"], seeds.alta_rows())
    _load(session, ctx.municipalities["Ringerike"], seeds.case_rows())
    _load(session, ctx.municipalities["Sandefjord"], seeds.kamfjord_rows())
    session.flush()
    for municipality, rows in living_rows(ctx.today).items():
        _load(session, ctx.municipalities[municipality], rows)
    session.flush()


# The living network's pilots, six months back: positions, full-time positions then and now,
# vacant positions, on-call temps, hired shifts a month, sick leave %. Bodø's two nursing homes
# start at 76 positions and 66 % average size, Hammerfest's at 38 with seven full (the chapter
# answers and stories tell the same).
PILOTS: dict[tuple[str, str], tuple[int, int, int, int, int, int, float]] = {
    ("Bodø", "Sykehjem A"): (40, 8, 13, 3, 26, 62, 9.8),
    ("Bodø", "Sykehjem B"): (36, 6, 10, 2, 22, 48, 8.9),
    ("Alstahaug", "Sykehjemmet"): (30, 9, 12, 1, 14, 20, 7.4),
    ("Salangen", "Hjemmetjenesten"): (22, 4, 6, 2, 11, 18, 8.1),
    ("Hammerfest", "Sykehjemmet"): (38, 7, 12, 3, 24, 55, 6.2),
    ("Vadsø", "Sykehjemmet"): (28, 8, 11, 2, 15, 30, 7.9),
}
MONTHS = 6


def _month(today: date, back: int) -> str:
    index = today.year * 12 + today.month - 1 - back
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def living_rows(today: date) -> dict[str, list[tuple[str, str, str, float]]]:
    """(unit, period, indicator, value) rows per municipality for the months before today's."""
    rows: dict[str, list[tuple[str, str, str, float]]] = {}
    for (municipality, unit), spec in PILOTS.items():
        positions0, full0, full1, vacant0, temps0, shifts0, sick0 = spec
        for back in range(MONTHS, 0, -1):
            step = MONTHS - back  # 0 (oldest) … 5 (last month)
            share = step / (MONTHS - 1)
            full = round(full0 + (full1 - full0) * share)
            positions = positions0 - round((full - full0) / 2)  # small positions merged
            rest = positions - full
            b80, b30 = round(rest * 0.2), round(rest * 0.15)
            b0 = round(rest * 0.15 * (1 - share / 2))
            b50 = rest - b80 - b30 - b0
            fte = full + 0.9 * b80 + 0.65 * b50 + 0.4 * b30 + 0.15 * b0
            vacant = max(vacant0 - step // 2, 0)
            values = {
                "positions_planned": positions,
                "fte_planned": round(fte, 2),
                "positions_actual": positions - vacant,
                "fte_actual": round(fte - 0.6 * vacant, 2),
                "positions_band_100": full,
                "positions_band_80_99": b80,
                "positions_band_50_79": b50,
                "positions_band_30_49": b30,
                "positions_band_0_29": b0,
                "vacant_positions": vacant,
                "temps_count": temps0 - 2 * step,
                "hired_shifts": round(shifts0 * (1 - 0.12 * step)),
                "sick_leave_pct": round(sick0 - 0.3 * step + 0.4 * (step % 2), 1),
            }
            period = _month(today, back)
            rows.setdefault(municipality, []).extend(
                (unit, period, code, float(value)) for code, value in values.items()
            )
    return rows
