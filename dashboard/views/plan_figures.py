"""The JAR improvement plan's heat-strip: recommendations by report date, each cell naming its status."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.plan_status import REPORT_LABELS, STATUS_COLOURS, STATUSES
from dashboard.views.charts import _cached_figure, titled


@_cached_figure
def heat_strip_figure(table: pd.DataFrame, *, as_at: date | None = None, source: str = ""):
    """Plotly heatmap: recommendations as rows, report dates as columns, the status word written in each cell.

    table: from heat_table(). Colour is never the only cue (each cell says its status)."""
    order = {s: i for i, s in enumerate(STATUSES)}
    dates = sorted(table["at_date"].unique())
    recs = sorted(table["rec_id"].unique())
    z, text, hover = [], [], []
    for r in recs:
        zr, tr, hr = [], [], []
        row = table[table["rec_id"] == r]
        name = row["recommendation"].iloc[0] if len(row) else ""
        for d in dates:
            cell = row[row["at_date"] == d]
            stt = cell["status"].iloc[0] if len(cell) else "no report"
            zr.append(order[stt])
            tr.append(stt)
            rule = cell["rule"].iloc[0] if len(cell) else ""
            hr.append(
                f"<b>{r}. {name[:90]}</b><br>{REPORT_LABELS.get(d, d)}: <b>{stt}</b> "
                f"(derived)<br>{rule[:160]}"
            )
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    n = len(STATUSES)
    scale = []
    for i, s in enumerate(STATUSES):
        scale += [[i / n, STATUS_COLOURS[s]], [(i + 1) / n, STATUS_COLOURS[s]]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[REPORT_LABELS.get(d, str(d)).replace(" (", "<br>(") for d in dates],  # two lines each
            y=[f"Rec {r}" for r in recs],
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=12),
            hovertext=hover,
            hoverinfo="text",
            colorscale=scale,
            zmin=-0.5,
            zmax=n - 0.5,
            showscale=False,
            xgap=3,
            ygap=3,
        )
    )
    fig.update_traces(hovertemplate="%{hovertext}<extra></extra>", hoverinfo=None)
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(side="top", title=None)
    fig.update_layout(height=140 + 34 * len(recs), margin=dict(l=70, r=20, t=120, b=110))
    sub = "Status derived from the progress text by rules (see below); not the source's RAG colours"
    if as_at:
        sub += f" · as at {as_at.strftime('%-d %B %Y')}"
    return titled(fig, "JAR recommendations: derived status at each progress report", sub, source)
