"""Every Child Matters outcomes: the judgement grid over time and each indicator's latest status.

No Streamlit here.
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard.analysis import ranks, stats
from dashboard.areas import ENGLAND, HERE
from dashboard.present import theme
from dashboard.present.format import as_at, fmt_value
from dashboard.present.sources import cite, cite_rows
from dashboard.store.memo import memoize

OUTCOMES = [
    "Be healthy",
    "Stay safe",
    "Enjoy and achieve",
    "Make a positive contribution",
    "Achieve economic well-being",
    "Service management",
    "Capacity to improve",
]
# The frameworks that judged the outcomes themselves (columns of the grid); other inspections are listed
# apart.
GRID_FRAMEWORK = re.compile(
    r"^(JAR \d{4}|APA \d{4}( self-assessment)?|Ofsted single inspection( \d{4})?|"
    r"ILACS.*|Ofsted inspection of local authority children.*)$",
    re.I,
)
GRADE_TEXT = {1: "Inadequate", 2: "Adequate", 3: "Good", 4: "Outstanding"}
# Today's Ofsted words on the same four steps (colour only; the cell always shows the words).
OFSTED_STEP = {
    "inadequate": 1,
    "requires improvement": 2,
    "adequate": 2,
    "satisfactory": 2,
    "good": 3,
    "outstanding": 4,
}
STEP_COLOUR = {1: theme.RED, 2: theme.AMBER, 3: theme.GREEN, 4: theme.DARK_BLUE}


def _year(framework: str, period_label: str | None, date) -> float:
    if date is not None and not pd.isna(date):
        return pd.Timestamp(date).year + pd.Timestamp(date).month / 12
    for text in (framework or "", period_label or ""):
        m = re.search(r"(19|20)\d\d", text)
        if m:
            return float(m.group(0)) + 0.75  # 'autumn 2005'-style labels sort after dated ones that year
    return 9999.0


def grade_step(grade, label: str | None) -> int | None:
    """The 1 (inadequate) .. 4 (outstanding) step used for colour; None when the words carry no grade."""
    if grade is not None and not pd.isna(grade):
        g = int(grade)
        return g if 1 <= g <= 4 else None
    text = (label or "").strip().lower()
    for words, step in OFSTED_STEP.items():
        if text.startswith(words):
            return step
    return None


def _headline_rank(subject: str | None) -> int:
    s = (subject or "").lower()
    if (
        "contribution of services" in s
        or "overall" in s
        or s.endswith("outcome")
        or "capacity to improve" in s
    ):
        return 0
    return 1


GRID_COLUMNS = (
    "outcome framework order grade grade_label step cell_text subject period_label source_document "
    "source_line source_quote others"
).split()


@memoize()
def judgement_grid(j: pd.DataFrame) -> pd.DataFrame:
    """One cell per outcome and framework: the headline judgement (graded, 'contribution of services' first).

    j: rows of queries/outcomes_judgements.sql. Returns: outcome, framework, order, grade, grade_label, step,
    cell_text, subject, period_label, source_document, source_line, source_quote, others (other judgements of
    the same outcome in the same framework, as text).
    """
    d = pd.DataFrame() if j is None else j
    if not d.empty:
        d = d[d["framework"].fillna("").str.match(GRID_FRAMEWORK) & d["outcome"].isin(OUTCOMES)].copy()
    if d.empty:
        return pd.DataFrame(columns=GRID_COLUMNS)
    d["order"] = [_year(f, p, dt) for f, p, dt in zip(d["framework"], d["period_label"], d["judgement_date"])]
    d["step"] = [grade_step(g, lab) for g, lab in zip(d["grade"], d["grade_label"])]
    d["rank"] = [(0 if s is not None else 1, _headline_rank(sub)) for s, sub in zip(d["step"], d["subject"])]
    d = d.sort_values(["outcome", "framework", "rank", "source_document", "source_line"])
    rows = []
    for (outcome, fw), grp in d.groupby(["outcome", "framework"], sort=False):
        top = grp.iloc[0].copy()
        parts = grp[grp["step"].notna()]
        if _headline_rank(top["subject"]) == 1 and len(parts) > 1:
            # no judgement of the whole outcome, several of its parts: do not let one part stand for it
            top["grade"], top["step"] = None, None
            top["grade_label"] = f"{len(parts)} part judgements"
        label = str(top["grade_label"] or "").strip()
        grade = top["grade"]
        if grade is not None and not pd.isna(grade):
            text = (
                f"{int(grade)} {label}"
                if label and not label.startswith(str(int(grade)))
                else (label or str(grade))
            )
        else:
            text = label or "no grade"
        if _headline_rank(top["subject"]) == 1:
            text += " *"
        others = "; ".join(
            f"{r.subject}: {r.grade_label}"
            for r in grp.itertuples()
            if (r.subject, r.grade_label) != (top["subject"], top["grade_label"])
        )
        rows.append(
            {
                "outcome": outcome,
                "framework": fw,
                "order": grp["order"].min(),
                "grade": grade,
                "grade_label": label,
                "step": top["step"],
                "cell_text": text,
                "subject": top["subject"],
                "period_label": top["period_label"],
                "source_document": top["source_document"],
                "source_line": top["source_line"],
                "source_quote": top["source_quote"],
                "others": others,
            }
        )
    out = pd.DataFrame(rows, columns=GRID_COLUMNS)
    out["outcome"] = pd.Categorical(out["outcome"], OUTCOMES, ordered=True)
    return out.sort_values(["outcome", "order"]).reset_index(drop=True)


def grid_columns(grid: pd.DataFrame) -> list[str]:
    """Frameworks in time order."""
    if grid.empty:
        return []
    return grid.groupby("framework")["order"].min().sort_values().index.tolist()


@memoize()
def other_judgements(j: pd.DataFrame) -> pd.DataFrame:
    """Judgements that are not outcome-level (single settings, services): listed beside the grid."""
    if j is None or j.empty:
        return j
    mask = j["framework"].fillna("").str.match(GRID_FRAMEWORK) & j["outcome"].isin(OUTCOMES)
    return j[~mask].reset_index(drop=True)


def compare_words(
    value, england, polarity: str | None, unit: str, decimals: int | None, here_ci=None, eng_ci=None
) -> str:
    """Herefordshire against England from the 95% intervals ('significantly higher than England (worse)',
    'similar to England'); better/worse only for indicators with a polarity. Without both intervals no
    difference is claimed: the two figures are given side by side."""
    if value is None or england is None or pd.isna(value) or pd.isna(england):
        return "no England figure for the same period"
    eng = fmt_value(england, unit, decimals)
    sig = stats.compare(here_ci, eng_ci)
    if sig == stats.NOT_TESTED:
        return f"England {eng}; not tested for significance (no interval: counts not published)"
    return f"{stats.verdict_words(sig, polarity)}; England {eng}"


def _ci(num, den, mult) -> tuple[float, float] | None:
    lo, hi, _method = stats.interval(num, den, mult)
    return None if lo is None else (lo, hi)


COMPARABLE_UNIT = re.compile(r"%|per |rate|score|average|percentile|ratio|points", re.I)


def _with_england(rows: pd.DataFrame) -> tuple[pd.DataFrame, list, list]:
    """Herefordshire's rows with England's value, and both 95% intervals where counts are published."""
    here = rows[rows["area_code"] == HERE].drop_duplicates("indicator_id")
    eng_all = rows[rows["area_code"] == ENGLAND]
    ecols = ["indicator_id", "value"] + [c for c in ("numerator", "denominator") if c in eng_all]
    eng = eng_all.drop_duplicates("indicator_id")[ecols]
    d = here.merge(
        eng.rename(columns={"value": "england", "numerator": "e_num", "denominator": "e_den"}),
        on="indicator_id",
        how="left",
    )
    for c in ("numerator", "denominator", "multiplier", "e_num", "e_den"):
        if c not in d:
            d[c] = float("nan")
    here_ci = [_ci(n, m_, k) for n, m_, k in zip(d["numerator"], d["denominator"], d["multiplier"])]
    eng_ci = [_ci(n, m_, k) for n, m_, k in zip(d["e_num"], d["e_den"], d["multiplier"])]
    return d, here_ci, eng_ci


@memoize()
def latest_status(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: latest Herefordshire value, its as-at date and the England comparison.

    rows: queries/outcomes_indicators.sql, which already picks Herefordshire's latest figure per indicator
    (published statistics before council papers) and England's for the same date and source kind.
    Counts are never compared with England's count.
    """
    cols = (
        "ecm_outcome indicator_id indicator latest as_at england comparison among_councils polarity source"
    ).split()
    if rows is None or rows.empty:
        return pd.DataFrame(columns=cols)
    d, here_ci, eng_ci = _with_england(rows)
    dec = [None if pd.isna(x) else int(x) for x in d["decimals"]]
    comparable = d["unit"].fillna("").str.contains(COMPARABLE_UNIT)
    out = pd.DataFrame(
        {
            "ecm_outcome": d["ecm_outcome"],
            "indicator_id": d["indicator_id"],
            "indicator": d["indicator"],
            "latest": [fmt_value(v, u, k, s) for v, u, k, s in zip(d["value"], d["unit"], dec, d["status"])],
            "as_at": [as_at(p, e) for p, e in zip(d["period"], d["period_end"])],
            "england": d["england"].where(comparable),
            "comparison": [
                compare_words(v, e, pol, u, k, hc, ec)
                if c
                else "a count or total: not compared with England's"
                for v, e, pol, u, k, c, hc, ec in zip(
                    d["value"], d["england"], d["polarity"], d["unit"], dec, comparable, here_ci, eng_ci
                )
            ],
            "among_councils": [
                ranks.standing_text(r, r.get("lait_polarity")) or "–" if "rank" in d else "–"
                for _, r in d.iterrows()
            ],
            "polarity": d["polarity"],
            "source": cite_rows(d),
        }
    )
    out["ecm_outcome"] = pd.Categorical(out["ecm_outcome"], OUTCOMES, ordered=True)
    return out[cols].sort_values(["ecm_outcome", "indicator"]).reset_index(drop=True)


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|$~])", r"\\\1", text)


@memoize()
def quote_lines(statements: pd.DataFrame) -> list[str]:
    """Markdown lines: the quote, then the document and line it came from."""
    lines = []
    for r in statements.itertuples():
        quote = (r.source_quote if isinstance(r.source_quote, str) and r.source_quote else r.text).strip()
        where = cite(r.source_document, r.source_line)
        date = f"{pd.Timestamp(r.statement_date):%B %Y}, " if pd.notna(r.statement_date) else ""
        lines.append(f"> “{_md(quote)}”  \n> — {date}{_md(str(where))}")
    return lines


# --- Profile of need helpers (deprivation tables) -----------------------------------------------------------

IMD_SUMMARY = [
    # (label, indicator for 2019, indicator for 2025, how to read it)
    ("Average IMD score (higher = more deprived)", "imd2019_avg_score", "imd2025_avg_score", "score"),
    (
        "Rank of average score among 296 districts (1 = most deprived)",
        "imd2019_rank_avg_score",
        "imd2025_rank_avg_score",
        "rank",
    ),
    (
        "Share of neighbourhoods (LSOAs) in England's most deprived 10%",
        "imd2019_prop_lsoa_10pct",
        "imd2025_prop_lsoa_10pct",
        "%",
    ),
    (
        "Extent: share of people living in the most deprived 30% of neighbourhoods",
        "imd2019_extent",
        "imd2025_extent",
        "%",
    ),
]


@memoize()
def deprivation_summary(df: pd.DataFrame) -> pd.DataFrame:
    """Herefordshire's IMD 2019 and IoD 2025 district summaries with England's reference value where one
    exists."""
    rows = []
    if df is None or df.empty:
        return pd.DataFrame(columns=["measure", "IMD 2019", "IoD 2025", "England"])
    here = df[df["area_code"] == HERE].set_index("indicator_id")["value"]
    for label, i19, i25, kind in IMD_SUMMARY:
        if i19 not in here and i25 not in here:
            continue

        def f(i, kind=kind):
            if i not in here:
                return "–"
            v = float(here[i])
            return f"{v:,.0f} of 296" if kind == "rank" else (f"{v:.1f}%" if kind == "%" else f"{v:.1f}")

        eng = {
            "%": "10% (by definition)" if "10%" in label else "30% (by definition)",
            "rank": "–",
            "score": "–",
        }[kind]
        rows.append({"measure": label, "IMD 2019": f(i19), "IoD 2025": f(i25), "England": eng})
    return pd.DataFrame(rows, columns=["measure", "IMD 2019", "IoD 2025", "England"])


@memoize()
def decile_shares(df: pd.DataFrame) -> pd.DataFrame:
    """Share of Herefordshire's LSOAs in each national IMD decile, by edition.

    Columns: decile, edition, value, count."""
    if df is None or df.empty:
        return pd.DataFrame(columns=["decile", "edition", "value", "count", "period_end"])
    d = df[(df["area_code"] == HERE) & df["indicator_id"].str.startswith("imd_lsoas_decile_")].copy()
    if d.empty:
        return pd.DataFrame(columns=["decile", "edition", "value", "count", "period_end"])
    totals = d.groupby("period")["value"].transform("sum")
    d["decile"] = d["indicator_id"].str[-2:].astype(int)
    d["count"] = d["value"]
    d["value"] = (d["value"] / totals * 100).round(1)
    d["edition"] = d["period"]
    d["decile"] = d["decile"].map(
        lambda n: f"{n}" + (" (most deprived)" if n == 1 else " (least deprived)" if n == 10 else "")
    )
    return d.sort_values(["period_end", "indicator_id"])[
        ["decile", "edition", "value", "count", "period_end"]
    ]
