"""What a learner sees of a draft: the form before submitting, the part-by-part outcome after, and the
printable document.

Before the learner submits, the form carries labels, placeholders, option texts and opaque tokens only:
never which option is right, the pattern a typed part must match, explanations, option feedback or the
node the draft leads to. Option order follows the tokens (an HMAC per learner), not the author's order.
"""

from __future__ import annotations

from ..content.scenario import Node
from ..engine.drafts import CHOICE, grade, length_limit
from ..marker import _
from . import View, authored
from .tokens import Tokens


def draft_token(tokens: Tokens, step: int, node: Node) -> str:
    return tokens.token("draft", str(step), node.id)


def part_token(tokens: Tokens, step: int, node: Node, part_id: str) -> str:
    return tokens.token("part", str(step), node.id, part_id)


def option_token(tokens: Tokens, step: int, node: Node, part_id: str, option_id: str) -> str:
    return tokens.token("option", str(step), node.id, part_id, option_id)


def document_token(tokens: Tokens, node_id: str) -> str:
    """Names a draft the learner has reached, for the printable document (stable within a run)."""
    return tokens.token("document", node_id)


def draft_form(node: Node, tokens: Tokens, step: int, language: str) -> View:
    """The form of the draft the learner stands at."""
    parts = []
    for part in node.parts:
        token = part_token(tokens, step, node, part.id)
        options = sorted(({"token": option_token(tokens, step, node, part.id, o.id),
                           "text": authored.plain(o.text, language)} for o in part.options),
                         key=lambda o: o["token"])
        parts.append(View({
            "token": token, "choice": part.kind == CHOICE, "label": authored.plain(part.label, language),
            "placeholder": authored.plain(part.placeholder, language), "max_length": length_limit(part),
            "options": options if part.kind == CHOICE else [],
        }))
    return View({"token": draft_token(tokens, step, node), "heading": authored.plain(node.heading, language),
                 "parts": parts})


def _answer(part, value: str, language: str) -> str:
    if part.kind == CHOICE:
        option = part.option(value)
        return authored.plain(option.text, language) if option else ""
    return value


def draft_outcome(node: Node, values: dict, language: str, terms, gettext) -> View:
    """Per part: the learner's answer, right or what is missing or wrong (feedback, explanation), citations."""
    result = grade(node, values)
    parts = []
    for item in result.parts:
        part = item.part
        option = part.option(item.value) if part.kind == CHOICE else None
        parts.append(View({
            "label": authored.plain(part.label, language), "answer": _answer(part, item.value, language),
            "ok": item.ok, "feedback": authored.html(option.feedback, language, terms) if option else "",
            "explanation": "" if item.ok else authored.html(part.explanation, language, terms),
            "citations": authored.citations(part.cites, language),
        }))
    right = sum(1 for item in result.parts if item.ok)
    summary = gettext(_("{right} of {total} parts are right.")).format(right=right, total=len(result.parts))
    return View({"parts": parts, "summary": summary})


def document_context(node: Node, values: dict | None, language: str) -> dict:
    """The printable document: the heading and each part's label with the learner's own answer (or an empty
    line on the blank template). Never correctness."""
    values = values or {}
    return {
        "heading": authored.plain(node.heading, language) or authored.plain(node.title, language),
        "blank": not values,
        "parts": [{"label": authored.plain(part.label, language),
                   "value": _answer(part, values[part.id], language) if part.id in values else ""}
                  for part in node.parts],
    }
