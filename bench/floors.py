"""Floor pages for the browser bench: what a page costs before any of our code, so each app page's time can be
read against the plain Streamlit page with the same furniture (bench/run.py bench_browser).

One plain Streamlit script (served by its own server, with the app's .streamlit/config.toml and static/)
draws the floor named by ?floor=:

- filters: the sidebar with the same widgets as app.py's shared filters, no data;
- st1 / st2: filters + one / two bare 5-point Plotly line charts through st.plotly_chart (the full bundle);
- ours1 / ours2: the same through our renderer (dashboard/ui/plotly_chart.py, the basic partial bundle);
- geo1: filters + one bare outline choropleth through our renderer (the geo partial bundle);
- filters_before: the sidebar as it was before the cheap widgets (multiselect and slider), for reference;
- widget_<name>: one candidate sidebar control alone (multiselect, pills, segmented control, checkboxes,
  slider, selectbox, number input), to choose the cheapest.

The empty page (st.write('x')) stays on its own server, as the baseline.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FLOOR_SCRIPT = """import sys

sys.path.insert(0, {root!r})
import plotly.graph_objects as go
import streamlit as st

floor = st.query_params.get("floor", "filters")


def filters():
    with st.sidebar:
        st.markdown("### Filters")
        st.selectbox("Locality", ["All of Herefordshire", "South Wye"],
        help="Localities are approximated from wards")
        if floor == "filters_before":
            st.multiselect("Compare with", ["England", "West Midlands", "Statistical neighbours"],
                           default=["England", "West Midlands", "Statistical neighbours"])
            st.slider("From year", 2005, 2025, 2005)
        else:
            st.pills("Compare with", ["England", "West Midlands", "Statistical neighbours"],
                     selection_mode="multi", default=["England", "West Midlands", "Statistical neighbours"])
            st.selectbox("From year", list(range(2005, 2026)))
        st.caption("Filters are kept in the page address, so a copied link shows the same view.")


def line(i):
    return go.Figure(
        go.Scatter(x=[2021, 2022, 2023, 2024, 2025], y=[3 + i, 1, 4, 1, 5], mode="lines+markers", name="x"),
        layout=dict(template="plotly_white", title=f"Chart {{i + 1}}"),
    )


def choropleth():
    squares = [[[x, 0], [x, 1], [x + 1, 1], [x + 1, 0], [x, 0]] for x in range(3)]
    geojson = {{"type": "FeatureCollection", "features": [
        {{"type": "Feature", "id": f"A{{i}}", "properties": {{}},
          "geometry": {{"type": "Polygon", "coordinates": [sq]}}}}
        for i, sq in enumerate(squares)]}}
    fig = go.Figure(go.Choropleth(geojson=geojson, locations=["A0", "A1", "A2"], z=[1, 2, 3]))
    fig.update_geos(fitbounds="locations", visible=False)
    return fig.update_layout(template="plotly_white", title="Map")


WIDGETS = {{
    "multiselect": lambda: st.multiselect("Compare with", COMPARE, default=COMPARE),
    "pills": lambda: st.pills("Compare with", COMPARE, selection_mode="multi", default=COMPARE),
    "segmented": lambda: st.segmented_control("Compare with", COMPARE, selection_mode="multi",
    default=COMPARE),
    "checkboxes": lambda: [st.checkbox(c, value=True) for c in COMPARE],
    "slider": lambda: st.slider("From year", 2005, 2025, 2005),
    "selectbox": lambda: st.selectbox("From year", list(range(2005, 2026))),
    "number": lambda: st.number_input("From year", 2005, 2025, 2005),
}}
COMPARE = ["England", "West Midlands", "Statistical neighbours"]

if floor.startswith("widget_"):
    with st.sidebar:
        WIDGETS[floor.removeprefix("widget_")]()
    st.write("x")
    st.stop()
filters()
st.title("Floor")
if floor.startswith(("st", "ours", "geo")):
    from dashboard.ui.plotly_chart import plotly_chart

    n = int(floor[-1])
    for i in range(n):
        fig = choropleth() if floor.startswith("geo") else line(i)
        if floor.startswith("st"):
            st.plotly_chart(fig, width="stretch", config={{"displaylogo": False}}, key=f"c{{i}}")
        else:
            plotly_chart(fig, key=f"c{{i}}", config={{"displaylogo": False, "topojsonURL": "/app/static/"}})
st.write("x")
"""

# (floor, what it is); the order the bench visits them in
FLOORS = [
    ("filters", "filters only, no data"),
    ("filters_before", "filters as before (multiselect + slider), reference"),
    ("st1", "filters + 1 chart, st.plotly_chart"),
    ("st2", "filters + 2 charts, st.plotly_chart"),
    ("ours1", "filters + 1 chart, our renderer"),
    ("ours2", "filters + 2 charts, our renderer"),
    ("geo1", "filters + 1 choropleth, our renderer"),
]
# One sidebar widget alone on an otherwise empty page: what each candidate control costs.
WIDGET_FLOORS = [
    (f"widget_{w}", f"the empty page + one sidebar {what}")
    for w, what in [
        ("multiselect", "multiselect (comparators, before)"),
        ("pills", "st.pills, multi (comparators)"),
        ("segmented", "st.segmented_control, multi"),
        ("checkboxes", "three checkboxes"),
        ("slider", "slider (start year, before)"),
        ("selectbox", "selectbox (start year)"),
        ("number", "number input"),
    ]
]


def write_floor_app(folder: Path) -> Path:
    """The floor script in `folder`, with static/ beside it (Streamlit serves a script's own static/)."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "floors.py"
    script.write_text(FLOOR_SCRIPT.format(root=str(ROOT)), encoding="utf-8")
    static = folder / "static"
    if not static.exists():
        static.symlink_to(ROOT / "static", target_is_directory=True)
    return script


def floor_for(charts: int, geo: bool) -> str:
    """The floor page with the same furniture as an app page showing `charts` charts (a map among them)."""
    if geo:
        return "geo1"
    return "filters" if charts == 0 else ("ours1" if charts == 1 else "ours2")
