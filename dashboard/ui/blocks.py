"""Page blocks composed of queries, series logic, charts and ui (Streamlit side, no SQL)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.analysis import series
from dashboard.store.connection import run, store_version
from dashboard.ui.filters import Filters
from dashboard.ui.widgets import chart_block
from dashboard.views import charts, localities, locality_profile  # noqa: F401  (registers the locality views)


def filters() -> tuple[list[str], int]:
    f = Filters.of(st.session_state)
    return list(f.compare), f.from_year


@st.cache_data(max_entries=512, show_spinner=False)
def _trend_parts(
    indicator_id: str, compare: tuple[str, ...], from_year: int, title: str | None, version: int
) -> tuple[dict, pd.DataFrame, dict] | None:
    """What one indicator trend block shows: (info, table, figure dict), or None when the indicator is not
    in the store. Pure given the store version, so kept per (indicator, comparators, from year, title)."""
    info_df = run("indicator_info", indicator_id=indicator_id)
    if info_df.empty:
        return None
    info = info_df.iloc[0].to_dict()
    compare = list(compare)
    rows = run("trend_series", indicator_id=indicator_id, from_year=from_year)
    sn = run("comparator_series", indicator_id=indicator_id)
    table = series.trend_table(rows, compare, sn, unit=info["unit"])
    decimals = None if pd.isna(info["decimals"]) else int(info["decimals"])
    fig = charts.trend_chart(
        table,
        title=title or info["name"],
        subtitle=series.subtitle(table, compare, info["unit"]),
        source=series.source_line(table),
        unit=info["unit"],
        decimals=decimals,
    )
    return info, table, fig.to_dict()


def indicator_trend(
    indicator_id: str,
    *,
    key: str,
    title: str | None = None,
    note: str | None = None,
    show_caveat: bool = True,
) -> pd.DataFrame:
    """Trend of one indicator for Herefordshire with the sidebar's comparators, as a full chart block."""
    compare, from_year = filters()
    parts = _trend_parts(indicator_id, tuple(compare), from_year, title, store_version())
    if parts is None:
        st.info(f"The indicator {indicator_id!r} is not in the store.")
        return pd.DataFrame()
    info, table, fig_dict = parts
    fig = charts.figure_from_dict(fig_dict)
    if show_caveat and info["caveat"]:
        st.caption(f":material/warning: {info['caveat']}")
    if note:
        st.caption(note)
    chart_block(
        fig,
        table,
        key=key,
        filename=f"{key}_{indicator_id}".replace(" ", "_").replace("%", "pct"),
        alt=f"{info['name']} over time for Herefordshire"
        f"{'' if series.is_count(info['unit']) else ' and the chosen comparators'}; figures from "
        "the council's papers are drawn as stars, targets as open circles.",
        empty_reason=f"No figures for {info['name']} from {from_year} in the store. Try an earlier "
        "'From year' in the sidebar.",
        view={
            "page": key,
            "chart": "indicator_trend",
            "title": title or info["name"],
            "params": {"indicator_id": indicator_id, "from_year": from_year, "compare": compare},
        },
    )
    return table


@st.cache_data(max_entries=4, show_spinner=False)
def _catalogue_names(version: int) -> dict[str, str]:
    cat = run("catalogue")
    return dict(zip(cat["indicator_id"], cat["name"]))


def available(ids: list[str]) -> list[str]:
    have = _catalogue_names(store_version())
    return [i for i in ids if i in have]


def names_for(ids: list[str]) -> dict[str, str]:
    """The catalogue names of `ids` (those in the store), for pickers' labels."""
    have = _catalogue_names(store_version())
    return {i: have[i] for i in ids if i in have}


def safe_indicator_trend(indicator_id: str, **kw) -> None:
    """indicator_trend, with a fault reported in place so the rest of the page still shows."""
    try:
        indicator_trend(indicator_id, **kw)
    except Exception as e:  # noqa: BLE001 - keep the page alive
        st.warning(
            f"The chart of {indicator_id} could not be drawn ({type(e).__name__}: {str(e)[:160]}).",
            icon=":material/warning:",
        )


@st.cache_data(max_entries=64, show_spinner=False)
def _view_parts(chart: str, params: tuple, version: int) -> tuple[dict, pd.DataFrame, dict]:
    """A registered chart (dashboard.views.registry) drawn from the store: (figure dict, table, meta), kept
    per store
    version. The same function draws it in a story, so a page and its slide cannot drift apart."""
    from dashboard.store.connection import connection
    from dashboard.views import registry as views

    fig, table, meta = views.render_view({"chart": chart, "params": dict(params)}, connection())
    return fig.to_dict(), table, meta


def view_block(
    chart: str, *, key: str, page: str, filename: str, empty_reason: str, **params
) -> tuple[pd.DataFrame, dict]:
    """A registered chart as a full chart block: the chart, its description, data panel and 'Add to story'.
    Returns the view's (table, meta), so words beside the chart are computed from the chart's own data."""
    fig_dict, table, meta = _view_parts(chart, tuple(sorted(params.items())), store_version())
    chart_block(
        charts.figure_from_dict(fig_dict),
        table,
        key=key,
        filename=filename,
        alt=meta["alt"],
        empty_reason=empty_reason,
        view={"page": page, "chart": chart, "title": meta["title"], "params": params},
    )
    return table, meta
