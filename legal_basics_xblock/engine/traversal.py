"""Walking a scenario: which choices are open now, what choosing one does, and submitting a draft.

A learner's progress is a plain dict ``{"node", "vars", "path", "steps", "decisions"}`` stored
in the block's user state; every function here returns a new dict and never mutates. ``path`` is
the way from the start to where the learner stands now (going back shortens it); ``decisions``
is every choice the learner made in this run, in order, including the ones they went back on
(docs/decisions/0008: a graded run counts each decision as first made). A submitted draft is one
step and one decision: its path entry and decision record carry the learner's ``values``.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

from ..content.scenario import DRAFT, ENDING, Choice, Condition, Scenario
from .drafts import CHOICE, DraftResult, clean_text, grade, problems

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
    target, steps, guard = _advance(scenario, progress, target)
    entry = {"node": progress["node"], "choice": choice.id, "late": late}
    decision = {"node": progress["node"], "choice": choice.id, "at": len(progress["path"]), "vars": progress["vars"]}
    new = {**progress, "node": target, "vars": variables,
           "path": [*progress["path"], entry], "steps": steps,
           "decisions": [*decisions_of(progress), decision]}
    return new, Consequence(choice, late, guard)


def _advance(scenario: Scenario, progress: dict, target: str) -> tuple[str, int, bool]:
    """Where a step to ``target`` lands: the loop guard stops a walk that reached ``max_steps``."""
    steps = progress["steps"] + 1
    node = scenario.node(target)
    guard = steps >= scenario.max_steps and node is not None and node.kind != ENDING
    return (LOOP_GUARD_NODE if guard else target), steps, guard


def submit_draft(scenario: Scenario, progress: dict, values: dict) -> tuple[dict, DraftResult]:
    """Submit the draft the learner stands at with ``{part id: option id or text}``; every part must be
    answered (an option of a choice part, a text within its length); raise :class:`EngineError` if not."""
    node = None if is_finished(scenario, progress) else scenario.node(progress["node"])
    if node is None or node.kind != DRAFT or problems(node, values):
        raise EngineError(progress.get("node", ""))
    values = {p.id: values[p.id] if p.kind == CHOICE else clean_text(values[p.id]) for p in node.parts}
    target, steps, _guard = _advance(scenario, progress, node.target)
    entry = {"node": node.id, "values": values, "late": False}
    decision = {"node": node.id, "values": values, "at": len(progress["path"]), "vars": progress["vars"]}
    new = {**progress, "node": target, "path": [*progress["path"], entry], "steps": steps,
           "decisions": [*decisions_of(progress), decision]}
    return new, grade(node, values)


def replay_step(scenario: Scenario, progress: dict, entry: dict) -> dict:
    """Take a path entry again: a choice, or a draft with the values it was submitted with."""
    if "values" in entry:
        return submit_draft(scenario, progress, entry["values"])[0]
    return choose(scenario, progress, entry["choice"])[0]


def step_back(scenario: Scenario, progress: dict) -> dict:
    """Progress one step earlier: the path is replayed without its last step; the decisions stay."""
    replay = initial_progress(scenario, progress.get("role", ""))
    try:
        for entry in progress["path"][:-1]:
            replay = replay_step(scenario, replay, entry)
    except (EngineError, KeyError, TypeError):
        replay = initial_progress(scenario, progress.get("role", ""))
    return {**replay, "decisions": decisions_of(progress)}


def decisions_of(progress: dict) -> list:
    """Every decision of a run; a run stored before decisions were kept has its path instead."""
    if "decisions" in progress:
        return list(progress["decisions"])
    return [{"node": e.get("node"), "choice": e.get("choice"), "at": i} for i, e in enumerate(progress.get("path", ()))]


def draft_result(scenario: Scenario, record: dict) -> DraftResult | None:
    """The current grading of a submitted draft (a path entry or decision), ``None`` if it is not one."""
    node = scenario.node(record.get("node") or "")
    values = record.get("values")
    if node is None or node.kind != DRAFT or not isinstance(values, dict):
        return None
    return grade(node, values)


def first_decisions(progress: dict) -> list:
    """The decision first made at each step of the run: going back and choosing again changes nothing."""
    seen, first = set(), []
    for decision in decisions_of(progress):
        key = (decision.get("node"), decision.get("at"))
        if key not in seen:
            seen.add(key)
            first.append(decision)
    return first


def _choice_quality(scenario: Scenario, decision: dict) -> float | None:
    """Points of the choice made ÷ the best points among the choices open then (``None``: not measured)."""
    node = scenario.node(decision.get("node") or "")
    choice = next((c for c in node.choices if c.id == decision.get("choice")), None) if node else None
    variables = decision.get("vars")
    offered = [c for c in node.choices if variables is None or all(holds(r, variables) for r in c.requires)] \
        if node else []
    best = max((c.points for c in offered), default=0.0)
    return max(0.0, min(1.0, choice.points / best)) if choice is not None and best > 0 else None


def decision_quality(scenario: Scenario, progress: dict) -> float | None:
    """Mean of (points of the choice first made ÷ the best points among the choices open then) over the
    scenes that award points, a draft counting as one decision worth (points earned ÷ points possible of its
    first submission); ``None`` when no such decision was made. A decision whose scene, choice or draft an
    author has since removed is left out: it can no longer be measured (rescoring stays fair)."""
    scores = []
    for decision in first_decisions(progress):
        draft = draft_result(scenario, decision)
        score = draft.fraction if draft is not None else _choice_quality(scenario, decision)
        if score is not None:
            scores.append(score)
    return sum(scores) / len(scores) if scores else None


def points(scenario: Scenario, progress: dict) -> float:
    """Points accumulated along the learner's path: choices taken and draft parts right (what no longer
    exists counts 0)."""
    total = 0.0
    for entry in progress.get("path", ()):
        draft = draft_result(scenario, entry)
        if draft is not None:
            total += draft.earned
            continue
        node = scenario.node(entry.get("node", ""))
        choice = next((c for c in node.choices if c.id == entry.get("choice")), None) if node else None
        total += choice.points if choice else 0.0
    return total


def ending_credit(scenario: Scenario, progress: dict) -> float | None:
    node = scenario.node(progress.get("node", ""))
    if progress.get("node") == LOOP_GUARD_NODE:
        return 0.0
    return node.credit if node is not None and node.kind == ENDING else None


def run_fraction(scenario: Scenario, run: dict, scoring: str = "decisions", ending_share: float = 0.25,
                 max_points: float = 0.0) -> float:
    """A run's score in [0, 1] by the block's scoring rule (docs/decisions/0008)."""
    if scoring == "points" and max_points:
        return max(0.0, min(1.0, points(scenario, run) / max_points))
    credit = ending_credit(scenario, run) or 0.0
    quality = decision_quality(scenario, run) if scoring == "decisions" else None
    if quality is None:
        return credit
    share = max(0.0, min(1.0, ending_share))
    return round((1 - share) * quality + share * credit, 6)
