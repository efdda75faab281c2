"""Walking a scenario: which choices are open now, and what choosing one does.

A learner's progress is a plain dict ``{"node", "vars", "path", "steps"}`` stored in
the block's user state; every function here returns a new dict and never mutates.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

from ..content.scenario import ENDING, Choice, Condition, Scenario

COMPARE = {"eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le,
           "gt": operator.gt, "ge": operator.ge}
LOOP_GUARD_NODE = "__loop_guard__"


class EngineError(ValueError):
    """A choice that is not open now (unknown, not offered, or the scenario has ended)."""


@dataclass(frozen=True)
class Consequence:
    choice: Choice
    late: bool
    stopped_by_guard: bool


def initial_progress(scenario: Scenario, role_id: str = "") -> dict:
    """Progress at the start (a mock-trial role starts at its own node)."""
    variables = {var.id: var.initial for var in scenario.variables.values()}
    role = scenario.role(role_id) if role_id else None
    start = role.start if role else scenario.start
    return {"node": start, "vars": variables, "path": [], "steps": 0, "role": role.id if role else ""}


def holds(condition: Condition, variables: dict) -> bool:
    compare = COMPARE.get(condition.op)
    if compare is None:
        return False
    try:
        return bool(compare(variables.get(condition.var), condition.value))
    except TypeError:
        return False


def is_finished(scenario: Scenario, progress: dict) -> bool:
    if progress.get("node") == LOOP_GUARD_NODE:
        return True
    node = scenario.node(progress.get("node", ""))
    return node is None or node.kind == ENDING


def open_choices(scenario: Scenario, progress: dict) -> list[Choice]:
    """The choices offered at the current node given the learner's variables."""
    if is_finished(scenario, progress):
        return []
    node = scenario.node(progress["node"])
    return [c for c in node.choices if all(holds(cond, progress["vars"]) for cond in c.requires)]


def _apply(effects, variables: dict) -> dict:
    result = dict(variables)
    for effect in effects:
        if effect.op == "add":
            result[effect.var] = (result.get(effect.var) or 0) + effect.value
        else:
            result[effect.var] = effect.value
    return result


def choose(scenario: Scenario, progress: dict, choice_id: str) -> tuple[dict, Consequence]:
    """Take choice ``choice_id`` now; raise :class:`EngineError` if it is not open."""
    offered = {c.id: c for c in open_choices(scenario, progress)}
    choice = offered.get(choice_id)
    if choice is None:
        raise EngineError(choice_id)
    variables = _apply(choice.effects, progress["vars"])
    target, late = choice.target, False
    deadline = choice.deadline
    if deadline and isinstance(variables.get(deadline.var), (int, float)) and variables[deadline.var] > deadline.max:
        target, late = deadline.late_target, True
    steps = progress["steps"] + 1
    guard = steps >= scenario.max_steps and scenario.node(target) is not None and \
        scenario.node(target).kind != ENDING
    entry = {"node": progress["node"], "choice": choice.id, "late": late}
    new = {**progress, "node": LOOP_GUARD_NODE if guard else target, "vars": variables,
           "path": [*progress["path"], entry], "steps": steps}
    return new, Consequence(choice, late, guard)


def points(scenario: Scenario, progress: dict) -> float:
    """Points accumulated along the learner's path (choices that no longer exist count 0)."""
    total = 0.0
    for entry in progress.get("path", ()):
        node = scenario.node(entry.get("node", ""))
        choice = next((c for c in node.choices if c.id == entry.get("choice")), None) if node else None
        total += choice.points if choice else 0.0
    return total


def ending_credit(scenario: Scenario, progress: dict) -> float | None:
    node = scenario.node(progress.get("node", ""))
    if progress.get("node") == LOOP_GUARD_NODE:
        return 0.0
    return node.credit if node is not None and node.kind == ENDING else None
