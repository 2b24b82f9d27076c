"""Every row taken from a seed document: quote on its cited line, value readable from the quote."""

import csv
from pathlib import Path

import pytest

from data.seedcheck import check_file, numbers_in, seed_lines, value_in_quote

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = sorted((ROOT / "data" / "seeds").glob("*.csv")) + sorted((ROOT / "data" / "plan").glob("*.csv"))


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_quotes_on_cited_lines_and_values_readable(path):
    assert check_file(path) == []


def test_number_reading():
    assert 1893 in numbers_in("1,893 children")
    assert 43.21 in numbers_in("rate 43.21%")
    assert value_in_quote(9, "nine schools")
    assert value_in_quote(1_200_000, "£1.2m for the plan")
    assert not value_in_quote(18, "1,893 children")


def test_seed_documents_read_with_python_line_split():
    lines = seed_lines("002_2fdbf91cb6f1887a.txt")
    assert len(lines) == 118


def test_keys_unique_and_indicators_have_units():
    ids, units = set(), {}
    for f in sorted((ROOT / "data" / "seeds").glob("indicators_*.csv")) + [ROOT / "data" / "indicators.csv"]:
        with f.open(newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                assert r["unit"].strip(), f"{f.name}: {r['indicator_id']} has no unit"
                units[r["indicator_id"]] = r["unit"]
    for f in sorted((ROOT / "data" / "seeds").glob("figures_*.csv")):
        with f.open(newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                assert r["fact_id"] not in ids, f"duplicate {r['fact_id']}"
                ids.add(r["fact_id"])
                assert r["indicator_id"] in units, (
                    f"{f.name} {r['fact_id']}: {r['indicator_id']} not in a catalogue"
                )
    assert len(ids) >= 300


def test_profile_of_need_2006(con):
    got = dict(
        con.execute(
            "SELECT indicator_id, value FROM facts WHERE indicator_id LIKE 'profile_%' AND area_code = "
            "'E06000019'"
        ).fetchall()
    )
    assert got["profile_all_children"] == 41000
    assert got["profile_looked_after"] == 160
    assert got["profile_cp_register"] == 62
