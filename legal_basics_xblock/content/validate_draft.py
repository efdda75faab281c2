"""Validation of draft nodes: the document a learner assembles from parts (called by validate_scenario).

Messages name the node, the part and the option; the OLX layer adds the source line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..marker import _
from .scenario import MAX_LENGTH_CAP, MAX_PATTERN_CHARS, PART_KINDS, Node, Part, Scenario
from .validate import Collector, _check_ids, _check_text, check_citations

#: A repeated group that itself contains an unbounded repetition, e.g. ``(a+)+`` or ``(\w*\s)*``: such
#: patterns can take exponential time on a short non-matching input, so authors write them another way.
NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\d*\})")


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_part_values(out: Collector, node: Mapping) -> None:
    """Numbers where numbers belong in a draft's parts, checked on the stored document."""
    for part in node.get("parts", ()) or ():
        if not isinstance(part, Mapping):
            continue
        path = ("node", str(node.get("id")), "part", str(part.get("id")))
        if "points" in part and not _is_number(part["points"]):
            out.error(_("Points must be a number."), path)
        for key in ("max_length", "min_length"):
            if key in part and not (_is_number(part[key]) and float(part[key]).is_integer()):
                out.error(_('The field "{field}" must be a whole number.'), path, field=key)


def _check_pattern(out: Collector, pattern: str, path: tuple) -> None:
    if len(pattern) > MAX_PATTERN_CHARS:
        out.error(_("The pattern is longer than {max} characters."), path, max=MAX_PATTERN_CHARS)
        return
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        out.error(_("The pattern is not a valid regular expression: {error}."), path, error=str(exc)[:120])
        return
    nested = NESTED_REPEAT.search(pattern)
    if nested:
        out.error(_('The pattern repeats a group that itself repeats ("{fragment}"); write it without nested '
                    'repetition.'), path, fragment=nested.group(0)[:60])


def _check_text_part(out: Collector, part: Part, path: tuple) -> None:
    if part.options:
        out.error(_("A text part cannot have options."), path)
    if part.pattern:
        _check_pattern(out, part.pattern, path)
    if not 1 <= part.max_length <= MAX_LENGTH_CAP:
        out.error(_("The maximum length must be between 1 and {max} characters."), path, max=MAX_LENGTH_CAP)
    if not 1 <= part.min_length <= max(1, part.max_length):
        out.error(_("The minimum length must be between 1 and the maximum length."), path)
    _check_text(out, part.placeholder, path, _("The placeholder"), required=False)


def _check_choice_part(out: Collector, part: Part, path: tuple) -> None:
    if len(part.options) < 2:
        out.error(_("A choice part needs at least two options."), path)
    correct = [o for o in part.options if o.correct]
    if len(correct) != 1:
        out.error(_("A choice part needs exactly one correct option (it has {count})."), path, count=len(correct))
    _check_ids(out, [o.id for o in part.options], path, _("Option"))
    for option in part.options:
        option_path = path + ("option", option.id)
        _check_text(out, option.text, option_path, _("The option text"))
        _check_text(out, option.feedback, option_path, _("The feedback"), required=False)
    if part.pattern:
        out.error(_("Only a text part can have a pattern."), path)


def _check_part(out: Collector, node: Node, part: Part) -> None:
    path = ("node", node.id, "part", part.id)
    _check_text(out, part.label, path, _("The part label"))
    _check_text(out, part.explanation, path, _("The explanation"), required=False)
    if part.kind not in PART_KINDS:
        out.error(_('Part kind "{kind}" is unknown; use choice or text.'), path, kind=part.kind)
    elif part.kind == "choice":
        _check_choice_part(out, part, path)
    else:
        _check_text_part(out, part, path)
    if part.points < 0:
        out.error(_("Points must be 0 or more."), path)
    if part.points > 0 or part.cites:
        check_citations(out, part.cites, path)


def check_draft(out: Collector, scenario: Scenario, node: Node) -> None:
    """A draft needs a target node and at least one part; each part is checked by its kind."""
    path = ("node", node.id)
    if node.heading:
        _check_text(out, node.heading, path, _("The document heading"))
    if node.choices:
        out.error(_("A draft has parts, not choices."), path)
    if node.target not in scenario.nodes:
        out.error(_('Its draft leads to "{target}", which is not a node.'), path, target=node.target)
    if not node.parts:
        out.error(_("A draft needs at least one part."), path)
    _check_ids(out, [p.id for p in node.parts], path, _("Part"))
    for part in node.parts:
        _check_part(out, node, part)
