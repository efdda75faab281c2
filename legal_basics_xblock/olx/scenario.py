"""``<legal_case_study>`` and ``<legal_mock_trial>`` OLX ⇄ the stored scenario document.

The format is documented in ``docs/authoring-scenarios.md``. Scenes, drafts and endings keep
their document order; variable values are typed by the variable's declared type.
"""

from __future__ import annotations

import math

from lxml import etree

from .common import OLXError, append_localized, attribute, check_children, indent, localized, localized_groups

SCHEMA_VERSION = 1
NODE_TAGS = ("scene", "draft", "ending")
ROOT_CHILDREN = {"variable", *NODE_TAGS, "case_file", "role", "stage", "criterion", "debrief"}
SCENE_CHILDREN = {"title", "body", "image", "choice"}
ENDING_CHILDREN = {"title", "body", "image", "step", "cite"}
DRAFT_CHILDREN = {"title", "body", "image", "heading", "part"}
PART_CHILDREN = {"label", "option", "placeholder", "explanation", "cite"}
OPTION_CHILDREN = {"text", "feedback"}
CHOICE_CHILDREN = {"label", "requires", "effect", "deadline", "feedback", "cite"}
STRUCTURAL = {"variable", "value", "scene", "draft", "ending", "choice", "step", "role", "stage", "image", "deadline",
              "part", "option"}


def typed_value(raw: str | None, var_type: str):
    """``"true"`` → True for flags; numbers for counters and numbers; text is refused."""
    if raw is None:
        return None
    if var_type == "flag":
        if raw.lower() not in ("true", "false"):
            raise OLXError(f'A flag value must be "true" or "false", not "{raw}".')
        return raw.lower() == "true"
    try:
        number = float(raw)
    except ValueError as exc:
        raise OLXError(f'"{raw}" is not a number.') from exc
    if not math.isfinite(number):
        raise OLXError(f'"{raw}" is not a finite number.')
    return int(number) if number.is_integer() else number


def whole_number(raw: str | None, what: str, line: int | None) -> int:
    """A whole number from an attribute; ``OLXError`` with the line when it is not one."""
    try:
        return int(str(raw).strip())
    except ValueError as exc:
        raise OLXError(f'{what} must be a whole number, not "{raw}".', line) from exc


def _cites(element) -> list[str]:
    return [child.get("norm", "") for child in element.findall("cite")]


def _image(element):
    image = element.find("image")
    if image is None:
        return None
    return {"src": image.get("src", ""), "alt": localized(image, "alt")}


def _value(element, types: dict):
    var = element.get("var", "")
    try:
        return typed_value(element.get("value"), types.get(var, "number"))
    except OLXError as exc:
        raise OLXError(str(exc), element.sourceline) from exc


def _choice(element, types: dict, lines: dict, node_id: str) -> dict:
    check_children(element, CHOICE_CHILDREN)
    choice_id = element.get("id", "")
    lines[("node", node_id, "choice", choice_id)] = element.sourceline
    raw: dict = {"id": choice_id, "target": element.get("target", ""), "label": localized(element, "label")}
    if element.get("points") is not None:
        raw["points"] = typed_value(element.get("points"), "number")
    requires = [{"var": c.get("var", ""), "op": c.get("op", "eq"), "value": _value(c, types)}
                for c in element.findall("requires")]
    effects = [{"var": e.get("var", ""), "op": e.get("op", "set"), "value": _value(e, types)}
               for e in element.findall("effect")]
    if requires:
        raw["requires"] = requires
    if effects:
        raw["effects"] = effects
    deadline = element.find("deadline")
    if deadline is not None:
        raw["deadline"] = {"var": deadline.get("var", ""), "max": typed_value(deadline.get("max", "0"), "number"),
                           "late_target": deadline.get("late_target", ""), "message": localized(deadline, "message")}
    for key, value in (("feedback", localized(element, "feedback")), ("cites", _cites(element))):
        if value:
            raw[key] = value
    return raw


def _flag(element, name: str) -> bool:
    value = (element.get(name) or "false").lower()
    if value not in ("true", "false"):
        raise OLXError(f'{name} must be "true" or "false", not "{element.get(name)}".', element.sourceline)
    return value == "true"


def _option(element, lines: dict, path: tuple) -> dict:
    check_children(element, OPTION_CHILDREN)
    raw: dict = {"id": element.get("id", ""), "text": localized(element, "text")}
    lines[path + ("option", raw["id"])] = element.sourceline
    if _flag(element, "correct"):
        raw["correct"] = True
    if localized(element, "feedback"):
        raw["feedback"] = localized(element, "feedback")
    return raw


def _part(element, lines: dict, node_id: str) -> dict:
    check_children(element, PART_CHILDREN)
    path = ("node", node_id, "part", element.get("id", ""))
    lines[path] = element.sourceline
    raw: dict = {"id": path[3], "kind": element.get("kind", "choice"), "label": localized(element, "label")}
    if element.get("points") is not None:
        raw["points"] = typed_value(element.get("points"), "number")
    if element.get("pattern"):
        raw["pattern"] = element.get("pattern")
    for name in ("max_length", "min_length"):
        if element.get(name) is not None:
            raw[name] = whole_number(element.get(name), name, element.sourceline)
    options = [_option(option, lines, path) for option in element.findall("option")]
    for key, value in (("options", options), ("placeholder", localized(element, "placeholder")),
                       ("explanation", localized(element, "explanation")), ("cites", _cites(element))):
        if value:
            raw[key] = value
    return raw


def _node(element, types: dict, lines: dict) -> dict:
    node_id = element.get("id", "")
    lines[("node", node_id)] = element.sourceline
    check_children(element, {"scene": SCENE_CHILDREN, "draft": DRAFT_CHILDREN}.get(element.tag, ENDING_CHILDREN))
    raw: dict = {"id": node_id, "kind": element.tag}
    for name in ("stage", "rating", "target"):
        if element.get(name):
            raw[name] = element.get(name)
    if element.get("credit") is not None:
        raw["credit"] = typed_value(element.get("credit"), "number")
    title = localized(element, "title")
    if title:
        raw["title"] = title
    raw["body"] = localized(element, "body")
    image = _image(element)
    if image:
        raw["image"] = image
    if element.tag == "scene":
        raw["choices"] = [_choice(c, types, lines, node_id) for c in element.findall("choice")]
        return raw
    if element.tag == "draft":
        if localized(element, "heading"):
            raw["heading"] = localized(element, "heading")
        raw["parts"] = [_part(p, lines, node_id) for p in element.findall("part")]
        return raw
    plan = []
    for step in element.findall("step"):
        item = {"text": localized(step, "text")}
        for tag in ("authority", "deadline", "documents"):
            if localized(step, tag):
                item[tag] = localized(step, tag)
        if _cites(step):
            item["cites"] = _cites(step)
        plan.append(item)
    if plan:
        raw["plan"] = plan
    if _cites(element):
        raw["cites"] = _cites(element)
    return raw


def _named_value(element) -> dict:
    """``<value n="1"><label lang="kk">…</label>…</value>``: the words for one value of a counter."""
    try:
        number = typed_value(element.get("n", ""), "counter")
    except OLXError as exc:
        raise OLXError(str(exc), element.sourceline) from exc
    return {"n": number, "label": localized(element, "label")}


def _variables(root) -> list[dict]:
    variables = []
    for element in root.findall("variable"):
        var_type = element.get("type", "number")
        try:
            initial = typed_value(element.get("initial", "false" if var_type == "flag" else "0"), var_type)
        except OLXError as exc:
            raise OLXError(str(exc), element.sourceline) from exc
        raw = {"id": element.get("id", ""), "type": var_type, "initial": initial}
        if localized(element, "label"):
            raw["label"] = localized(element, "label")
        if element.findall("value"):
            raw["values"] = [_named_value(v) for v in element.findall("value")]
        variables.append(raw)
    return variables


def _trial_parts(root, document: dict) -> None:
    if localized(root, "case_file"):
        document["case_file"] = localized(root, "case_file")
    roles = [{"id": r.get("id", ""), "start": r.get("start", ""), "name": localized(r, "name"),
              "brief": localized(r, "brief"), **({"about": localized(r, "about")} if r.findall("about") else {})}
             for r in root.findall("role")]
    stages = [{"id": s.get("id", ""), "minutes": whole_number(s.get("minutes") or "0", "minutes", s.sourceline),
               "title": localized(s, "title"), "script": localized(s, "script")} for s in root.findall("stage")]
    for key, value in (("roles", roles), ("stages", stages), ("criteria", localized_groups(root, "criterion")),
                       ("debrief", localized_groups(root, "debrief"))):
        if value:
            document[key] = value


def parse_scenario(root: etree._Element) -> tuple[dict, dict, dict]:
    """Return ``(document, attributes, lines)`` for a scenario block element."""
    check_children(root, ROOT_CHILDREN)
    lines: dict = {}
    attributes = dict(root.attrib)
    document: dict = {"schema": SCHEMA_VERSION, "start": attributes.pop("start", "")}
    if "max_steps" in attributes:
        document["max_steps"] = whole_number(attributes.pop("max_steps"), "max_steps", root.sourceline)
    document["variables"] = _variables(root)
    types = {v["id"]: v["type"] for v in document["variables"]}
    _trial_parts(root, document)
    document["nodes"] = [_node(child, types, lines) for child in root if child.tag in NODE_TAGS]
    return document, attributes, lines


def _serialize_choice(parent, raw: dict) -> None:
    element = etree.SubElement(parent, "choice", id=raw["id"], target=raw.get("target", ""))
    if "points" in raw:
        element.set("points", attribute(raw["points"]))
    append_localized(element, "label", raw.get("label", {}))
    for condition in raw.get("requires", ()):
        etree.SubElement(element, "requires", var=condition["var"], op=condition["op"],
                         value=attribute(condition["value"]))
    for effect in raw.get("effects", ()):
        etree.SubElement(element, "effect", var=effect["var"], op=effect["op"], value=attribute(effect["value"]))
    if raw.get("deadline"):
        deadline = raw["deadline"]
        node = etree.SubElement(element, "deadline", var=deadline["var"], max=attribute(deadline["max"]),
                                late_target=deadline["late_target"])
        append_localized(node, "message", deadline.get("message", {}))
    append_localized(element, "feedback", raw.get("feedback", {}))
    for norm in raw.get("cites", ()):
        etree.SubElement(element, "cite", norm=norm)


def _serialize_part(parent, raw: dict) -> None:
    element = etree.SubElement(parent, "part", id=raw["id"], kind=raw.get("kind", "choice"))
    for name in ("points", "pattern", "max_length", "min_length"):
        if name in raw:
            element.set(name, attribute(raw[name]))
    append_localized(element, "label", raw.get("label", {}))
    append_localized(element, "placeholder", raw.get("placeholder", {}))
    for option in raw.get("options", ()):
        node = etree.SubElement(element, "option", id=option["id"])
        if option.get("correct"):
            node.set("correct", "true")
        append_localized(node, "text", option.get("text", {}))
        append_localized(node, "feedback", option.get("feedback", {}))
    append_localized(element, "explanation", raw.get("explanation", {}))
    for norm in raw.get("cites", ()):
        etree.SubElement(element, "cite", norm=norm)


def _serialize_node(parent, raw: dict) -> None:
    element = etree.SubElement(parent, raw["kind"], id=raw["id"])
    for name in ("target", "stage", "rating", "credit"):
        if name in raw:
            element.set(name, attribute(raw[name]))
    append_localized(element, "title", raw.get("title", {}))
    append_localized(element, "body", raw.get("body", {}))
    if raw.get("image"):
        image = etree.SubElement(element, "image", src=raw["image"].get("src", ""))
        append_localized(image, "alt", raw["image"].get("alt", {}))
    append_localized(element, "heading", raw.get("heading", {}))
    for part in raw.get("parts", ()):
        _serialize_part(element, part)
    for choice in raw.get("choices", ()):
        _serialize_choice(element, choice)
    for item in raw.get("plan", ()):
        step = etree.SubElement(element, "step")
        for tag in ("text", "authority", "deadline", "documents"):
            append_localized(step, tag, item.get(tag, {}))
        for norm in item.get("cites", ()):
            etree.SubElement(step, "cite", norm=norm)
    for norm in raw.get("cites", ()):
        etree.SubElement(element, "cite", norm=norm)


def _serialize_trial_parts(node, document: dict) -> None:
    append_localized(node, "case_file", document.get("case_file", {}))
    for role in document.get("roles", ()):
        element = etree.SubElement(node, "role", id=role["id"], start=role.get("start", ""))
        append_localized(element, "name", role.get("name", {}))
        append_localized(element, "about", role.get("about", {}))
        append_localized(element, "brief", role.get("brief", {}))
    for stage in document.get("stages", ()):
        element = etree.SubElement(node, "stage", id=stage["id"], minutes=attribute(stage.get("minutes", 0)))
        append_localized(element, "title", stage.get("title", {}))
        append_localized(element, "script", stage.get("script", {}))
    for criterion in document.get("criteria", ()):
        append_localized(node, "criterion", criterion)
    for question in document.get("debrief", ()):
        append_localized(node, "debrief", question)


def serialize_scenario(node: etree._Element, document: dict) -> None:
    """Write the scenario as attributes (start, max_steps) and children of ``node``."""
    if document.get("start"):
        node.set("start", document["start"])
    if document.get("max_steps"):
        node.set("max_steps", attribute(document["max_steps"]))
    for var in document.get("variables", ()):
        element = etree.SubElement(node, "variable", id=var["id"], type=var["type"],
                                   initial=attribute(var.get("initial", 0)))
        append_localized(element, "label", var.get("label", {}))
        for value in var.get("values", ()):
            append_localized(etree.SubElement(element, "value", n=attribute(value.get("n", 0))), "label",
                             value.get("label", {}))
    _serialize_trial_parts(node, document)
    for raw in document.get("nodes", ()):
        _serialize_node(node, raw)
    indent(node, STRUCTURAL)
