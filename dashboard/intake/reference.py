"""What validation needs from the store: the catalogue, the areas, the county totals."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dashboard import config
from dashboard.intake.kinds import BELOW_COUNTY_TYPES, COUNTY, COUNTY_NAMES
from dashboard.intake.problems import UploadError


@dataclass
class Reference:
    """What validation needs from the store: catalogue, areas, county totals, populations."""

    indicators: dict[str, dict]
    areas: dict[str, dict]  # code -> {name, type, parent}
    ward_locality: dict[str, str] = field(default_factory=dict)  # ward code -> locality code
    county_values: dict[tuple, float] = field(default_factory=dict)  # (indicator, period_end) -> value
    county_sources: dict[tuple, str] = field(default_factory=dict)
    county_all: dict[tuple, set] = field(default_factory=dict)  # every published value (sources may differ)

    @property
    def names(self) -> dict[str, str]:
        idx: dict[str, str] = {}
        for code, a in self.areas.items():
            if a["type"] in BELOW_COUNTY_TYPES or code == COUNTY:
                idx[a["name"].strip().lower()] = code
        for code, a in self.areas.items():
            if a["type"] in BELOW_COUNTY_TYPES or code == COUNTY:
                idx[code.lower()] = code  # codes win over names
        for n in COUNTY_NAMES:
            idx[n] = COUNTY
        return idx

    def locality_of(self, code: str) -> str | None:
        a = self.areas.get(code, {})
        if a.get("type") == "ward":
            return self.ward_locality.get(code) or (
                a.get("parent")
                if self.areas.get(a.get("parent") or "", {}).get("type") == "locality"
                else None
            )
        if a.get("type") == "sub-locality":
            return a.get("parent")
        return None

    @classmethod
    def from_store(cls, store_path: Path | None = None) -> Reference:
        path = Path(store_path or config.store_path())
        if not path.exists():
            raise UploadError(
                f"The data store {path.name} has not been built, so the file cannot be checked. "
                "Run `make store` first."
            )
        con = duckdb.connect(str(path), read_only=True)
        try:
            ind = con.execute(
                "SELECT indicator_id, name, unit, period_type, multiplier FROM indicators"
            ).fetchall()
            indicators = {
                r[0]: {"name": r[1], "unit": r[2], "period_type": r[3] or "", "multiplier": r[4]} for r in ind
            }
            areas = {
                r[0]: {"name": r[1], "type": r[2], "parent": r[3]}
                for r in con.execute(
                    "SELECT area_code, area_name, area_type, parent_code FROM areas"
                ).fetchall()
            }
            by_name = {a["name"].lower(): c for c, a in areas.items() if a["type"] == "locality"}
            wl = {}
            for ward, loc in con.execute("SELECT ward_code, locality FROM ward_locality").fetchall():
                code = loc if loc in areas else by_name.get((loc or "").lower())
                if code:
                    wl[ward] = code
            cv, cs, alts = {}, {}, {}
            for ind_id, end, value, src in con.execute(
                "SELECT indicator_id, period_end, value, source_id FROM observations "
                "WHERE area_code = ? AND value IS NOT NULL AND period_end IS NOT NULL "
                "AND value_type = 'actual' AND upload_id IS NULL",
                [COUNTY],
            ).fetchall():
                cv.setdefault((ind_id, end), value)
                cs.setdefault((ind_id, end), src)
                alts.setdefault((ind_id, end), set()).add(value)
        finally:
            con.close()
        return cls(indicators, areas, wl, cv, cs, alts)
