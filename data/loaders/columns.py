"""Column lists more than one loader reads or writes (one home, so the loaders cannot drift apart)."""

from __future__ import annotations

# An observation's identity and figure: what every observation-shaped row carries, in this order.
OBS_CORE = ["indicator_id", "area_code", "period_label", "period_start", "period_end", "value"]
# An observation's identity and figure with its counts, status, type and source: what every loader inserts.
OBS_FIELDS = [*OBS_CORE, "numerator", "denominator", "status", "value_type", "source_id"]
# The observations table's columns as the public pack and the small-area loaders insert them.
OBS_COLS = ["obs_id", *OBS_FIELDS, "note"]
# What a `sources` row says of where a source comes from (data/sources.csv and data/smallarea_sources.csv).
SOURCE_ORIGIN = ["publisher", "published_date", "file_name", "licence", "url", "purpose"]
INDICATOR_COLS = [
    "indicator_id",
    "name",
    "definition",
    "unit",
    "polarity",
    "ecm_outcome",
    "topic",
    "period_type",
    "decimals",
    "multiplier",
    "caveat",
]
