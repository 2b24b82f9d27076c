"""Statistical-neighbour lists of the pack, checked against both all-LA model files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data.loaders.common import insert
from data.loaders.pack.meta import FILE_OF, STEP
from data.loaders.pack.parse import err, numbers, read

SN_COLS = ["model", "rank", "la_code", "old_la_code", "la_name", "closeness", "in_force_from", "in_force_to"]


def sn_lists(con, sd: Path, code_of: dict[str, str]):
    from data.buildkit import Step

    fname = FILE_OF["pack_sn_hfd"]
    sn = read(sd / fname, ["model", "rank", "old_la_code", "la_name", "closeness"])
    model = np.where(
        sn.model.str.contains("2025"), "May 2025", np.where(sn.model.str.contains("2021"), "April 2021", None)
    )
    if pd.isna(model).any():
        i = int(np.argmax(pd.isna(model)))
        raise err(f"{fname}: row {i + 2}: model {sn.model.iloc[i]!r} is neither the 2021 nor the 2025 model")
    rank = numbers(sn, "rank", fname, {})[0]
    out = pd.DataFrame(
        {
            "model": model,
            "rank": rank.astype(int),
            "old_la_code": sn.old_la_code,
            "la_code": sn.old_la_code.map(code_of),
            "la_name": sn.la_name,
            "closeness": sn.closeness,
        }
    )
    if out.la_code.isna().any():
        i = out.la_code.isna().idxmax()
        raise err(f"{fname}: row {int(i) + 2}: LA {sn.old_la_code[i]} has no ONS code in the EES files")
    # The rule: the April 2021 model for years up to 2024, the May 2025 model from 2025 (year of period end).
    out["in_force_from"] = np.where(out.model == "May 2025", 2025, None)
    out["in_force_to"] = np.where(out.model == "April 2021", 2024, None)
    _check_models(sd, out, fname)
    insert(con, "sn_lists", out[SN_COLS], fname)
    return Step(
        STEP,
        fname,
        len(out),
        "loaded",
        "April 2021 list for years to 2024, May 2025 list from 2025; checked against both all-LA model files",
    )


def _check_models(sd: Path, out: pd.DataFrame, fname: str) -> None:
    """Herefordshire's neighbours in both all-LA model files equal the Herefordshire list, in order."""
    f25, f21 = FILE_OF["pack_sn_2025"], FILE_OF["pack_sn_2021"]
    a25 = read(sd / f25, ["old_la_code"] + [f"SN_{i}" for i in range(1, 11)])
    a21 = read(sd / f21, ["LA num"] + ["SN1"] + [f"SN{i}" for i in range(2, 11)])
    h25 = a25[a25.old_la_code == "884"]
    h21 = a21[a21["LA num"].str.replace(r"\.0$", "", regex=True) == "884"]
    for f, h, cols, m in (
        (f25, h25, [f"SN_{i}" for i in range(1, 11)], "May 2025"),
        (f21, h21, [f"SN{i}" for i in range(1, 11)], "April 2021"),
    ):
        if h.empty:
            raise err(f"{f}: no row for Herefordshire (884)")
        listed = [str(x).replace(".0", "") for x in h.iloc[0][cols]]
        mine = out[out.model == m].sort_values("rank").old_la_code.tolist()
        if listed != mine:
            raise err(f"{f}: Herefordshire's {m} neighbours {listed} differ from {fname} {mine}")
