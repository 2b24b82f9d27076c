"""Page blocks: every chart on a page is a registered view (dashboard.views) drawn by `view_block`.

A page names the chart and its params; the sidebar's shared filters (compare list, from-year) are passed to
every view that takes them. The same `render_view` call draws the chart in a story, presenter mode and the
exports, so a page and its slide cannot drift apart. Streamlit side, no SQL.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.store.connection import run, store_version
from dashboard.ui.filters import Filters
from dashboard.ui.widgets import chart_block, url_select
from dashboard.views import catalogue as views
from dashboard.views import charts

SHARED_FILTERS = ("compare", "from_year")


def filters() -> tuple[list[str], int]:
    f = Filters.of(st.session_state)
    return list(f.compare), f.from_year


def _frozen(value):
    return tuple(value) if isinstance(value, list) else value


@st.cache_data(max_entries=256, show_spinner=False)
def _view_parts(chart: str, params: tuple, version: int) -> tuple[dict, pd.DataFrame, dict]:
    """A registered chart drawn from the store: (figure dict, table, meta), kept per params and store
    version."""
    from dashboard.store.connection import connection

    view = {"chart": chart, "params": {k: list(v) if isinstance(v, tuple) else v for k, v in params}}
    fig, table, meta = views.render_view(view, connection())
    return fig.to_dict(), table, meta


def with_filters(chart: str, params: dict) -> dict:
    """`params` with the sidebar's shared filters added for each one the chart takes and the page did
    not set."""
    spec = views.REGISTRY.get(chart)
    out = dict(params)
    for name, value in zip(SHARED_FILTERS, filters()):
        if spec is not None and name in spec.params and name not in out:
            out[name] = value
    return out


def view_block(
    chart: str,
    *,
    key: str,
    page: str,
    filename: str | None = None,
    empty_reason: str | None = None,
    note: str | None = None,
    show_caveat: bool = True,
    on_click: Callable[[dict, go.Figure], None] | None = None,
    **params,
) -> tuple[pd.DataFrame, dict]:
    """A registered chart as a full chart block (its caveat, the chart, its description, data panel and
    'Add to story'). Returns the view's (table, meta) (meta: title, so_what, as_at, ...; an empty table and
    {} when it could not be drawn) so the page can put words beside the chart from the chart's own data.
    With `on_click`, a click on a point reruns the page and `on_click(event, figure)` is called with the
    clicked points ({"selection": {"points": [...]}})."""
    params = with_filters(chart, params)
    try:
        fig_dict, table, meta = _view_parts(
            chart, tuple(sorted((k, _frozen(v)) for k, v in params.items())), store_version()
        )
    except views.NotInStore as e:
        st.info(f"No figures for this chart: {e}.", icon=":material/info:")
        return pd.DataFrame(), {}
    except views.ViewError as e:
        st.error(f"This chart cannot be drawn: {e}", icon=":material/error:")
        return pd.DataFrame(), {}
    if show_caveat and meta.get("caveat"):
        st.caption(f":material/warning: {meta['caveat']}")
    if note:
        st.caption(note)
    fig = charts.figure_from_dict(fig_dict)
    event = chart_block(
        fig,
        table,
        key=key,
        filename=(filename or key).replace(" ", "_").replace("%", "pct"),
        alt=meta["alt"],
        notes=[n for n in (meta.get("note"), meta.get("caveat")) if n],
        empty_reason=meta.get("empty_reason") or empty_reason,  # the view knows why it is empty
        decimals=meta.get("decimals"),
        view={"page": page, "chart": chart, "title": meta["title"], "params": params},
        selectable=on_click is not None,
    )
    if on_click is not None and event is not None:
        on_click(event, fig)
    return table, meta


def indicator_trend(
    indicator_id: str, *, key: str, page: str, title: str | None = None, **kw
) -> tuple[pd.DataFrame, dict]:
    """One indicator over time with the sidebar's comparators (the registered indicator_trend view)."""
    params = {"indicator_id": indicator_id} | ({"title": title} if title else {})
    return view_block("indicator_trend", key=key, page=page, **params, **kw)


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


def measure_choice(label: str, ids: list[str], url_key: str) -> str | None:
    """A picker of the measures of `ids` the store has, by their catalogue names, kept in the link as
    `url_key`: the chosen id, or None when the store has none of them."""
    have = available(ids)
    if not have:
        return None
    labels = names_for(have)
    return url_select(label, have, url_key, have[0], format_func=lambda i: labels.get(i, i))
