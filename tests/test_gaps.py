"""Unit tests for dashboard.analysis.attainment_gaps and dashboard.analysis.outcomes (no Streamlit)."""

import pandas as pd

from dashboard.analysis import attainment_gaps as gaps
from dashboard.analysis import outcomes as oc


def _facts(rows):
    cols = [
        "indicator_id",
        "area_code",
        "period",
        "period_end",
        "value",
        "source_kind",
        "source_document",
        "source_line",
        "source_quote",
        "note",
        "status",
    ]
    return pd.DataFrame([dict(zip(cols, r + (None,) * (len(cols) - len(r)))) for r in rows])


def test_gap_is_group_minus_peers_per_area_and_year():
    m = gaps.MEASURES["ks2_rwm"]
    g = m.groups[0]
    df = _facts(
        [
            (g.group_id, "E06000019", "2025", "2025-08-31", 43.0, "publication", "LAIT"),
            (g.peers_id, "E06000019", "2025", "2025-08-31", 66.0, "publication", "LAIT"),
            (g.group_id, "E92000001", "2025", "2025-08-31", 48.0, "publication", "LAIT"),
            (g.peers_id, "E92000001", "2025", "2025-08-31", 70.0, "publication", "LAIT"),
            (g.group_id, "E06000019", "2024", "2024-08-31", 40.0, "publication", "LAIT"),
        ]
    )  # no peers: no gap
    out = gaps.compute_gaps(df, g)
    assert len(out) == 2
    here = out[out["area_code"] == "E06000019"].iloc[0]
    assert here["gap"] == -23.0 and here["series"] == "Herefordshire"
    s = gaps.latest_gap_summary(out, g, m)
    assert s["england_gap"] == -22.0
    assert "23.0 percentage points behind" in s["wording"]
    assert "1.0 percentage points wider than England's" in s["england_wording"]


def test_seed_gap_stated_as_size_becomes_negative_star():
    g = gaps.MEASURES["eyfs_gld"].groups[0]
    df = _facts(
        [
            (
                "eyfs_gld_fsm_gap_ppt",
                "E06000019",
                "2014",
                "2014-08-31",
                25.0,
                "seed document",
                "003.txt",
                278,
                "in excess of 25%",
            )
        ]
    )
    out = gaps.compute_gaps(df, g)
    assert out.iloc[0]["gap"] == -25.0 and out.iloc[0]["source_kind"] == "seed document"


def test_gap_wording_both_signs_and_points():
    assert (
        gaps.gap_wording(3.0, "points", "Pupils on SEN support", "others")
        == "Pupils on SEN support were 3.0 points ahead of others."
    )
    assert "did as well as" in gaps.gap_wording(0.0, "percentage points", "A", "b")
    assert "not available" in gaps.compare_with_england(-5, None, "points")
    assert "narrower" in gaps.compare_with_england(-5, -8, "points")
    assert "behind its peers here but ahead" in gaps.compare_with_england(-2, 1, "points")


def test_empty_input_gives_empty_frames():
    g = gaps.MEASURES["ks4_att8"].groups[0]
    assert gaps.compute_gaps(pd.DataFrame(), g).empty
    assert gaps.gap_table(_facts([]).iloc[0:0], gaps.MEASURES["ks4_att8"]).empty


def test_old_and_new_measures_are_different_ids():
    for m in gaps.MEASURES.values():
        assert m.all_id not in m.old_ids


def test_judgement_grid_prefers_whole_outcome_and_marks_parts():
    j = pd.DataFrame(
        [
            dict(
                framework="JAR 2005",
                judgement_date=None,
                period_label="autumn 2005",
                outcome="Stay safe",
                subject="Contribution of services to staying safe",
                grade=1,
                grade_label="inadequate",
                source_document="000.txt",
                source_line=296,
                source_quote="q",
            ),
            dict(
                framework="JAR 2005",
                judgement_date=None,
                period_label="autumn 2005",
                outcome="Service management",
                subject="Local health services",
                grade=3,
                grade_label="good",
                source_document="000.txt",
                source_line=209,
                source_quote="q",
            ),
            dict(
                framework="JAR 2005",
                judgement_date=None,
                period_label="autumn 2005",
                outcome="Service management",
                subject="Children's social care services",
                grade=1,
                grade_label="inadequate",
                source_document="000.txt",
                source_line=209,
                source_quote="q",
            ),
            dict(
                framework="Ofsted single inspection 2014",
                judgement_date=pd.Timestamp("2014-05-31"),
                period_label="May 2014",
                outcome="Stay safe",
                subject="Adoption performance",
                grade=None,
                grade_label="Good",
                source_document="003.txt",
                source_line=261,
                source_quote="q",
            ),
            dict(
                framework="Ofsted children's centre inspection",
                judgement_date=None,
                period_label="2015",
                outcome="Enjoy and achieve",
                subject="A centre",
                grade=None,
                grade_label="Inadequate",
                source_document="003.txt",
                source_line=278,
                source_quote="q",
            ),
        ]
    )
    grid = oc.judgement_grid(j)
    assert oc.grid_columns(grid) == ["JAR 2005", "Ofsted single inspection 2014"]
    cell = grid[(grid["outcome"] == "Stay safe") & (grid["framework"] == "JAR 2005")].iloc[0]
    assert cell["cell_text"] == "1 inadequate" and cell["step"] == 1
    sm = grid[grid["outcome"] == "Service management"].iloc[0]
    assert pd.isna(sm["step"]) and sm["cell_text"].startswith("2 part judgements")
    ofs = grid[grid["framework"] == "Ofsted single inspection 2014"].iloc[0]
    assert ofs["step"] == 3 and ofs["cell_text"] == "Good *"
    assert list(oc.other_judgements(j)["framework"]) == ["Ofsted children's centre inspection"]


def test_compare_words_come_from_intervals():
    worse = oc.compare_words(27.2, 23.5, "low is good", "%", 1, (26.0, 28.4), (23.3, 23.7))
    assert worse.startswith("significantly higher than England (worse)")
    better = oc.compare_words(64.5, 52.7, "high is good", "%", 1, (62.0, 67.0), (52.5, 52.9))
    assert better.startswith("significantly higher than England (better)")
    demand = oc.compare_words(
        100, 67, "no judgement", "rate per 10,000 children aged 0-17", 0, (90, 111), (66, 68)
    )
    assert (
        demand.startswith("significantly higher than England")
        and "better" not in demand
        and "worse" not in demand
    )
    # infant mortality 4.0 vs 3.9 on point estimates alone: no claim
    bare = oc.compare_words(4.0, 3.9, "low is good", "rate per 1,000 live births", 1)
    assert "worse" not in bare and "higher" not in bare and "not tested" in bare
    overlap = oc.compare_words(4.0, 3.9, "low is good", "rate per 1,000", 1, (2.5, 5.9), (3.8, 4.0))
    assert overlap.startswith("similar to England")
    assert oc.compare_words(5, None, "low is good", "%", 0) == "no England figure for the same period"


def test_latest_status_does_not_compare_counts():
    rows = pd.DataFrame(
        [
            dict(
                ecm_outcome="Stay safe",
                indicator_id="x",
                indicator="X (Num)",
                unit="count",
                polarity="no judgement",
                decimals=0,
                area_code="E06000019",
                period="2025",
                period_end="2025-03-31",
                value=53.0,
                status=None,
                value_type="actual",
                source_kind="publication",
                source_document="LAIT",
                source_line=None,
                source_quote=None,
            ),
            dict(
                ecm_outcome="Stay safe",
                indicator_id="x",
                indicator="X (Num)",
                unit="count",
                polarity="no judgement",
                decimals=0,
                area_code="E92000001",
                period="2025",
                period_end="2025-03-31",
                value=6240.0,
                status=None,
                value_type="actual",
                source_kind="publication",
                source_document="LAIT",
                source_line=None,
                source_quote=None,
            ),
        ]
    )
    st = oc.latest_status(rows)
    assert st.iloc[0]["comparison"].startswith("a count") and pd.isna(st.iloc[0]["england"])
    assert st.iloc[0]["as_at"] == "as at 31 March 2025"


def test_quote_lines_escape_markdown_and_cite_line():
    s = pd.DataFrame(
        [
            dict(
                statement_date=pd.Timestamp("2006-05-31"),
                text="t",
                source_quote="a *bold* claim",
                source_document="000_x.txt",
                source_line=12,
            )
        ]
    )
    line = oc.quote_lines(s)[0]
    assert "\\*bold\\*" in line and "line 12" in line and "May 2006" in line
