"""One locality's profile views (registered charts): every measure's latest figure beside Herefordshire and
England (the one-page profile, downloadable and addable to a story), the age mix of its children
and the mix of
pupils in its schools. No Streamlit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.areas import SOUTH_WYE
from dashboard.present import theme
from dashboard.present.format import fmt_value
from dashboard.store.queries import run_sql
from dashboard.views import maps
from dashboard.views.charts import titled
from dashboard.views.registry import ViewError, disclose, register

# The order a profile reads in; topics not listed come after, alphabetically.
TOPIC_ORDER = [
    "Population",
    "Population (age mix)",
    "Child poverty",
    "Deprivation",
    "Deprivation (education)",
    "Households",
    "Rural and urban",
    "Schools",
    "Key stage 4",
    "Deprivation (decile mix)",
]
SCHOOL_MIX = [
    "school_fsm_pct",
    "school_fsm_ever_pct",
    "school_sen_support_pct",
    "school_ehcp_pct",
    "school_eal_pct",
]
AGE_MIX = ["sape_mix_0_4", "sape_mix_5_10", "sape_mix_11_15", "sape_mix_16_17"]


def natural_key(text: str) -> tuple:
    """Sort key reading numbers as numbers: 'aged 0-4' before 'aged 0-15', 'decile 2' before 'decile 10'."""
    import re

    return tuple(int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", str(text)))


def profile_rows(con, area_code: str) -> pd.DataFrame:
    """Every figure of the area (queries/locality_profile.sql) under disclosure control, before any figure or
    formatted table is made from it (a formatted table has no value column left to protect)."""
    return disclose(run_sql(con, "locality_profile", area_code=area_code))


def profile_frame(con, area_code: str, topics: list | tuple | None = None) -> pd.DataFrame:
    """The area's latest figure for each measure beside the county and England, in reading order, rounded."""
    p = profile_rows(con, area_code)
    cols = [
        "topic",
        "measure",
        "unit",
        "period",
        "area",
        "Herefordshire",
        "England",
        "source",
        "note",
        "indicator_id",
    ]
    if p.empty:
        return pd.DataFrame(columns=cols)
    p = p.sort_values("period_end").groupby("indicator_id", as_index=False).tail(1)
    if topics:
        p = p[p["topic"].isin(list(topics))]
    rank = {t: k for k, t in enumerate(TOPIC_ORDER)}
    keys = sorted(
        p.index,
        key=lambda i: (
            rank.get(p.at[i, "topic"], len(rank)),
            str(p.at[i, "topic"]),
            natural_key(p.at[i, "indicator"]),
        ),
    )
    p = p.loc[keys]
    out = pd.DataFrame(
        {
            "topic": p["topic"].values,
            "measure": p["indicator"].values,
            "unit": p["unit"].values,
            "period": p["period"].values,
            "area": [
                fmt_value(v, u, d, s)
                for v, u, d, s in zip(p["value"], p["unit"], p["decimals"], p["status"], strict=True)
            ],
            "Herefordshire": [
                fmt_value(v, u, d, s)
                for v, u, d, s in zip(p["county"], p["unit"], p["decimals"], p["county_status"], strict=True)
            ],
            "England": [
                fmt_value(v, u, d) if pd.notna(v) else "no figure"
                for v, u, d in zip(p["england"], p["unit"], p["decimals"], strict=True)
            ],
            "source": p["source_document"].values,
            "note": p["note"].fillna("").values,
            "indicator_id": p["indicator_id"].values,
        }
    )
    return out


@register("locality_profile", "One locality's figures beside Herefordshire and England (a one-page profile)")
def locality_profile(con, area_code: str = SOUTH_WYE, topics: list | tuple | None = None):
    name = _area_name(con, area_code)
    t = profile_frame(con, area_code, topics)
    shown = t.rename(columns={"area": name})
    cols = ["measure", name, "Herefordshire", "England", "period"]
    fig = go.Figure(
        go.Table(
            columnwidth=[46, 14, 14, 14, 12],
            header=dict(
                values=[f"<b>{c}</b>" for c in cols], fill_color=theme.DARK_BLUE, font=dict(color="white")
            ),
            cells=dict(
                values=[shown[c].tolist() for c in cols],
                align=["left", "right", "right", "right", "left"],
                height=24,
                font=dict(color="#0B0C0C", size=12),
            ),
        )
    )
    fig.update_layout(height=min(1400, 120 + 26 * max(len(t), 1)), margin=dict(l=0, r=0, t=80, b=40))
    fig = titled(
        fig,
        f"Locality profile: {name}",
        "Latest figure of each measure, beside Herefordshire and England",
        maps.LOCALITY_LABEL,
    )
    meta = dict(
        title=f"Locality profile: {name}",
        subtitle="latest figure of each measure",
        sources=sorted(set(t["source"].dropna())) if not t.empty else [],
        alt=f"Table: {name}'s latest figure for each of {len(t)} measures beside Herefordshire and England.",
    )
    order = [*cols, "unit", "topic", "source", "note"]  # the figure's columns first, as the slide reads
    return fig, shown[order], meta


def _area_name(con, area_code: str) -> str:
    names = run_sql(con, "localities")
    hit = names.loc[names["area_code"] == area_code, "area_name"]
    if hit.empty:
        raise ViewError(f"unknown locality {area_code!r}")
    return str(hit.iloc[0])


def short_label(name: str) -> str:
    """A bar's axis label: the measure's name without the group prefix ('Age mix: children aged
    0-4' -> 'aged 0-4')."""
    return name.split(": ", 1)[-1].replace("Pupils ", "").replace("children ", "")


def _beside_county(con, area_code: str, ids: list[str], title: str, sub: str, alt: str):
    """Grouped bars: the area's latest figure for each measure in `ids` beside the county's."""
    name = _area_name(con, area_code)
    p = profile_rows(con, area_code)
    p = p[p["indicator_id"].isin(ids)].sort_values("period_end").groupby("indicator_id").tail(1)
    p = p.set_index("indicator_id").reindex([i for i in ids if i in set(p["indicator_id"])]).reset_index()
    fig = go.Figure()
    for label, col, colour in (
        (name, "value", theme.DARK_BLUE),
        ("Herefordshire", "county", theme.TURQUOISE),
    ):
        fig.add_trace(
            go.Bar(
                x=[short_label(n) for n in p["indicator"]],
                y=p[col].round(6).tolist(),
                name=label,
                marker_color=colour,
                text=[fmt_value(v, "%", d) for v, d in zip(p[col], p["decimals"], strict=True)],
                textposition="outside",
                cliponaxis=False,
            )
        )
    fig.update_layout(
        barmode="group",
        yaxis_title="%",
        height=440,
        margin=dict(t=90, b=150),
        legend=dict(orientation="h", y=1.02, x=0),
    )
    periods = ", ".join(dict.fromkeys(p["period"]))
    fig = titled(
        fig,
        f"{title}: {name} and Herefordshire",
        f"{sub} ({periods})",
        "; ".join(sorted(set(p["source_document"]))),
    )
    table = p[
        ["indicator", "period", "value", "county", "england", "unit", "note", "source_document"]
    ].rename(columns={"value": name, "county": "Herefordshire"})
    return (
        fig,
        table,
        dict(
            title=f"{title}: {name}",
            subtitle=sub,
            as_at=periods,
            sources=sorted(set(p["source_document"])),
            alt=alt.format(name=name),
        ),
    )


# The mix views: chart id -> (description, indicators, title, subtitle, alt text naming the area as {name}).
MIX_VIEWS = {
    "locality_age_mix": (
        "The age mix of a locality's children beside the county's",
        AGE_MIX,
        "Age mix of children aged 0-17",
        "% of children aged 0-17 in each age band, ONS small-area estimates",
        "Grouped bars: the share of {name}'s children aged 0-4, 5-10, 11-15 and 16-17 beside "
        "Herefordshire's.",
    ),
    "locality_school_mix": (
        "FSM, SEN and EAL in a locality's schools beside the county's",
        SCHOOL_MIX,
        "Pupils in the area's schools",
        "% of pupils, pupil-weighted over the area's schools",
        "Grouped bars: in {name}'s schools, the percentage of pupils eligible for free school "
        "meals (now and in the last six years), with SEN support, with an EHC plan and with "
        "English as an additional language, beside Herefordshire's schools.",
    ),
}


def _mix_view(ids: list[str], title: str, sub: str, alt: str):
    def mix(con, area_code: str = SOUTH_WYE):
        return _beside_county(con, area_code, ids, title, sub, alt)

    return mix


for _chart, (_description, *_spec) in MIX_VIEWS.items():
    register(_chart, _description)(_mix_view(*_spec))
