"""Checking a drafted document part by part: which parts are right and how many points they earn.

Pure functions over the scenario model. A learner's values are ``{part id: option id or typed text}``;
typed text is cleaned the same way here and in the block (control characters out, spaces collapsed),
so what is checked is exactly what is stored and printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..content.scenario import MAX_LENGTH_CAP, MAX_PATTERN_CHARS, Node, Part

CHOICE = "choice"
TEXT = "text"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class PartResult:
    part: Part
    value: str
    ok: bool
    earned: float


@dataclass(frozen=True)
class DraftResult:
    parts: tuple
    earned: float
    possible: float

    @property
    def fraction(self) -> float | None:
        return self.earned / self.possible if self.possible > 0 else None


def clean_text(value: str) -> str:
    """Typed text as stored: control characters become spaces, runs of spaces collapse, ends trimmed."""
    return " ".join(_CONTROL.sub(" ", value).split())


def length_limit(part: Part) -> int:
    return max(1, min(part.max_length, MAX_LENGTH_CAP))


@lru_cache(maxsize=512)
def compiled(pattern: str) -> re.Pattern | None:
    """The author's pattern compiled once per process; ``None`` when it is too long or does not compile."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return None
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return None


def text_is_right(part: Part, value: str) -> bool:
    """Non-empty, within the length limit and, with a pattern, matching it; else at least ``min_length``."""
    text = clean_text(value)
    if not text or len(text) > length_limit(part):
        return False
    if part.pattern:
        regex = compiled(part.pattern)
        return bool(regex and regex.fullmatch(text))
    return len(text) >= max(1, part.min_length)


def part_is_right(part: Part, value) -> bool:
    if not isinstance(value, str):
        return False
    if part.kind == CHOICE:
        option = part.option(value)
        return option is not None and option.correct
    return text_is_right(part, value)


def grade(node: Node, values: dict) -> DraftResult:
    """Every part of ``node`` the learner answered (parts added since are left out), with points."""
    results = []
    for part in node.parts:
        if part.id not in values:
            continue
        ok = part_is_right(part, values[part.id])
        results.append(PartResult(part, values[part.id], ok, max(0.0, part.points) if ok else 0.0))
    return DraftResult(tuple(results), sum(r.earned for r in results),
                       sum(max(0.0, r.part.points) for r in results))


def problems(node: Node, values) -> list[str]:
    """Why ``values`` cannot be the draft's answer (ids of the parts at fault); empty when it can."""
    if not isinstance(values, dict) or set(values) - {p.id for p in node.parts}:
        return ["*"]
    return [part.id for part in node.parts if not _acceptable(part, values.get(part.id))]


def _acceptable(part: Part, value) -> bool:
    """An answer the part can take: an option of a choice part, or non-empty text within the length limit."""
    if not isinstance(value, str) or not clean_text(value):
        return False
    if part.kind == CHOICE:
        return part.option(value) is not None
    return len(clean_text(value)) <= length_limit(part)
