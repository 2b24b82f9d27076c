"""Disclosure control attacked: hypothesis builds locality × period tables (localities, Hereford's sub-areas
and "Hereford City excluding South Wye", four quarters and their financial year), runs them through
`protect` (the function every page, download and export uses) and three attackers try to recover a hidden
value — subtraction over every parent group, a linear solve of every group equation at once (with values
≥ 0), and, for one group, every completion re-run through the published rule."""

from __future__ import annotations

import csv
import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from dashboard import areas
from dashboard.analysis import disclosure as D
from dashboard.analysis.disclosure_ref import hierarchy_from
from dashboard.config import ROOT

T = 5
FAST = [Phase.explicit, Phase.reuse, Phase.generate]  # no shrinking: each example runs the LP audit
COUNTY = areas.HERE
HC, EXCL = areas.HEREFORD_CITY, areas.HEREFORD_CITY_EXCL_SW
SW, NORTH, FRINGE = areas.SUB_AREAS
OTHERS = [c for c in areas.LOCALITIES if c != HC]
QUARTERS = [("2024-04-01", "2024-06-30"), ("2024-07-01", "2024-09-30"), ("2024-10-01", "2024-12-31")]
QUARTERS += [("2025-01-01", "2025-03-31")]
YEAR = ("2024-04-01", "2025-03-31")


def hierarchy():
    with (ROOT / "data" / "areas.csv").open(newline="", encoding="utf-8") as fh:
        rows = [
            (r["area_code"], r["area_name"], r["area_type"], r["parent_code"]) for r in csv.DictReader(fh)
        ]
    rows.append((EXCL, "Hereford City excluding South Wye", "locality", HC))
    return hierarchy_from(rows)


H = hierarchy()


def frame(cells: dict[tuple[str, tuple], int], indicator: str = "CPP_Total_NumRef") -> pd.DataFrame:
    rows = [
        {
            "indicator_id": indicator,
            "area_code": a,
            "area_type": H.types[a],
            "period_start": p[0],
            "period_end": p[1],
            "value": float(v),
        }
        for (a, p), v in cells.items()
    ]
    return pd.DataFrame(rows)


def run(df: pd.DataFrame, threshold: int = T) -> pd.DataFrame:
    return D.protect(df, threshold=threshold, universe=pd.DataFrame(), hierarchy=H)


def locality_table(sw, north, fringe, others, periods=(YEAR,)) -> dict:
    """Per period: sub-areas given, Hereford City and the excluding-South-Wye variant their sums."""
    cells = {}
    for k, p in enumerate(periods):
        s, n, f = sw[k], north[k], fringe[k]
        cells |= {(SW, p): s, (NORTH, p): n, (FRINGE, p): f, (EXCL, p): n + f, (HC, p): s + n + f}
        cells |= {(a, p): others[k][i] for i, a in enumerate(OTHERS)}
    return cells


def group_equations(cells: dict) -> list[tuple[list, object]]:
    """(parts, parent) for every closed group: the parent is a cell key or a known number (the county)."""
    eqs = []
    periods = {p for _a, p in cells}
    for p in periods:
        for parent, parts in H.partitions:
            if all((a, p) in cells for a in parts):
                known = (parent, p) if (parent, p) in cells else sum(cells[(a, p)] for a in parts)
                eqs.append(([(a, p) for a in parts], known))
    for a in {a for a, _p in cells}:
        if all((a, q) in cells for q in QUARTERS) and (a, YEAR) in cells:
            eqs.append(([(a, q) for q in QUARTERS], (a, YEAR)))
    return eqs


def published(df: pd.DataFrame) -> dict:
    return {
        (r.area_code, (r.period_start, r.period_end)): (None if r.status == "c" else r.value)
        for r in df.itertuples()
    }


def subtraction_attack(pub: dict, eqs) -> dict:
    """Repeatedly solve any group with exactly one unknown."""
    known = {k: v for k, v in pub.items() if v is not None}
    found = {}
    for _ in range(20):
        progress = False
        for parts, parent in eqs:
            total = parent if not isinstance(parent, tuple) else known.get(parent)
            terms = parts + ([parent] if isinstance(parent, tuple) else [])
            unknown = [t for t in terms if t not in known]
            if len(unknown) != 1:
                continue
            u = unknown[0]
            if u == parent:
                value = sum(known[t] for t in parts)
            elif total is None:
                continue
            else:
                value = total - sum(known[t] for t in parts if t != u)
            known[u] = value
            if value:  # a hidden cell pinned to 0 identifies nobody (zeros are shown anyway)
                found[u] = value
            progress = True
        if not progress:
            break
    return found


def linear_attack(pub: dict, eqs) -> dict:
    """Bounds of every hidden cell from all group equations at once, values ≥ 0 (the attacker's LP)."""
    hidden = sorted(k for k, v in pub.items() if v is None)
    pos = {k: i for i, k in enumerate(hidden)}
    rows, rhs = [], []
    for parts, parent in eqs:
        row, b = np.zeros(len(hidden)), 0.0
        signed = [(t, 1.0) for t in parts] + ([(parent, -1.0)] if isinstance(parent, tuple) else [])
        b = 0.0 if isinstance(parent, tuple) else float(parent)
        for t, a in signed:
            if t in pos:
                row[pos[t]] += a
            else:
                b -= a * pub[t]
        if row.any():
            rows.append(row)
            rhs.append(b)
    out = {}
    if not rows:
        return out
    for k, i in pos.items():
        c = np.zeros(len(hidden))
        c[i] = 1
        lo = linprog(c, A_eq=np.array(rows), b_eq=rhs, bounds=(0, None), method="highs")
        hi = linprog(-c, A_eq=np.array(rows), b_eq=rhs, bounds=(0, None), method="highs")
        if lo.status == 0 and hi.status == 0 and -hi.fun - lo.fun < 1 - 1e-7 and -hi.fun >= 0.5:
            out[k] = lo.fun
    return out


counts = st.integers(min_value=0, max_value=30)


@pytest.mark.slow  # about 10 s: in `make test`, not `make check`
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], phases=FAST)
@given(
    st.lists(counts, min_size=4, max_size=4),
    st.lists(counts, min_size=4, max_size=4),
    st.lists(counts, min_size=4, max_size=4),
    st.lists(st.lists(counts, min_size=6, max_size=6), min_size=4, max_size=4),
)
def test_no_attack_recovers_a_hidden_cell_in_locality_by_quarter_tables(sw, north, fringe, others):
    cells = locality_table(sw, north, fringe, others, periods=QUARTERS)
    for a in {a for a, _ in cells}:  # the financial year of each area = its quarters
        cells[(a, YEAR)] = sum(cells[(a, q)] for q in QUARTERS)
    out = run(frame(cells))
    pub = published(out)
    for k, v in cells.items():
        if 1 <= v < T:
            assert pub[k] is None, f"primary cell {k}={v} shown"
        if pub[k] is not None:
            assert pub[k] == v
    eqs = group_equations(cells)
    assert not subtraction_attack(pub, eqs)
    assert not linear_attack(pub, eqs)


def test_issue_attacks_hereford_city_minus_excluding_south_wye():
    cells = {(HC, YEAR): 50, (SW, YEAR): 3, (EXCL, YEAR): 47, (NORTH, YEAR): 30, (FRINGE, YEAR): 17}
    cells |= {(a, YEAR): 20 + i for i, a in enumerate(OTHERS)}
    pub = published(run(frame(cells)))
    assert pub[(SW, YEAR)] is None
    eqs = group_equations(cells)
    assert not subtraction_attack(pub, eqs) and not linear_attack(pub, eqs)


def test_issue_attack_year_minus_three_quarters():
    cells = {(SW, q): v for q, v in zip(QUARTERS, [10, 12, 11, 3], strict=True)} | {(SW, YEAR): 36}
    pub = published(run(frame(cells)))
    assert pub[(SW, QUARTERS[3])] is None
    assert sum(v is None for v in pub.values()) >= 2
    assert not subtraction_attack(pub, group_equations(cells))


def _compositions(total: int, parts: int):
    """Every way of writing `total` as `parts` whole numbers 0 or more, in order."""
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in _compositions(total - first, parts - 1):
            yield (first, *rest)


def rule_completions(values: list[int], threshold: int = T) -> tuple[dict, list[int]]:
    """The values each hidden locality can take among completions that the published rule maps to the same
    output. A cell is only declared pinned (one value) after every completion has been tried; the search
    first tries moving amounts between two hidden cells, which shows most cells free in a few trials."""
    cells = {(a, YEAR): v for a, v in zip([HC, *OTHERS], values, strict=True)}
    shown = published(run(frame(cells), threshold))
    hidden = [k for k, v in shown.items() if v is None]
    options: dict = {k: {cells[k]} for k in hidden}
    left = int(sum(values) - sum(v for v in shown.values() if v is not None))

    def consistent(combo) -> bool:
        trial = dict(cells) | dict(zip(hidden, combo, strict=True))
        return published(run(frame(trial), threshold)) == shown

    def settled() -> bool:
        return all(len(v) >= 2 for v in options.values())

    true = [cells[k] for k in hidden]
    for a, b in itertools.permutations(range(len(hidden)), 2):
        for amount in range(1, true[a] + 1):
            combo = list(true)
            combo[a] -= amount
            combo[b] += amount
            if len(options[hidden[a]]) >= 2 and len(options[hidden[b]]) >= 2:
                break
            if consistent(combo):
                options[hidden[a]].add(combo[a])
                options[hidden[b]].add(combo[b])
                break
    if not settled():
        for combo in _compositions(left, len(hidden)):
            if consistent(combo):
                for k, v in zip(hidden, combo, strict=True):
                    options[k].add(v)
            if settled():
                break
    return options, hidden


def test_rule_inference_attack_from_the_issue():
    """[9,9,4,9,0,20,30], total 81: knowing the rule must leave every hidden cell more than one value."""
    options, hidden = rule_completions([9, 9, 4, 9, 0, 20, 30])
    assert len(hidden) >= 2
    assert all(len(v) >= 2 for v in options.values()), options


@pytest.mark.parametrize(
    "values",
    [
        [5, 0, 0, 0, 0, 0, 1],  # found by the property test below: 5 and 1 were told apart from 4 and 2
        [4, 0, 0, 0, 0, 0, 4],  # two primaries at the top of their range
        [1, 0, 0, 0, 0, 0, 1],  # and at the bottom
        [4, 1, 0, 0, 0, 0, 5],
    ],
)
def test_rule_inference_attack_edge_cases(values):
    options, hidden = rule_completions(values)
    assert len(hidden) >= 2
    assert all(len(v) >= 2 or v == {0} for v in options.values()), (values, options)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=0, max_value=8), min_size=7, max_size=7))
def test_rule_inference_attack_recovers_nothing(values):
    options, hidden = rule_completions(values)
    if hidden:
        assert len(hidden) >= 2 or all(1 <= v < T for v in values)
        assert all(len(v) >= 2 or v == {0} for v in options.values()), (values, options)


def test_rates_follow_their_counts_and_numerators_are_blanked():
    rows = [
        {"indicator_id": "cin_count", "area_code": a, "area_type": H.types[a], "period_end": "2025-03-31"}
        | {"value": float(v)}
        for a, v in zip([HC, *OTHERS], [3, 30, 40, 50, 60, 70, 80], strict=True)
    ]
    rows += [
        {"indicator_id": "CIN", "area_code": HC, "area_type": "locality", "period_end": "2025-03-31"}
        | {"value": 7.317, "numerator": 3.0, "denominator": 4100.0}
    ]
    out = run(pd.DataFrame(rows)).set_index(["indicator_id", "area_code"])
    rate = out.loc[("CIN", HC)]
    assert rate["status"] == "c" and math.isnan(rate["value"])
    assert math.isnan(rate["numerator"]) and math.isnan(rate["denominator"])


def test_a_rate_table_without_indicator_or_unit_is_judged_by_its_numerator():
    df = pd.DataFrame(
        {"area_code": [HC, "LOC-LEOMINSTER"], "area_type": "locality", "period": "2025"}
        | {"value": [7.317, 9.1], "numerator": [3.0, 40.0], "denominator": [4100.0, 44000.0]}
    )
    out = run(df)
    assert out.loc[0, "status"] == "c" and math.isnan(out.loc[0, "numerator"])
    assert 3.0 not in out.to_numpy().ravel().tolist()


def test_county_and_above_never_suppressed_and_counts_of_lsoas_pass():
    df = pd.DataFrame(
        {
            "indicator_id": ["cin_count", "cin_count", "imd_lsoas_decile_01"],
            "area_code": [COUNTY, "E92000001", "LOC-LEOMINSTER"],
            "area_type": ["local authority", "country", "locality"],
            "period": "2025",
            "value": [3.0, 2.0, 2.0],
        }
    )
    cat = D.cat.project_catalogue() | {
        "imd_lsoas_decile_01": D.cat.Entry(
            "imd_lsoas_decile_01", "count", name="LSOAs in national IMD decile 1"
        )
    }
    out = D.protect(df, threshold=T, universe=pd.DataFrame(), hierarchy=H, catalogue=cat)
    assert out["value"].tolist() == [3.0, 2.0, 2.0]


def test_threshold_comes_from_config(monkeypatch):
    monkeypatch.setenv("DISCLOSURE_THRESHOLD", "10")
    df = frame({(a, YEAR): v for a, v in zip([HC, *OTHERS], [7, 30, 40, 50, 60, 70, 80], strict=True)})
    out = D.protect(df, universe=pd.DataFrame(), hierarchy=H)
    assert out.set_index("area_code").at[HC, "status"] == "c"


def test_frames_without_small_areas_unchanged():
    df = pd.DataFrame({"indicator_id": ["LAC"], "area_code": [COUNTY], "value": [71.0]})
    assert D.protect(df).equals(df)
    assert D.protect(pd.DataFrame(columns=["value"])).empty


def test_shares_of_lsoas_pass_but_figures_about_children_in_lsoas_are_judged():
    """A share of LSOAs is judged by nothing (its numerator counts areas, not people); a rate whose name says
    LSOA in the singular is about the children in it and is judged by its numerator."""
    share = D.cat.Entry(
        "imd_lsoa_pct_most_deprived_20", "%", name="LSOAs in the most deprived 20% nationally for education"
    )
    children = D.cat.Entry("idaci_rate", "%", name="Children in income-deprived families (aged 0-15, LSOA)")
    assert share.counts_areas and not children.counts_areas
    df = pd.DataFrame(
        {
            "indicator_id": [share.indicator_id, children.indicator_id],
            "area_code": ["LOC-LEOMINSTER", "LOC-LEOMINSTER"],
            "area_type": "locality",
            "period": "2025",
            "value": [11.8, 12.0],
            "numerator": [2.0, 3.0],
            "denominator": [17.0, 25.0],
        }
    )
    cat = D.cat.project_catalogue() | {e.indicator_id: e for e in (share, children)}
    out = D.protect(df, threshold=T, universe=pd.DataFrame(), hierarchy=H, catalogue=cat)
    assert out.loc[0, "value"] == 11.8 and out.loc[0, "numerator"] == 2.0
    assert out.loc[1, "status"] == "c" and math.isnan(out.loc[1, "value"])


def test_a_count_of_children_below_the_county_is_a_count_and_a_count_of_schools_is_not():
    """Small-area units say what they count ("count of children", "count of pupils"): those are counts of
    people and a 1-4 is hidden; "count of schools" counts places on a public register and is shown."""
    children = D.cat.Entry("children_0_4", "count of children", name="Children aged 0-4")
    schools = D.cat.Entry("schools_special", "count of schools", name="Special schools")
    assert children.kind == "count" and not children.counts_areas
    assert schools.counts_areas
    df = pd.DataFrame(
        {
            "indicator_id": [children.indicator_id, schools.indicator_id],
            "area_code": ["LOC-LEOMINSTER", "LOC-LEOMINSTER"],
            "area_type": "locality",
            "period": "2025",
            "value": [3.0, 2.0],
        }
    )
    cat = D.cat.project_catalogue() | {e.indicator_id: e for e in (children, schools)}
    out = D.protect(df, threshold=T, universe=pd.DataFrame(), hierarchy=H, catalogue=cat)
    assert out.loc[0, "status"] == "c" and math.isnan(out.loc[0, "value"])
    assert out.loc[1, "value"] == 2.0


def test_rule_inference_attack_two_small_counts_beside_their_total():
    """[0,0,0,0,0,4,4], total 8: both small counts are known to be 1-4, so on their own beside the total
    they would be pinned at 4; a complementary cell must join them."""
    options, hidden = rule_completions([0, 0, 0, 0, 0, 4, 4])
    assert len(hidden) >= 3
    assert all(len(v) >= 2 or v == {0} for v in options.values()), options


def test_a_cell_pinned_across_groups_gets_a_complementary_cell_beyond_its_own():
    """A table (found by the property test) where every group of Hereford City excluding South Wye's fourth
    quarter was already wholly hidden, yet the equations of neighbouring groups pinned it at 6."""
    sw, north, fringe = [0, 3, 4, 3], [10, 8, 0, 6], [3, 0, 40, 0]
    others = [[3, 0, 10, 15, 0, 0], [5, 0, 40, 0, 2, 2], [40, 10, 5, 1, 0, 6], [1, 15, 2, 1, 20, 0]]
    cells = locality_table(sw, north, fringe, others, periods=QUARTERS)
    for a in {a for a, _ in cells}:
        cells[(a, YEAR)] = sum(cells[(a, q)] for q in QUARTERS)
    pub = published(run(frame(cells)))
    eqs = group_equations(cells)
    assert not subtraction_attack(pub, eqs)
    assert not linear_attack(pub, eqs)
