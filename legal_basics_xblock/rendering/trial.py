"""Mock-trial extras: role choice, the learner's own brief, debrief, and the facilitator kit."""

from __future__ import annotations

from ..content.scenario import Scenario
from . import authored
from .tokens import Tokens


def trial_context(scenario: Scenario, progress: dict, tokens: Tokens, language: str, finished: bool) -> dict:
    """Only the learner's own role brief; other roles are names and their public description, nothing more."""
    context = {"case_file": authored.html(scenario.case_file, language) if scenario.case_file else ""}
    role = scenario.role(progress.get("role", "")) if progress.get("role") else None
    if role is not None:
        context["role"] = {"name": authored.plain(role.name, language), "brief": authored.html(role.brief, language)}
    else:
        context["roles"] = [{"token": tokens.token("role", r.id), "name": authored.plain(r.name, language),
                             "about": authored.plain(r.about, language)} for r in scenario.roles]
    if finished:
        context["debrief"] = [authored.html(question, language) for question in scenario.debrief]
    return context


def kit_context(scenario: Scenario, language: str) -> dict:
    """Everything a facilitator prints for a face-to-face session, from the same scenario."""
    stages = [{"title": authored.plain(stage.title, language), "minutes": stage.minutes,
               "script": authored.html(stage.script, language)} for stage in scenario.stages]
    return {
        "case_file": authored.html(scenario.case_file, language),
        "roles": [{"name": authored.plain(r.name, language), "brief": authored.html(r.brief, language)}
                  for r in scenario.roles],
        "stages": stages,
        "total_minutes": sum(stage["minutes"] for stage in stages),
        "criteria": [authored.html(c, language) for c in scenario.criteria],
        "debrief": [authored.html(q, language) for q in scenario.debrief],
    }
