"""Our blocks inside an export: parsed with their own code, validated strictly, round-tripped."""

from __future__ import annotations

from lxml import etree

from legal_basics_xblock.blocks.case_study import OPTIONS as CASE_OPTIONS
from legal_basics_xblock.blocks.mock_trial import LegalMockTrialBlock
from legal_basics_xblock.blocks.quiz import OPTIONS as QUIZ_OPTIONS
from legal_basics_xblock.content.validate import validate_quiz
from legal_basics_xblock.content.validate_scenario import validate_scenario
from legal_basics_xblock.olx.common import OLXError
from legal_basics_xblock.olx.quiz import parse_quiz, serialize_quiz
from legal_basics_xblock.olx.scenario import parse_scenario, serialize_scenario

FIELD_ATTRIBUTES = {"url_name", "xblock-family", "display_name", "weight", "due"}
KINDS = {
    "legal_quiz": (parse_quiz, serialize_quiz, validate_quiz, QUIZ_OPTIONS),
    "legal_case_study": (parse_scenario, serialize_scenario, validate_scenario, CASE_OPTIONS),
    "legal_mock_trial": (parse_scenario, serialize_scenario, validate_scenario, LegalMockTrialBlock.option_specs),
}


def block_findings(element) -> list[tuple[str, int | None, str]]:
    """``[(level, source line, message)]`` for one block element, by the course-build rules (strict):
    parsed by its own code, attributes checked against its fields and options, validated, round-tripped."""
    parse, serialize, validate, specs = KINDS[element.tag]
    try:
        document, attributes, lines = parse(element)
    except OLXError as exc:
        return [("error", exc.line, str(exc))]
    except (TypeError, ValueError) as exc:  # a parser bug must still be a finding, not a traceback
        return [("error", element.sourceline, f"could not be read: {exc}")]
    found = []
    known = FIELD_ATTRIBUTES | {spec.name for spec in specs}
    for attribute, value in attributes.items():
        spec = next((s for s in specs if s.name == attribute), None)
        if attribute not in known:
            found.append(("error", element.sourceline, f"has no attribute \"{attribute}\""))
        elif spec is not None:
            try:
                spec.coerce(value)
            except ValueError as exc:
                found.append(("error", element.sourceline, str(exc)))
    issues = validate(document, attributes, strict=True)
    for issue in issues:
        line = lines.get(issue.path) or lines.get(issue.path[:2])
        found.append((issue.level, line, issue.format()))
    if any(issue.is_error for issue in issues):
        return found  # the round trip assumes valid content
    node = etree.Element(element.tag, attributes)
    serialize(node, document)
    again, _, _ = parse(etree.fromstring(etree.tostring(node)))
    if again != document:
        found.append(("error", element.sourceline, "does not round-trip through its OLX"))
    return found


def check_block(element) -> list[tuple[str, str]]:
    """``[(level, message)]`` for one inline block of an export, each message naming the block and line."""
    name = element.get("url_name", element.tag)
    prefix = f"<{element.tag} url_name=\"{name}\">"
    return [(level, f"{prefix} line {line}: {message}" if line else f"{prefix} {message}")
            for level, line, message in block_findings(element)]
