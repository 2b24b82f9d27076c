"""Build the store: python -m data.build  (make store).

Writes every table into a temporary DuckDB file next to the store, checks it, then renames it over
`data/store.duckdb`. A running app keeps its open connection to the old file until it reopens, so it
never sees half a build. When the public data pack is missing the build still succeeds from the
project's own data and says what was skipped — unless the current store holds published data the new
build would lose (the pack unreachable, any source skipped), in which case it refuses and changes nothing
(`--allow-data-loss` overrides); when an input is damaged it fails, names the file and leaves the old
store in place.
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
from data import derive
from data.buildkit import BuildContext, BuildError, Step, stale_temp_files, temp_name, writer_lock

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
    ("small areas: population", "data.loaders.smallarea_population"),
    ("small areas: income", "data.loaders.smallarea_income"),
    ("small areas: schools", "data.loaders.smallarea_schools"),
    ("small areas: context", "data.loaders.smallarea_context"),
    ("uploads", "data.loaders.uploads"),
]


def _public_dir() -> Path | None:
    p = config.public_data_dir()
    return p if (p / "stats").is_dir() or (p / "geo").is_dir() else None


def finalize(con: duckdb.DuckDBPyConnection) -> None:
    """Lay the store out for reading: observations sorted by indicator, area and date, then the derived
    tables of data/models/ (source labels, indicator summary, comparators, source counts, local facts) and
    the checks of data/checks/ (data/derive.py). Used by the real build and by the synthetic scale store
    alike (see data/README.md)."""
    derive.sort_observations(con)
    derive.run_models(con)
    derive.check(con)


def lost_sources(target: Path, con: duckdb.DuckDBPyConnection) -> list[str]:
    """Sources (other than uploads, which a roll-back removes on purpose) with figures in the store at
    `target` that the new build in `con` does not hold. A store that cannot be read loses nothing."""
    if not target.exists() or target.stat().st_size == 0:
        return []
    try:
        con.execute("ATTACH ? AS _old (READ_ONLY)", [str(target)]).fetchall()
    except duckdb.Error:
        return []
    try:
        rows = con.execute(
            "SELECT o.source_id, count(*) FROM _old.observations o "
            "JOIN _old.sources s USING (source_id) WHERE s.kind IS DISTINCT FROM 'upload' "
            "AND o.source_id NOT IN (SELECT source_id FROM observations) GROUP BY 1 ORDER BY 1"
        ).fetchall()
    except duckdb.Error:
        rows = []
    finally:
        con.execute("DETACH _old").fetchall()
    return [f"{sid} ({n:,} figures)" for sid, n in rows]


def build(
    target: Path | None = None,
    public_dir: Path | None | str = "auto",
    quiet: bool = False,
    allow_loss: bool = False,
    manifest: Path | None = None,
) -> list[Step]:
    target = Path(target or config.store_path())
    pub = _public_dir() if public_dir == "auto" else (Path(public_dir) if public_dir else None)
    ctx = BuildContext(root=ROOT, public_dir=pub, uploads_dir=config.var_dir() / "uploads", manifest=manifest)
    tmp = temp_name(target)
    for p in [tmp, Path(str(tmp) + ".wal"), *stale_temp_files(target.parent, target.name + ".*.tmp*")]:
        p.unlink(missing_ok=True)  # this writer's, and those of builds killed before they cleaned up
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
        finalize(con)
        lost = [] if allow_loss else lost_sources(target, con)
        if lost:
            raise BuildError(
                "this build would lose published data the current store holds, so the store was not "
                f"replaced: {'; '.join(lost[:6])}{' ...' if len(lost) > 6 else ''}. Restore the missing "
                "source (e.g. the public data pack, PUBLIC_DATA_DIR) or rebuild with --allow-data-loss."
            )
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
    ap.add_argument(
        "--allow-data-loss",
        action="store_true",
        help="replace the store even if the new build lacks sources the current one holds",
    )
    args = ap.parse_args(argv)
    try:
        with writer_lock():  # never rename an older build over one an upload is making
            build(args.target, public_dir=None if args.no_public else "auto", allow_loss=args.allow_data_loss)
    except BuildError as e:
        print(f"Store build failed: {e}", file=sys.stderr)
        print("The previous store (if any) was left in place.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
