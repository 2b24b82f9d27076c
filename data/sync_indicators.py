"""Developer tool: give every LAIT measure code that the seed CSVs use a row in data/indicators.csv.

The store must build without the public pack, so the project keeps its own definition of each LAIT measure
the seeds share a series with. Run after adding seed rows:  python -m data.sync_indicators
"""

from __future__ import annotations

import csv
import sys

from dashboard.config import ROOT, public_data_dir

POLARITY = {"high": "high is good", "low": "low is good"}
NO_JUDGEMENT = {"LAC", "LACnum", "CPP_rate", "CPP_Num", "CIN"}


def main() -> int:
    ind_path = ROOT / "data" / "indicators.csv"
    with ind_path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    header = list(rows[0].keys())
    known = {r["indicator_id"] for r in rows}
    for f in (ROOT / "data" / "seeds").glob("indicators_*.csv"):
        with f.open(newline="", encoding="utf-8") as fh:
            known |= {r["indicator_id"] for r in csv.DictReader(fh)}
    used = set()
    for f in (ROOT / "data" / "seeds").glob("figures_*.csv"):
        with f.open(newline="", encoding="utf-8") as fh:
            used |= {r["indicator_id"] for r in csv.DictReader(fh)}
    for f in (ROOT / "data" / "plan").glob("rec_indicators.csv"):
        with f.open(newline="", encoding="utf-8") as fh:
            used |= {r["indicator_id"] for r in csv.DictReader(fh)}
    wanted = sorted(used - known)
    if not wanted:
        print("data/indicators.csv already defines every indicator the seeds use")
        return 0
    dict_path = public_data_dir() / "stats" / "lait_data_dictionary_subset.csv"
    with dict_path.open(newline="", encoding="utf-8") as fh:
        lait = {}
        for r in csv.DictReader(fh):
            lait.setdefault(r["Measure_short"], r)
    missing = [w for w in wanted if w not in lait]
    added = []
    for w in wanted:
        if w not in lait:
            continue
        r = lait[w]
        pol = (
            "no judgement"
            if w in NO_JUDGEMENT
            else POLARITY.get(r["Polarity"].strip().lower(), "no judgement")
        )
        added.append(
            {
                "indicator_id": w,
                "name": r["Measure"].strip(),
                "definition": r["Chart_title"].strip(),
                "unit": r["y_axis_name"].strip() or "value",
                "polarity": pol,
                "ecm_outcome": "",
                "topic": r["Topic"].strip(),
                "period_type": r["Year_Type"].strip(),
                "decimals": (r["dps"].split(".")[0] if r["dps"].strip() else ""),
                "multiplier": "",
                "caveat": "",
            }
        )
    with ind_path.open("a", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writerows(added)
    print(f"added {len(added)}: {', '.join(a['indicator_id'] for a in added)}")
    if missing:
        print(f"not LAIT codes and not defined anywhere: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
