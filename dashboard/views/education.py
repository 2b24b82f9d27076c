"""Education views: the gap between a pupil group and its peers (edu_gap), the earlier measure before 2016
(edu_old_measure), Ofsted grades of settings (edu_ofsted) and young people NEET (edu_neet)."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import attainment_gaps as gaps
from dashboard.analysis import trends
from dashboard.present.format import as_at
from dashboard.store.queries import run_sql
from dashboard.views import charts
from dashboard.views.registry import ViewError, chart_view, register, unique
from dashboard.views.trends import DEFAULT_COMPARE, latest_sentence, trend_view

OFSTED_SOURCE = "Peer Challenge self-assessment, September 2015"
NEET_SOURCE = (
    "DfE NEET and participation (via LAIT), average of December to February; APA self-assessment (May 2006) "
    "and Peer Challenge self-assessment (September 2015)"
)
NEET_IDS = {
    "16-17 NEET": "NEET aged 16-17",
    "16-17_not known_NEET": "NEET or not known, aged 16-17",
    "neet_16_18_pct": "NEET aged 16-18 (council papers)",
    "neet_not_known_pct": "not known (council papers)",
}
NEET_MEASURES = ["16-17 NEET", "16-17_not known_NEET"]


def measure(key: str) -> gaps.Measure:
    if key not in gaps.MEASURES:
        raise ViewError(f"unknown results measure {key!r}; measures: {', '.join(gaps.MEASURES)}")
    return gaps.MEASURES[key]


def group_of(m: gaps.Measure, key: str | None) -> gaps.Group:
    for g in m.groups:
        if key in (None, g.key):
            return g
    raise ViewError(f"{m.label} has no pupil group {key!r}; groups: {', '.join(g.key for g in m.groups)}")


def areas_for(compare) -> list[str]:
    """Herefordshire and the chosen comparators' area codes (neighbours' gaps are averages: never shown)."""
    return gaps.wanted_areas([c for c in (compare or []) if c != "neighbours"])


def measure_data(con, m: gaps.Measure) -> pd.DataFrame:
    return run_sql(
        con, "education_series", ids=gaps.measure_ids(m), areas=[gaps.HERE, gaps.ENGLAND, gaps.WEST_MIDLANDS]
    )


@register("edu_gap", "The gap between a group of pupils and their peers over time, Herefordshire and England")
def edu_gap(
    con, measure_key: str = "ks2_rwm", group: str | None = None, compare=DEFAULT_COMPARE, from_year=2005
):
    m = measure(measure_key)
    g = group_of(m, group)
    rows = gaps.compute_gaps(measure_data(con, m), g, areas_for(compare))
    rows = rows[rows["period_end"].dt.year >= int(from_year)]
    summary = gaps.latest_gap_summary(rows, g, m)
    sub = (
        f"Herefordshire, latest {as_at(summary['period'], summary['period_end'])}; compared with "
        f"England's gap"
        if summary
        else "Herefordshire compared with England"
    ) + f" (group minus {g.peers_label}; below zero = behind)"
    seeds = not rows.empty and (rows["source_kind"] == "seed document").any()
    source = "DfE via LAIT (gap worked out from the two published percentages or scores)" + (
        "; council papers (stars)" if seeds else ""
    )
    title = f"{m.label.split(':')[0]}: gap for {g.label.lower()}"
    fig = charts.gap_chart(rows, title=title, subtitle=sub, source=source, unit=m.gap_unit)
    so_what = f"{summary['period']}: {summary['wording']} {summary['england_wording']}" if summary else ""
    if summary and summary.get("trend"):
        so_what += f" {summary['trend']}"
    return (
        fig,
        rows,
        {
            "title": title,
            "subtitle": sub,
            "so_what": so_what,
            "decimals": 1,
            "sources": unique(rows["source_document"]) if "source_document" in rows else [source],
            "as_at": as_at(summary["period"], summary["period_end"]) if summary else "",
            "caveat": g.caveat or "",
            "note": trends.BREAK_NOTE,
            "empty_reason": f"No published figures for both {g.label.lower()} and {g.peers_label} from "
            f"{from_year}.",
            "alt": f"Gap in {m.gap_unit} between {g.label.lower()} and {g.peers_label} over time, for "
            "Herefordshire and England; a line below zero means the group is behind.",
        },
    )


@register("edu_old_measure", "The earlier results measure (before 2016) from the council's papers")
def edu_old_measure(con, measure_key: str = "ks2_rwm", compare=DEFAULT_COMPARE, from_year=2005):
    m = measure(measure_key)
    if not m.old_ids:
        raise ViewError(f"{m.label} has no earlier measure")
    labels = {
        m.old_ids[0]: "all pupils",
        **{
            i: "pupils with English as an additional language" if "eal" in i else "looked-after children"
            for i in m.old_ids[1:]
        },
    }
    old = gaps.series_for_trend(measure_data(con, m), labels, areas_for(compare), int(from_year))
    sub = (
        "The earlier, different measure, from the council's papers (stars); compared with England "
        "where the paper gives it"
    )
    source = "APA self-assessment (May 2006) and Peer Challenge self-assessment (September 2015)"
    return trend_view(
        old,
        {
            "title": m.old_label,
            "subtitle": sub,
            "so_what": latest_sentence(old, "%", 1),
            "decimals": 1,
            "sources": unique(old["source_document"]) if "source_document" in old else [source],
            "caveat": m.why_different,
            "empty_reason": f"The council's papers give no figures for this earlier measure from "
            f"{from_year}.",
            "alt": f"{m.old_label}: stars for Herefordshire and England from the council's papers.",
        },
        source=source,
        unit="%",
        y_title="% of pupils",
    )


@register("edu_ofsted", "Schools and settings judged good or outstanding by Ofsted, 2012 to 2014/15")
def edu_ofsted(con):
    settings = run_sql(con, "education_settings")
    title = "Schools and settings judged good or outstanding by Ofsted"
    sub = "Herefordshire, 2012 to 2014/15, as reported in the 2015 self-assessment; no England figure given"
    return chart_view(
        charts.bar_chart,
        settings,
        settings,
        {
            "title": title,
            "subtitle": sub,
            "sources": unique(settings["source_document"]) if "source_document" in settings else [],
            "empty_reason": "The Ofsted grades of settings have not been extracted from the council's "
            "papers yet.",
            "alt": "Horizontal grouped bars per type of setting for 2012, 2013/14 and 2014/15.",
        },
        x="setting",
        color="period",
        source=OFSTED_SOURCE,
        unit="% good or outstanding",
        decimals=1,
        horizontal=True,
    )


@register(
    "edu_neet", "Young people not in education, employment or training, with the council's 16-18 figures"
)
def edu_neet(con, neet_measure: str = "16-17 NEET", compare=DEFAULT_COMPARE, from_year=2005):
    if neet_measure not in NEET_MEASURES:
        raise ViewError(f"unknown NEET measure {neet_measure!r}; measures: {', '.join(NEET_MEASURES)}")
    areas = areas_for(compare)
    data = run_sql(con, "education_series", ids=list(NEET_IDS), areas=areas)
    wanted = {neet_measure: NEET_IDS[neet_measure]} | {k: NEET_IDS[k] for k in list(NEET_IDS)[2:]}
    neet = gaps.series_for_trend(data, wanted, areas, int(from_year))
    last = neet[(neet["series"] == "Herefordshire") & neet["value"].notna()]
    latest = as_at(last.iloc[-1]["period"], last.iloc[-1]["period_end"]) if not last.empty else ""
    sub = (
        (f"Latest {latest}; " if latest else "")
        + "compared with "
        + ", ".join(gaps.area_series(a) for a in areas[1:])
        + "; stars: 16-18 figures from the council's papers"
    )
    title = f"{NEET_IDS[neet_measure]}: Herefordshire and comparators"
    return trend_view(
        neet,
        {
            "title": title,
            "subtitle": sub,
            "so_what": latest_sentence(neet, "%", 1),
            "decimals": 1,
            "sources": unique(neet["source_document"]) if "source_document" in neet else [NEET_SOURCE],
            "as_at": latest,
            "empty_reason": f"No NEET figures from {from_year}.",
            "alt": "Lines of the share of 16-17 year olds who are NEET for Herefordshire and "
            "comparators, with "
            "stars for the council's figures for 16-18 year olds.",
        },
        source=NEET_SOURCE,
        unit="%",
        y_title="% of young people",
    )
