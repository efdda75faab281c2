"""Check block OLX files the way the course build does: parse with the block's own code, check
attributes, validate strictly, round-trip. Usage: python scripts/check_blocks.py FILE...

Exit status 1 when any file has an error; warnings are printed but do not fail.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course_tools.blocks import KINDS, block_findings  # noqa: E402
from course_tools.items import item_writing_findings  # noqa: E402
from legal_basics_xblock.olx.common import find_block  # noqa: E402
from legal_basics_xblock.olx.safe_xml import UnsafeXMLError, parse_xml  # noqa: E402


def check(path: Path) -> tuple[list[str], list[str]]:
    """``(errors, warnings)`` as ``file:line: message`` lines."""
    try:
        element = find_block(parse_xml(path.read_bytes()), KINDS)
    except UnsafeXMLError as exc:
        return [f"{path}: error: {exc}"], []
    if element is None:
        return [f"{path}: error: no {', '.join(KINDS)} element"], []
    found = {True: [], False: []}
    for level, line, message in block_findings(element):
        text = message if message.startswith(f"{level}:") else f"{level}: {message}"
        found[level == "error"].append(f"{path}:{line or element.sourceline}: {text}")
    for _file, line, message in item_writing_findings([(str(path), element)]):
        found[False].append(f"{path}:{line}: warning: {message}")
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
