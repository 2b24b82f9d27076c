"""The JAR improvement plan (data/plan/*.csv): recommendations, actions, progress reports, leads, links."""

from __future__ import annotations

from data.loaders.common import insert, read_csv

TABLES = {
    "recommendations": (
        "recommendations.csv",
        [
            "rec_id",
            "text",
            "rec_group",
            "timescale",
            "ecm_outcome",
            "source_id",
            "source_line",
            "source_quote",
        ],
    ),
    "actions": (
        "actions.csv",
        [
            "action_id",
            "rec_id",
            "text",
            "lead",
            "partners",
            "target_date",
            "target_text",
            "success_measures",
            "source_id",
            "source_line",
            "source_quote",
        ],
    ),
    "progress_reports": (
        "progress.csv",
        [
            "progress_id",
            "rec_id",
            "action_id",
            "report_date",
            "report_label",
            "progress_text",
            "source_id",
            "source_line",
            "source_quote",
        ],
    ),
    "plan_leads": ("leads.csv", ["initials", "role", "source_id", "source_line", "source_quote"]),
    "rec_indicators": ("rec_indicators.csv", ["rec_id", "indicator_id", "why"]),
}


def load(con, ctx):
    from data.buildkit import Step

    d = ctx.root / "data" / "plan"
    steps = []
    for table, (fname, cols) in TABLES.items():
        path = d / fname
        if not path.exists():
            steps.append(Step("plan", f"data/plan/{fname}", 0, "skipped", "file not present"))
            continue
        steps.append(
            Step("plan", f"data/plan/{fname}", insert(con, table, read_csv(path, cols), f"data/plan/{fname}"))
        )
    return steps
