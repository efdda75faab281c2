"""Learner time per module, estimated from what is actually in it, next to the syllabus hours.

Contact time is what the module's lesson plan schedules (``data-minutes`` on its activities). Self-study
time adds up the readings (words at a slow reading pace: the learners are non-lawyers reading law), the
case studies and mock trials (their scenes and drafts on the way to an ending), the quizzes (the items a
learner is drawn) and the self-study tasks a module sets (``data-minutes`` on its tasks page). The rules
are deliberately simple and printed with the report, so a lecturer can check them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .pages import word_count
from .source import Module, block_element, page

READING_WPM = 130  # words a minute, a careful first reading of legal text
MINUTES_PER_SCENE = 4  # reading a scene, choosing, reading the consequence and its citation
MINUTES_PER_DRAFT = 20  # assembling a document part by part
MINUTES_PER_ITEM = 2  # a quiz item, with its explanation
CASE_OVERHEAD = 10  # the ending and the action plan
_MINUTES = re.compile(r'data-minutes="(\d+)"')
TOLERANCE = 0.25  # an estimate within ±25 % of the syllabus hours matches


@dataclass
class ModuleTime:
    module: str
    contact_hours: float
    self_hours: float
    contact_minutes: int = 0
    self_minutes: int = 0
    parts: dict = field(default_factory=dict)

    def matches(self) -> bool:
        def close(minutes, hours):
            return abs(minutes / 60 - hours) <= TOLERANCE * hours if hours else minutes == 0
        return close(self.contact_minutes, self.contact_hours) and close(self.self_minutes, self.self_hours)


def _scenario_minutes(element) -> int:
    scenes = len(element.findall("scene")) + len(element.findall("draft"))
    path = max(3, round(scenes * 0.6))  # a run passes through about six in ten scenes
    drafts = len(element.findall("draft"))
    return CASE_OVERHEAD + path * MINUTES_PER_SCENE + drafts * MINUTES_PER_DRAFT


def _quiz_minutes(element) -> int:
    drawn = int(element.get("draw") or 0) or len(element.findall("question"))
    return drawn * MINUTES_PER_ITEM


def _block_minutes(element) -> tuple[str, int]:
    if element.tag == "legal_quiz":
        return "quizzes", _quiz_minutes(element)
    if element.tag in ("legal_case_study", "legal_mock_trial"):
        return "cases", _scenario_minutes(element)
    return "other", 0


def _page_minutes(text: str, name: str, language: str) -> tuple[str, int]:
    marked = sum(int(m) for m in _MINUTES.findall(text))
    if name.startswith("lesson"):
        return "contact", marked
    if marked:
        return "tasks", marked
    return "reading", round(word_count(text) / READING_WPM)


def module_time(module: Module, language: str) -> ModuleTime:
    hours = module.hours or {}
    result = ModuleTime(module.id, float(hours.get("contact", 0)), float(hours.get("self", 0)))
    for unit in (u for section in module.sections for u in section.units):
        if unit.html:
            kind, minutes = _page_minutes(page(module, unit, language), unit.html, language)
        elif unit.block:
            kind, minutes = _block_minutes(block_element(module, unit))
        else:
            continue
        result.parts[kind] = result.parts.get(kind, 0) + minutes
    result.contact_minutes = result.parts.get("contact", 0)
    result.self_minutes = sum(v for k, v in result.parts.items() if k != "contact")
    return result


def report_lines(times: list) -> list:
    lines = [f"{'module':8} {'contact h (syllabus)':>22} {'self-study h (syllabus)':>25}  parts (min)"]
    for t in times:
        parts = ", ".join(f"{k} {v}" for k, v in sorted(t.parts.items()))
        mark = "" if t.matches() else "   ← differs by more than 25 %"
        lines.append(f"{t.module:8} {t.contact_minutes / 60:>13.1f} ({t.contact_hours:>4.1f}) "
                     f"{t.self_minutes / 60:>16.1f} ({t.self_hours:>4.1f})  {parts}{mark}")
    return lines
