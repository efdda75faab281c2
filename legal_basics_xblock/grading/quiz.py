"""Scoring a quiz attempt.

Answers are keyed by the author's question and option ids, so scores can be
recomputed (rescore) after an author fixes a key, reorders choices or removes a question.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..content.quiz import ALL_OR_NOTHING, MATCHING, MULTIPLE, ORDERING, SINGLE, Question, Quiz

CORRECT = "correct"
PARTIAL = "partial"
INCORRECT = "incorrect"


@dataclass(frozen=True)
class AttemptScore:
    earned: float
    possible: float
    by_question: Mapping[str, float]

    @property
    def fraction(self) -> float:
        return self.earned / self.possible if self.possible else 0.0


def _choice_fraction(question: Question, chosen: set) -> float:
    correct = {c.id for c in question.choices if c.correct}
    if question.kind == SINGLE or question.scoring == ALL_OR_NOTHING:
        return 1.0 if chosen == correct else 0.0
    wrong_picks = len(chosen - correct)
    right_picks = len(chosen & correct)
    raw = right_picks / len(correct) - question.penalty * wrong_picks / max(len(question.choices) - len(correct), 1)
    return max(0.0, min(1.0, raw))


def _order_fraction(question: Question, order: list) -> float:
    expected = [step.id for step in question.steps]
    if order == expected:
        return 1.0
    if question.scoring == ALL_OR_NOTHING or len(order) != len(expected):
        return 0.0
    return sum(1 for got, want in zip(order, expected) if got == want) / len(expected)


def _matching_fraction(question: Question, matches: Mapping) -> float:
    right = sum(1 for pair in question.pairs if matches.get(pair.id) == pair.id)
    if question.scoring == ALL_OR_NOTHING:
        return 1.0 if right == len(question.pairs) else 0.0
    return right / len(question.pairs) if question.pairs else 0.0


def question_fraction(question: Question, answer: Mapping | None) -> float:
    """The share of the question's points earned by ``answer`` (0 for no or malformed answer)."""
    if not answer:
        return 0.0
    if question.kind in (SINGLE, MULTIPLE):
        return _choice_fraction(question, set(answer.get("choices", ())))
    if question.kind == ORDERING:
        return _order_fraction(question, list(answer.get("order", ())))
    if question.kind == MATCHING:
        return _matching_fraction(question, answer.get("matches", {}) or {})
    return 0.0


def outcome(fraction: float) -> str:
    if fraction >= 1.0 - 1e-9:
        return CORRECT
    return PARTIAL if fraction > 0 else INCORRECT


def score_attempt(quiz: Quiz, drawn: list, answers: Mapping) -> AttemptScore:
    """Points for one attempt over the questions drawn for it that still exist."""
    earned = possible = 0.0
    by_question = {}
    for question_id in drawn:
        question = quiz.question(question_id)
        if question is None:
            continue
        fraction = question_fraction(question, answers.get(question_id))
        by_question[question_id] = fraction
        earned += fraction * question.points
        possible += question.points
    return AttemptScore(earned, possible, by_question)


def best_fraction(quiz: Quiz, attempts: list, method: str = "highest") -> float | None:
    """The quiz score over stored attempts (``highest`` or ``last``); ``None`` if nothing scorable."""
    fractions = []
    for attempt in attempts:
        score = score_attempt(quiz, attempt.get("drawn", []), attempt.get("answers", {}))
        if score.possible:
            fractions.append(score.fraction)
    if not fractions:
        return None
    return fractions[-1] if method == "last" else max(fractions)


def topic_shares(quiz: Quiz, score: AttemptScore) -> dict:
    """The earned share of each topic's points in one attempt (untopiced questions are under "")."""
    totals: dict = {}
    for question_id, fraction in score.by_question.items():
        question = quiz.question(question_id)
        earned, possible = totals.get(question.topic, (0.0, 0.0))
        totals[question.topic] = (earned + fraction * question.points, possible + question.points)
    return {topic: round(earned / possible, 4) for topic, (earned, possible) in totals.items() if possible}


def question_results(quiz: Quiz, drawn: list, answers: Mapping) -> list:
    """Per question of an attempt: id, topic, earned share and outcome (for tracking events and reports)."""
    score = score_attempt(quiz, drawn, answers)
    return [{"question": question_id, "topic": quiz.question(question_id).topic, "score": round(fraction, 4),
             "outcome": outcome(fraction)} for question_id, fraction in score.by_question.items()]
