"""From raw samples to the figures in the tables: pooled medians and per-round ratios to thumbs.

A ratio is taken round by round (block median ÷ thumbs median of the same round) and then the
median over rounds, so a slow round moves the block and the floor together and cancels out.
"""

from __future__ import annotations

import statistics

from .config import GROWTH_NS


def median(values):
    """Median, or NaN for no values (a dropped row must not crash the report)."""
    values = list(values)
    return statistics.median(values) if values else float("nan")


def ratio_by_round(rounds: list, floor_rounds: list) -> list:
    """Per-round median of a row ÷ per-round median of the floor, for the rounds both have."""
    return [median(row) / median(floor) for row, floor in zip(rounds, floor_rounds)]


def timing(rounds: list, floor_rounds: list) -> dict:
    """Pooled median/min/max (ms) and the median of the per-round ratios (×T)."""
    pooled = [x for rnd in rounds for x in rnd]
    ratios = ratio_by_round(rounds, floor_rounds)
    return {"median": median(pooled), "min": min(pooled), "max": max(pooled),
            "xT": median(ratios), "xT_rounds": ratios}


def growth(per_n: dict) -> tuple[dict, dict]:
    """Median ms at every size, and per size the median over rounds of (median at n ÷ median at the first)."""
    first = GROWTH_NS[0]
    ms = {n: median(x for rnd in per_n[n] for x in rnd) for n in GROWTH_NS}
    ratios = {n: median(median(a) / median(b) for a, b in zip(per_n[n], per_n[first])) for n in GROWTH_NS[1:]}
    return ms, ratios


def summarise(specs, raw: dict, info: dict) -> dict:
    """The result record of every row still measured, keyed like the specs."""
    thumbs = raw["thumbs"]
    results = {}
    for spec in specs:
        r, facts = raw[spec.key], info[spec.key]
        res = {"label": spec.label, "version": facts["version"], "ours": spec.ours, "group": spec.group,
               "handler_name": spec.handler, "bytes": facts["bytes"], "sql": facts["sql"],
               "growth_unit": spec.growth_unit, "template_failures": facts["template_failures"]}
        for what in ("render", "handler"):
            res[what] = timing(r[what], thumbs[what])
        if spec.growth:
            res["growth_ms"], res["growth"] = growth(r["growth"])
        results[spec.key] = res
    return results
