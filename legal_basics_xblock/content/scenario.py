"""The scenario model: a graph of scenes, drafts and endings with typed variables.

A *draft* is a node where the learner assembles a document (a claim, a complaint, an
application) from its required parts; it leads on to one ``target`` node.

Stored as one JSON document (like the quiz); :func:`load_scenario` builds frozen
dataclasses. Node and choice ids are the author's and stay stable: learner progress is
stored by them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

SCENE = "scene"
ENDING = "ending"
DRAFT = "draft"
NODE_KINDS = (SCENE, ENDING, DRAFT)
PART_KINDS = ("choice", "text")
DEFAULT_PART_POINTS = 1.0
DEFAULT_MAX_LENGTH = 200
MAX_LENGTH_CAP = 500
DEFAULT_MIN_LENGTH = 2
MAX_PATTERN_CHARS = 200
RATINGS = ("best", "acceptable", "poor")
VARIABLE_TYPES = ("counter", "flag", "number")
CONDITION_OPS = ("eq", "ne", "lt", "le", "gt", "ge")
EFFECT_OPS = ("set", "add")
DEFAULT_MAX_STEPS = 60

Text = Mapping[str, str]


@dataclass(frozen=True)
class Variable:
    id: str
    type: str
    initial: object = 0
    label: Text = field(default_factory=dict)
    values: tuple = ()  # (number, Text) pairs: a counter that codes a state shows its words, never the number


@dataclass(frozen=True)
class Condition:
    var: str
    op: str
    value: object


@dataclass(frozen=True)
class Effect:
    var: str
    op: str
    value: object


@dataclass(frozen=True)
class Deadline:
    """After the choice's effects, if ``var`` exceeds ``max`` the learner goes to ``late_target``."""

    var: str
    max: float
    late_target: str
    message: Text = field(default_factory=dict)


@dataclass(frozen=True)
class Choice:
    id: str
    label: Text
    target: str
    feedback: Text = field(default_factory=dict)
    requires: tuple = ()
    effects: tuple = ()
    deadline: Deadline | None = None
    cites: tuple = ()
    points: float = 0.0


@dataclass(frozen=True)
class PlanStep:
    text: Text
    authority: Text = field(default_factory=dict)
    deadline: Text = field(default_factory=dict)
    documents: Text = field(default_factory=dict)
    cites: tuple = ()


@dataclass(frozen=True)
class PartOption:
    """One plausible answer of a ``choice`` part of a draft."""

    id: str
    text: Text
    correct: bool = False
    feedback: Text = field(default_factory=dict)


@dataclass(frozen=True)
class Part:
    """One required part of a document the learner drafts: chosen among options or typed."""

    id: str
    kind: str
    label: Text
    points: float = DEFAULT_PART_POINTS
    options: tuple = ()
    pattern: str = ""
    max_length: int = DEFAULT_MAX_LENGTH
    min_length: int = DEFAULT_MIN_LENGTH
    placeholder: Text = field(default_factory=dict)
    explanation: Text = field(default_factory=dict)
    cites: tuple = ()

    def option(self, option_id: str) -> PartOption | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    title: Text = field(default_factory=dict)
    body: Text = field(default_factory=dict)
    choices: tuple = ()
    rating: str = ""
    credit: float = 0.0
    plan: tuple = ()
    cites: tuple = ()
    image: Mapping = field(default_factory=dict)
    stage: str = ""
    heading: Text = field(default_factory=dict)
    target: str = ""
    parts: tuple = ()

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)


@dataclass(frozen=True)
class Role:
    """A mock-trial role: its own brief and its own start node."""

    id: str
    name: Text
    brief: Text
    start: str
    about: Text = field(default_factory=dict)  # what the role does, shown on the role screen to everyone


@dataclass(frozen=True)
class Stage:
    """A stage of the hearing, with the facilitator's script and timing."""

    id: str
    title: Text
    minutes: int = 0
    script: Text = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    start: str
    nodes: Mapping[str, Node]
    variables: Mapping[str, Variable]
    max_steps: int = DEFAULT_MAX_STEPS
    roles: tuple = ()
    stages: tuple = ()
    case_file: Text = field(default_factory=dict)
    criteria: tuple = ()
    debrief: tuple = ()

    def role(self, role_id: str) -> Role | None:
        return next((role for role in self.roles if role.id == role_id), None)

    def stage(self, stage_id: str) -> Stage | None:
        return next((stage for stage in self.stages if stage.id == stage_id), None)

    def node(self, node_id: str) -> Node | None:
        return self.nodes.get(node_id)


def _number(value, default: float = 0.0) -> float:
    """A number from stored content; the validator reports anything that is not one."""
    if isinstance(value, bool):
        return default
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _text(raw) -> dict:
    return {str(k): str(v) for k, v in (raw or {}).items() if v is not None}


def _values(raw) -> tuple:
    """A counter's named values; the validator reports entries that are not ``{n, label}``."""
    return tuple((_number(v.get("n")), _text(v.get("label"))) for v in (raw or ()) if isinstance(v, Mapping))


def _choice(raw: Mapping) -> Choice:
    deadline = raw.get("deadline")
    return Choice(
        id=str(raw.get("id", "")),
        label=_text(raw.get("label")),
        target=str(raw.get("target", "")),
        feedback=_text(raw.get("feedback")),
        requires=tuple(Condition(str(c.get("var", "")), str(c.get("op", "eq")), c.get("value"))
                       for c in raw.get("requires", ())),
        effects=tuple(Effect(str(e.get("var", "")), str(e.get("op", "set")), e.get("value"))
                      for e in raw.get("effects", ())),
        deadline=Deadline(str(deadline.get("var", "")), _number(deadline.get("max")),
                          str(deadline.get("late_target", "")), _text(deadline.get("message")))
        if isinstance(deadline, Mapping) else None,
        cites=tuple(str(c) for c in raw.get("cites", ())),
        points=_number(raw.get("points")),
    )


def _plan_step(raw: Mapping) -> PlanStep:
    return PlanStep(text=_text(raw.get("text")), authority=_text(raw.get("authority")),
                    deadline=_text(raw.get("deadline")), documents=_text(raw.get("documents")),
                    cites=tuple(str(c) for c in raw.get("cites", ())))


def _part(raw: Mapping) -> Part:
    return Part(
        id=str(raw.get("id", "")),
        kind=str(raw.get("kind", "choice")),
        label=_text(raw.get("label")),
        points=_number(raw.get("points"), DEFAULT_PART_POINTS),
        options=tuple(PartOption(str(o.get("id", "")), _text(o.get("text")), o.get("correct") is True,
                                 _text(o.get("feedback")))
                      for o in raw.get("options", ()) if isinstance(o, Mapping)),
        pattern=str(raw.get("pattern") or ""),
        max_length=int(_number(raw.get("max_length"), DEFAULT_MAX_LENGTH)),
        min_length=int(_number(raw.get("min_length"), DEFAULT_MIN_LENGTH)),
        placeholder=_text(raw.get("placeholder")),
        explanation=_text(raw.get("explanation")),
        cites=tuple(str(c) for c in raw.get("cites", ())),
    )


def _node(raw: Mapping) -> Node:
    return Node(
        id=str(raw.get("id", "")),
        kind=str(raw.get("kind", SCENE)),
        title=_text(raw.get("title")),
        body=_text(raw.get("body")),
        choices=tuple(_choice(c) for c in raw.get("choices", ())),
        rating=str(raw.get("rating", "")),
        credit=_number(raw.get("credit")),
        plan=tuple(_plan_step(p) for p in raw.get("plan", ())),
        cites=tuple(str(c) for c in raw.get("cites", ())),
        image=dict(raw.get("image") or {}),
        stage=str(raw.get("stage", "")),
        heading=_text(raw.get("heading")),
        target=str(raw.get("target", "")),
        parts=tuple(_part(p) for p in raw.get("parts", ()) if isinstance(p, Mapping)),
    )


def load_scenario(document: Mapping | None) -> Scenario:
    """Build the model from the stored dict (tolerant: the validator reports problems)."""
    document = document or {}
    nodes = {}
    for raw in document.get("nodes", ()):
        if isinstance(raw, Mapping):
            node = _node(raw)
            nodes.setdefault(node.id, node)
    variables = {}
    for raw in document.get("variables", ()):
        if isinstance(raw, Mapping):
            var = Variable(str(raw.get("id", "")), str(raw.get("type", "number")), raw.get("initial", 0),
                           _text(raw.get("label")), _values(raw.get("values")))
            variables[var.id] = var
    roles = tuple(Role(str(r.get("id", "")), _text(r.get("name")), _text(r.get("brief")), str(r.get("start", "")),
                       _text(r.get("about")))
                  for r in document.get("roles", ()) if isinstance(r, Mapping))
    stages = tuple(Stage(str(s.get("id", "")), _text(s.get("title")), int(_number(s.get("minutes"))),
                         _text(s.get("script")))
                   for s in document.get("stages", ()) if isinstance(s, Mapping))
    return Scenario(
        start=str(document.get("start", "")), nodes=nodes, variables=variables,
        max_steps=int(_number(document.get("max_steps"), DEFAULT_MAX_STEPS) or DEFAULT_MAX_STEPS),
        roles=roles, stages=stages, case_file=_text(document.get("case_file")),
        criteria=tuple(_text(c) for c in document.get("criteria", ())),
        debrief=tuple(_text(q) for q in document.get("debrief", ())),
    )
