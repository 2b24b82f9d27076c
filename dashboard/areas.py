"""Area codes the project names, in one place: Herefordshire, its comparators and its localities.

Everything else (other local authorities, wards, LSOAs) comes from data/areas.csv and the public pack. The
store build passes these codes to the derived tables as SQL macros (here_code(), england_code(),
west_midlands_code(); see data/models/README.md), so SQL and Python name the same areas.
"""

from __future__ import annotations

HERE = "E06000019"  # Herefordshire, the county unitary authority
ENGLAND = "E92000001"
WEST_MIDLANDS = "E12000005"
# The statistical-neighbour aggregates: the list in force, the May 2025 list and the April 2021 list.
SN_CODES = ("SN-HFD", "SN-HFD-2025", "SN-HFD-2021")

LOCALITY_PREFIX = "LOC-"
LOCALITIES = (
    "LOC-HEREFORD-CITY",
    "LOC-LEOMINSTER",
    "LOC-ROSS",
    "LOC-LEDBURY",
    "LOC-BROMYARD",
    "LOC-GOLDEN-VALLEY",
    "LOC-KINGTON-WEOBLEY",
)
SOUTH_WYE = "LOC-SOUTH-WYE"  # a Hereford City sub-area, the commissioners' default locality
SUB_AREAS = (SOUTH_WYE, "LOC-HEREFORD-NORTH", "LOC-HEREFORD-FRINGE")
HEREFORD_CITY = "LOC-HEREFORD-CITY"
COMPARE_DEFAULT = (SOUTH_WYE, "LOC-LEOMINSTER")  # the Localities page's first comparison
HEREFORD_CITY_EXCL_SW = "LOC-HEREFORD-CITY-EXCL-SW"  # Hereford City without South Wye (not mapped)

# Code prefixes of areas below the county: wards, LSOAs, MSOAs, localities, teams, Welsh wards.
BELOW_COUNTY_PREFIXES = ("E05", "E01", "E02", LOCALITY_PREFIX, "TEAM-", "W05")


def sql_macros() -> str:
    """The codes as DuckDB macros for the build's SQL (temporary: they live for one build connection)."""
    return "\n".join(
        f"CREATE OR REPLACE TEMP MACRO {name}() AS '{code}';"
        for name, code in (
            ("here_code", HERE),
            ("england_code", ENGLAND),
            ("west_midlands_code", WEST_MIDLANDS),
        )
    )
