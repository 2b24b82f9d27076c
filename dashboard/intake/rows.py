"""From validated cells to normalised rows: areas resolved, periods parsed, values within the catalogue's
range for their unit, area totals checked against the county (across every active upload)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.intake.kinds import COUNTY, NORMALISED_COLUMNS
from dashboard.intake.periods import YEAR_RANGE, _d_month_y, _parse_date, _year_message, parse_period
from dashboard.intake.problems import CheckResult, Problem
from dashboard.intake.reading import _num
from dashboard.intake.reference import Reference
from data.catalogue import Entry, value_problem


def _entry(ref: Reference, ind: str) -> Entry:
    i = ref.indicators[ind]
    return Entry(ind, i["unit"] or "", i.get("period_type") or "", i.get("multiplier"))


def _resolve_area(raw: str, ref: Reference) -> str | None:
    return ref.names.get(raw.strip().lower())


def _rows_locality(df, ref: Reference, today: dt.date, P: list[Problem], res: CheckResult, others=None):
    """Normalised rows of a locality file, or None with its problems. `others`: the active uploads' rows,
    so area counts are checked against the county across every upload, not one file at a time."""
    bad_rows = {p.row for p in P}
    seen: dict[tuple, int] = {}
    out = [_locality_row(row, r, ref, today, seen) for row, r in df.iterrows() if row not in bad_rows]
    P += [o for o in out if isinstance(o, Problem)]
    if P:
        return None
    rows = pd.DataFrame(out, columns=NORMALISED_COLUMNS)
    rows["area_type"] = [("county" if c == COUNTY else ref.areas[c]["type"]) for c in rows["area_code"]]
    keep: list[int] = []
    for (ind, start, end), g in rows.groupby(["indicator_id", "period_start", "period_end"], sort=False):
        total, total_from = _county_total(g, ind, start, end, ref, res, P, keep)
        if total is not None:
            _level_totals(g, ind, start, end, total, total_from, ref, P, others)
        _ward_totals(g, ind, ref, P)
    if P:
        return None
    rows = rows[~rows["source_row"].isin(keep)].drop(columns="area_type")
    return rows.reset_index(drop=True)


def _locality_row(row, r, ref: Reference, today: dt.date, seen: dict) -> dict | Problem:
    """One file row as a normalised row, or its problem."""
    ind = r["indicator_id"]
    code = _resolve_area(r["area"], ref)
    if code is None:
        what = f"'{r['area']}' is not a ward code, locality or Herefordshire."
        fix = (
            "Use a ward code (E05...), a locality name or code from the Localities list "
            "(e.g. Leominster or LOC-LEOMINSTER), or E06000019 for the county."
        )
        return Problem(row, "area", what, fix)
    per, why = parse_period(r["period"], ref.indicators[ind]["period_type"])
    if per is None:
        return Problem(row, "period", why, "Write 31 March 2025 or a calendar quarter such as 2025-Q1.")
    if per.end > today:
        what = f"{per.label} ends on {_d_month_y(per.end)}, which is in the future."
        return Problem(
            row, "period", what, "Check the year; figures can only be loaded for periods that have ended."
        )
    count, den = _num(r["count"]), _num(r.get("denominator"))
    why = value_problem(count, _entry(ref, ind)) or (
        value_problem(den, Entry("denominator", "count")) if den is not None else None
    )
    if why:
        return Problem(row, "count", f"{ind} {why}; {r['count']} is not possible.", "Check the figure.")
    if den is not None and den < count:
        what = f"The denominator ({den:,.0f}) is smaller than the count ({count:,.0f})."
        fix = (
            "The denominator is the number of children aged 0-17 in the area; check the two columns are not "
            "swapped."
        )
        return Problem(row, "denominator", what, fix)
    key = (ind, code, per.start, per.end)
    if key in seen:
        what = f"{ind} for {ref.areas[code]['name']} at {per.label} is already given in row {seen[key]}."
        return Problem(row, "area", what, "Keep one row per indicator, area and period.")
    seen[key] = row
    return {
        "source_row": row,
        "indicator_id": ind,
        "area_code": code,
        "period_label": per.label,
        "period_start": per.start,
        "period_end": per.end,
        "value": count,
        "denominator": den,
        "note": r.get("note"),
    }


def _county_total(g, ind, start, end, ref: Reference, res: CheckResult, P: list[Problem], keep: list[int]):
    """The county total the area counts are checked against: the file's county row, else the store's."""
    county_rows = g[g["area_type"] == "county"]
    label = g["period_label"].iloc[0]
    stored = ref.county_values.get((ind, end))
    flow_quarter = ref.indicators[ind]["period_type"].startswith("financial") and (end - start).days < 360
    if stored is not None and start != end and flow_quarter:
        stored = None  # a quarter of a flow: the store's figure is for the whole year
    if not county_rows.empty:
        cr = county_rows.iloc[0]
        if stored is not None and cr["value"] not in ref.county_all.get((ind, end), {stored}):
            what = (
                f"The county total {cr['value']:,.0f} for {ind} at {label} differs from the figure already "
                "in "
                f"the store ({stored:,.0f}, source {ref.county_sources.get((ind, end))})."
            )
            P.append(Problem(int(cr["source_row"]), "count", what, "Correct the county row, or delete it."))
        elif stored is not None:
            res.warnings.append(
                f"Row {cr['source_row']}: the county total for {ind} at {label} matches the store; "
                "it was used as a check and is not loaded twice."
            )
            keep.append(int(cr["source_row"]))
        return cr["value"], f"the county row (row {cr['source_row']})"
    if stored is not None:
        return stored, f"the store ({ref.county_sources.get((ind, end))})"
    res.warnings.append(
        f"{ind} at {label}: there is no county total in the file or the store, so the "
        "area counts could not be checked against one."
    )
    return None, None


def _level_totals(g, ind, start, end, total, total_from, ref: Reference, P: list[Problem], others) -> None:
    """Each level's counts (this file's plus other active uploads' for areas this file does not give)
    may not add up to more than the county total."""
    label = g["period_label"].iloc[0]
    prior = _others_for(others, ind, start, end, set(g["area_code"]), ref)
    for level in ("ward", "locality", "sub-locality", "team"):
        part = g[g["area_type"] == level]
        if part.empty:
            continue
        theirs = prior[prior["area_type"] == level] if not prior.empty else prior
        s = float(part["value"].sum()) + (float(theirs["value"].sum()) if not theirs.empty else 0.0)
        if s <= total:
            continue
        extra = (
            f" with {len(theirs)} more from active upload(s) {', '.join(sorted(set(theirs['upload_id'])))}"
            if not theirs.empty
            else ""
        )
        what = (
            f"The {level} counts for {ind} at {label} add up to {s:,.0f}, more than the county total "
            f"{total:,.0f} from {total_from} (rows {_ranges(part['source_row'])}{extra})."
        )
        fix = "Check for double-counted children or a wrong county total (or roll back the other upload)."
        P.append(Problem(int(part["source_row"].iloc[-1]), "count", what, fix))


def _others_for(others, ind, start, end, mine: set, ref: Reference) -> pd.DataFrame:
    if others is None or len(others) == 0:
        return pd.DataFrame(columns=["area_code", "value", "area_type", "upload_id"])
    o = others[(others["indicator_id"] == ind) & ~others["area_code"].isin(mine)]
    o = o[
        (o["period_end"] == end)
        & (o["period_start"].map(lambda v: v == start or (v is None and start is None)))
    ]
    return o.assign(area_type=[ref.areas.get(c, {}).get("type") for c in o["area_code"]])


def _ward_totals(g, ind, ref: Reference, P: list[Problem]) -> None:
    """Wards within a locality given in the same file may not add up to more than its row."""
    label = g["period_label"].iloc[0]
    g_loc = g.set_index("area_code")
    wards = g[g["area_type"] == "ward"]
    if wards.empty:
        return
    wards = wards.assign(locality=[ref.locality_of(c) for c in wards["area_code"]])
    for loc, wg in wards.groupby("locality"):
        if loc in g_loc.index and wg["value"].sum() > g_loc.loc[loc, "value"]:
            what = (
                f"The ward counts for {ind} at {label} in {ref.areas[loc]['name']} add up to "
                f"{wg['value'].sum():,.0f}, more than that locality's row ({g_loc.loc[loc, 'value']:,.0f}, "
                f"row {g_loc.loc[loc, 'source_row']})."
            )
            P.append(
                Problem(
                    int(wg["source_row"].iloc[-1]), "count", what, "Check the ward-to-locality assignment."
                )
            )


def _ranges(rows) -> str:
    rows = sorted(int(r) for r in rows)
    return ", ".join(str(r) for r in rows[:8]) + (" ..." if len(rows) > 8 else "")


def _rows_county(df, ref: Reference, today: dt.date, P: list[Problem], res: CheckResult, others=None):
    bad_rows = {p.row for p in P}
    out, seen = [], {}
    for row, r in df.iterrows():
        if row in bad_rows:
            continue
        ind = r["indicator_id"]
        if _resolve_area(r["area"], ref) != COUNTY:
            P.append(
                Problem(
                    row,
                    "area",
                    f"'{r['area']}' is not Herefordshire (E06000019).",
                    "This format is for county figures; use the locality template for localities and wards.",
                )
            )
            continue
        end = _parse_date(r["period_end"])
        if end is not None and not YEAR_RANGE[0] <= end.year <= YEAR_RANGE[1]:
            P.append(Problem(row, "period_end", _year_message(r["period_end"]), "Write e.g. 2025-03-31."))
            continue
        if end is None:
            P.append(
                Problem(
                    row,
                    "period_end",
                    f"'{r['period_end']}' is not a date.",
                    "Write the period's last day as 2025-03-31 or 31/03/2025.",
                )
            )
            continue
        if end > today:
            P.append(
                Problem(
                    row,
                    "period_end",
                    f"{_d_month_y(end)} is in the future.",
                    "Check the year; figures can only be loaded for periods that have ended.",
                )
            )
            continue
        if len(r["period_label"]) > 60:
            P.append(
                Problem(
                    row,
                    "period_label",
                    "The period label is longer than 60 characters.",
                    "Write the period briefly, e.g. 2024-25 or 31 March 2025.",
                )
            )
            continue
        value = _num(r["value"])
        why = value_problem(value, _entry(ref, ind))
        if why:
            P.append(
                Problem(
                    row,
                    "value",
                    f"{ind} {why}; {r['value']} is not possible.",
                    "Check the figure against the indicator's unit on the Explore page.",
                )
            )
            continue
        key = (ind, COUNTY, end)
        if key in seen:
            P.append(
                Problem(
                    row,
                    "period_end",
                    f"{ind} for the period ending {_d_month_y(end)} is already given in row {seen[key]}.",
                    "Keep one row per indicator and period.",
                )
            )
            continue
        seen[key] = row
        if (ind, end) in ref.county_values:
            res.warnings.append(
                f"Row {row}: the store already holds {ind} for {_d_month_y(end)} "
                f"({ref.county_values[(ind, end)]:g}, source {ref.county_sources[(ind, end)]}); "
                "both will be kept, each labelled with its source."
            )
        snapshot = "snapshot" in (ref.indicators[ind]["period_type"] or "")
        out.append(
            {
                "source_row": row,
                "indicator_id": ind,
                "area_code": COUNTY,
                "period_label": r["period_label"],
                "period_start": end if snapshot else None,
                "period_end": end,
                "value": value,
                "denominator": None,
                "note": r.get("note"),
            }
        )
    if P:
        return None
    return pd.DataFrame(out, columns=NORMALISED_COLUMNS)
