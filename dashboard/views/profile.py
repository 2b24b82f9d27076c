"""Profile of need views: children living in Herefordshire (prof_population) and its neighbourhoods by
national
deprivation decile (prof_deciles)."""

from __future__ import annotations

from dashboard.analysis import outcomes as oc
from dashboard.present.format import as_at, fmt_value
from dashboard.store.queries import run_sql
from dashboard.views import charts
from dashboard.views.registry import chart_view, latest_here, register, unique
from dashboard.views.trends import trend_view

POPULATION_SOURCE = (
    "ONS mid-year population estimates (via DfE EES); the council's papers of 2006 and 2015 (stars)"
)
IMD_SOURCE = "MHCLG English Indices of Deprivation 2015, 2019 (2011 LSOAs) and 2025 (2021 LSOAs)"


@register("prof_population", "Children living in Herefordshire: ONS estimates and the council's own figures")
def prof_population(con, from_year: int = 2005):
    pop = run_sql(con, "profile_population", from_year=int(from_year))
    ons = pop[(pop["indicator_id"] == "pop_0_17") & pop["value"].notna()]
    if not ons.empty:
        last = ons.iloc[-1]
        latest = f"{fmt_value(last['value'], 'count', 0)} ({as_at(last['period'], last['period_end'])})"
        sub = (
            f"Herefordshire, ONS estimate of 0-17 year olds {latest}; stars: the council's own "
            "figures, other age bands"
        )
    else:
        latest, sub = "", "Herefordshire; no ONS estimate in the store for this period"
    title = "Children living in Herefordshire"
    return trend_view(
        pop,
        {
            "title": title,
            "subtitle": sub,
            "decimals": 0,
            "so_what": f"Children aged 0-17 living in Herefordshire (ONS estimate): {latest}."
            if latest
            else "",
            "sources": unique(pop["source_document"]) if "source_document" in pop else [POPULATION_SOURCE],
            "as_at": latest_here(pop.assign(series="Herefordshire")) if not ons.empty else "",
            "note": "The council's figures use other age bands (0-16, 0-19) and are not joined to the "
            "ONS line.",
            "empty_reason": f"No population figures from {from_year}. Choose an earlier 'From year' in "
            f"the sidebar.",
            "alt": "Line of the ONS estimate of children aged 0-17, with stars for the council's own "
            "figures, "
            "which count different age bands (0-19, all children, 0-16).",
        },
        source=POPULATION_SOURCE,
        unit="count",
        y_title="Children",
    )


@register("prof_deciles", "Herefordshire's neighbourhoods (LSOAs) by national deprivation decile")
def prof_deciles(con):
    shares = oc.decile_shares(run_sql(con, "profile_deprivation"))
    title = "Herefordshire's neighbourhoods by national deprivation decile"
    sub = (
        "Share of Herefordshire's LSOAs in each tenth of England; England is 10% in every decile "
        "(dashed line)"
    )
    first = shares[shares["decile"].astype(str).str.startswith("1 ")] if not shares.empty else shares
    parts = [f"{r.edition} {fmt_value(r.value, '%', 1)}" for r in first.itertuples()]
    fig, table, meta = chart_view(
        charts.bar_chart,
        shares.assign(decile=shares["decile"].astype(str).str.extract(r"^(\d+)", expand=False)),
        shares,
        {
            "title": title,
            "subtitle": sub,
            "so_what": "Share of Herefordshire's neighbourhoods in England's most deprived tenth: "
            + ", ".join(parts)
            + "."
            if parts
            else "",
            "sources": [IMD_SOURCE],
            "decimals": 1,
            "empty_reason": "Neighbourhood deprivation (IMD LSOA files) is not in the store yet.",
            "alt": "Grouped bars per national deprivation decile for each edition of the indices, with "
            "England's "
            "10% as a dashed line.",
        },
        x="decile",
        color="edition",
        source=IMD_SOURCE,
        unit="% of LSOAs",
        decimals=1,
    )
    fig.add_hline(y=10, line=dict(color="#3D3D3D", dash="dash", width=1))
    fig.update_layout(xaxis=dict(title="National IMD decile (1 = most deprived 10%, 10 = least deprived)"))
    return fig, table, meta
