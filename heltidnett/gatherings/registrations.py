"""Registrations (påmelding) for a gathering, and importing a participant list."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from heltidnett.core.cells import cell_text
from heltidnett.core.errors import ServiceError
from heltidnett.core.i18n import format_date
from heltidnett.db import DbSession
from heltidnett.files import sandbox, sheets
from heltidnett.gatherings import permissions
from heltidnett.gatherings.models import Gathering, GatheringStatus, Registration
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.services import network_municipalities
from heltidnett.reports.export import Column, Table

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.auth.models import User


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
HEADERS = {
    "etternavn": "last_name",
    "fornavn": "first_name",
    "e-post": "email",
    "epost": "email",
    "mobil": "phone",
    "stilling/tittel": "job_title",
    "firma": "organisation",
}
REQUIRED = ("last_name", "first_name", "email")


@dataclass
class Person:
    """Who is registered: the participant list's columns."""

    last_name: str
    first_name: str
    email: str
    phone: str = ""
    job_title: str = ""
    organisation: str = ""
    municipality_id: int | None = None


def person_errors(person: Person) -> list[str]:
    """What is wrong with a person's details, in Norwegian."""
    errors = []
    if not person.last_name.strip():
        errors.append(_("Etternavn mangler."))
    if not person.first_name.strip():
        errors.append(_("Fornavn mangler."))
    if not EMAIL.match(person.email.strip()):
        errors.append(_("Ugyldig e-postadresse: «%(email)s».", email=person.email))
    return errors


def organisation_of(session: DbSession, municipality_id: int | None) -> str:
    """What a person registered for a municipality works for: "Alta kommune"."""
    municipality = session.get(Municipality, municipality_id) if municipality_id else None
    return _("%(name)s kommune", name=municipality.name) if municipality else ""


def registration_open(gathering: Gathering, today: date | None = None) -> bool:
    today = today or date.today()
    if gathering.status != GatheringStatus.PUBLISHED:
        return False
    deadline = gathering.registration_deadline or gathering.ends_on
    return today <= deadline


def _check_days(gathering: Gathering, days: list[date]) -> list[str]:
    if not days:
        raise ServiceError(_("Velg minst én dag."))
    wrong = [d for d in days if d not in gathering.days]
    if wrong:
        raise ServiceError(_("%(day)s er ikke en dag i samlingen.", day=format_date(wrong[0])))
    return sorted(d.isoformat() for d in days)


def register(
    session: DbSession,
    actor: User,
    gathering: Gathering,
    person: Person,
    days: list[date],
    dinner: bool,
    user_id: int | None = None,
    today: date | None = None,
) -> Registration:
    """Register a person (or update their registration) for days and the dinner."""
    facilitator = gathering.can_edit(actor)
    if not facilitator:
        if not registration_open(gathering, today):
            raise ServiceError(_("Påmeldingen er stengt for denne samlingen."))
        own = user_id is not None and user_id == getattr(actor, "id", None)
        if not own and not permissions.coordinates_for(actor, gathering, person.municipality_id):
            raise ServiceError(_("Du kan bare melde på personer fra din egen kommune."))
    errors = person_errors(person)
    if errors:
        raise ServiceError(" ".join(errors))
    iso_days = _check_days(gathering, days)
    email = person.email.strip().lower()
    existing = session.scalar(
        sa.select(Registration).where(
            Registration.gathering_id == gathering.id, sa.func.lower(Registration.email) == email
        )
    )
    if (
        existing is not None
        and not facilitator
        and existing.user_id != user_id
        and not permissions.coordinates_for(actor, gathering, existing.municipality_id)
    ):
        raise ServiceError(_("%(email)s er allerede påmeldt.", email=email))
    registration = existing or Registration(gathering=gathering, email=email)
    if existing is None:
        session.add(registration)
    registration.last_name = person.last_name.strip()
    registration.first_name = person.first_name.strip()
    registration.phone = person.phone.strip()
    registration.job_title = person.job_title.strip()
    registration.organisation = person.organisation.strip()
    registration.municipality_id = person.municipality_id
    if user_id is not None:
        registration.user_id = user_id
    registration.days = iso_days
    registration.dinner = dinner
    session.flush()
    return registration


def unregister(session: DbSession, actor: User, registration: Registration) -> None:
    """Remove a registration."""
    registration.gathering.registrations.remove(registration)
    session.delete(registration)
    session.flush()


def visible_registrations(gathering: Gathering, user: Viewer) -> list[Registration]:
    """All of them for facilitators; one's own and one's municipality's for others."""
    return [r for r in gathering.registrations if r.can_view(user)]


# ---- export ---------------------------------------------------------------------------


def attendance_table(gathering: Gathering) -> Table:
    """The participant list with one column per day and the dinner."""
    columns = [
        Column(_("Etternavn")),
        Column(_("Fornavn")),
        Column(_("E-post")),
        Column(_("Mobil")),
        Column(_("Stilling/tittel")),
        Column(_("Firma")),
        Column(_("Kommune")),
        *[Column(format_date(d, "short")) for d in gathering.days],
        Column(_("Middag")),
    ]
    yes, no = _("Ja"), _("Nei")
    rows = [
        [
            r.last_name,
            r.first_name,
            r.email,
            r.phone,
            r.job_title,
            r.organisation,
            r.municipality.name if r.municipality else "",
            *[yes if r.attends(d) else no for d in gathering.days],
            yes if r.dinner else no,
        ]
        for r in gathering.registrations
    ]
    return Table(_("Deltakere"), columns, rows)


# ---- import ---------------------------------------------------------------------------


@dataclass
class ImportRow:
    """One row of an imported list, with what is wrong with it."""

    line: int
    person: Person
    municipality_name: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_rows(data: bytes, content_type: str) -> list[list[str]]:
    """The rows of an xlsx (first sheet, read in a child process with limits) or CSV file."""
    config = current_app.config
    limits = sheets.configured(
        config, config["PARTICIPANT_IMPORT_MAX_ROWS"], config["PARTICIPANT_IMPORT_MAX_COLUMNS"]
    )
    if content_type.endswith("spreadsheetml.sheet"):
        try:
            rows = sandbox.run(
                sheets.read_guarded,
                (data, "xlsx", limits, sandbox.defer),
                limits.process,
                (sheets.SheetError,),
            )
        except sheets.SheetError as error:
            raise ServiceError(sandbox.translated(error.args[0], _)) from None
        except sandbox.ChildFailed as error:
            raise ServiceError(
                _("Regnearket kunne ikke leses. Det er for stort eller skadet.")
            ) from error
        return [[cell_text(v) for v in row] for row in rows]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    try:
        rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
        sheets.check_width(rows, limits, _)
    except csv.Error as error:  # a NUL byte, a field over 128 KB
        raise ServiceError(_("CSV-filen kunne ikke leses. Er den lagret som tekst?")) from error
    except sheets.SheetError as error:
        raise ServiceError(str(error)) from None
    return rows


def parse_participants(
    session: DbSession, gathering: Gathering, rows: list[list[str]]
) -> list[ImportRow]:
    """Rows of a participant list checked one by one; nothing is written."""
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise ServiceError(_("Filen har ingen rader."))
    header = [HEADERS.get(c.strip().lower()) for c in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ServiceError(
            _(
                "Første rad må ha kolonnene Etternavn, Fornavn og E-post "
                "(og gjerne Mobil, Stilling/tittel og Firma)."
            )
        )
    municipalities = network_municipalities(session, gathering.network_id)
    seen: set[str] = set()
    result = []
    for line, row in enumerate(rows[1:], start=2):
        values = {key: (row[i] if i < len(row) else "") for i, key in enumerate(header) if key}
        fields: dict[str, Any] = {k: values.get(k, "") for k in HEADERS.values() if k in values}
        person = Person(**fields)
        person.email = person.email.strip().lower()
        match = _match_municipality(person.organisation, municipalities)
        person.municipality_id = match.id if match else None
        errors = person_errors(person)
        if person.email and person.email in seen:
            errors.append(_("E-postadressen står to ganger i filen."))
        seen.add(person.email)
        result.append(ImportRow(line, person, match.name if match else "", errors))
    return result


def _match_municipality(
    organisation: str, municipalities: list[Municipality]
) -> Municipality | None:
    """'Alta kommune' → Alta, when Alta takes part in the network."""
    text = organisation.lower()
    for municipality in sorted(municipalities, key=lambda m: -len(m.name)):
        if re.search(rf"\b{re.escape(municipality.name.lower())}\b", text):
            return municipality
    return None


def import_participants(
    session: DbSession, actor: User, gathering: Gathering, rows: list[ImportRow]
) -> int:
    """Register every valid row (new people for all days; those already registered keep
    their days and dinner); returns how many rows were taken in."""
    existing = {r.email.lower(): r for r in gathering.registrations}
    count = 0
    for row in rows:
        if not row.ok:
            continue
        before = existing.get(row.person.email.lower())
        days = [date.fromisoformat(d) for d in before.days] if before else gathering.days
        dinner = before.dinner if before else False
        register(session, actor, gathering, row.person, days or gathering.days, dinner=dinner)
        count += 1
    return count
