"""Size budgets from docs/decisions/0001: block classes < 300 lines, modules ≤ 400, functions ≤ 60."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "legal_basics_xblock"
LIMITS = {"module": 400, "block_class": 300, "function": 60}


def _length(node: ast.AST) -> int:
    return node.end_lineno - node.lineno + 1


def problems() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT)
        if len(text.splitlines()) > LIMITS["module"]:
            found.append(f"{rel}: module has {len(text.splitlines())} lines (limit {LIMITS['module']})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and "blocks" in path.parts and _length(node) >= LIMITS["block_class"]:
                found.append(f"{rel}:{node.lineno}: class {node.name} has {_length(node)} lines")
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _length(node) > LIMITS["function"]:
                found.append(f"{rel}:{node.lineno}: function {node.name} has {_length(node)} lines")
    return found


if __name__ == "__main__":
    issues = problems()
    print("\n".join(issues) or "size budgets: ok")
    sys.exit(1 if issues else 0)
