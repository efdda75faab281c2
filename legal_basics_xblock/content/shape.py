"""The shape of a stored content document: which keys, which types, how large.

The validators run this first, on anything that reaches a write path (OLX import, Studio JSON
save, Studio XML save), so the rest of the code may trust the document's structure. It walks
the document with an explicit stack, never recursion, so a deeply nested body is an error
message, not a crash, and it stops at the first unknown key of a branch (it never descends
into what it does not know).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..marker import _
from .issues import ERROR, Issue
from .text import LANGUAGES

#: One limit for every write path: the content document as JSON (UTF-8).
MAX_CONTENT_BYTES = 4 * 1024 * 1024
#: The same content as OLX (markup around the same text): what a write path may parse at all.
MAX_OLX_BYTES = 2 * MAX_CONTENT_BYTES
#: One authored text in one language.
MAX_TEXT_CHARS = 64 * 1024
MAX_LIST_ITEMS = 2000
MAX_NUMBER = 1_000_000_000
NUMERIC = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class Spec:
    """What a value must be: ``kind`` is text, str, int, number, bool, scalar, list or object."""

    kind: str
    keys: Mapping = field(default_factory=dict)
    item: Spec | None = None
    name: str = ""  # how a list item is named in messages: question, node, choice…


TEXT = Spec("text")
STR = Spec("str")
INT = Spec("int")
NUMBER = Spec("number")
BOOL = Spec("bool")
SCALAR = Spec("scalar")
IDS = Spec("list", item=STR)


def obj(item_name: str = "", /, **keys) -> Spec:
    return Spec("object", keys=keys, name=item_name)


def listing(item: Spec) -> Spec:
    return Spec("list", item=item)


_OPTION = obj("option", id=STR, text=TEXT, correct=BOOL, feedback=TEXT, prompt=TEXT)
QUIZ = obj(
    schema=INT, intro=TEXT, topics=listing(obj("topic", id=STR, name=TEXT)),
    questions=listing(obj(
        "question", id=STR, kind=STR, stem=TEXT, explanation=TEXT, hints=listing(TEXT), cites=IDS,
        scoring=STR, penalty=NUMBER, points=NUMBER, topic=STR,
        choices=listing(_OPTION), steps=listing(_OPTION), pairs=listing(_OPTION), distractors=listing(_OPTION),
    )),
)
_CONDITION = obj(var=STR, op=STR, value=SCALAR)
_CHOICE = obj(
    "choice", id=STR, label=TEXT, target=STR, feedback=TEXT, points=NUMBER, cites=IDS,
    requires=listing(_CONDITION), effects=listing(_CONDITION),
    deadline=obj(var=STR, max=NUMBER, late_target=STR, message=TEXT),
)
_PLAN_STEP = obj(text=TEXT, authority=TEXT, deadline=TEXT, documents=TEXT, cites=IDS)
_PART = obj(
    "part", id=STR, kind=STR, label=TEXT, points=NUMBER, pattern=STR, max_length=INT, min_length=INT,
    placeholder=TEXT, explanation=TEXT, cites=IDS,
    options=listing(obj("option", id=STR, text=TEXT, correct=BOOL, feedback=TEXT)),
)
SCENARIO = obj(
    schema=INT, start=STR, max_steps=INT, case_file=TEXT, criteria=listing(TEXT), debrief=listing(TEXT),
    variables=listing(obj("variable", id=STR, type=STR, initial=SCALAR, label=TEXT,
                          values=listing(obj("value", n=NUMBER, label=TEXT)))),
    roles=listing(obj("role", id=STR, name=TEXT, brief=TEXT, start=STR, about=TEXT)),
    stages=listing(obj("stage", id=STR, title=TEXT, minutes=INT, script=TEXT)),
    nodes=listing(obj(
        "node", id=STR, kind=STR, title=TEXT, body=TEXT, rating=STR, credit=NUMBER, stage=STR, cites=IDS,
        choices=listing(_CHOICE), plan=listing(_PLAN_STEP), image=obj(src=STR, alt=TEXT),
        heading=TEXT, target=STR, parts=listing(_PART),
    )),
)


def _is_number(value, integer: bool) -> bool:
    """A number (or numeric text, as OLX attributes are) within ±``MAX_NUMBER``."""
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        if not NUMERIC.match(value.strip()) or (integer and "." in value):
            return False
        value = float(value)
    if not isinstance(value, (int, float)) or (integer and isinstance(value, float)):
        return False
    return -MAX_NUMBER <= value <= MAX_NUMBER


def _text_problem(value) -> str | None:
    if not isinstance(value, Mapping) or not all(
            lang in LANGUAGES and isinstance(text, str) for lang, text in value.items()):
        return _('The field "{field}" must be a text per language (kk, ru, en).')
    if any(len(text) > MAX_TEXT_CHARS for text in value.values()):
        return _('The field "{field}" is longer than {max} characters.')
    return None


def _scalar_problem(value, kind: str) -> str | None:
    fits = {
        "str": isinstance(value, str) and len(value) <= MAX_TEXT_CHARS,
        "int": _is_number(value, True),
        "number": _is_number(value, False),
        "bool": isinstance(value, bool),
        "scalar": value is None or isinstance(value, (bool, str)) or _is_number(value, False),
    }[kind]
    return None if fits else {
        "str": _('The field "{field}" must be a short text.'),
        "int": _('The field "{field}" must be a whole number between -{limit} and {limit}.'),
        "number": _('The field "{field}" must be a number between -{limit} and {limit}.'),
        "bool": _('The field "{field}" must be true or false.'),
        "scalar": _('The field "{field}" must be a number, true/false or a text.'),
    }[kind]


def _problem(value, spec: Spec) -> str | None:
    """Why ``value`` does not fit ``spec`` at this level (children are checked separately)."""
    if spec.kind == "text":
        return _text_problem(value)
    if spec.kind == "list":
        fits = isinstance(value, list) and len(value) <= MAX_LIST_ITEMS
        return None if fits else _('The field "{field}" must be a list of at most {count} items.')
    if spec.kind == "object":
        return None if isinstance(value, Mapping) else _('The field "{field}" must be an object with named fields.')
    return _scalar_problem(value, spec.kind)


def _child_path(path: tuple, spec: Spec, index: int, value) -> tuple:
    name = spec.item.name if spec.item else ""
    ident = value.get("id") if isinstance(value, Mapping) else None
    if name and isinstance(ident, str) and ident:
        return path + (name, ident)
    return path + (name or "item", str(index + 1))


def _children(value, spec: Spec, path: tuple, label: str):
    if spec.kind == "list" and isinstance(value, list):
        return [(item, spec.item, _child_path(path, spec, i, item), label) for i, item in enumerate(value)]
    if spec.kind == "object" and isinstance(value, Mapping):
        return [(child, spec.keys.get(key), path, key) for key, child in value.items()]
    return []


def check_shape(document, spec: Spec) -> list[Issue]:
    """Every place where ``document`` does not have the shape ``spec`` describes (empty = fits)."""
    issues, stack = [], [(document, spec, (), "")]
    while stack:
        value, expected, path, label = stack.pop()
        if expected is None:
            issues.append(Issue(ERROR, _('The field "{field}" is not known here.'), {"field": label}, path))
            continue
        problem = _problem(value, expected)
        if problem:
            params = {"field": label or "content", "max": MAX_TEXT_CHARS, "count": MAX_LIST_ITEMS,
                      "limit": MAX_NUMBER}
            issues.append(Issue(ERROR, problem, params, path))
            continue
        stack.extend(reversed(_children(value, expected, path, label)))
    return issues


def content_size(document) -> int:
    """The document's size as stored (compact JSON, UTF-8)."""
    return len(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def check_size(document) -> list[Issue]:
    size = content_size(document)
    if size <= MAX_CONTENT_BYTES:
        return []
    return [Issue(ERROR, _("The content is {size} KiB; the limit is {max} KiB."),
                  {"size": size // 1024, "max": MAX_CONTENT_BYTES // 1024})]
