"""The store's derived tables and integrity checks, as SQL files run in order (dbt-style).

- `data/models/NN_name.sql`: one SELECT each, materialised as table `name`, in NN order (a model may read
  the tables of the models before it). Changing a rule, such as which comparators a chart shows, is one file.
- `data/checks/name.sql`: one SELECT each that returns the rows breaking a rule; a check passes when it
  returns none. The build fails naming every failing check with its first rows.

The SQL can name Herefordshire, England and the West Midlands as here_code(), england_code() and
west_midlands_code() (from dashboard/areas.py). See data/models/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from dashboard import areas
from data.buildkit import BuildError

DATA = Path(__file__).resolve().parent
MODELS = DATA / "models"
CHECKS = DATA / "checks"
SHOW_ROWS = 8


def _sql(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip().rstrip(";")


def _shown(path: Path) -> str:
    """data/models/30_x.sql for the project's files; the full path for any other."""
    return str(path.relative_to(DATA.parent)) if path.is_relative_to(DATA.parent) else str(path)


def _about(path: Path) -> str:
    """The file's leading comment, as one line: what the model holds or what the check forbids."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.lstrip("-").strip())
    return " ".join(t for t in lines if t) or path.stem


def model_files(models_dir: Path = MODELS) -> list[Path]:
    files = sorted(models_dir.glob("*.sql"))
    bad = [f.name for f in files if not f.stem[:2].isdigit() or f.stem[2:3] != "_"]
    if bad:
        raise BuildError(f"{models_dir}: model files must be named NN_name.sql: {', '.join(bad)}")
    return files


def table_name(model: Path) -> str:
    return model.stem.split("_", 1)[1]


def define_area_macros(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(areas.sql_macros()).fetchall()


def sort_observations(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite the observations in (indicator, area, date) order, keeping the table's definition (keys,
    defaults, checks): DuckDB's zone maps then skip row groups for a one-indicator query."""
    con.execute(
        "CREATE TEMP TABLE _obs_sorted AS SELECT * FROM observations ORDER BY indicator_id, area_code, "
        "period_end"
    ).fetchall()
    con.execute("DELETE FROM observations").fetchall()
    con.execute("INSERT INTO observations SELECT * FROM _obs_sorted").fetchall()
    con.execute("DROP TABLE _obs_sorted").fetchall()


def run_models(con: duckdb.DuckDBPyConnection, models_dir: Path = MODELS) -> list[str]:
    """Materialise every model in order; returns the tables made. A failing model names its file."""
    define_area_macros(con)
    made = []
    for path in model_files(models_dir):
        name = table_name(path)
        try:
            con.execute(f"CREATE OR REPLACE TABLE {name} AS\n{_sql(path)}").fetchall()
        except duckdb.Error as e:
            raise BuildError(f"{_shown(path)}: {e}") from e
        made.append(name)
    return made


@dataclass
class Failure:
    check: str  # the check's file name, without .sql
    about: str  # its leading comment
    columns: list[str]
    rows: list[tuple]  # the first SHOW_ROWS failing rows
    n_rows: int

    def __str__(self) -> str:
        shown = "; ".join(", ".join(str(v) for v in r) for r in self.rows)
        more = f" (and {self.n_rows - len(self.rows)} more)" if self.n_rows > len(self.rows) else ""
        return f"check {self.check} failed on {self.n_rows} row(s) — {self.about}\n    {shown}{more}"


def failing_checks(con: duckdb.DuckDBPyConnection, checks_dir: Path = CHECKS) -> list[Failure]:
    """Run every check; return those that found rows."""
    define_area_macros(con)
    out = []
    for path in sorted(checks_dir.glob("*.sql")):
        try:
            cur = con.execute(f"SELECT * FROM (\n{_sql(path)}\n) LIMIT {SHOW_ROWS}")
            rows = cur.fetchall()
            cols = [d[0] for d in cur.description]
            n = con.execute(f"SELECT count(*) FROM (\n{_sql(path)}\n)").fetchall()[0][0] if rows else 0
        except duckdb.Error as e:
            raise BuildError(f"{_shown(path)}: {e}") from e
        if rows:
            out.append(Failure(path.stem, _about(path), cols, rows, n))
    return out


def check(con: duckdb.DuckDBPyConnection, checks_dir: Path = CHECKS) -> None:
    """Raise BuildError naming every failing check and showing its first rows."""
    failures = failing_checks(con, checks_dir)
    if failures:
        raise BuildError("the store's data do not pass its checks:\n  " + "\n  ".join(map(str, failures)))
