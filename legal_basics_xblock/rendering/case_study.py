"""What a learner sees of a case study or mock trial: the current node, the choices open
now (or the form of the draft to write), their own path with its consequences and, at the
end, the outcome and action plan.

Targets, untaken choices' consequences, future nodes, endings, points and everything that
tells a draft's right parts (rendering/drafts.py) never enter this context before the learner
reaches or submits them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..content.sanitize import image_src_allowed
from ..content.scenario import DRAFT, ENDING, Scenario
from ..engine.traversal import LOOP_GUARD_NODE, is_finished, open_choices
from ..marker import _
from . import View, authored
from .drafts import document_token, draft_form, draft_outcome
from .tokens import Tokens

RATING_LABELS = {"best": _("Best outcome"), "acceptable": _("Acceptable outcome"), "poor": _("Poor outcome")}
BANNERS = {"best": "ok", "acceptable": "part", "poor": "bad"}  # common.css .lb-banner--*


@dataclass
class CaseScreen:
    scenario: Scenario
    progress: dict
    tokens: Tokens
    language: str
    anchor: str
    gettext: Callable[[str], str] = lambda s: s
    allow_back: bool = False
    can_restart: bool = False
    fraction: float | None = None
    notice: str = ""
    needs_role: bool = False
    extra: dict = field(default_factory=dict)
    attempt: dict = field(default_factory=dict)
    document_url: Callable[[str], str] = lambda token: ""


def _variables(screen: CaseScreen) -> tuple[list, list]:
    counters, evidence = [], []
    clocks = {c.deadline.var for node in screen.scenario.nodes.values() for c in node.choices if c.deadline}
    for var in screen.scenario.variables.values():
        value = screen.progress["vars"].get(var.id)
        label = authored.plain(var.label, screen.language) or var.id
        if var.type == "flag":
            if value:
                evidence.append(label)
        elif var.type == "counter" and (not var.values or _value_name(var, value, screen.language)):
            counters.append({"label": label, "value": _value_name(var, value, screen.language) or value,
                             "clock": _clock(screen, var.id, value) if var.id in clocks else None})
    return counters, evidence


def _value_name(var, value, language: str) -> str:
    """A coded counter shows the words for its value; a value without words is not shown at all."""
    return next((authored.plain(label, language) for number, label in var.values if number == value), "")


def _taken_choice(screen: CaseScreen, entry: dict):
    node = screen.scenario.node(entry.get("node", ""))
    return next((c for c in node.choices if c.id == entry.get("choice")), None) if node else None


def _clock(screen: CaseScreen, var_id: str, value) -> dict:
    """A time counter as a timeline, with the deadline of the last step the learner took that has one:
    a deadline ahead is never shown before the learner meets it."""
    taken = (_taken_choice(screen, entry) for entry in screen.progress.get("path", ()))
    deadlines = [choice.deadline.max for choice in taken
                 if choice is not None and choice.deadline is not None and choice.deadline.var == var_id]
    if not deadlines or not isinstance(value, (int, float)):
        return {"deadline": None}
    deadline = deadlines[-1]
    top = max(deadline, value, 1) * 1.15
    return {"deadline": deadline, "late": value > deadline, "fill": round(100 * value / top),
            "mark": round(100 * deadline / top)}


def _draft_step(screen: CaseScreen, node, entry: dict, terms) -> View:
    """A submitted draft in the learner's path: its title and the outcome part by part."""
    return View({
        "label": authored.plain(node.title, screen.language) or authored.plain(node.heading, screen.language),
        "draft": draft_outcome(node, entry["values"], screen.language, terms, screen.gettext),
        "document_url": screen.document_url(document_token(screen.tokens, node.id)),
    })


def _path(screen: CaseScreen, terms) -> list:
    steps = []
    for entry in screen.progress.get("path", ()):
        node = screen.scenario.node(entry.get("node", ""))
        if node is not None and node.kind == DRAFT and isinstance(entry.get("values"), dict):
            steps.append(_draft_step(screen, node, entry, terms))
            continue
        choice = _taken_choice(screen, entry)
        if choice is None:
            continue
        steps.append(View({
            "label": authored.plain(choice.label, screen.language),
            "feedback": authored.html(choice.feedback, screen.language, terms),
            "late": entry.get("late") and choice.deadline is not None,
            "late_message": authored.html(choice.deadline.message, screen.language, terms)
            if entry.get("late") and choice.deadline else "",
            "citations": authored.citations(choice.cites, screen.language),
        }))
    return steps


def _ending(screen: CaseScreen, node, terms) -> dict:
    gettext = screen.gettext
    if node is None:
        return View({
            "title": gettext("The case stopped here"),
            "body": gettext("You went round in circles for too long; the case ended without a result."),
            "rating": "poor", "rating_label": gettext(RATING_LABELS["poor"]), "plan": [], "banner": "bad",
        })
    plan = [View({
        "text": authored.html(step.text, screen.language, terms),
        "authority": authored.plain(step.authority, screen.language),
        "deadline": authored.plain(step.deadline, screen.language),
        "documents": authored.plain(step.documents, screen.language),
        "citations": authored.citations(step.cites, screen.language),
    }) for step in node.plan]
    return View({
        "title": authored.plain(node.title, screen.language),
        "body": authored.html(node.body, screen.language, terms),
        "rating": node.rating,
        "banner": BANNERS.get(node.rating, ""),
        "rating_label": gettext(RATING_LABELS.get(node.rating, "")) if node.rating in RATING_LABELS else "",
        "plan": plan,
        "citations": authored.citations(node.cites, screen.language),
    })


def _current(screen: CaseScreen, terms) -> dict | None:
    node = screen.scenario.node(screen.progress["node"])
    if node is None or node.kind == ENDING:
        return None
    step = screen.progress.get("steps", 0)
    return View({
        "title": authored.plain(node.title, screen.language),
        "body": authored.html(node.body, screen.language, terms),
        "image": {"src": node.image.get("src", ""), "alt": authored.plain(node.image.get("alt"), screen.language)}
        if node.image and image_src_allowed(node.image.get("src", "")) else None,
        "stage": authored.plain(screen.scenario.stage(node.stage).title, screen.language)
        if node.stage and screen.scenario.stage(node.stage) else "",
        "choices": [{"token": screen.tokens.token(str(step), node.id, choice.id),
                     "label": authored.plain(choice.label, screen.language)}
                    for choice in open_choices(screen.scenario, screen.progress)],
        "draft": draft_form(node, screen.tokens, step, screen.language) if node.kind == DRAFT else None,
    })


def _attempt(screen: CaseScreen, finished: bool) -> dict:
    """Attempt n of m and what counts, in words (docs/decisions/0008)."""
    info, gettext = screen.attempt, screen.gettext
    if not info:
        return {}
    number, limit = info.get("number", 1), info.get("limit") or 0
    head = (gettext("Attempt {number} of {limit}").format(number=number, limit=limit) if limit
            else gettext("Attempt {number}").format(number=number))
    if not info.get("graded"):
        rule = gettext("Practice: this run does not change your grade.")
    elif info.get("scoring") == "decisions":
        rule = gettext("Graded: every decision counts as you first make it. Going back lets you see another "
                       "option, but the decision you made stays in your score. The ending counts too.")
    else:
        rule = gettext("Graded: the ending you reach decides your score.")
    left = info.get("left")
    restart_note = ""
    if left is not None and not finished:
        restart_note = gettext("Starting again ends this attempt as it stands; {left} of {limit} attempts "
                               "are left.").format(left=max(0, left - 1), limit=limit)
    return {"head": head, "rule": rule, "restart_note": restart_note,
            "none_left": left == 0 and finished}


def case_context(screen: CaseScreen) -> dict:
    """The template context (and mobile JSON) for the learner's current state."""
    terms = authored.TermCollector(screen.anchor, screen.language)
    finished = not screen.needs_role and is_finished(screen.scenario, screen.progress)
    counters, evidence = _variables(screen)
    context = View({
        "anchor": screen.anchor,
        "language": screen.language,
        "notice": screen.notice,
        "step_number": screen.progress.get("steps", 0) + (0 if finished else 1),
        "counters": counters,
        "evidence": evidence,
        "path": _path(screen, terms),
        "current": None if finished or screen.needs_role else _current(screen, terms),
        "finished": finished,
        "can_go_back": screen.allow_back and not finished and bool(screen.progress.get("path")),
        "can_restart": screen.can_restart,
        "attempt": _attempt(screen, finished),
        "needs_role": screen.needs_role,
        "case_file": "", "role": None, "roles": None, "kit_url": "", "debrief": None, "ending": None,
        "percent": None,
        **screen.extra,
    })
    if finished:
        node_id = screen.progress["node"]
        node = None if node_id == LOOP_GUARD_NODE else screen.scenario.node(node_id)
        context["ending"] = _ending(screen, node, terms)
        context["percent"] = round((screen.fraction or 0) * 100)
    context["terms"] = terms.entries()
    return context
