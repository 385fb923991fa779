"""How well the linter's scores rank messages the way a coach does: Spearman's rho and clean-over-flawed pairs.

Written here rather than taken from scipy, which outreach-lint does not depend on.
"""

from __future__ import annotations

from collections.abc import Sequence


def average_ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, tied values sharing the mean of the ranks they span (so ties do not invent an order)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        shared = (start + end) / 2 + 1
        for i in order[start:end + 1]:
            ranks[i] = shared
        start = end + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation of the average ranks; None when it is undefined (under 2 pairs, or one side constant)."""
    if len(xs) != len(ys):
        raise ValueError("spearman needs two sequences of the same length")
    if len(xs) < 2:
        return None
    rx, ry = average_ranks(xs), average_ranks(ys)
    mean = (len(xs) + 1) / 2  # the mean of average ranks is always this
    cov = sum((a - mean) * (b - mean) for a, b in zip(rx, ry, strict=True))
    var_x = sum((a - mean) ** 2 for a in rx)
    var_y = sum((b - mean) ** 2 for b in ry)
    if var_x == 0 or var_y == 0:
        return None
    return float(cov / (var_x * var_y) ** 0.5)


def clean_above_flawed(clean: Sequence[int], flawed: Sequence[int]) -> float | None:
    """The share of (clean, flawed) pairs where the clean message scores higher, a tie counting half."""
    pairs = len(clean) * len(flawed)
    if not pairs:
        return None
    won = sum(1.0 if c > f else 0.5 if c == f else 0.0 for c in clean for f in flawed)
    return won / pairs
