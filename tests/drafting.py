"""Test helpers for drafts: answers that are right (or wrong) for every part of a draft node, found from the
scenario model itself. A text part's right answer is the shortest string its pattern accepts."""

from __future__ import annotations

import re._parser as sre_parse  # a test helper reading the pattern's own parse tree
from re._constants import (
    ANY,
    AT,
    BRANCH,
    CATEGORY,
    CATEGORY_DIGIT,
    CATEGORY_NOT_SPACE,
    CATEGORY_SPACE,
    CATEGORY_WORD,
    IN,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    NEGATE,
    RANGE,
    SUBPATTERN,
)

from legal_basics_xblock.engine.drafts import part_is_right

CATEGORY_CHARS = {CATEGORY_DIGIT: "1", CATEGORY_SPACE: " ", CATEGORY_NOT_SPACE: "a", CATEGORY_WORD: "a"}


def _in(items) -> str:
    if any(op == NEGATE for op, _ in items):
        return "a"
    op, value = items[0]
    if op == LITERAL:
        return chr(value)
    if op == RANGE:
        return chr(value[0])
    return CATEGORY_CHARS.get(value, "a")


def _example(parsed) -> str:
    out = []
    for op, value in parsed:
        if op == LITERAL:
            out.append(chr(value))
        elif op == ANY:
            out.append("a")
        elif op == IN:
            out.append(_in(value))
        elif op == CATEGORY:
            out.append(CATEGORY_CHARS.get(value, "a"))
        elif op in (MAX_REPEAT, MIN_REPEAT):
            low, _high, item = value
            out.append(_example(item) * low)
        elif op == SUBPATTERN:
            out.append(_example(value[-1]))
        elif op == BRANCH:
            out.append(_example(value[1][0]))
        elif op != AT:
            raise ValueError(f"no example for {op}")
    return "".join(out)


def example(pattern: str) -> str:
    """The shortest string a simple pattern (literals, classes, repeats, groups, alternatives) matches."""
    return _example(sre_parse.parse(pattern))


def right_text(part) -> str:
    text = example(part.pattern) if part.pattern else "Алия Сапарова"
    assert part_is_right(part, text), (part.id, part.pattern, text)
    return text


def right_values(node) -> dict:
    """``{part id: answer}`` with every part right."""
    return {part.id: next(o.id for o in part.options if o.correct) if part.kind == "choice" else right_text(part)
            for part in node.parts}


def wrong_values(node) -> dict:
    """``{part id: answer}`` with every graded part wrong but each still answered (nothing is refused)."""
    values = {}
    for part in node.parts:
        if part.kind == "choice":
            values[part.id] = next(o.id for o in part.options if not o.correct)
        else:
            values[part.id] = "?" if part.pattern or part.points > 0 else "Алия"
    return values
