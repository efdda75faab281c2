"""The author's overview of a scenario graph: every node, where its choices (or a draft) lead, and what is wrong.

Shown in the Studio editor so an author sees dead ends and unreachable scenes before saving.
"""

from __future__ import annotations

from ..content.scenario import DRAFT, ENDING, Scenario
from ..content.validate_scenario import can_finish, reachable, starts
from . import authored


def scenario_map(scenario: Scenario, language: str) -> list[dict]:
    """One row per node, in document order, with its outgoing choices and problems."""
    seen, finishing, start_ids = reachable(scenario), can_finish(scenario), set(starts(scenario))
    rows = []
    for node in scenario.nodes.values():
        rows.append({
            "id": node.id,
            "kind": node.kind,
            "title": authored.plain(node.title, language) or authored.plain(node.body, language)[:80],
            "start": node.id in start_ids,
            "stage": node.stage,
            "rating": node.rating if node.kind == ENDING else "",
            "credit": node.credit if node.kind == ENDING else None,
            "unreachable": node.id not in seen,
            "dead_end": node.id in seen and node.id not in finishing,
            "target": node.target if node.kind == DRAFT else "",
            "target_missing": node.kind == DRAFT and node.target not in scenario.nodes,
            "parts": len(node.parts) if node.kind == DRAFT else 0,
            "choices": [{
                "id": choice.id,
                "label": authored.plain(choice.label, language),
                "target": choice.target,
                "missing": choice.target not in scenario.nodes,
                "late_target": choice.deadline.late_target if choice.deadline else "",
                "conditional": bool(choice.requires),
            } for choice in node.choices],
        })
    return rows
