"""``<legal_quiz>`` OLX ⇄ the stored quiz document.

The format is documented in ``docs/authoring.md``. Parsing records the source line of
every element in ``lines`` (keyed by the validator's paths), so issues name the line.
"""

from __future__ import annotations

from lxml import etree

from ..content.quiz import SCHEMA_VERSION
from .common import OLXError, append_localized, attribute, check_children, indent, localized, localized_groups  # noqa: F401

OPTION_TAGS = {"choice": "choices", "step": "steps", "pair": "pairs", "distractor": "distractors"}
QUESTION_ATTRIBUTES = ("scoring", "penalty", "points", "topic")
KNOWN_QUESTION_CHILDREN = {"stem", "hint", "explanation", "cite", *OPTION_TAGS}
STRUCTURAL = {"question", "topic", *OPTION_TAGS}


def _option(element: etree._Element, lines: dict, question_id: str, kind: str) -> dict:
    option_id = element.get("id", "")
    raw: dict = {"id": option_id}
    lines[("question", question_id, kind, option_id)] = element.sourceline
    if kind == "pair":
        raw["prompt"] = localized(element, "prompt")
        raw["text"] = localized(element, "answer")
    else:
        raw["text"] = localized(element, "text")
    if element.get("correct", "").lower() == "true":
        raw["correct"] = True
    feedback = localized(element, "feedback")
    if feedback:
        raw["feedback"] = feedback
    return raw


def _question(element: etree._Element, lines: dict) -> dict:
    question_id = element.get("id", "")
    lines[("question", question_id)] = element.sourceline
    raw: dict = {"id": question_id, "kind": element.get("kind", ""), "stem": localized(element, "stem")}
    for name in QUESTION_ATTRIBUTES:
        if element.get(name) is not None:
            raw[name] = element.get(name)
    for tag, key in OPTION_TAGS.items():
        options = [_option(child, lines, question_id, tag) for child in element.findall(tag)]
        if options:
            raw[key] = options
    hints = localized_groups(element, "hint")
    if hints:
        raw["hints"] = hints
    explanation = localized(element, "explanation")
    if explanation:
        raw["explanation"] = explanation
    cites = [child.get("norm", "") for child in element.findall("cite")]
    if cites:
        raw["cites"] = cites
    return raw


def parse_quiz(element: etree._Element) -> tuple[dict, dict, dict]:
    """Return ``(document, attributes, lines)`` for a ``<legal_quiz>`` element."""
    lines: dict = {}
    check_children(element, {"intro", "topic", "question"})
    questions = []
    for child in element.findall("question"):
        check_children(child, KNOWN_QUESTION_CHILDREN)
        questions.append(_question(child, lines))
    document: dict = {"schema": SCHEMA_VERSION}
    intro = localized(element, "intro")
    if intro:
        document["intro"] = intro
        lines[("intro", "intro")] = element.find("intro").sourceline
    topics = [{"id": t.get("id", ""), "name": localized(t, "name")} for t in element.findall("topic")]
    if topics:
        document["topics"] = topics
    document["questions"] = questions
    return document, dict(element.attrib), lines


def _serialize_option(parent: etree._Element, tag: str, raw: dict) -> None:
    element = etree.SubElement(parent, tag, id=raw["id"])
    if raw.get("correct"):
        element.set("correct", "true")
    if tag == "pair":
        append_localized(element, "prompt", raw.get("prompt", {}))
        append_localized(element, "answer", raw.get("text", {}))
    else:
        append_localized(element, "text", raw.get("text", {}))
    append_localized(element, "feedback", raw.get("feedback", {}))


def _serialize_question(parent: etree._Element, raw: dict) -> None:
    element = etree.SubElement(parent, "question", id=raw["id"], kind=raw["kind"])
    for name in QUESTION_ATTRIBUTES:
        if name in raw:
            element.set(name, attribute(raw[name]))
    append_localized(element, "stem", raw.get("stem", {}))
    for tag, key in OPTION_TAGS.items():
        for option in raw.get(key, ()):
            _serialize_option(element, tag, option)
    for hint in raw.get("hints", ()):
        append_localized(element, "hint", hint)
    append_localized(element, "explanation", raw.get("explanation", {}))
    for norm in raw.get("cites", ()):
        etree.SubElement(element, "cite", norm=norm)


def serialize_quiz(node: etree._Element, document: dict) -> None:
    """Write the quiz document as children of ``node`` (attributes are the caller's)."""
    if document.get("intro"):
        append_localized(node, "intro", document["intro"])
    for topic in document.get("topics", ()):
        append_localized(etree.SubElement(node, "topic", id=topic["id"]), "name", topic.get("name", {}))
    for raw in document.get("questions", ()):
        _serialize_question(node, raw)
    indent(node, STRUCTURAL)
