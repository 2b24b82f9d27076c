"""Column lists more than one loader reads or writes (one home, so the loaders cannot drift apart)."""

from __future__ import annotations

# An observation's identity and figure: what every observation-shaped row carries, in this order.
OBS_CORE = ["indicator_id", "area_code", "period_label", "period_start", "period_end", "value"]
# The observations table's columns as the public pack and the small-area loaders insert them.
OBS_COLS = [
    "obs_id",
    *OBS_CORE,
    "numerator",
    "denominator",
    "status",
    "value_type",
    "source_id",
    "note",
]
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
