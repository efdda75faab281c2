"""Check block OLX files the way OLX import does: parse with the block's own code, validate
strictly (course-build rules), round-trip. Usage: python scripts/check_blocks.py FILE...

Exit status 1 when any file has an error; warnings are printed but do not fail.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from legal_basics_xblock.content.validate import validate_quiz  # noqa: E402
from legal_basics_xblock.content.validate_scenario import validate_scenario  # noqa: E402
from legal_basics_xblock.olx.common import OLXError  # noqa: E402
from legal_basics_xblock.olx.quiz import parse_quiz, serialize_quiz  # noqa: E402
from legal_basics_xblock.olx.safe_xml import UnsafeXMLError, parse_xml  # noqa: E402
from legal_basics_xblock.olx.scenario import parse_scenario, serialize_scenario  # noqa: E402

KINDS = {
    "legal_quiz": (parse_quiz, serialize_quiz, validate_quiz),
    "legal_case_study": (parse_scenario, serialize_scenario, validate_scenario),
    "legal_mock_trial": (parse_scenario, serialize_scenario, validate_scenario),
}


def block_element(root):
    if root.tag in KINDS:
        return root
    return next((el for el in root.iter() if isinstance(el.tag, str) and el.tag in KINDS), None)


def check(path: Path) -> tuple[list[str], list[str]]:
    """``(errors, warnings)`` as ``file:line: level: where: message`` lines."""
    try:
        element = block_element(parse_xml(path.read_bytes()))
    except UnsafeXMLError as exc:
        return [f"{path}: error: {exc}"], []
    if element is None:
        return [f"{path}: error: no legal_quiz, legal_case_study or legal_mock_trial element"], []
    parse, serialize, validate = KINDS[element.tag]
    try:
        document, attributes, lines = parse(element)
    except OLXError as exc:
        return [f"{path}:{exc.line}: error: {exc}"], []
    issues = validate(document, attributes, strict=True)
    found = {True: [], False: []}
    for issue in issues:
        line = lines.get(issue.path) or lines.get(issue.path[:2]) or element.sourceline
        found[issue.is_error].append(issue.with_line(line).format(source=str(path)))
    node = etree.Element(element.tag, attributes)
    serialize(node, document)
    again, _, _ = parse(parse_xml(etree.tostring(node)))
    if again != document:
        found[True].append(f"{path}: error: the OLX does not round-trip exactly")
    return found[True], found[False]


def main(paths: list[str]) -> int:
    failed = False
    for name in paths:
        errors, warnings = check(Path(name))
        for line in errors + warnings:
            print(line)
        failed = failed or bool(errors)
        print(f"{name}: {'FAILED' if errors else 'ok'} ({len(errors)} errors, {len(warnings)} warnings)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
