"""Item-writing checks over the quizzes of an export: one pool per quiz, plus diagnostic items repeated
in practice quizzes (content/item_quality.py holds the rules)."""

from __future__ import annotations

from legal_basics_xblock.content.item_quality import ItemRules, pool_findings, repeated_items
from legal_basics_xblock.content.quiz import load_quiz
from legal_basics_xblock.olx.common import OLXError
from legal_basics_xblock.olx.quiz import parse_quiz


def _pools(quizzes: list) -> list:
    """``(file, lines, name, quiz, diagnostic)`` for every quiz element that parses."""
    pools = []
    for file, element in quizzes:
        try:
            document, _attributes, lines = parse_quiz(element)
        except (OLXError, ValueError):
            continue  # the block checks already report it
        lines = {key[1]: line for key, line in lines.items() if key[0] == "question" and len(key) == 2}
        lines[""] = element.sourceline
        name = f'<legal_quiz url_name="{element.get("url_name", "")}">'
        pools.append((file, lines, name, load_quiz(document), element.get("mode") == "diagnostic"))
    return pools


def item_writing_findings(quizzes: list, rules: ItemRules | None = None) -> list:
    """``(file, line, message)`` warnings, in the order of the export."""
    rules = rules or ItemRules.from_environment()
    pools, found, seen = _pools(quizzes), [], set()
    practice = [(name, quiz) for _f, _l, name, quiz, diagnostic in pools if not diagnostic]
    for file, lines, name, quiz, diagnostic in pools:
        if name in seen:
            continue  # a pool used twice (the pre- and post-test) is judged once
        seen.add(name)
        findings = pool_findings(name, quiz, rules)
        findings += repeated_items((name, quiz), practice, rules) if diagnostic else []
        found += [(file, lines.get(finding.question, lines[""]), str(finding)) for finding in findings]
    return found
