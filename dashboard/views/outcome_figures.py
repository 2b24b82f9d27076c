"""The Every Child Matters judgement grid as a Plotly figure (the outcomes_grid view draws it)."""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.outcomes import STEP_COLOUR
from dashboard.present.sources import cite
from dashboard.views.charts import _cached_figure, wrap


@_cached_figure
def grid_figure(grid: pd.DataFrame, rows: list[str], cols: list[str]):
    """The judgement grid as a Plotly heatmap (no title yet): outcomes as rows, inspections as columns, each
    cell's grade in words; an empty figure when there are no judgements. Kept per grid content."""
    fig = go.Figure()
    if grid.empty:
        return fig
    z, text, hover = [], [], []
    for o in rows:
        zr, tr, hr = [], [], []
        for c in cols:
            cell = grid[(grid["outcome"].astype(str) == o) & (grid["framework"] == c)]
            if cell.empty:
                zr.append(None)
                tr.append("not judged")
                hr.append(f"{escape(o)}<br>{escape(c)}: no judgement of this outcome")
                continue
            r = cell.iloc[0]
            zr.append(r["step"] if pd.notna(r["step"]) else None)
            tr.append(r["cell_text"])
            extra = f"<br>Also: {wrap(r['others'][:300], 60)}" if r["others"] else ""
            hr.append(
                f"<b>{escape(o)}</b><br>{escape(c)} ({escape(str(r['period_label']))})<br>"
                f"{wrap(str(r['subject']), 60)}: <b>{escape(str(r['cell_text']))}</b><br>"
                f"Source: {escape(cite(r['source_document'], r['source_line']))}{extra}"
            )
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    b = STEP_COLOUR
    scale = [
        [0, b[1]],
        [0.25, b[1]],
        [0.25, b[2]],
        [0.5, b[2]],
        [0.5, b[3]],
        [0.75, b[3]],
        [0.75, b[4]],
        [1, b[4]],
    ]
    xlabels = [wrap(c, 12) for c in cols]
    ylabels = [wrap(o, 14) for o in rows]
    fig.add_trace(
        go.Heatmap(
            z=z,
            x=xlabels,
            y=ylabels,
            hovertext=hover,
            hoverinfo="text",
            zmin=0.5,
            zmax=4.5,
            colorscale=scale,
            xgap=3,
            ygap=3,
            showscale=False,  # each cell says its grade in words; the page's caption gives the scale
        )
    )
    for yi, o in enumerate(ylabels):
        for xi, c in enumerate(xlabels):
            filled = z[yi][xi] is not None
            fig.add_annotation(
                x=c,
                y=o,
                text=wrap(text[yi][xi], 11),
                showarrow=False,
                font=dict(size=11, color="white" if filled else "#505A5F"),
            )
    fig.update_layout(
        yaxis=dict(autorange="reversed", title=""),
        xaxis=dict(title="", side="bottom"),
        height=200 + 70 * len(rows),
        plot_bgcolor="#F3F2F1",
    )
    return fig
