"""The work on staffing figures: reading them as tables, saving them and reporting changes."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from heltidnett.audit.services import record
from heltidnett.auth.services import ServiceError
from heltidnett.declarations.threshold import fulltime_threshold
from heltidnett.municipalities.models import Municipality, Unit
from heltidnett.reports.data import WHOLE, measurements_frame
from heltidnett.staffing import catalogue, compute, importer
from heltidnett.staffing.models import ImportMapping, Measurement, PendingImport
from heltidnett.staffing.periods import parse_period, sort_key

PENDING_LIFETIME = dt.timedelta(hours=12)
INSERT_CHUNK = 20_000
COPY_CHUNK = 200_000
SQLITE_CACHE_KIB = -65536  # 64 MB of page cache while inserting (SQLite's default is 2 MB)
SPREADSHEET_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.ms-excel": "xls",
    "text/plain": "csv",
    "text/csv": "csv",
}


def unit_names(session: Session, municipality_id: int) -> dict[str, int]:
    """Lower-case unit name → id for a municipality."""
    rows = session.execute(
        sa.select(Unit.name, Unit.id).where(Unit.municipality_id == municipality_id)
    ).all()
    return {name.strip().lower(): uid for name, uid in rows}


def wide_table(long: pd.DataFrame) -> pd.DataFrame:
    """One row per municipality, unit and period; one column per entered indicator."""
    if long.empty:
        return pd.DataFrame(columns=["municipality_id", "unit_id", "period"])
    wide = long.pivot_table(
        index=["municipality_id", "unit_id", "period"],
        columns="indicator",
        values="value",
        aggfunc="last",
    )
    wide.columns.name = None
    return wide.reset_index()


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
    session: Session,
    municipality_ids: list[int],
    periods: list[str] | None = None,
    include_totals: bool = True,
) -> pd.DataFrame:
    """Entered and computed values, per unit and for the whole municipality, wide."""
    wide = wide_table(measurements_frame(session, municipality_ids, periods))
    if wide.empty:
        return wide
    frames = [wide[wide["unit_id"] != WHOLE]]
    if include_totals:
        frames.append(totals(wide))
    table = pd.concat(frames, ignore_index=True)
    thresholds = {m: fulltime_threshold(session, m) for m in municipality_ids}
    parts = []
    for mid, group in table.groupby("municipality_id"):
        parts.append(compute.with_computed(group, thresholds[int(mid)]))  # type: ignore[arg-type]
    return pd.concat(parts).reset_index(drop=True)


def hide_small_units(table: pd.DataFrame, own_ids: set[int] | None) -> pd.DataFrame:
    """Drop units with 10 FTE or fewer unless the viewer belongs to their municipality.

    `own_ids` None means the viewer sees everything (admins, facilitators of the network).
    """
    if table.empty or own_ids is None:
        return table
    foreign = ~table["municipality_id"].isin(own_ids) & (table["unit_id"] != WHOLE)
    return table[~(foreign & compute.small_unit_mask(table))].reset_index(drop=True)


def periods_of(session: Session, municipality_id: int) -> list[str]:
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


def diff(
    session: Session, municipality_id: int, rows: pd.DataFrame
) -> tuple[Changes, pd.DataFrame]:
    """Compare rows (unit_id, period, indicator, value) with what is stored."""
    periods = sorted(rows["period"].unique().tolist()) if not rows.empty else []
    keys = ["unit_id", "period", "indicator"]
    existing = stored_frame(session, municipality_id, periods)
    merged = rows.merge(
        existing[[*keys, "value", "id"]].rename(columns={"value": "old"})
        if not existing.empty
        else pd.DataFrame(columns=[*keys, "old", "id"]),
        on=keys,
        how="left",
    )
    is_new = merged["old"].isna()
    is_changed = ~is_new & ((merged["value"] - merged["old"].astype(float)).abs() > 1e-9)
    changes = Changes(int(is_new.sum()), int(is_changed.sum()), int((~is_new & ~is_changed).sum()))
    sample = merged[is_changed].head(20)
    changes.examples = [
        (str(r.unit), str(r.period), str(r.indicator), float(r.old), float(r.value))
        for r in sample.itertuples()
    ]
    merged["status"] = "unchanged"
    merged.loc[is_new, "status"] = "new"
    merged.loc[is_changed, "status"] = "changed"
    return changes, merged


def stored_frame(session: Session, municipality_id: int, periods: list[str]) -> pd.DataFrame:
    """The stored values of a municipality's periods: id, unit_id (-1 whole), period,
    indicator, value; one query, read column by column (no per-row pandas work)."""
    names = ["id", "unit_id", "period", "indicator", "value"]
    if not periods:
        return pd.DataFrame(columns=names)
    found = session.execute(
        sa.select(
            Measurement.id,
            sa.func.coalesce(Measurement.unit_id, WHOLE),
            Measurement.period,
            Measurement.indicator,
            Measurement.value,
        ).where(Measurement.municipality_id == municipality_id, Measurement.period.in_(periods))
    ).all()
    if not found:
        return pd.DataFrame(columns=names)
    return pd.DataFrame(dict(zip(names, zip(*found, strict=True), strict=True)))


def save_rows(
    session: Session, actor: Any, municipality: Municipality, rows: pd.DataFrame, source: str
) -> Changes:
    """Write rows (unit_id, unit, period, indicator, value): new ones inserted, stored ones
    replaced. The caller commits once, so all rows are written or none."""
    changes, merged = diff(session, municipality.id, rows)
    now = dt.datetime.now(dt.UTC)
    user_id = getattr(actor, "id", None)
    new = merged.loc[merged["status"] == "new", ["unit_id", "period", "indicator", "value"]]
    if not new.empty:
        bulk_insert(session, municipality.id, new, now, user_id)
    changed = merged[merged["status"] == "changed"]
    if not changed.empty:
        bulk_update(session, changed, now, user_id)
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
        },
    )
    return changes


COPY_SQL = (
    "COPY staffing_measurements"
    " (municipality_id, unit_id, period, indicator, value, updated_at, updated_by_id) FROM STDIN"
)
INSERT_SQL = (
    "INSERT INTO staffing_measurements"
    " (municipality_id, unit_id, period, indicator, value, updated_at, updated_by_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)

UPDATE_SQL = (
    "UPDATE staffing_measurements SET value = ?, updated_at = ?, updated_by_id = ? WHERE id = ?"
)


def bulk_insert(
    session: Session,
    municipality_id: int,
    new: pd.DataFrame,
    now: dt.datetime,
    user_id: int | None,
) -> None:
    """Insert many measurements (unit_id, period, indicator, value) fast: COPY of text made by
    pandas on PostgreSQL, executemany on SQLite. Runs in the caller's transaction."""
    connection = session.connection()
    dialect = connection.dialect
    new = _in_key_order(new)
    units = new["unit_id"].astype("int64")
    if dialect.name == "postgresql":
        frame = pd.DataFrame(
            {
                "municipality_id": municipality_id,
                "unit_id": units.where(units != WHOLE).astype("Int64"),
                "period": new["period"].astype(str),
                "indicator": new["indicator"].astype(str),
                "value": new["value"].astype(float),
                "updated_at": now.astimezone(dt.UTC).isoformat(),
                "updated_by_id": pd.array([user_id] * len(new), dtype="Int64"),
            }
        )
        cursor = connection.connection.driver_connection.cursor()
        with cursor.copy(COPY_SQL) as copy:
            for start in range(0, len(frame), COPY_CHUNK):
                chunk = frame.iloc[start : start + COPY_CHUNK]
                copy.write(chunk.to_csv(sep="\t", header=False, index=False, na_rep="\\N"))
        return
    stamp = now.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    full = (
        (municipality_id, None if u == WHOLE else u, p, i, v, stamp, user_id)
        for u, p, i, v in zip(
            units.tolist(),
            new["period"].astype(str).tolist(),
            new["indicator"].astype(str).tolist(),
            new["value"].astype(float).tolist(),
            strict=True,
        )
    )
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = {SQLITE_CACHE_KIB}")
    try:
        while chunk := list(itertools.islice(full, INSERT_CHUNK)):
            connection.exec_driver_sql(INSERT_SQL, chunk)
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")


def bulk_update(
    session: Session, changed: pd.DataFrame, now: dt.datetime, user_id: int | None
) -> None:
    """Give stored measurements (id) their new value in one statement: COPY of the ids and
    values into a temporary table and one UPDATE ... FROM on PostgreSQL, executemany in
    chunks on SQLite. Runs in the caller's transaction."""
    connection = session.connection()
    ids = changed["id"].astype("int64").tolist()
    values = changed["value"].astype(float).tolist()
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.driver_connection.cursor()
        cursor.execute(
            "CREATE TEMPORARY TABLE staffing_changed (id integer PRIMARY KEY,"
            " value double precision NOT NULL) ON COMMIT DROP"
        )
        with cursor.copy("COPY staffing_changed (id, value) FROM STDIN") as copy:
            for row in zip(ids, values, strict=True):
                copy.write_row(row)
        cursor.execute(
            "UPDATE staffing_measurements AS m SET value = c.value, updated_at = %s,"
            " updated_by_id = %s FROM staffing_changed AS c WHERE m.id = c.id",
            (now, user_id),
        )
        cursor.execute("DROP TABLE staffing_changed")
        return
    stamp = now.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    full = ((v, stamp, user_id, i) for i, v in zip(ids, values, strict=True))
    while chunk := list(itertools.islice(full, INSERT_CHUNK)):
        connection.exec_driver_sql(UPDATE_SQL, chunk)


def _in_key_order(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted as ix_staffing_measurements_key (period, unit, indicator): the database then
    appends to neighbouring index pages instead of touching pages all over a large index."""
    rows = rows[["unit_id", "period", "indicator", "value"]]
    period = pd.factorize(rows["period"], sort=True)[0]
    indicator = pd.factorize(rows["indicator"], sort=True)[0]
    order = np.lexsort((indicator, rows["unit_id"].to_numpy(), period))
    return rows.iloc[order]


def rows_from_json(
    session: Session, municipality: Municipality, items: list[dict[str, Any]]
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """API rows {unit, period, indicator, value} checked one by one; errors by row index."""
    errors: dict[str, list[str]] = {}
    wide_rows: list[list[Any]] = []
    for n, item in enumerate(items):
        code = str(item.get("indicator") or "")
        indicator = catalogue.get(code)
        if indicator is None or indicator.computed:
            errors.setdefault(str(n), []).append(
                _("Ukjent eller beregnet indikator: %(code)s.", code=code)
            )
        wide_rows.append([item.get("unit"), item.get("period")])
    codes = sorted({str(i.get("indicator")) for i in items} & set(catalogue.ENTERED_CODES))
    headers = ["unit", "period", *codes]
    for row, item in zip(wide_rows, items, strict=True):
        row.extend(item.get("value") if item.get("indicator") == c else "" for c in codes)
    checked = importer.check_grid(
        importer.Grid(headers, wide_rows),
        {h: h for h in headers},
        unit_names(session, municipality.id),
        _,
    )
    for rejected in checked.rejected:
        errors.setdefault(str(rejected.row - 2), []).append(rejected.reason)
    for n, item in enumerate(items):
        if item.get("value") in (None, "") and str(n) not in errors:
            errors[str(n)] = [_("Verdien mangler.")]
    return checked.rows, errors


# ---- manual entry ----------------------------------------------------------------------


def check_entry(values: dict[str, float | None], confirmed: bool) -> dict[str, str]:
    """The rules of the entry form; field code → message. Empty when all is well."""
    errors: dict[str, str] = {}
    for code, value in values.items():
        if value is None:
            continue
        indicator = catalogue.BY_CODE[code]
        if value < 0:
            errors[code] = _("Tallet kan ikke være negativt.")
        elif indicator.unit == catalogue.Unit.PERCENT and value > 100:
            errors[code] = _("En andel må være mellom 0 og 100 %.")
        elif indicator.unit == catalogue.Unit.COUNT and not float(value).is_integer():
            errors[code] = _("Antallet må være et helt tall.")
    positions = values.get("positions_planned")
    band_values = [values.get(c) for c in catalogue.BAND_CODES]
    bands_given = any(v is not None for v in band_values)
    if positions is not None and bands_given and sum(v or 0 for v in band_values) > positions:
        errors.setdefault(
            catalogue.BAND_CODES[0],
            _("Stillingene i båndene er flere enn stillinger, planlagt."),
        )
    if not confirmed:
        for pos, fte in (("positions_planned", "fte_planned"), ("positions_actual", "fte_actual")):
            p, f = values.get(pos), values.get(fte)
            if p is not None and f is not None and f > p + 1e-9 and fte not in errors:
                errors[fte] = _(
                    "Årsverk er flere enn stillinger. Kryss av for å bekrefte at tallet stemmer."
                )
    return errors


def save_entry(
    session: Session,
    actor: Any,
    municipality: Municipality,
    unit: Unit | None,
    period: str,
    values: dict[str, float | None],
) -> Changes:
    """Save the form's values; empty fields remove a stored value."""
    unit_id = unit.id if unit is not None else WHOLE
    present = {c: v for c, v in values.items() if v is not None}
    rows = pd.DataFrame(
        {
            "unit_id": [unit_id] * len(present),
            "unit": [unit.name if unit else ""] * len(present),
            "period": [period] * len(present),
            "indicator": list(present),
            "value": [float(v) for v in present.values()],
        }
    )
    cleared = [c for c, v in values.items() if v is None]
    if cleared:
        session.execute(
            sa.delete(Measurement).where(
                Measurement.municipality_id == municipality.id,
                Measurement.unit_id.is_(None) if unit is None else Measurement.unit_id == unit.id,
                Measurement.period == period,
                Measurement.indicator.in_(cleared),
            )
        )
    return save_rows(session, actor, municipality, rows, "form")


def stored_values(
    session: Session, municipality_id: int, unit_id: int | None, period: str
) -> dict[str, float]:
    """The stored entered values of one unit (None: whole municipality) and period."""
    rows = session.execute(
        sa.select(Measurement.indicator, Measurement.value).where(
            Measurement.municipality_id == municipality_id,
            Measurement.unit_id.is_(None) if unit_id is None else Measurement.unit_id == unit_id,
            Measurement.period == period,
        )
    ).all()
    return dict(rows)


def normalise_period(raw: str) -> str:
    """A period code from user input, or a ServiceError."""
    period = parse_period(raw)
    if period is None:
        raise ServiceError(
            _("Perioden må være et år (2018), en måned (2018-03) eller en uke (2018-W43).")
        )
    return period


# ---- imports ---------------------------------------------------------------------------


def start_import(
    session: Session,
    actor: Any,
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
        grid = importer.read_file(data, kind, _)
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
        rows=[[_jsonable(c) for c in row] for row in grid.rows],
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


def set_mapping(session: Session, pending: PendingImport, mapping: dict[str, str]) -> None:
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
    saved.columns = {h: c for h, c in clean.items() if c}


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


def check_pending(session: Session, pending: PendingImport) -> importer.Checked:
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


def commit_import(session: Session, actor: Any, pending: PendingImport) -> Changes:
    """Write every accepted row of the import in the caller's transaction, then forget it."""
    checked = check_pending(session, pending)
    if checked.rows.empty:
        raise ServiceError(_("Ingen verdier kunne importeres."))
    changes = save_rows(session, actor, pending.municipality, checked.rows, "import")
    session.delete(pending)
    return changes


def period_choices(periods: list[str]) -> list[str]:
    """Newest first, for pickers."""
    return sorted(set(periods), key=sort_key, reverse=True)
