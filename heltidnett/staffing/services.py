"""The work on staffing figures: reading them as tables, saving them and reporting changes."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson
import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from heltidnett.audit.services import record
from heltidnett.core.cells import cell_text
from heltidnett.core.errors import ServiceError
from heltidnett.core.i18n import format_number
from heltidnett.core.lazy import numpy as np
from heltidnett.core.lazy import pandas as pd
from heltidnett.db import DbSession
from heltidnett.declarations.threshold import fulltime_definitions
from heltidnett.files import sheets
from heltidnett.municipalities.models import Municipality, Unit
from heltidnett.reports.data import WHOLE, figures_frame
from heltidnett.staffing import catalogue, checks, compute, importer
from heltidnett.staffing.models import ImportMapping, Measurement, PendingImport
from heltidnett.staffing.periods import parse_period, period_kind, sort_key

if TYPE_CHECKING:
    from heltidnett.auth.models import User


PENDING_LIFETIME = dt.timedelta(hours=12)
INSERT_CHUNK = 20_000
STATUSES = ["unchanged", "new", "changed"]  # of each value in a diff
SPREADSHEET_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.ms-excel": "xls",
    "text/plain": "csv",
    "text/csv": "csv",
}


def unit_names(session: DbSession, municipality_id: int) -> dict[str, int]:
    """Lower-case unit name → id for a municipality."""
    rows = session.execute(
        sa.select(Unit.name, Unit.id).where(Unit.municipality_id == municipality_id)
    ).all()
    return {name.strip().lower(): uid for name, uid in rows}


def totals(wide: pd.DataFrame) -> pd.DataFrame:
    """Whole-municipality entered values per period: the sum of units, unless entered whole."""
    if wide.empty:
        return wide
    units = wide[wide["unit_id"] != WHOLE]
    whole = wide[wide["unit_id"] == WHOLE].set_index(["municipality_id", "period"])
    summed = compute.roll_up(units.drop(columns=["unit_id"]), by=["municipality_id", "period"])
    if not whole.empty:
        whole = whole.drop(columns=["unit_id"])
        summed = whole.combine_first(summed) if not summed.empty else whole
    summed = summed.reset_index()
    summed["unit_id"] = WHOLE
    return summed


def indicator_table(
    session: DbSession,
    municipality_ids: list[int],
    periods: list[str] | None = None,
    include_totals: bool = True,
) -> pd.DataFrame:
    """Entered and computed values, per unit and for the whole municipality, wide."""
    wide = figures_frame(session, municipality_ids, periods)
    if wide.empty:
        return wide
    frames = [wide[wide["unit_id"] != WHOLE]]
    if include_totals:
        frames.append(totals(wide))
    table = pd.concat(frames, ignore_index=True)
    thresholds = {
        m: d.inclusive_threshold for m, d in fulltime_definitions(session, municipality_ids).items()
    }
    parts = []
    for mid, group in table.groupby("municipality_id"):
        parts.append(compute.with_computed(group, thresholds[int(mid)]))
    return pd.concat(parts).reset_index(drop=True)


def hide_small_units(table: pd.DataFrame, own_ids: set[int] | None) -> pd.DataFrame:
    """Drop units with 10 FTE or fewer unless the viewer belongs to their municipality.

    `own_ids` None means the viewer sees everything (admins, facilitators of the network).
    """
    if table.empty or own_ids is None:
        return table
    foreign = ~table["municipality_id"].isin(own_ids) & (table["unit_id"] != WHOLE)
    return table[~(foreign & compute.small_unit_mask(table))].reset_index(drop=True)


def periods_of(session: DbSession, municipality_id: int) -> list[str]:
    """The periods a municipality has figures for, oldest first."""
    found = session.scalars(
        sa.select(Measurement.period)
        .where(Measurement.municipality_id == municipality_id)
        .distinct()
    ).all()
    return sorted(found, key=sort_key)


@dataclass
class Changes:
    """What a save did (or would do): new values, changed values, unchanged values."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0
    examples: list[tuple[str, str, str, float, float]] | None = None  # unit, period, code, old, new
    removed: int = 0  # stored values an entry form emptied


def diff(
    session: DbSession, municipality_id: int, rows: pd.DataFrame
) -> tuple[Changes, pd.DataFrame]:
    """Compare rows (unit_id, period, indicator, value) with what is stored."""
    if rows.empty:  # e.g. an entry form whose every field was cleared
        return Changes(examples=[]), rows.assign(old=np.nan, id=np.nan, status="unchanged")
    periods = sorted(rows["period"].unique().tolist())
    keys = ["unit_id", "period", "indicator"]
    existing = stored_frame(session, municipality_id, periods)
    if existing.empty:  # the first import of these periods: no merge of millions of rows
        merged = rows.assign(old=np.nan, id=np.nan)
    else:
        stored_rows = existing[["unit_id", "period", "id"]].drop_duplicates()
        merged = rows.merge(
            existing[[*keys, "value"]].rename(columns={"value": "old"}), on=keys, how="left"
        ).merge(stored_rows, on=["unit_id", "period"], how="left")  # id: the unit's stored row
    old = merged["old"].to_numpy(dtype="float64")
    is_new = np.isnan(old)
    is_changed = ~is_new & (np.abs(merged["value"].to_numpy(dtype="float64") - old) > 1e-9)
    changes = Changes(int(is_new.sum()), int(is_changed.sum()), int((~is_new & ~is_changed).sum()))
    sample = merged[is_changed].head(20)
    changes.examples = [
        (str(r.unit), str(r.period), str(r.indicator), float(r.old), float(r.value))
        for r in sample.itertuples()
    ]
    status = np.zeros(len(merged), dtype=np.int8)
    status[is_new], status[is_changed] = 1, 2
    merged["status"] = pd.Categorical.from_codes(status, STATUSES)
    return changes, merged


def stored_frame(session: DbSession, municipality_id: int, periods: list[str]) -> pd.DataFrame:
    """The stored values of a municipality's periods, one row per value: id (of the stored
    row), unit_id (-1 whole), period, indicator, value; one query, no per-value pandas work."""
    if not periods:
        return _empty_stored()
    found = session.execute(
        sa.select(
            Measurement.id,
            sa.func.coalesce(Measurement.unit_id, WHOLE),
            Measurement.period,
            Measurement.figures,
        ).where(Measurement.municipality_id == municipality_id, Measurement.period.in_(periods))
    ).all()
    if not found:
        return _empty_stored()
    ids, units, found_periods, figures = zip(*found, strict=True)
    lengths = [len(f) for f in figures]
    return pd.DataFrame(
        {
            "id": np.repeat(np.array(ids, dtype="int64"), lengths),
            "unit_id": np.repeat(np.array(units, dtype="int64"), lengths),
            "period": np.repeat(np.array(found_periods, dtype=object), lengths),
            "indicator": list(itertools.chain.from_iterable(figures)),
            "value": np.fromiter(
                itertools.chain.from_iterable(f.values() for f in figures),
                dtype="float64",
                count=sum(lengths),
            ),
        }
    )


def _empty_stored() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": pd.Series(dtype="int64"),
            "unit_id": pd.Series(dtype="int64"),
            "period": pd.Series(dtype=object),
            "indicator": pd.Series(dtype=object),
            "value": pd.Series(dtype="float64"),
        }
    )


def save_rows(
    session: DbSession,
    actor: User | None,
    municipality: Municipality,
    rows: pd.DataFrame,
    source: str,
    removed: int = 0,
) -> Changes:
    """Write rows (unit_id, unit, period, indicator, value): new ones added, stored ones
    replaced, other stored values of the same unit and period kept. `removed` counts values
    the caller deleted, for the report. The caller commits once: all rows or none."""
    changes, merged = diff(session, municipality.id, rows)
    changes.removed = removed
    now = dt.datetime.now(dt.UTC)
    user_id = getattr(actor, "id", None)
    pending = (merged["status"] != "unchanged").to_numpy()
    patches = figure_patches(merged if pending.all() else merged[pending])
    # COPY runs on the driver's cursor, whose errors SQLAlchemy does not wrap
    clash = (sa.exc.IntegrityError, session.connection().dialect.loaded_dbapi.IntegrityError)
    try:
        insert_figures(session, municipality.id, patches[patches["id"] < 0], now, user_id)
        patch_figures(session, patches[patches["id"] >= 0], now, user_id)
    except clash as error:  # someone saved the same unit and period just now
        raise ServiceError(
            _("Noen andre lagret tall for de samme periodene samtidig. Prøv igjen.")
        ) from error
    for stale in [o for o in session.identity_map.values() if isinstance(o, Measurement)]:
        session.expire(stale)  # the rows were written past the ORM
    record(
        session,
        "staffing_saved",
        object_type="municipalities",
        object_id=municipality.id,
        summary={
            "source": source,
            "added": changes.added,
            "changed": changes.changed,
            "unchanged": changes.unchanged,
            "removed": changes.removed,
        },
    )
    return changes


def figure_patches(values: pd.DataFrame) -> pd.DataFrame:
    """Long values (id or NaN, unit_id, period, indicator, value) grouped per unit and period
    as JSON text: id (-1 when not stored yet), unit_id, period, figures; in key order."""
    if values.empty:
        return pd.DataFrame({"id": pd.Series(dtype="int64"), "unit_id": [], "period": []})
    units = values["unit_id"].to_numpy(dtype="int64")
    period = pd.factorize(values["period"], sort=True)[0]
    order = np.lexsort((period, units))
    units, period = units[order], period[order]
    starts = np.flatnonzero(np.r_[True, (units[1:] != units[:-1]) | (period[1:] != period[:-1])])
    ends = [*starts[1:].tolist(), len(order)]
    codes = values["indicator"].to_numpy(dtype=object)[order].tolist()
    numbers = values["value"].to_numpy(dtype="float64")[order]
    if not np.isfinite(numbers).all():
        raise ValueError("staffing values must be finite numbers")
    numbers = numbers.tolist()
    figures = [  # orjson: a fifth of the json module's time for 100,000 rows
        orjson.dumps(dict(zip(codes[a:b], numbers[a:b], strict=True))).decode()
        for a, b in zip(starts.tolist(), ends, strict=True)
    ]
    ids = values["id"].astype("float64").fillna(-1).to_numpy(dtype="int64")
    return pd.DataFrame(
        {
            "id": ids[order][starts],
            "unit_id": units[starts],
            "period": values["period"].to_numpy(dtype=object)[order][starts],
            "figures": figures,
        }
    )


COPY_SQL = (
    "COPY staffing_measurements"
    " (municipality_id, unit_id, period, figures, updated_at, updated_by_id) FROM STDIN"
)
INSERT_SQL = (
    "INSERT INTO staffing_measurements"
    " (municipality_id, unit_id, period, figures, updated_at, updated_by_id)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)
PATCH_SQL = (
    "UPDATE staffing_measurements SET figures = json_patch(figures, ?), updated_at = ?,"
    " updated_by_id = ? WHERE id = ?"
)


def insert_figures(
    session: DbSession,
    municipality_id: int,
    new: pd.DataFrame,
    now: dt.datetime,
    user_id: int | None,
) -> None:
    """Insert rows of figures (unit_id, period, figures as JSON): COPY on PostgreSQL,
    executemany on SQLite. Runs in the caller's transaction."""
    if new.empty:
        return
    connection = session.connection()
    stamp = _stamp(connection, now)
    rows = (
        (municipality_id, None if u == WHOLE else u, p, f, stamp, user_id)
        for u, p, f in zip(
            new["unit_id"].tolist(), new["period"].tolist(), new["figures"].tolist(), strict=True
        )
    )
    if connection.dialect.name == "postgresql":
        _copy(connection, COPY_SQL, rows)
    else:
        _execute_many(connection, INSERT_SQL, rows)


def patch_figures(
    session: DbSession, changed: pd.DataFrame, now: dt.datetime, user_id: int | None
) -> None:
    """Merge new values into stored rows (id, figures as JSON), other values kept: one
    UPDATE ... FROM a COPY-filled temporary table on PostgreSQL, json_patch on SQLite."""
    if changed.empty:
        return
    connection = session.connection()
    pairs = zip(changed["id"].tolist(), changed["figures"].tolist(), strict=True)
    if connection.dialect.name != "postgresql":
        stamp = _stamp(connection, now)
        _execute_many(connection, PATCH_SQL, ((f, stamp, user_id, i) for i, f in pairs))
        return
    driver = connection.connection.driver_connection
    assert driver is not None  # a pooled connection in use always has its driver's
    cursor = driver.cursor()
    cursor.execute(
        "CREATE TEMPORARY TABLE staffing_changed (id integer PRIMARY KEY,"
        " figures jsonb NOT NULL) ON COMMIT DROP"
    )
    _copy(connection, "COPY staffing_changed (id, figures) FROM STDIN", pairs)
    cursor.execute(
        "UPDATE staffing_measurements AS m SET figures = m.figures || c.figures,"
        " updated_at = %s, updated_by_id = %s FROM staffing_changed AS c WHERE m.id = c.id",
        (now, user_id),
    )
    cursor.execute("DROP TABLE staffing_changed")


def _copy(connection: sa.Connection, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
    """COPY rows into PostgreSQL through the driver's cursor."""
    driver = connection.connection.driver_connection
    assert driver is not None  # a pooled connection in use always has its driver's
    cursor = driver.cursor()
    with cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _execute_many(connection: sa.Connection, sql: str, rows: Iterator[tuple[Any, ...]]) -> None:
    """Run one statement for many rows, in chunks that keep memory flat."""
    while chunk := list(itertools.islice(rows, INSERT_CHUNK)):
        connection.exec_driver_sql(sql, chunk)


def _stamp(connection: sa.Connection, now: dt.datetime) -> dt.datetime | str:
    """A timestamp for a raw statement: as is for PostgreSQL, as SQLAlchemy writes it to
    SQLite (UTC text without an offset)."""
    if connection.dialect.name == "postgresql":
        return now
    return now.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def rows_from_json(
    session: DbSession, municipality: Municipality, items: list[dict[str, Any]]
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """API rows {unit, period, indicator, value}, checked as the import checks a sheet; errors
    by row index. The values of one unit and period sit in one row of that sheet, so that the
    rules across indicators (FTE within positions, the bands) hold here too."""
    errors: dict[str, list[str]] = {}
    codes = sorted({str(i.get("indicator")) for i in items} & set(catalogue.ENTERED_CODES))
    sheet = _ItemSheet(codes)
    for n, item in enumerate(items):
        code = str(item.get("indicator") or "")
        indicator = catalogue.get(code)
        if indicator is None or indicator.computed:
            errors.setdefault(str(n), []).append(
                _("Ukjent eller beregnet indikator: %(code)s.", code=code)
            )
            code = ""  # its unit and period are still checked
        sheet.place(n, item, code)
    if not codes:
        return pd.DataFrame(), errors  # every row has an unknown or computed indicator
    checked = importer.check_grid(
        importer.Grid(sheet.headers, sheet.rows),
        {h: h for h in sheet.headers},
        unit_names(session, municipality.id),
        _,
    )
    for rejected in checked.rejected:
        for n in sheet.items_of(rejected.row - 2, rejected.column):
            errors.setdefault(str(n), []).append(rejected.reason)
    for n, item in enumerate(items):
        if item.get("value") in (None, "") and str(n) not in errors:
            errors[str(n)] = [_("Verdien mangler.")]
    return checked.rows, dict(sorted(errors.items(), key=lambda error: int(error[0])))


class _ItemSheet:
    """API rows laid out as a sheet: unit, period, then a column per code. The rows of one
    unit and period share a sheet row, unless one gives a code the row holds already (then
    it starts another, and the later one counts, as in a file)."""

    def __init__(self, codes: list[str]) -> None:
        self.headers = ["unit", "period", *codes]
        self.column = {code: i for i, code in enumerate(self.headers)}
        self.rows: list[list[Any]] = []
        self.members: list[list[int]] = []  # per sheet row: its items
        self.by_code: list[dict[str, int]] = []  # per sheet row: code → the item giving it
        self.open: dict[tuple[str, str], list[int]] = {}  # (unit, period) → its sheet rows

    def place(self, n: int, item: dict[str, Any], code: str) -> None:
        """Put item number n in a sheet row, its value under `code` ("": no value to check)."""
        period = item.get("period")
        key = (cell_text(item.get("unit")).lower(), parse_period(period) or cell_text(period))
        rows = self.open.setdefault(key, [])
        at = next((r for r in rows if code not in self.by_code[r]), None)
        if at is None:
            at = len(self.rows)
            rows.append(at)
            self.rows.append([item.get("unit"), period] + [""] * (len(self.headers) - 2))
            self.members.append([])
            self.by_code.append({})
        self.members[at].append(n)
        if code:
            self.rows[at][self.column[code]] = item.get("value")
            self.by_code[at][code] = n

    def items_of(self, row: int, column: str) -> list[int]:
        """The items a rejected cell is about: for a unit or period, all of the row's."""
        if column in ("unit", "period"):
            return self.members[row]
        return [self.by_code[row][column]]


# ---- doubts: allowed but unlikely figures -----------------------------------------------


def doubted_values(
    session: DbSession,
    municipality_id: int,
    rows: pd.DataFrame,
    replaces_stored: bool = False,
    confirmed: bool = False,
) -> pd.DataFrame:
    """The values of `rows` (unit_id, period, indicator, value, and any other columns, kept)
    that a doubt of `checks.doubts` questions, with `previous` (the value it is compared
    with, NaN if none) and `doubt` (its number in checks.DOUBTS).

    The values of a unit and period are judged together with its stored values of the same
    period, unless `replaces_stored` (the entry form, whose empty fields remove them). The
    previous period of a period is the latest earlier one of the same kind (year, month,
    week) that the municipality has figures for, stored or in `rows`. Two queries, however
    many rows.
    """
    if rows.empty:
        return rows.assign(previous=pd.Series(dtype="float64"), doubt=pd.Series(dtype="int8"))
    keys = ["unit_id", "period", "indicator"]
    given = rows.assign(period=rows["period"].astype(str), unit_id=rows["unit_id"].astype("int64"))
    file_periods = sorted(set(given["period"]), key=sort_key)
    known = sorted(set(periods_of(session, municipality_id)) | set(file_periods), key=sort_key)
    before = {p: _previous_period(p, known) for p in file_periods}
    wanted = set(file_periods) | {p for p in before.values() if p is not None}
    stored = stored_frame(session, municipality_id, sorted(wanted, key=sort_key))[[*keys, "value"]]
    if replaces_stored:
        pairs = given[["unit_id", "period"]].drop_duplicates().assign(replaced=True)
        stored = stored.merge(pairs, on=["unit_id", "period"], how="left")
        stored = stored[stored["replaced"].isna()].drop(columns="replaced")
    combined = pd.concat([stored, given[[*keys, "value"]]], ignore_index=True)
    combined = combined.drop_duplicates(keys, keep="last")  # the file's value counts
    wide = combined.pivot(index=["unit_id", "period"], columns="indicator", values="value")
    judged = pd.MultiIndex.from_frame(given[["unit_id", "period"]].drop_duplicates())
    current = wide.reindex(judged)
    earlier = pd.MultiIndex.from_arrays(
        [judged.get_level_values(0), [before[p] for p in judged.get_level_values(1)]]
    )
    previous = wide.reindex(earlier)
    codes = [c for c in wide.columns if c in catalogue.BY_CODE]
    found = checks.doubts(
        {c: current[c].to_numpy(dtype="float64") for c in codes},
        {c: previous[c].to_numpy(dtype="float64") for c in codes},
        confirmed,
    )
    flagged = pd.DataFrame(
        {
            "unit_id": np.tile(judged.get_level_values(0).to_numpy(), len(codes)),
            "period": np.tile(judged.get_level_values(1).to_numpy(dtype=object), len(codes)),
            "indicator": np.repeat(np.array(codes, dtype=object), len(judged)),
            "previous": np.concatenate([previous[c].to_numpy(dtype="float64") for c in codes])
            if codes
            else np.array([], dtype="float64"),
            "doubt": np.concatenate([found[c] for c in codes])
            if codes
            else np.array([], dtype="int8"),
        }
    )
    flagged = flagged[flagged["doubt"] > 0]
    given = given.assign(indicator=given["indicator"].astype(str))
    return given.merge(flagged, on=keys, how="inner")


def _previous_period(period: str, known: list[str]) -> str | None:
    """The latest of `known` (sorted) before `period` and of its kind."""
    kind = period_kind(period)
    earlier = [p for p in known if period_kind(p) == kind and sort_key(p) < sort_key(period)]
    return earlier[-1] if earlier else None


def doubt_reasons(doubted: pd.DataFrame) -> list[str]:
    """Each doubted value's message, in the request's language."""
    said = checks.doubt_messages(_)
    return [said[int(n)] for n in doubted["doubt"]]


class DoubtsUnchecked(ServiceError):
    """Figures a doubt questions, saved without the person saying they checked them."""


def _refuse_unchecked(count: int) -> None:
    raise DoubtsUnchecked(
        ngettext(
            "%(n)s tall er markert som uvanlig. Sjekk det, og kryss av for at du har sjekket"
            " tallene som er markert.",
            "%(n)s tall er markert som uvanlige. Sjekk dem, og kryss av for at du har sjekket"
            " tallene som er markert.",
            count,
            n=format_number(count),
        )
    )


# ---- manual entry ----------------------------------------------------------------------


class EntryRefused(ServiceError):
    """The entry's values break rules of `checks`: field code → message, for the form to show
    on its fields; the message lists them once each."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(" ".join(dict.fromkeys(problems.values())))
        self.problems = problems


def check_entry(values: dict[str, float | None], confirmed: bool) -> dict[str, str]:
    """The rules of `checks` on the entry form's values: field code → message, empty when all
    is well. A rule about a group of fields shows on the group's first field; `confirmed`:
    the person confirmed figures that a rule questions (FTE over positions)."""
    numbers = {
        c: np.array([np.nan if v is None else v], dtype="float64") for c, v in values.items()
    }
    given = {c: np.array([v is not None]) for c, v in values.items()}
    broken = checks.check(numbers, given, confirmed)
    said = checks.messages(_, ask=True)
    errors: dict[str, str] = {}
    for code, found in broken.items():
        number = int(found[0])
        rule = checks.RULES[number - 1] if number else None
        if isinstance(rule, checks.RowRule) and rule.form_field is not None:
            errors.setdefault(rule.form_field, said[number])
        elif rule is not None:
            errors[code] = said[number]
    return errors


def _entry_rows(unit: Unit | None, period: str, values: dict[str, float | None]) -> pd.DataFrame:
    """The form's given values as rows (unit_id, unit, period, indicator, value)."""
    unit_id = unit.id if unit is not None else WHOLE
    present = {c: v for c, v in values.items() if v is not None}
    return pd.DataFrame(
        {
            "unit_id": pd.Series([unit_id] * len(present), dtype="int64"),
            "unit": [unit.name if unit else ""] * len(present),
            "period": [period] * len(present),
            "indicator": list(present),
            "value": pd.Series([float(v) for v in present.values()], dtype="float64"),
        }
    )


def entry_doubts(
    session: DbSession,
    municipality: Municipality,
    unit: Unit | None,
    period: str,
    values: dict[str, float | None],
    confirmed: bool,
) -> dict[str, str]:
    """The doubts of `checks.doubts` on the form's values, by field code (the previous period
    from what is stored); `confirmed`: as for check_entry."""
    rows = _entry_rows(unit, period, values)
    doubted = doubted_values(
        session, municipality.id, rows, replaces_stored=True, confirmed=confirmed
    )
    return dict(zip(doubted["indicator"].tolist(), doubt_reasons(doubted), strict=True))


def save_entry(
    session: DbSession,
    actor: User,
    municipality: Municipality,
    unit: Unit | None,
    period: str,
    values: dict[str, float | None],
    confirmed: bool,
    checked: bool = False,
) -> Changes:
    """Save the form's values, checked by `check_entry` (EntryRefused when they break a rule);
    empty fields remove a stored value. `confirmed`: as for check_entry. `checked`: the
    person has checked the values `entry_doubts` questions (DoubtsUnchecked without)."""
    if problems := check_entry(values, confirmed):
        raise EntryRefused(problems)
    if not checked and (
        doubted := entry_doubts(session, municipality, unit, period, values, confirmed)
    ):
        _refuse_unchecked(len(doubted))
    rows = _entry_rows(unit, period, values)
    cleared = {c for c, v in values.items() if v is None}
    stored = _stored_row(session, municipality.id, unit.id if unit else None, period)
    removed = cleared & set(stored.figures) if stored is not None else set()
    if stored is not None and removed:
        kept = {c: v for c, v in stored.figures.items() if c not in cleared}
        if kept:
            stored.figures = kept
        else:
            session.delete(stored)
        session.flush()
    return save_rows(session, actor, municipality, rows, "form", removed=len(removed))


def _stored_row(
    session: DbSession, municipality_id: int, unit_id: int | None, period: str
) -> Measurement | None:
    """The stored figures of one unit (None: whole municipality) and period, if any."""
    return session.scalar(
        sa.select(Measurement).where(
            Measurement.municipality_id == municipality_id,
            Measurement.unit_id.is_(None) if unit_id is None else Measurement.unit_id == unit_id,
            Measurement.period == period,
        )
    )


def stored_values(
    session: DbSession, municipality_id: int, unit_id: int | None, period: str
) -> dict[str, float]:
    """The stored entered values of one unit (None: whole municipality) and period."""
    stored = _stored_row(session, municipality_id, unit_id, period)
    return {c: float(v) for c, v in stored.figures.items()} if stored else {}


def normalise_period(raw: str) -> str:
    """A period code from user input, or a ServiceError."""
    period = parse_period(raw)
    if period is None:
        raise ServiceError(checks.not_a_period(_))
    return period


# ---- imports ---------------------------------------------------------------------------


def import_limits() -> importer.SheetLimits:
    """The staffing import's limits from the app's config."""
    config = current_app.config
    return sheets.configured(
        config,
        config.get("STAFFING_IMPORT_MAX_ROWS", importer.LIMITS.max_rows),
        config.get("STAFFING_IMPORT_MAX_COLUMNS", importer.LIMITS.max_columns),
    )


def start_import(
    session: DbSession,
    actor: User,
    municipality: Municipality,
    filename: str,
    content_type: str,
    data: bytes,
) -> PendingImport:
    """Read an upload and keep it, parsed, for the preview (nothing is written yet)."""
    kind = SPREADSHEET_TYPES.get(content_type)
    if kind is None:
        raise ServiceError(_("Last opp et regneark: xlsx, xls, ods eller csv."))
    try:
        grid = importer.read_untrusted(data, kind, _, import_limits())
    except importer.ImportError_ as error:
        raise ServiceError(str(error)) from error
    saved = session.scalar(
        sa.select(ImportMapping.columns).where(ImportMapping.municipality_id == municipality.id)
    )
    mapping = importer.auto_mapping(grid.headers, saved)
    fractions = sorted(importer.fraction_columns(grid, mapping)) if kind != "csv" else []
    session.execute(
        sa.delete(PendingImport).where(PendingImport.expires_at < dt.datetime.now(dt.UTC))
    )
    pending = PendingImport(
        municipality_id=municipality.id,
        user_id=actor.id,
        filename=filename,
        headers=grid.headers,
        rows=[[_jsonable(c) for c in row] for row in grid.rows()],
        mapping=mapping,
        percent_as_fraction=fractions,
        expires_at=dt.datetime.now(dt.UTC) + PENDING_LIFETIME,
    )
    session.add(pending)
    session.flush()
    return pending


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return value


def set_mapping(session: DbSession, pending: PendingImport, mapping: dict[str, str]) -> None:
    """Use the chosen mapping for this import and remember it for the municipality."""
    allowed = {"", "unit", "period", *catalogue.ENTERED_CODES}
    clean = {h: c for h, c in mapping.items() if c in allowed and h in pending.headers}
    pending.mapping = clean
    grid = importer.Grid(pending.headers, pending.rows)
    pending.percent_as_fraction = sorted(importer.fraction_columns(grid, clean))
    saved = session.scalar(
        sa.select(ImportMapping).where(ImportMapping.municipality_id == pending.municipality_id)
    )
    if saved is None:
        saved = ImportMapping(municipality_id=pending.municipality_id, columns={})
        session.add(saved)
    # "" too, so that a column not to import is not asked about again; other files' stay
    saved.columns = {**saved.columns, **clean}


def apply_fixes(pending: PendingImport, fixes: dict[tuple[int, str], str]) -> int:
    """Put the user's corrected values into the pending rows; (row number, column) → text."""
    index = {h: i for i, h in enumerate(pending.headers)}
    rows = [list(r) for r in pending.rows]
    count = 0
    for (rownum, column), text in fixes.items():
        col = index.get(column)
        if col is None or not 2 <= rownum < len(rows) + 2:
            continue
        rows[rownum - 2][col] = text
        count += 1
    pending.rows = rows
    return count


def check_pending(session: DbSession, pending: PendingImport) -> importer.Checked:
    """Check the pending rows with their mapping (raises ServiceError when unmapped)."""
    try:
        return importer.check_grid(
            importer.Grid(pending.headers, pending.rows),
            pending.mapping,
            unit_names(session, pending.municipality_id),
            _,
            set(pending.percent_as_fraction or []),
        )
    except importer.ImportError_ as error:
        raise ServiceError(str(error)) from error


@dataclass
class Imported:
    """What an import saved: the changes, its periods (oldest first) and the names of its
    units ("" for the whole municipality), by name."""

    changes: Changes
    periods: list[str]
    units: list[str]  # the whole municipality ("") last

    @property
    def values(self) -> int:
        """Every value of the file that was saved, new, replaced or the same as before."""
        return self.changes.added + self.changes.changed + self.changes.unchanged

    @property
    def latest(self) -> str:
        """The newest period imported."""
        return self.periods[-1]


def commit_import(
    session: DbSession, actor: User, pending: PendingImport, checked: bool = False
) -> Imported:
    """Write every accepted row of the import in the caller's transaction, then forget it.
    `checked`: the person has checked the values `doubted_values` questions (refused
    without, when there are any)."""
    accepted = check_pending(session, pending)
    if accepted.rows.empty:
        raise ServiceError(_("Ingen verdier kunne importeres."))
    if not checked:
        doubted = doubted_values(session, pending.municipality_id, accepted.rows)
        if not doubted.empty:
            _refuse_unchecked(len(doubted))
    changes = save_rows(session, actor, pending.municipality, accepted.rows, "import")
    session.delete(pending)
    where = accepted.rows[["unit_id", "unit", "period"]].drop_duplicates().astype(str)
    return Imported(
        changes,
        sorted(set(where["period"]), key=sort_key),
        sorted(set(where["unit"].where(where["unit_id"] != str(WHOLE), "")), key=_whole_last),
    )


def _whole_last(name: str) -> tuple[bool, str]:
    return (name == "", name)


def period_choices(periods: list[str]) -> list[str]:
    """Newest first, for pickers."""
    return sorted(set(periods), key=sort_key, reverse=True)
