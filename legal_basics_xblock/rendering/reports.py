"""Rows for the instructor dashboard's problem-responses report (``generate_report_data``).

Staff read these, never learners: each row names the question or decision, the learner's answer in
words, whether it was right (or its points), the attempt and the time. Column names are stable: the
knowledge-gain report (``scripts/knowledge_gain.py``) reads them from the downloaded CSV.
"""

from __future__ import annotations

import re

from ..content.quiz import MATCHING, ORDERING, Question, Quiz
from ..content.sanitize import sanitize_html
from ..content.scenario import ENDING, Scenario
from ..content.text import pick
from ..engine.drafts import CHOICE
from ..engine.traversal import decision_quality, decisions_of, draft_result
from ..grading.quiz import CORRECT, INCORRECT, outcome, question_fraction

OUTCOME_WORDS = {CORRECT: "yes", INCORRECT: "no"}


def _plain(text, language: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", sanitize_html(pick(text, language))).split())


def answer_words(question: Question, answer: dict | None, language: str) -> str:
    """The learner's answer as a person reads it: choice texts, the order of steps, or the matches."""
    answer = answer or {}
    options = {o.id: o for o in (*question.choices, *question.steps, *question.pairs, *question.distractors)}
    if question.kind == ORDERING:
        return " → ".join(_plain(options[i].text, language) for i in answer.get("order", ()) if i in options)
    if question.kind == MATCHING:
        matches = answer.get("matches") or {}
        return "; ".join(f"{_plain(options[p].prompt, language)} → {_plain(options[a].text, language)}"
                         for p, a in matches.items() if p in options and a in options)
    return "; ".join(_plain(options[i].text, language) for i in answer.get("choices", ()) if i in options)


def quiz_rows(quiz: Quiz, attempt: dict, number: int, language: str, diagnostic: dict) -> list:
    """One row per question drawn in one stored attempt."""
    rows = []
    for question_id in attempt.get("drawn", ()):
        question = quiz.question(question_id)
        if question is None:
            continue
        answer = (attempt.get("answers") or {}).get(question_id)
        fraction = question_fraction(question, answer)
        rows.append({**diagnostic, "Question": question_id, "Topic": question.topic,
                     "Topic name": quiz.topic_name(question.topic, language) if question.topic else "",
                     "Answer": answer_words(question, answer, language),
                     "Correct": OUTCOME_WORDS.get(outcome(fraction), "partly"), "Score": round(fraction, 4),
                     "Attempt": number, "Time": attempt.get("time", "")})
    return rows


def _choice(scenario: Scenario, decision: dict):
    node = scenario.node(decision.get("node") or "")
    return node, next((c for c in node.choices if c.id == decision.get("choice")), None) if node else None


def _answer_and_points(scenario: Scenario, decision: dict, language: str) -> tuple:
    """A choice's label and points, or a draft's parts as "label: answer (✓/✗)" and the points earned."""
    draft = draft_result(scenario, decision)
    if draft is not None:
        words = []
        for item in draft.parts:
            option = item.part.option(item.value) if item.part.kind == CHOICE else None
            answer = _plain(option.text, language) if option else str(item.value)
            words.append(f"{_plain(item.part.label, language)}: {answer} ({'✓' if item.ok else '✗'})")
        return "; ".join(words), draft.earned
    _node, choice = _choice(scenario, decision)
    if choice is None:
        return decision.get("choice", ""), ""
    return _plain(choice.label, language), choice.points


def run_rows(scenario: Scenario, run: dict, number: int, language: str, fraction: float) -> list:
    """One row per decision of one run, undone ones included, marking which one counted."""
    ending = scenario.node(run.get("node") or "")
    quality = decision_quality(scenario, run)
    rows, seen = [], set()
    for step, decision in enumerate(decisions_of(run), 1):
        node = scenario.node(decision.get("node") or "")
        answer, points = _answer_and_points(scenario, decision, language)
        key = (decision.get("node"), decision.get("at"))
        counted = key not in seen
        seen.add(key)
        rows.append({
            "Run": number, "Graded": "yes" if run.get("graded", True) else "no", "Step": step,
            "Question": decision.get("node", ""), "Scene": _plain(node.title, language) if node else "",
            "Answer": answer, "Points": points, "Counted": "yes" if counted else "no",
            "Ending": _plain(ending.title, language) if ending and ending.kind == ENDING else "",
            "Decision quality": "" if quality is None else round(quality, 4), "Score": round(fraction, 4),
            "Abandoned": "yes" if run.get("abandoned") else "no", "Time": run.get("time", ""),
        })
    return rows


def limited(rows, limit: int | None):
    """``(username, row)`` pairs up to ``limit`` rows (the LMS passes its own cap)."""
    for count, item in enumerate(rows):
        if limit is not None and count >= limit:
            return
        yield item
