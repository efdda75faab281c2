"""The one validator for case-study and mock-trial scenarios.

Reports unknown targets, unreachable nodes, nodes with no way to an ending (which
also catches loops without exit), undefined variables, bad endings, drafts and their
parts (content/validate_draft.py), citations and missing kk/ru text. Messages name the
node and choice (or part).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping

from ..marker import _
from .issues import Issue
from .sanitize import image_src_allowed
from .scenario import (
    CONDITION_OPS,
    DRAFT,
    EFFECT_OPS,
    ENDING,
    NODE_KINDS,
    RATINGS,
    SCENE,
    VARIABLE_TYPES,
    Node,
    Scenario,
    load_scenario,
)
from .shape import SCENARIO, check_shape, check_size
from .validate import ID_PATTERN, Collector, _check_text, check_citations
from .validate_draft import check_draft, check_part_values

MAX_NODES = 2000


def _edges(node: Node) -> list[str]:
    targets = [c.target for c in node.choices]
    targets += [c.deadline.late_target for c in node.choices if c.deadline]
    return targets + [node.target] if node.kind == DRAFT else targets


def starts(scenario: Scenario) -> list[str]:
    """The start node, or each role's start node in a mock trial."""
    return [role.start for role in scenario.roles] or [scenario.start]


def reachable(scenario: Scenario) -> set:
    """Nodes reachable from a start, ignoring conditions (an over-approximation)."""
    seen, queue = set(), deque(starts(scenario))
    while queue:
        node_id = queue.popleft()
        if node_id in seen or node_id not in scenario.nodes:
            continue
        seen.add(node_id)
        queue.extend(_edges(scenario.nodes[node_id]))
    return seen


def can_finish(scenario: Scenario) -> set:
    """Nodes from which some ending can be reached (reverse search from the endings)."""
    incoming: dict[str, set] = {}
    for node in scenario.nodes.values():
        for target in _edges(node):
            incoming.setdefault(target, set()).add(node.id)
    done = {n.id for n in scenario.nodes.values() if n.kind == ENDING}
    queue = deque(done)
    while queue:
        for source in incoming.get(queue.popleft(), ()):
            if source not in done:
                done.add(source)
                queue.append(source)
    return done


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _value_fits(value, var_type: str) -> bool:
    return isinstance(value, bool) if var_type == "flag" else _is_number(value)


def check_value_types(out: Collector, document: Mapping) -> None:
    """Numbers where numbers belong and true/false for flags, checked on the stored document."""
    types = {v.get("id"): v.get("type") for v in document.get("variables", ()) if isinstance(v, Mapping)}
    for var in document.get("variables", ()):
        typed = isinstance(var, Mapping) and var.get("type") in VARIABLE_TYPES and "initial" in var
        if typed and not _value_fits(var["initial"], var["type"]):
            out.error(_("The initial value does not fit the variable type."), ("variable", str(var.get("id"))))
    for node in document.get("nodes", ()):
        if not isinstance(node, Mapping):
            continue
        if "credit" in node and not _is_number(node["credit"]):
            out.error(_("An ending's credit must be between 0 and 1."), ("node", str(node.get("id"))))
        for choice in node.get("choices", ()) or ():
            if isinstance(choice, Mapping):
                path = ("node", str(node.get("id")), "choice", str(choice.get("id")))
                _check_choice_values(out, choice, types, path)
        check_part_values(out, node)


def _check_choice_values(out: Collector, choice: Mapping, types: dict, path: tuple) -> None:
    if "points" in choice and not _is_number(choice["points"]):
        out.error(_("Points must be a number."), path)
    for item in (*(choice.get("requires") or ()), *(choice.get("effects") or ())):
        known = isinstance(item, Mapping) and item.get("var") in types
        if known and not _value_fits(item.get("value"), types[item["var"]]):
            out.error(_('The value for "{var}" does not fit its type (a number, or true/false for a flag).'),
                      path, var=item.get("var"))
    deadline = choice.get("deadline")
    if isinstance(deadline, Mapping) and not _is_number(deadline.get("max")):
        out.error(_("The deadline's maximum must be a number."), path)


def _check_variables(out: Collector, scenario: Scenario) -> None:
    for var in scenario.variables.values():
        path = ("variable", var.id)
        if not ID_PATTERN.match(var.id):
            out.error(_('Variable id "{id}" must be 1–64 letters, digits, "-" or "_".'), path, id=var.id)
        if var.type not in VARIABLE_TYPES:
            out.error(_('Variable type "{type}" is unknown; use one of: {types}.'), path, type=var.type,
                      types=", ".join(VARIABLE_TYPES))
        _check_values(out, var, path)


def _check_values(out: Collector, var, path: tuple) -> None:
    """Named values belong to counters: each a distinct whole number with words in both languages."""
    if var.values and var.type != "counter":
        out.error(_("Only a counter can name its values."), path)
    numbers = [number for number, _label in var.values]
    if any(not float(n).is_integer() for n in numbers) or len(set(numbers)) != len(numbers):
        out.error(_("Each named value must be a different whole number."), path)
    for _number, label in var.values:
        _check_text(out, label, path, _("The name of a value"))


def _check_choice(out: Collector, scenario: Scenario, node: Node, choice) -> None:
    path = ("node", node.id, "choice", choice.id)
    _check_text(out, choice.label, path, _("The choice text"))
    _check_text(out, choice.feedback, path, _("The consequence"), required=False)
    if choice.target not in scenario.nodes:
        out.error(_('It leads to "{target}", which is not a node.'), path, target=choice.target)
    for item in (*choice.requires, *choice.effects):
        if item.var not in scenario.variables:
            out.error(_('It uses the variable "{var}", which is not defined.'), path, var=item.var)
    if any(c.op not in CONDITION_OPS for c in choice.requires):
        out.error(_("A condition uses an unknown comparison."), path)
    if any(e.op not in EFFECT_OPS for e in choice.effects):
        out.error(_('An effect must "set" or "add".'), path)
    if choice.deadline:
        if choice.deadline.var not in scenario.variables:
            out.error(_('Its deadline uses the variable "{var}", which is not defined.'), path,
                      var=choice.deadline.var)
        if choice.deadline.late_target not in scenario.nodes:
            out.error(_('Its deadline leads to "{target}", which is not a node.'), path,
                      target=choice.deadline.late_target)
        _check_text(out, choice.deadline.message, path, _("The deadline message"), required=False)
    if choice.feedback:
        check_citations(out, choice.cites, path)


def _check_node(out: Collector, scenario: Scenario, node: Node) -> None:
    path = ("node", node.id)
    if node.kind not in NODE_KINDS:
        out.error(_('Node kind "{kind}" is unknown; use scene, draft or ending.'), path, kind=node.kind)
        return
    _check_text(out, node.body, path, _("The text"))
    if node.title:
        _check_text(out, node.title, path, _("The title"))
    if node.image and not node.image.get("alt"):
        out.error(_("The image needs alt text in kk and ru."), path)
    if node.image and not image_src_allowed(node.image.get("src", "")):
        out.error(_("The image address must start with https://, http:// or /static/."), path)
    if node.kind == SCENE:
        if not node.choices:
            out.error(_("A scene needs at least one choice."), path)
        ids = [c.id for c in node.choices]
        for dup in {i for i in ids if ids.count(i) > 1}:
            out.error(_('Choice id "{id}" is used twice.'), path, id=dup)
        for choice in node.choices:
            _check_choice(out, scenario, node, choice)
        return
    if node.kind == DRAFT:
        check_draft(out, scenario, node)
        return
    if node.choices:
        out.error(_("An ending cannot have choices."), path)
    if node.rating not in RATINGS:
        out.error(_('An ending needs a rating: {ratings}.'), path, ratings=", ".join(RATINGS))
    if not 0.0 <= node.credit <= 1.0:
        out.error(_("An ending's credit must be between 0 and 1."), path)
    for number, step in enumerate(node.plan, start=1):
        step_path = path + ("plan step", str(number))
        _check_text(out, step.text, step_path, _("The action-plan step"))
        check_citations(out, step.cites, step_path)


def _check_roles_and_stages(out: Collector, scenario: Scenario) -> None:
    stage_ids = {stage.id for stage in scenario.stages}
    for role in scenario.roles:
        path = ("role", role.id)
        _check_text(out, role.name, path, _("The role name"))
        _check_text(out, role.brief, path, _("The role brief"))
        _check_text(out, role.about, path, _("The role description"), required=False)
    for stage in scenario.stages:
        _check_text(out, stage.title, ("stage", stage.id), _("The stage title"))
    for node in scenario.nodes.values():
        if node.stage and node.stage not in stage_ids:
            out.error(_('It belongs to stage "{stage}", which is not defined.'), ("node", node.id), stage=node.stage)
    if scenario.case_file:
        _check_text(out, scenario.case_file, ("case file", "case_file"), _("The case file"))


def _check_graph(out: Collector, scenario: Scenario) -> None:
    missing = [start for start in starts(scenario) if start not in scenario.nodes]
    if missing:
        out.error(_('The start node "{start}" does not exist.'), start=", ".join(missing))
        return
    if not any(n.kind == ENDING for n in scenario.nodes.values()):
        out.error(_("The scenario needs at least one ending."))
    seen = reachable(scenario)
    finishing = can_finish(scenario)
    for node in scenario.nodes.values():
        if node.id not in seen:
            out.error(_("No path from the start reaches this node."), ("node", node.id))
        elif node.id not in finishing:
            out.error(_("No ending can be reached from here (a dead end or a loop without exit)."),
                      ("node", node.id))


def validate_scenario(document: Mapping, settings: Mapping | None = None, strict: bool = False) -> list[Issue]:
    """All issues in a stored scenario document (empty list = valid)."""
    out = Collector(strict)
    if not isinstance(document, Mapping) or not isinstance(document.get("nodes", []), list):
        out.error(_("The scenario content is not a list of nodes."))
        return out.issues
    shape = check_shape(document, SCENARIO) or check_size(document)
    if shape:
        return shape
    ids = [n.get("id") for n in document.get("nodes", []) if isinstance(n, Mapping)]
    for dup in sorted({str(i) for i in ids if ids.count(i) > 1}):
        out.error(_('Node id "{id}" is used twice.'), ("node", dup), id=dup)
    for node_id in ids:
        if not ID_PATTERN.match(str(node_id or "")):
            out.error(_('Node id "{id}" must be 1–64 letters, digits, "-" or "_".'), id=node_id)
    check_value_types(out, document)
    scenario = load_scenario(document)
    if len(scenario.nodes) > MAX_NODES:
        out.error(_("A scenario may have at most {max} nodes."), max=MAX_NODES)
    _check_variables(out, scenario)
    for node in scenario.nodes.values():
        _check_node(out, scenario, node)
    _check_roles_and_stages(out, scenario)
    _check_graph(out, scenario)
    return out.issues
