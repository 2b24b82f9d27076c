"""A synthetic national-size store for the scale run: python -m bench.scale <folder>  (used by bench.run).

Every English local authority (~153) x ~450 indicators x 20 years (~1.4M observations) plus ~33,700 LSOAs
x 40 indicators x 10 releases (~13.5M), in the real `data/schema.sql`, generated with DuckDB SQL
(range() + random()) in a temporary folder. It is **synthetic**: every source, area and indicator row is
labelled SYNTHETIC and every value is random. The indicator ids, the special area codes (England, the West
Midlands, Herefordshire, its localities and LSOAs) and the boundary shapes follow the real store so the
app's queries and pages find what they look for; the real store is only read (attached read-only), never
written, and nothing synthetic is ever written under data/.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "data" / "schema.sql"
N_LA = 153
N_LA_INDICATORS = 450
LA_YEARS = 20
N_LSOA = 33_700
N_LSOA_INDICATORS = 40
LSOA_RELEASES = 10
TAG = "SYNTHETIC"


def build_synthetic(target: Path, real_store: Path | None = None, seed: float = 0.42) -> dict:
    """Write the synthetic store to `target` (which must not be the real store). Returns counts and
    seconds."""
    from dashboard import config

    real = Path(real_store or config.store_path()).resolve()
    target = Path(target).resolve()
    if target == real or target.parent == (ROOT / "data").resolve():
        raise ValueError("the synthetic store must be written to a temporary folder, never over data/")
    target.unlink(missing_ok=True)
    t0 = time.perf_counter()
    con = duckdb.connect(str(target))
    con.execute("SET preserve_insertion_order = false")
    schema = SCHEMA.read_text(encoding="utf-8")
    # The one change to the real schema: observations.obs_id keeps its type but not its unique index (an ART
    # index over 15M keys triples the generation time; no query looks rows up by obs_id).
    schema, n = re.subn(r"obs_id(\s+)VARCHAR PRIMARY KEY", r"obs_id\1VARCHAR", schema, count=1)
    if n != 1:
        raise RuntimeError("data/schema.sql changed: observations.obs_id not found")
    con.execute(schema)
    con.execute(f"ATTACH '{real}' AS r (READ_ONLY)")
    con.execute(f"SELECT setseed({seed})")
    q = con.execute

    q(f"""INSERT INTO sources (source_id, title, kind, publisher, published_date, licence, purpose, note)
        VALUES ('{TAG}-LA', '{TAG} national-scale test data (local authorities)', 'publication', '{TAG}',
                DATE '2025-01-01', 'not real data', 'scale benchmark',
                '{TAG}: random values, not real figures'),
               ('{TAG}-LSOA', '{TAG} national-scale test data (LSOAs)', 'publication', '{TAG}',
                DATE '2025-01-01', 'not real data', 'scale benchmark',
                '{TAG}: random values, not real figures')""")

    # Indicators: the real ids (so pages find theirs), names and definitions labelled SYNTHETIC.
    q(f"""INSERT INTO indicators SELECT indicator_id, '{TAG} ' || name, '{TAG}: ' || coalesce(definition, ''),
            unit, polarity, ecm_outcome, topic, period_type, decimals, source_link, multiplier, caveat,
            '{TAG}'
          FROM r.indicators""")

    # Areas: the real non-LSOA areas (codes kept, names labelled), padded to N_LA local authorities, and
    # LSOAs: Herefordshire's real codes plus synthetic ones up to N_LSOA.
    q(f"""INSERT INTO areas SELECT area_code, '{TAG} ' || area_name, area_type, parent_code, old_la_code,
    '{TAG}'
          FROM r.areas""")
    have_la = q("SELECT count(*) FROM areas WHERE area_type = 'local authority'").fetchone()[0]
    q(f"""INSERT INTO areas (area_code, area_name, area_type, parent_code, note)
          SELECT 'E0' || (6 + i % 3) || '9' || lpad(i::VARCHAR, 5, '0'), '{TAG} authority ' || i,
                 'local authority', 'E1200000' || (1 + i % 9), '{TAG}'
          FROM range({max(0, N_LA - have_la)}) t(i)""")
    q(f"""INSERT INTO areas (area_code, area_name, area_type, parent_code, note)
          SELECT 'E1200000' || i, '{TAG} region ' || i, 'region', 'E92000001', '{TAG}'
          FROM range(1, 10) t(i) WHERE 'E1200000' || i NOT IN (SELECT area_code FROM areas)""")
    have_lsoa = q("SELECT count(*) FROM areas WHERE area_type = 'LSOA'").fetchone()[0]
    q(f"""INSERT INTO areas (area_code, area_name, area_type, parent_code, note)
          WITH la AS (SELECT area_code, row_number() OVER (ORDER BY area_code) - 1 AS k
                      FROM areas WHERE area_type = 'local authority')
          SELECT 'E019' || lpad(i::VARCHAR, 6, '0'), '{TAG} LSOA ' || i, 'LSOA', la.area_code, '{TAG}'
          FROM range({max(0, N_LSOA - have_lsoa)}) t(i)
          JOIN la ON la.k = i % (SELECT count(*) FROM la)""")
    for t in ("geometries", "ward_locality", "lsoa_locality", "sn_lists"):
        q(f"INSERT INTO {t} SELECT * FROM r.{t}")

    # Which indicators: those the real store has at LA level first, then the rest, up to the counts.
    q(f"""CREATE TEMP TABLE la_ind AS
          WITH ranked AS (
            SELECT i.indicator_id, i.period_type,
                   (SELECT max(o.period_label) FROM r.observations o WHERE o.indicator_id = i.indicator_id)
                   AS lbl,
                   EXISTS (SELECT 1 FROM r.observations o JOIN r.areas a USING (area_code)
                           WHERE o.indicator_id = i.indicator_id AND a.area_type = 'local authority') AS at_la
            FROM r.indicators i)
          SELECT *, CASE WHEN regexp_matches(lbl, '^\\d{{4}}-\\d{{2}}$') THEN 'fy'
                         WHEN regexp_matches(lbl, '^\\d{{4}}/\\d{{2}}$') THEN 'ay'
                         ELSE 'snap' END AS fmt
          FROM ranked ORDER BY at_la DESC, indicator_id LIMIT {N_LA_INDICATORS}""")
    q(f"""CREATE TEMP TABLE lsoa_ind AS
          SELECT i.indicator_id FROM r.indicators i
          ORDER BY EXISTS (SELECT 1 FROM r.observations o JOIN r.areas a USING (area_code)
                           WHERE o.indicator_id = i.indicator_id AND a.area_type IN ('LSOA', 'locality'))
                           DESC,
                   i.indicator_id
          LIMIT {N_LSOA_INDICATORS}""")

    # LA, region and England observations: N_LA_INDICATORS x LA_YEARS each.
    q(f"""INSERT INTO observations (obs_id, indicator_id, area_code, period_label, period_start, period_end,
                                    value, numerator, denominator, value_type, source_id, note)
          SELECT 'SLA' || row_number() OVER (), i.indicator_id, a.area_code,
                 CASE i.fmt WHEN 'fy' THEN (y - 1) || '-' || lpad((y % 100)::VARCHAR, 2, '0')
                            WHEN 'ay' THEN (y - 1) || '/' || lpad((y % 100)::VARCHAR, 2, '0')
                            ELSE '31 March ' || y END,
                 CASE WHEN i.fmt = 'snap' THEN make_date(y, 3, 31) ELSE make_date(y - 1, 4, 1) END,
                 CASE WHEN i.fmt = 'ay' THEN make_date(y, 8, 31) ELSE make_date(y, 3, 31) END,
                 round(random() * 100, 1), round(random() * 500), 10000 + round(random() * 50000), 'actual',
                 '{TAG}-LA', '{TAG}'
          FROM la_ind i
          CROSS JOIN (SELECT area_code FROM areas WHERE area_type IN ('local authority', 'region',
          'country')) a
          CROSS JOIN range({2026 - LA_YEARS}, 2026) t(y)""")

    # LSOA and locality observations: N_LSOA_INDICATORS x LSOA_RELEASES each ('IoD <year>' releases).
    q(f"""INSERT INTO observations (obs_id, indicator_id, area_code, period_label, period_start, period_end,
                                    value, value_type, source_id, note)
          SELECT 'SLS' || row_number() OVER (), i.indicator_id, a.area_code, 'IoD ' || y,
                 make_date(y, 1, 1), make_date(y, 9, 30), round(random() * 10, 1), 'actual', '{TAG}-LSOA',
                 '{TAG}'
          FROM lsoa_ind i
          CROSS JOIN (SELECT area_code FROM areas WHERE area_type IN ('LSOA', 'locality', 'sub-locality')) a
          CROSS JOIN range({2026 - LSOA_RELEASES}, 2026) t(y)""")
    # The real build's last step (sorted observations, per-indicator summary), so the store reads the same
    # way.
    from data import build as real_build

    real_build.finalize(con)
    q(f"""INSERT INTO build_log (step, source, rows, status, message)
          SELECT 'synthetic', '{TAG}', count(*), 'loaded', '{TAG} national-scale store for bench.run'
          FROM observations""")
    counts = dict(
        q("""SELECT 'observations', count(*) FROM observations UNION ALL
                       SELECT 'LA-level observations', count(*) FILTER (WHERE obs_id LIKE 'SLA%') FROM
                       observations
                       UNION ALL SELECT 'LSOA-level observations', count(*) FILTER (WHERE obs_id LIKE 'SLS%')
                       FROM observations UNION ALL
                       SELECT 'local authorities', count(*) FROM areas WHERE area_type = 'local authority'
                       UNION ALL SELECT 'LSOAs', count(*) FROM areas WHERE area_type = 'LSOA'
                       UNION ALL SELECT 'indicators', count(*) FROM indicators""").fetchall()
    )
    q("DETACH r")
    q("CHECKPOINT")
    con.close()
    counts["seconds"] = time.perf_counter() - t0
    return counts


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/synthetic_store") / "synthetic.duckdb"
    out.parent.mkdir(parents=True, exist_ok=True)
    print(build_synthetic(out), out)
