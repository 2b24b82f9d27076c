"""The project's own reference tables: sources, areas, indicators (data/*.csv)."""

from __future__ import annotations

from data.loaders.columns import INDICATOR_COLS, SOURCE_ORIGIN
from data.loaders.common import insert, read_csv

SOURCE_COLS = ["source_id", "title", "kind", *SOURCE_ORIGIN, "note", "short_title"]
AREA_COLS = ["area_code", "area_name", "area_type", "parent_code", "old_la_code", "note"]


def load(con, ctx):
    from data.buildkit import Step

    d = ctx.root / "data"
    steps = []
    n = insert(con, "sources", read_csv(d / "sources.csv", SOURCE_COLS), "data/sources.csv")
    steps.append(Step("reference", "data/sources.csv", n))
    n = insert(con, "areas", read_csv(d / "areas.csv", AREA_COLS), "data/areas.csv")
    steps.append(Step("reference", "data/areas.csv", n))
    # the project's catalogue also says which count each rate is built on (count_indicator)
    ind = read_csv(d / "indicators.csv", INDICATOR_COLS + ["count_indicator"])
    ind["origin"] = "project"
    n = insert(con, "indicators", ind, "data/indicators.csv")
    steps.append(Step("reference", "data/indicators.csv", n))
    return steps
