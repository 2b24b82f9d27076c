"""The bench's figures: one Row per measure, printed as it is added and written to bench/RESULTS.md."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    section: str
    measure: str
    value: float | None  # in `unit`
    unit: str
    target: str = "—"
    ok: bool | None = None  # None: no target
    note: str = ""

    def shown(self) -> str:
        if self.value is None:
            return "n/a"
        if self.unit == "×":
            return f"{self.value:.2f}×"
        if self.unit in ("MB", "ms") and self.value >= 100:
            return f"{self.value:,.0f} {self.unit}"
        return f"{self.value:,.1f} {self.unit}" if self.unit else f"{self.value:,.0f}"

    def status(self) -> str:
        return "" if self.ok is None else ("PASS" if self.ok else "MISS")


ROWS: list[Row] = []


def add(row: Row) -> Row:
    ROWS.append(row)
    print(
        f"  {row.section:<16} {row.measure:<52} {row.shown():>12}  {row.target:<12} {row.status():<4} "
        f"{row.note}",
        flush=True,
    )
    return row


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    if len(xs) == 1:
        return xs[0]
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)
