"""Page blocks composed of queries, series logic, charts and ui (Streamlit side, no SQL)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, series
from dashboard.data_access import run, store_version
from dashboard.queries import names as query_names
from dashboard.ui import chart_block


def filters() -> tuple[list[str], int]:
    f = st.session_state.get("filters", {})
    return f.get("compare", ["england", "west_midlands", "neighbours"]), f.get("from_year", 2005)


@st.cache_data(max_entries=512, show_spinner=False)
def _trend_parts(indicator_id: str, compare: tuple[str, ...], from_year: int, title: str | None,
                 version: int) -> tuple[dict, pd.DataFrame, dict] | None:
    """What one indicator trend block shows: (info, table, figure dict), or None when the indicator is not
    in the store. Pure given the store version, so kept per (indicator, comparators, from year, title)."""
    info_df = run("indicator_info", indicator_id=indicator_id)
    if info_df.empty:
        return None
    info = info_df.iloc[0].to_dict()
    compare = list(compare)
    rows = run("trend_series", indicator_id=indicator_id, from_year=from_year)
    sn = run("comparator_series", indicator_id=indicator_id) if "comparator_series" in query_names() else None
    table = series.trend_table(rows, compare, sn, unit=info["unit"])
    decimals = None if pd.isna(info["decimals"]) else int(info["decimals"])
    fig = charts.trend_chart(table, title=title or info["name"], subtitle=series.subtitle(table, compare, info["unit"]),
                             source=series.source_line(table), unit=info["unit"], decimals=decimals)
    return info, table, fig.to_dict()


def indicator_trend(indicator_id: str, *, key: str, title: str | None = None, note: str | None = None,
                    show_caveat: bool = True) -> pd.DataFrame:
    """Trend of one indicator for Herefordshire with the sidebar's comparators, as a full chart block."""
    compare, from_year = filters()
    parts = _trend_parts(indicator_id, tuple(compare), from_year, title, store_version())
    if parts is None:
        st.info(f"The indicator {indicator_id!r} is not in the store.")
        return pd.DataFrame()
    info, table, fig_dict = parts
    fig = charts.figure_from_dict(fig_dict)
    if show_caveat and info["caveat"]:
        st.caption(f"⚠️ {info['caveat']}")
    if note:
        st.caption(note)
    chart_block(fig, table, key=key, filename=f"{key}_{indicator_id}".replace(" ", "_").replace("%", "pct"),
                alt=f"{info['name']} over time for Herefordshire"
                    f"{'' if series.is_count(info['unit']) else ' and the chosen comparators'}; figures from "
                    "the council's papers are drawn as stars, targets as open circles.",
                empty_reason=f"No figures for {info['name']} from {from_year} in the store. Try an earlier "
                             "'From year' in the sidebar.",
                view={"page": key, "chart": "indicator_trend", "title": title or info["name"],
                      "params": {"indicator_id": indicator_id, "from_year": from_year, "compare": compare}})
    return table


@st.cache_data(max_entries=4, show_spinner=False)
def _catalogue_names(version: int) -> dict[str, str]:
    cat = run("catalogue")
    return dict(zip(cat["indicator_id"], cat["name"]))


def available(ids: list[str]) -> list[str]:
    have = _catalogue_names(store_version())
    return [i for i in ids if i in have]


def names_for(ids: list[str]) -> dict[str, str]:
    return dict(_catalogue_names(store_version()))


def safe_indicator_trend(indicator_id: str, **kw) -> None:
    """indicator_trend, with a fault reported in place so the rest of the page still shows."""
    try:
        indicator_trend(indicator_id, **kw)
    except Exception as e:  # noqa: BLE001 - keep the page alive
        st.warning(f"The chart of {indicator_id} could not be drawn ({type(e).__name__}: {str(e)[:160]}).",
                   icon=":material/warning:")


def pyramid_2006(*, key: str, title: str = "Profile of need, 2006") -> None:
    """The 2006 pyramid of need from the self-assessment, with its description built from the figures."""
    from dashboard.format import fmt_value

    pyr = run("pyramid_of_need")
    then = pyr.dropna(subset=["then_value"]).rename(columns={"then_value": "value"})
    then["detail"] = [f"{r.level}: {fmt_value(r.value, 'count', 0)}<br>{r.then_period}<br>{r.then_source}, "
                      f"line {int(r.then_line)}" for r in then.itertuples()]
    docs = sorted(set(then["then_source"].dropna()))
    fig = charts.pyramid_chart(then[["level", "value", "detail"]], title=title,
                               subtitle="Herefordshire, as stated in the 2006 self-assessment (as at 31 May 2006)",
                               source="APA self-assessment, 31 May 2006 (" + ", ".join(docs) + ")")
    levels = "; ".join(f"{r.level.lower()} {fmt_value(r.value, 'count', 0)}" for r in then.itertuples())
    chart_block(fig, then[["level", "value", "then_period", "then_source", "then_line", "then_quote"]],
                key=key, filename="profile_of_need_2006",
                alt=f"A pyramid of need, widest level at the bottom: {levels}.",
                empty_reason="The 2006 profile of need has not been extracted into the store yet.",
                view={"page": key, "chart": "pyramid_then", "title": title})

