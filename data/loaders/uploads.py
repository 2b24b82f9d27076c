"""Loader 'uploads': analyst uploads accepted by the Upload page (var/uploads/, git-ignored).

Reads `var/uploads/manifest.json` (the audit log). Every upload, whatever its status, becomes a row of
the `uploads` table; the validated rows (`<upload_id>/rows.csv`) of **active** uploads become
observations with `upload_id` set and source `upload:<id>` (a `sources` row of kind 'upload'). The
archived original's SHA-256 is checked against the manifest, so a tampered archive fails the build.

Rates: an uploaded count row that carries a denominator also gives a rate per 10,000 (the count's rate
indicator, the catalogue's `count_indicator` column: cin_count -> CIN). A county count row without one uses
the ONS mid-year estimate of
children aged 0-17 (`pop_0_17`, the latest estimate ending on or before the period end) when the store
has it and holds no published rate for that date. Flow counts (referrals) get a rate only for a full
financial year. No denominator is ever invented: ward and locality populations are not in the data pack.
Uploads whose file name or notes say SYNTHETIC get the source title "SYNTHETIC TEST DATA".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pandas as pd

from dashboard.areas import HERE
from data.loaders.columns import OBS_CORE, OBS_FIELDS

COUNTY = HERE
POPULATION_INDICATOR = "pop_0_17"
NORMALISED_COLUMNS = [
    "source_row",
    *OBS_CORE,
    "denominator",
    "note",
]
OBS_COLUMNS = ["obs_id", *OBS_FIELDS, "source_line", "note", "upload_id"]


def read_rows(folder: Path) -> pd.DataFrame:
    """The normalised, validated rows of one archived upload."""
    df = pd.read_csv(folder / "rows.csv", dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in NORMALISED_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{folder / 'rows.csv'} lacks column(s) {', '.join(missing)}")
    df = df.replace({"": None})
    for c in ("value", "denominator"):
        df[c] = pd.to_numeric(df[c])
    df["source_row"] = df["source_row"].astype(int)
    for c in ("period_start", "period_end"):
        df[c] = [dt.date.fromisoformat(v) if v else None for v in df[c]]
    return df


def read_manifest(uploads_dir: Path, path: Path | None = None) -> dict:
    p = path or uploads_dir / "manifest.json"
    if not p.exists():
        return {"uploads": [], "events": []}
    return json.loads(p.read_text(encoding="utf-8"))


def load(con, ctx):
    from data.buildkit import BuildError, Step
    from data.loaders.common import insert

    udir = Path(ctx.uploads_dir)
    try:
        manifest = read_manifest(udir, getattr(ctx, "manifest", None))
    except (OSError, ValueError) as e:
        raise BuildError(f"{udir / 'manifest.json'}: the upload audit log cannot be read ({e})") from e
    uploads = manifest.get("uploads", [])
    if not uploads:
        return [Step("uploads", "var/uploads/manifest.json", 0, "skipped", "no uploads")]

    from data.catalogue import rate_for_count, store_catalogue

    rate_of = rate_for_count(store_catalogue(con))
    indicators = {
        r[0]: (r[1], r[2], r[3] or "")
        for r in con.execute("SELECT indicator_id, unit, multiplier, period_type FROM indicators").fetchall()
    }
    areas = {r[0] for r in con.execute("SELECT area_code FROM areas").fetchall()}
    pops = con.execute(
        "SELECT period_end, value, period_label, source_id FROM observations WHERE indicator_id = ? "
        "AND area_code = ? AND value IS NOT NULL AND period_end IS NOT NULL AND value_type = 'actual' "
        "ORDER BY period_end",
        [POPULATION_INDICATOR, COUNTY],
    ).fetchall()
    published_rates = {
        (r[0], r[1])
        for r in con.execute(
            "SELECT indicator_id, period_end FROM observations WHERE area_code = ? AND upload_id IS NULL "
            "AND value IS NOT NULL",
            [COUNTY],
        ).fetchall()
    }

    up_rows, src_rows, obs = [], [], []
    skipped = 0
    for u in uploads:
        uid = u["upload_id"]
        up_rows.append(
            {
                "upload_id": uid,
                "file_name": u.get("file_name"),
                "sha256": u.get("sha256"),
                "uploaded_by": u.get("uploaded_by"),
                "uploaded_at": u.get("uploaded_at"),
                "kind": u.get("kind"),
                "rows_loaded": int(u.get("rows") or 0),
                "status": u.get("status"),
                "note": (f"replaced by {u['replaced_by']}" if u.get("replaced_by") else None),
            }
        )
        if u.get("status") != "active":
            continue
        folder = udir / uid
        original = folder / (u.get("stored_as") or "")
        if not original.is_file():
            raise BuildError(f"{folder}: the archived file of active upload {uid} is missing")
        digest = hashlib.sha256(original.read_bytes()).hexdigest()
        if digest != u.get("sha256"):
            raise BuildError(f"{original}: its SHA-256 does not match the audit log; the archive was changed")
        try:
            rows = read_rows(folder)
        except (OSError, ValueError, KeyError) as e:
            raise BuildError(f"{folder / 'rows.csv'}: cannot be read ({e})") from e
        if len(rows) != int(u.get("rows") or 0):
            raise BuildError(f"{folder / 'rows.csv'}: {len(rows)} rows, the audit log says {u.get('rows')}")
        synthetic = bool(u.get("synthetic"))
        sid = f"upload:{uid}"
        title = (
            f"SYNTHETIC TEST DATA (upload {uid}, {u.get('file_name')})"
            if synthetic
            else f"Local data upload {uid}: {u.get('file_name')}"
        )
        src_rows.append(
            {
                "source_id": sid,
                "title": title,
                "kind": "upload",
                "publisher": f"Herefordshire Council (uploaded by {u.get('uploaded_by')})",
                "published_date": str(u.get("uploaded_at", ""))[:10] or None,
                "file_name": f"var/uploads/{uid}/{u.get('stored_as')}",
                "licence": "Council internal data",
                "url": None,
                "purpose": f"Analyst upload ({u.get('kind')})",
                "note": f"sha256 {u.get('sha256')}" + ("; SYNTHETIC: not real figures" if synthetic else ""),
            }
        )
        n = 0
        for r in rows.itertuples():
            if r.indicator_id not in indicators or r.area_code not in areas:
                skipped += 1
                continue
            n += 1
            base = {
                "indicator_id": r.indicator_id,
                "area_code": r.area_code,
                "period_label": r.period_label,
                "period_start": r.period_start,
                "period_end": r.period_end,
                "status": None,
                "value_type": "actual",
                "source_id": sid,
                "source_line": int(r.source_row),
                "upload_id": uid,
            }
            is_count_kind = u.get("kind") == "locality counts"
            den = r.denominator if pd.notna(r.denominator) else None
            obs.append(
                {
                    **base,
                    "obs_id": f"{uid}-{n:05d}",
                    "value": float(r.value),
                    "numerator": float(r.value) if is_count_kind else None,
                    "denominator": den,
                    "note": _note(r.note, synthetic),
                }
            )
            rate_id = rate_of.get(r.indicator_id) if is_count_kind else None
            if not rate_id or rate_id not in indicators:
                continue
            _unit, mult, _ptype = indicators[rate_id]
            flow = "financial" in indicators[r.indicator_id][2]
            if flow and (r.period_start is None or (r.period_end - r.period_start).days < 360):
                continue  # a quarter's referrals are not comparable with an annual rate
            why = None
            if den:
                why = "rate computed from the uploaded count and the uploaded denominator"
            elif r.area_code == COUNTY and (rate_id, r.period_end) not in published_rates:
                pop = [p for p in pops if p[0] <= r.period_end]
                if pop:
                    den = float(pop[-1][1])
                    why = (
                        "rate computed from the uploaded count and the ONS mid-year estimate of children "
                        "aged "
                        f"0-17 ({pop[-1][2]}, {pop[-1][3]})"
                    )
            if den:
                obs.append(
                    {
                        **base,
                        "indicator_id": rate_id,
                        "obs_id": f"{uid}-r{n:05d}",
                        "value": float(r.value) / den * float(mult or 10000),
                        "numerator": float(r.value),
                        "denominator": den,
                        "note": _note(why, synthetic),
                    }
                )
    insert(con, "sources", pd.DataFrame(src_rows), "var/uploads/manifest.json")
    insert(con, "uploads", pd.DataFrame(up_rows), "var/uploads/manifest.json")
    n_obs = insert(con, "observations", pd.DataFrame(obs, columns=OBS_COLUMNS), "var/uploads/*/rows.csv")
    active = sum(1 for u in uploads if u.get("status") == "active")
    msg = f"{active} active of {len(uploads)} uploads"
    if skipped:
        msg += f"; {skipped} rows skipped (indicator or area no longer in the reference tables)"
    return [Step("uploads", "var/uploads/manifest.json", n_obs, "loaded", msg)]


def _note(text, synthetic: bool) -> str | None:
    parts = [
        t
        for t in (
            ("SYNTHETIC TEST DATA" if synthetic else None),
            (str(text) if text is not None and pd.notna(text) else None),
        )
        if t
    ]
    return "; ".join(parts) or None
