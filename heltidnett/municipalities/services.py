"""The work on municipalities and units: creating and changing them by the rules."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from heltidnett.core.errors import ServiceError
from heltidnett.db import DbSession
from heltidnett.municipalities.models import Municipality, Unit, UnitKind, WrittenStandard

NUMBER_RE = re.compile(r"^\d{4}$")


def check_number(number: str) -> str:
    """A kommunenummer: exactly four digits (leading zero kept)."""
    number = number.strip()
    if not NUMBER_RE.match(number):
        raise ServiceError(_("Kommunenummeret må ha fire sifre, for eksempel 3401."))
    return number


def all_municipalities(session: DbSession) -> list[Municipality]:
    """Every municipality on the platform, by name (to choose one from)."""
    return list(
        session.scalars(sa.select(Municipality).order_by(Municipality.name, Municipality.id))
    )


def create_municipality(session: DbSession, **fields: Any) -> Municipality:
    """A new municipality; its number must be unique."""
    number = check_number(fields["number"])
    if session.scalar(sa.select(Municipality.id).where(Municipality.number == number)):
        raise ServiceError(_("Det finnes allerede en kommune med nummer %(n)s.", n=number))
    municipality = Municipality(
        name=fields["name"].strip(),
        number=number,
        county=(fields.get("county") or "").strip(),
        population=fields.get("population"),
        written_standard=WrittenStandard(fields.get("written_standard") or "nb"),
    )
    session.add(municipality)
    session.flush()
    return municipality


def update_municipality(
    session: DbSession, municipality: Municipality, **fields: Any
) -> Municipality:
    number = check_number(fields["number"])
    clash = session.scalar(
        sa.select(Municipality.id).where(
            Municipality.number == number, Municipality.id != municipality.id
        )
    )
    if clash:
        raise ServiceError(_("Det finnes allerede en kommune med nummer %(n)s.", n=number))
    municipality.name = fields["name"].strip()
    municipality.number = number
    municipality.county = (fields.get("county") or "").strip()
    municipality.population = fields.get("population")
    municipality.written_standard = WrittenStandard(fields["written_standard"])
    return municipality


def _name_key(name: str) -> str:
    """A unit name as compared for uniqueness: case and Unicode form folded."""
    return unicodedata.normalize("NFC", name.strip()).casefold()


def _unique_unit_name(
    session: DbSession, municipality_id: int, name: str, unit_id: int | None = None
) -> str:
    name = name.strip()
    if not name:
        raise ServiceError(_("Gi enheten et navn."))
    query = sa.select(Unit.name).where(Unit.municipality_id == municipality_id)
    if unit_id is not None:
        query = query.where(Unit.id != unit_id)
    # Compared in Python: SQLite's lower() folds ASCII only, so "Øst" and "øst" would differ.
    if _name_key(name) in {_name_key(other) for other in session.scalars(query)}:
        raise ServiceError(_("Kommunen har allerede en enhet som heter «%(name)s».", name=name))
    return name


def units_query(municipality_id: int) -> sa.Select[Unit]:
    """The select of a municipality's units, by name."""
    return (
        sa.select(Unit).where(Unit.municipality_id == municipality_id).order_by(Unit.name, Unit.id)
    )


def create_unit(
    session: DbSession,
    municipality: Municipality,
    *,
    name: str,
    kind: str = "other",
    is_pilot: bool = False,
) -> Unit:
    """A new unit of a municipality; names are unique within the municipality."""
    unit = Unit(
        municipality=municipality,
        name=_unique_unit_name(session, municipality.id, name),
        kind=UnitKind(kind),
        is_pilot=is_pilot,
    )
    session.add(unit)
    session.flush()
    return unit


def update_unit(session: DbSession, unit: Unit, *, name: str, kind: str, is_pilot: bool) -> Unit:
    unit.name = _unique_unit_name(session, unit.municipality_id, name, unit.id)
    unit.kind = UnitKind(kind)
    unit.is_pilot = is_pilot
    return unit


def delete_unit(session: DbSession, unit: Unit) -> None:
    session.delete(unit)
