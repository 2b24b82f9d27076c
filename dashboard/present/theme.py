"""The project's palette (Government Analysis Function colours) as a Plotly template, and status colours."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

DARK_BLUE = "#12436D"
TURQUOISE = "#28A197"
DARK_PINK = "#801650"
ORANGE = "#F46A25"
GREY = "#3D3D3D"
PURPLE = "#A285D1"
PALETTE = [DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, GREY, PURPLE]

GREEN = "#00703C"
AMBER = "#F47738"
RED = "#D4351C"
LIGHT_GREY = "#B1B4B6"
PALE_GREY = "#E0E0E0"

# Each series also has its own marker symbol and dash, so colour is never the only cue.
AREA_STYLE = {
    "Herefordshire": dict(color=DARK_BLUE, symbol="circle", dash="solid"),
    "England": dict(color=GREY, symbol="square", dash="dash"),
    "West Midlands": dict(color=TURQUOISE, symbol="triangle-up", dash="dot"),
    "Statistical neighbours": dict(color=ORANGE, symbol="diamond", dash="dashdot"),
}
SEED_MARKER = dict(symbol="star", size=13, color=DARK_PINK, line=dict(width=1, color="white"))

# How every chart is shown in the app (st.plotly_chart's `config`). plotly.js fetches a world topojson even
# when a map carries its own GeoJSON: the app serves a tiny local one at TOPOJSON_URL (see views/maps.py).
TOPOJSON_URL = "/app/static/"
PLOTLY_CONFIG = {
    "displaylogo": False,
    "topojsonURL": TOPOJSON_URL,
    "scrollZoom": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}

TEMPLATE_NAME = "herefordshire"


def register() -> None:
    if TEMPLATE_NAME in pio.templates:
        return
    t = go.layout.Template()
    t.layout = go.Layout(
        colorway=PALETTE,
        font=dict(family="Arial, Helvetica, sans-serif", size=14, color="#0B0C0C"),
        title=dict(font=dict(size=18), x=0, xanchor="left"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=dict(showgrid=False, linecolor=GREY, ticks="outside"),
        yaxis=dict(gridcolor="#E5E5E5", zeroline=False, linecolor=GREY),
        legend=dict(orientation="h", yanchor="top", y=-0.18, x=0),
        hoverlabel=dict(font_size=13),
        margin=dict(l=60, r=20, t=80, b=110),
    )
    pio.templates[TEMPLATE_NAME] = t
    pio.templates.default = "plotly_white+" + TEMPLATE_NAME


register()
