"""Which cells to hide: primary and secondary suppression over the real additive groups, audited by linear
programming (no Streamlit, no store; dashboard.analysis.disclosure turns frames into cells and back).

A *cell* is one count of people (or the numerator of a rate) for one indicator family, area, period and
value type. A *group* says that a parent equals the sum of its parts: the county = its localities (and,
separately, its teams); Hereford City = its three sub-areas; Hereford City = South Wye + "Hereford City
excluding South Wye"; a locality = its wards; a sub-area = its wards; a financial year of a flow = its four
quarters. Only *closed* groups count (every part present), and a parent that is not itself a cell (the
county) is taken as known — the cautious assumption.

Method (following the ONS "Statistical disclosure control for tables" guidance and the DfE / GSS "Statistical
disclosure control: guidance for official statistics" practice of cell suppression with complementary
suppression and an audit of the published table):

1. Primary: counts 1 to threshold − 1, and rows whose denominator is that small, are hidden.
2. Complementary cells, group by group until nothing changes. A group with a primary cell among its parts
   hides all its parts (its parent stays as shown). Choosing only some complementary cells by their size
   or by the hidden amount lets anyone who knows the rule re-run it on other completions and rule them
   out: beside a known total of 6, a hidden 1 and 5 were told apart from a 4 and 2 (which would have
   needed a third cell), pinning the 1. With the whole group hidden, the pattern says only that some part
   is small. Any other group with a hidden cell needs at least two hidden cells, and — when its parent is
   shown or known — the hidden part (parent minus the shown parts, which anyone can work out) must be at
   least the threshold; hidden cells that are all primary must also be able to share it in more than one
   way (two 4s beside a shown total of 8 cannot), else the parent is hidden too.
3. The cells added are chosen in a fixed order that does **not depend on the figures**: a SHA-256 of the
   indicator, period, area and value type ranks the parts (the parent comes last). The issue's attack —
   knowing "smallest first" and inferring that the complementary cell is no bigger than the smallest shown
   cell — therefore learns nothing: whether a cell is chosen never depends on its size. This costs some
   information (a large cell may be hidden instead of a small one); we accept that.
4. Audit: every group equation is written down at once (all area and period groups jointly) and, for every
   hidden cell, the smallest and largest value it can take given everything shown is found by linear
   programming (scipy HiGHS). A cell whose range is narrower than 1 (one feasible value) gets another cell
   of one of its groups hidden (same fixed order), and steps 2–4 repeat. (A cell pinned to 0 is not
   disclosive: zeros are shown anyway.) Every decision depends only on
   what is published and on which cells are primary, so knowing the rule gives an attacker no more than
   the published table does.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np


@dataclass(frozen=True)
class Cell:
    family: str
    area: str
    period: tuple  # (start, end) as ISO text; start may be ''
    value_type: str
    n: float | None  # the count judged (None: not a count)
    primary: bool
    label: str = field(default="", compare=False)  # the period as written (to match frames without dates)


@dataclass(frozen=True)
class Group:
    parent: int | None  # index of the parent cell, None when the parent is a published total
    parts: tuple[int, ...]


def rank_key(c: Cell) -> str:
    return hashlib.sha256(f"{c.family}|{c.period}|{c.area}|{c.value_type}".encode()).hexdigest()


def groups_for(cells: Sequence[Cell], partitions: Sequence[tuple[str, tuple[str, ...]]], below: set[str]):
    """Closed additive groups among `cells`. partitions: (parent area, its parts) pairs; `below` the areas
    below the county (a missing parent below the county is unknown, so its group says nothing)."""
    out: list[Group] = []
    by_slice: dict[tuple, dict[str, int]] = {}
    by_area: dict[tuple, dict[tuple, int]] = {}
    for i, c in enumerate(cells):
        by_slice.setdefault((c.family, c.period, c.value_type), {})[c.area] = i
        by_area.setdefault((c.family, c.area, c.value_type), {})[c.period] = i
    for present in by_slice.values():
        for parent, parts in partitions:
            if not all(p in present for p in parts):
                continue
            if parent in present:
                out.append(Group(present[parent], tuple(present[p] for p in parts)))
            elif parent not in below:
                out.append(Group(None, tuple(present[p] for p in parts)))
    for periods in by_area.values():
        out.extend(_period_groups(periods))
    return out


def _period_groups(periods: dict[tuple, int]) -> list[Group]:
    """A financial year (1 April to 31 March) of a flow = its four calendar quarters, when all are given."""
    out = []
    for (start, end), idx in periods.items():
        if not start or start[5:] != "04-01" or end[5:] != "03-31" or int(end[:4]) != int(start[:4]) + 1:
            continue
        y = int(start[:4])
        quarters = [
            (f"{y}-04-01", f"{y}-06-30"),
            (f"{y}-07-01", f"{y}-09-30"),
            (f"{y}-10-01", f"{y}-12-31"),
            (f"{y + 1}-01-01", f"{y + 1}-03-31"),
        ]
        if all(q in periods for q in quarters):
            out.append(Group(idx, tuple(periods[q] for q in quarters)))
    return out


def pattern(cells: Sequence[Cell], groups: Sequence[Group], threshold: int) -> set[int]:
    """Indices of the cells to hide."""
    hide = {i for i, c in enumerate(cells) if c.primary}
    if not hide:
        return hide
    order = {i: rank_key(c) for i, c in enumerate(cells)}
    for _ in range(200):
        changed = _complete_groups(cells, groups, hide, order, threshold)
        exposed = [j for j in sorted(hide) if _exposed(cells, groups, hide, j)]
        for j in exposed[:1]:
            changed |= _hide_one_more(groups, hide, order, j) or _hide_nearest(groups, hide, order, j)
        if not changed:
            break
    return hide


def _members(g: Group) -> list[int]:
    return list(g.parts) + ([g.parent] if g.parent is not None else [])


def _next_visible(g: Group, hide: set[int], order: dict[int, str]) -> int | None:
    parts = sorted((i for i in g.parts if i not in hide), key=order.get)
    if parts:
        return parts[0]
    return g.parent if g.parent is not None and g.parent not in hide else None


def _complete_groups(cells, groups, hide, order, threshold) -> bool:
    changed = False
    for _ in range(len(cells) + 1):
        added = False
        for g in groups:
            if any(cells[i].primary for i in g.parts) and not hide.issuperset(g.parts):
                hide.update(g.parts)  # a small count hides its whole group (why: the module's step 2)
                added = changed = True
            hidden = [i for i in _members(g) if i in hide]
            if not hidden:
                continue
            parent_hidden = g.parent is not None and g.parent in hide
            amount = sum(cells[i].n or 0 for i in g.parts if i in hide)
            # Safe: two or more hidden, and the group's total hidden too, or the hidden amount at least the
            # threshold and not pinned by the primaries' range (below).
            if len(hidden) >= 2 and (
                parent_hidden or (amount >= threshold and _spread(cells, hidden, amount, threshold))
            ):
                continue
            nxt = _next_visible(g, hide, order)
            if nxt is not None:
                hide.add(nxt)
                added = changed = True
        if not added:
            break
    return changed


def _spread(cells, hidden: list[int], amount: float, threshold: int) -> bool:
    """Whether hidden cells that are all primary could still share `amount` in more than one way. Anyone
    who knows the rule may suppose every hidden cell is primary, so lies in 1..threshold-1; n of them summing
    to n or to n x (threshold-1) are pinned (two 4s beside a shown total of 8), and a complementary cell must
    join them. Between those ends each has at least two values, so the group may stop there: were it to go
    on, two primaries (4 and 2) would be told apart from a primary and a larger cell (1 and 5) by the number
    hidden, and the 1 pinned."""
    if not all(cells[i].primary for i in hidden):
        return True
    n = len(hidden)
    return n < amount < n * (threshold - 1)


def _hide_one_more(groups, hide, order, j) -> bool:
    for g in groups:
        if j in _members(g):
            nxt = _next_visible(g, hide, order)
            if nxt is not None:
                hide.add(nxt)
                return True
    return False


def _hide_nearest(groups, hide, order, j) -> bool:
    """When every group of cell j is wholly hidden and j is still pinned (through equations that reach it
    across other groups), hide the first shown cell of the nearest group joined to j by hidden cells."""
    frontier, seen_cells, seen_groups = [j], {j}, set()
    while frontier:
        nxt_frontier = []
        for cell in frontier:
            for k, g in enumerate(groups):
                if k in seen_groups or cell not in _members(g):
                    continue
                seen_groups.add(k)
                nxt = _next_visible(g, hide, order)
                if nxt is not None:
                    hide.add(nxt)
                    return True
                for m in _members(g):
                    if m not in seen_cells:
                        seen_cells.add(m)
                        nxt_frontier.append(m)
        frontier = nxt_frontier
    return False


def _exposed(cells, groups, hide, j) -> bool:
    lo, hi = bounds(cells, groups, hide, j)
    return hi - lo < 1 - 1e-7 and hi >= 0.5  # pinned to one value (a cell pinned to 0 identifies nobody)


def equations(cells, groups, hide) -> tuple[list[int], np.ndarray, np.ndarray]:
    """The attacker's system A x = b over the hidden cells (shown values moved to the right-hand side)."""
    var = sorted(hide)
    pos = {v: k for k, v in enumerate(var)}
    rows, rhs = [], []
    for g in groups:
        terms = [(i, 1.0) for i in g.parts] + ([(g.parent, -1.0)] if g.parent is not None else [])
        hidden_terms = [(i, a) for i, a in terms if i in pos]
        if not hidden_terms:
            continue
        row = np.zeros(len(var))
        for i, a in hidden_terms:
            row[pos[i]] += a
        rows.append(row)
        rhs.append(sum(a * float(cells[i].n or 0) for i, a in hidden_terms))
    a = np.array(rows) if rows else np.zeros((0, len(var)))
    return var, a, np.array(rhs)


def bounds(cells, groups, hide, j) -> tuple[float, float]:
    """The smallest and largest value hidden cell j can take, given every group equation and values ≥ 0."""
    var, a, b = equations(cells, groups, frozenset(hide))
    return _bounds(tuple(var), _freeze(a), tuple(b), var.index(j))


def _freeze(a: np.ndarray) -> tuple:
    return tuple(map(tuple, a)) if a.size else ((),) * a.shape[0]


@functools.lru_cache(maxsize=4096)
def _bounds(var: tuple, a: tuple, b: tuple, k: int) -> tuple[float, float]:
    from scipy.optimize import linprog

    if not a or not b:
        return 0.0, float("inf")
    am, bm = np.array(a, dtype=float), np.array(b, dtype=float)
    used = am[:, k] != 0
    if not used.any():
        return 0.0, float("inf")
    c = np.zeros(len(var))
    c[k] = 1.0
    lo = linprog(c, A_eq=am, b_eq=bm, bounds=(0, None), method="highs")
    hi = linprog(-c, A_eq=am, b_eq=bm, bounds=(0, None), method="highs")
    low = lo.fun if lo.status == 0 else 0.0
    high = -hi.fun if hi.status == 0 else float("inf")
    return float(low), float(high)


def align(mine: Sequence[Cell], others: Sequence[Cell]) -> list[Cell]:
    """Give the frame's cells that lack a period start (or any date) the period of the matching universe
    cell, so a table that shows only the period's end or label joins the store's pattern."""
    by_end: dict[tuple, list[Cell]] = {}
    for o in others:
        by_end.setdefault((o.family, o.area, o.value_type, o.period[1]), []).append(o)
        by_end.setdefault((o.family, o.area, o.value_type, o.label), []).append(o)
    out = []
    for c in mine:
        if c.period[0]:
            out.append(c)
            continue
        match = {o.period for o in by_end.get((c.family, c.area, c.value_type, c.period[1]), [])}
        out.append(replace(c, period=match.pop()) if len(match) == 1 else c)
    return out
