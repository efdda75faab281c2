"""``<legal_quiz>`` OLX ⇄ the stored quiz document.

The format is documented in ``docs/authoring.md``. Parsing records the source line of
every element in ``lines`` (keyed by the validator's paths), so issues name the line.
"""

from __future__ import annotations

from lxml import etree

from ..content.quiz import SCHEMA_VERSION

TEXT_ELEMENTS = ("stem", "explanation", "intro")
OPTION_TAGS = {"choice": "choices", "step": "steps", "pair": "pairs", "distractor": "distractors"}
QUESTION_ATTRIBUTES = ("scoring", "penalty", "points")


class OLXError(ValueError):
    """The OLX does not have the shape of a quiz; carries the source line."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def inner_html(element: etree._Element) -> str:
    """The element's content (text and child markup) as a string, without the element itself."""
    parts = [element.text or ""]
    for child in element:
        parts.append(etree.tostring(child, encoding="unicode", with_tail=True))
    return "".join(parts).strip()


def _localized(element: etree._Element, tag: str) -> dict:
    """``<tag lang="kk">…</tag><tag lang="ru">…</tag>`` children → ``{"kk": …, "ru": …}``."""
    text = {}
    for child in element.findall(tag):
        lang = child.get("lang")
        if not lang:
            raise OLXError(f"<{tag}> needs a lang attribute.", child.sourceline)
        if lang in text:
            raise OLXError(f'<{tag} lang="{lang}"> appears twice.', child.sourceline)
        text[lang] = inner_html(child)
    return text


def _hints(element: etree._Element) -> list[dict]:
    """The n-th ``<hint lang=…>`` of each language together form hint number n."""
    by_language: dict[str, list[str]] = {}
    for child in element.findall("hint"):
        lang = child.get("lang")
        if not lang:
            raise OLXError("<hint> needs a lang attribute.", child.sourceline)
        by_language.setdefault(lang, []).append(inner_html(child))
    count = max((len(v) for v in by_language.values()), default=0)
    return [{lang: texts[i] for lang, texts in by_language.items() if i < len(texts)} for i in range(count)]


def _option(element: etree._Element, lines: dict, question_id: str, kind: str) -> dict:
    option_id = element.get("id", "")
    raw: dict = {"id": option_id}
    lines[("question", question_id, kind, option_id)] = element.sourceline
    if kind == "pair":
        raw["prompt"] = _localized(element, "prompt")
        raw["text"] = _localized(element, "answer")
    else:
        raw["text"] = _localized(element, "text")
    if element.get("correct", "").lower() == "true":
        raw["correct"] = True
    feedback = _localized(element, "feedback")
    if feedback:
        raw["feedback"] = feedback
    return raw


def _question(element: etree._Element, lines: dict) -> dict:
    question_id = element.get("id", "")
    lines[("question", question_id)] = element.sourceline
    raw: dict = {"id": question_id, "kind": element.get("kind", ""), "stem": _localized(element, "stem")}
    for name in QUESTION_ATTRIBUTES:
        if element.get(name) is not None:
            raw[name] = element.get(name)
    for tag, key in OPTION_TAGS.items():
        options = [_option(child, lines, question_id, tag) for child in element.findall(tag)]
        if options:
            raw[key] = options
    hints = _hints(element)
    if hints:
        raw["hints"] = hints
    explanation = _localized(element, "explanation")
    if explanation:
        raw["explanation"] = explanation
    cites = [child.get("norm", "") for child in element.findall("cite")]
    if cites:
        raw["cites"] = cites
    return raw


KNOWN_QUESTION_CHILDREN = {"stem", "hint", "explanation", "cite", *OPTION_TAGS}


def _check_children(element: etree._Element, allowed: set) -> None:
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag not in allowed:
            raise OLXError(f"<{child.tag}> is not allowed inside <{element.tag}>.", child.sourceline)


def parse_quiz(element: etree._Element) -> tuple[dict, dict, dict]:
    """Return ``(document, attributes, lines)`` for a ``<legal_quiz>`` element."""
    lines: dict = {}
    _check_children(element, {"intro", "question"})
    questions = []
    for child in element.findall("question"):
        _check_children(child, KNOWN_QUESTION_CHILDREN)
        questions.append(_question(child, lines))
    document: dict = {"schema": SCHEMA_VERSION}
    intro = _localized(element, "intro")
    if intro:
        document["intro"] = intro
        lines[("intro", "intro")] = element.find("intro").sourceline
    document["questions"] = questions
    return document, dict(element.attrib), lines


def _append_html(parent: etree._Element, tag: str, html: str, lang: str | None = None) -> None:
    child = etree.SubElement(parent, tag)
    if lang:
        child.set("lang", lang)
    fragment = etree.fromstring(f"<wrap>{html}</wrap>", parser=etree.XMLParser(resolve_entities=False))
    child.text = fragment.text
    for node in fragment:
        child.append(node)


def _append_localized(parent: etree._Element, tag: str, text: dict) -> None:
    for lang in sorted(text, key=_language_order):
        _append_html(parent, tag, text[lang], lang)


def _language_order(lang: str) -> tuple:
    order = ("kk", "ru", "en")
    return (order.index(lang) if lang in order else len(order), lang)


def _serialize_option(parent: etree._Element, tag: str, raw: dict) -> None:
    element = etree.SubElement(parent, tag, id=raw["id"])
    if raw.get("correct"):
        element.set("correct", "true")
    if tag == "pair":
        _append_localized(element, "prompt", raw.get("prompt", {}))
        _append_localized(element, "answer", raw.get("text", {}))
    else:
        _append_localized(element, "text", raw.get("text", {}))
    _append_localized(element, "feedback", raw.get("feedback", {}))


def _serialize_question(parent: etree._Element, raw: dict) -> None:
    element = etree.SubElement(parent, "question", id=raw["id"], kind=raw["kind"])
    for name in QUESTION_ATTRIBUTES:
        if name in raw:
            element.set(name, _attribute(raw[name]))
    _append_localized(element, "stem", raw.get("stem", {}))
    for tag, key in OPTION_TAGS.items():
        for option in raw.get(key, ()):
            _serialize_option(element, tag, option)
    for hint in raw.get("hints", ()):
        _append_localized(element, "hint", hint)
    _append_localized(element, "explanation", raw.get("explanation", {}))
    for norm in raw.get("cites", ()):
        etree.SubElement(element, "cite", norm=norm)


def _attribute(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def serialize_quiz(node: etree._Element, document: dict) -> None:
    """Write the quiz document as children of ``node`` (attributes are the caller's)."""
    if document.get("intro"):
        _append_localized(node, "intro", document["intro"])
    for raw in document.get("questions", ()):
        _serialize_question(node, raw)
    _indent(node)


STRUCTURAL = {"question", *OPTION_TAGS}


def _indent(element: etree._Element, level: int = 0) -> None:
    """Indent structural elements only; authored HTML inside text elements stays byte-exact."""
    children = [child for child in element if isinstance(child.tag, str)]
    if not children:
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in children:
        child.tail = inner
        if child.tag in STRUCTURAL:
            _indent(child, level + 1)
    children[-1].tail = "\n" + "  " * level
