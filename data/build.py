"""Build the store: python -m data.build  (make store).

Writes every table into a temporary DuckDB file next to the store, checks it, then renames it over
`data/store.duckdb`. A running app keeps its open connection to the old file until it reopens, so it
never sees half a build. When the public data pack is missing the build still succeeds from the
project's own data and says what was skipped; when an input is damaged it fails, names the file and
leaves the old store in place.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

import duckdb

from dashboard import config
from data.buildkit import BuildContext, BuildError, Step

ROOT = config.ROOT
DATA = ROOT / "data"

# (step name, module). Order matters: reference tables first, checks last.
STEPS: list[tuple[str, str]] = [
    ("reference", "data.loaders.reference"),
    ("seeds", "data.loaders.seeds"),
    ("plan", "data.loaders.plan"),
    ("public pack", "data.loaders.public_pack"),
    ("benchmarks", "data.loaders.benchmarks"),
    ("looked-after history", "data.loaders.cla_history"),
    ("geography", "geo.build"),
    ("uploads", "data.loaders.uploads"),
]


def _public_dir() -> Path | None:
    p = config.public_data_dir()
    return p if (p / "stats").is_dir() or (p / "geo").is_dir() else None


def integrity_problems(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every observation must join an indicator, an area and a source; keys must be unique."""
    checks = {
        "observations with an unknown indicator": "SELECT DISTINCT o.indicator_id FROM observations o ANTI JOIN indicators i USING (indicator_id)",
        "observations with an unknown area": "SELECT DISTINCT o.area_code FROM observations o ANTI JOIN areas a USING (area_code)",
        "observations with an unknown source": "SELECT DISTINCT o.source_id FROM observations o ANTI JOIN sources s USING (source_id)",
        "judgements with an unknown source": "SELECT DISTINCT j.source_id FROM judgements j ANTI JOIN sources s USING (source_id)",
        "statements with an unknown source": "SELECT DISTINCT t.source_id FROM statements t ANTI JOIN sources s USING (source_id)",
        "actions with an unknown recommendation": "SELECT DISTINCT a.action_id FROM actions a ANTI JOIN recommendations r USING (rec_id)",
        "observations with neither a value nor a status": "SELECT obs_id FROM observations WHERE value IS NULL AND status IS NULL",
    }
    problems = []
    for what, sql in checks.items():
        bad = [str(r[0]) for r in con.execute(sql).fetchall()]
        if bad:
            problems.append(f"{len(bad)} {what}: {', '.join(bad[:8])}{' ...' if len(bad) > 8 else ''}")
    return problems


def finalize(con: duckdb.DuckDBPyConnection) -> None:
    """Lay the store out for reading: observations sorted by indicator, area and date (DuckDB's zone maps
    then skip row groups for a one-indicator query), a per-indicator summary for pickers and catalogues,
    comparators with intervals, figures per source, and `local_facts` for questions asked by place. Used by
    the real build and by the synthetic scale store alike (see data/README.md)."""
    # Rewrite the rows in sorted order, keeping the table's definition (keys, defaults, checks).
    con.execute(
        "CREATE TEMP TABLE _obs_sorted AS "
        "SELECT * FROM observations ORDER BY indicator_id, area_code, period_end"
    ).fetchall()
    con.execute("DELETE FROM observations").fetchall()
    con.execute("INSERT INTO observations SELECT * FROM _obs_sorted").fetchall()
    con.execute("DROP TABLE _obs_sorted").fetchall()
    # How every page, slide and download names a source, worked out once: 'Title (file, date)' (a council paper's
    # file is what its quotes cite; a publication's is the pack file it was read from), or 'Title (publisher,
    # date)' where there is no file.
    con.execute("""
        CREATE OR REPLACE TABLE source_labels AS
        SELECT source_id,
               title || coalesce(' (' || coalesce(nullif(file_name, ''), publisher)
                                 || coalesce(', ' || strftime(published_date, '%-d %B %Y'), '') || ')', '') AS label
        FROM sources""").fetchall()
    con.execute("""
        CREATE OR REPLACE TABLE indicator_summary AS
        SELECT o.indicator_id,
               count(*) AS n_obs,
               count(DISTINCT o.area_code) AS n_areas,
               min(o.period_end) AS first_period_end,
               max(o.period_end) AS last_period_end,
               count(DISTINCT o.period_end) FILTER (WHERE o.area_code = 'E06000019') >= 2 AS has_herefordshire_trend,
               bool_or(o.area_code = 'E06000019' AND o.value IS NOT NULL) AS has_herefordshire,
               bool_or(o.area_code = 'E92000001' AND o.value IS NOT NULL) AS has_england,
               bool_or(o.area_code IN (SELECT la_code FROM sn_lists) AND o.value IS NOT NULL) AS has_sn,
               string_agg(DISTINCT s.label, '; ' ORDER BY s.label) AS sources
        FROM observations o JOIN source_labels s USING (source_id)
        GROUP BY o.indicator_id""").fetchall()
    # Comparators (England, the West Midlands, the statistical neighbours in force) and 95% intervals for
    # Herefordshire and England, per indicator and period: the comparators_by_year view with the ci_method /
    # ci_bound macros (data/schema.sql), worked out once here instead of on every chart.
    con.execute("""
        CREATE OR REPLACE TABLE comparators AS
        WITH c AS (
            SELECT c.*, ci_method(c.h, c.h_num, c.h_den, c.m) AS h_method,
                   ci_method(c.e, c.e_num, c.e_den, c.m) AS e_method
            FROM comparators_by_year c
        )
        SELECT c.*,
               ci_bound(h_method, h_num, h_den, m, -1) AS h_lo, ci_bound(h_method, h_num, h_den, m, 1) AS h_hi,
               ci_bound(e_method, e_num, e_den, m, -1) AS e_lo, ci_bound(e_method, e_num, e_den, m, 1) AS e_hi
        FROM c
        ORDER BY indicator_id, period_end, period_label""").fetchall()
    # How many figures each source gives (the Sources page), counted once rather than on every visit.
    con.execute(
        "CREATE OR REPLACE TABLE source_counts AS "
        "SELECT source_id, count(*) AS n_figures FROM observations GROUP BY source_id"
    ).fetchall()
    # Pages that ask by place (Herefordshire, its localities, sub-areas, wards and LSOAs) rather than by indicator
    # cannot use the sort order above: at national scale every such question would scan all local authorities'
    # rows. `local_facts` keeps Herefordshire's own rows (the county and its parts, with the LSOAs best-fitted to
    # its wards) and England's and the West Midlands' rows of the same indicators, pre-joined and sorted, so those
    # queries stay small.
    con.execute("""
        CREATE OR REPLACE TABLE local_facts AS
        WITH here AS (
            SELECT area_code FROM areas
            WHERE area_type IN ('locality', 'sub-locality', 'ward') OR area_code = 'E06000019'
            UNION
            SELECT a.area_code FROM areas a JOIN ward_locality w ON w.ward_code = a.parent_code
            WHERE a.area_type = 'LSOA'
        ),
        local_ids AS (SELECT DISTINCT indicator_id FROM observations JOIN here USING (area_code))
        SELECT f.*, i.decimals
        FROM facts f JOIN local_ids USING (indicator_id) JOIN indicators i USING (indicator_id)
        WHERE f.area_code IN (SELECT area_code FROM here) OR f.area_code IN ('E92000001', 'E12000005')
        ORDER BY f.indicator_id, f.area_code, f.period_end""").fetchall()


def build(
    target: Path | None = None, public_dir: Path | None | str = "auto", quiet: bool = False
) -> list[Step]:
    target = Path(target or config.store_path())
    pub = _public_dir() if public_dir == "auto" else (Path(public_dir) if public_dir else None)
    ctx = BuildContext(root=ROOT, public_dir=pub, uploads_dir=config.var_dir() / "uploads")
    tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
    for p in (tmp, Path(str(tmp) + ".wal")):
        p.unlink(missing_ok=True)
    t0 = time.perf_counter()
    con = duckdb.connect(str(tmp))
    try:
        con.execute((DATA / "schema.sql").read_text(encoding="utf-8"))
        if pub is None:
            ctx.steps.append(
                Step(
                    "public pack",
                    str(config.public_data_dir()),
                    0,
                    "skipped",
                    "public data pack not found (set PUBLIC_DATA_DIR): comparators, "
                    "the 2016-2025 trend, IMD and boundaries are not in this store",
                )
            )
        for _step_name, module in STEPS:
            mod = importlib.import_module(module)
            con.execute("BEGIN")
            try:
                ctx.steps.extend(mod.load(con, ctx))
                con.execute("COMMIT")
            except Exception:
                con.execute("ROLLBACK")
                raise
        problems = integrity_problems(con)
        if problems:
            raise BuildError("the store's data do not join up:\n  " + "\n  ".join(problems))
        finalize(con)
        for s in ctx.steps:
            con.execute(
                "INSERT INTO build_log (step, source, rows, status, message) VALUES (?, ?, ?, ?, ?)",
                [s.step, s.source, s.rows, s.status, s.message],
            )
        con.execute("CHECKPOINT")
        con.close()
        os.replace(tmp, target)
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise
    if not quiet:
        print(f"Built {target} in {time.perf_counter() - t0:.1f} s")
        width = max(len(s.step) for s in ctx.steps)
        for s in ctx.steps:
            extra = f"  ({s.message})" if s.message else ""
            print(f"  {s.step:<{width}}  {s.status:<7} {s.rows:>8,} rows  {s.source}{extra}")
    return ctx.steps


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target", type=Path, default=None, help="store file (default data/store.duckdb)")
    ap.add_argument("--no-public", action="store_true", help="build from the project's own data only")
    args = ap.parse_args(argv)
    from dashboard.intake.uploads import writer_lock

    try:
        with writer_lock():  # never rename an older build over one an upload is making
            build(args.target, public_dir=None if args.no_public else "auto")
    except BuildError as e:
        print(f"Store build failed: {e}", file=sys.stderr)
        print("The previous store (if any) was left in place.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
