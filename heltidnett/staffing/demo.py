"""Demo staffing figures: Alta's 2017 units, the 30,000-inhabitant case and Kamfjord 2AB.

The seeds' "kommune med ca. 30.000 innbyggere" is anonymous; its ten units are attached to
Ringerike (about 31,500 inhabitants) in the demo. Figures are found by municipality and
period first, so loading twice changes nothing.
"""

from __future__ import annotations

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
