"""Decoding a learner's submitted answers from opaque tokens back to author ids.

Anything unexpected (unknown token, a choice from another question, two answers to a
single-choice question, missing answers) raises :class:`AnswerError` with a message a
learner can act on; nothing is stored until the whole submission decodes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..content.quiz import MATCHING, MULTIPLE, ORDERING, SINGLE, Question
from ..marker import _


class AnswerError(ValueError):
    def __init__(self, template: str, missing: tuple = (), **params):
        super().__init__(template.format(**params))
        self.template = template
        self.params = params
        self.missing = missing  # tokens of the questions left unanswered, for the page to mark them

    def message(self, translate=lambda s: s) -> str:
        return translate(self.template).format(**self.params)


Token = Callable[..., str]


def _strings(value, limit: int) -> list:
    if not isinstance(value, list) or len(value) > limit or not all(isinstance(v, str) for v in value):
        raise AnswerError(_("An answer is not in the expected form."))
    return value


def _decode_choices(question: Question, raw: Mapping, token: Token, number: int) -> dict:
    lookup = {token(question.id, c.id): c.id for c in question.choices}
    picked = _strings(raw.get("choices"), len(lookup))
    if not picked:
        raise AnswerError(_("Question {number} has no answer yet."), number=number)
    if any(t not in lookup for t in picked) or len(set(picked)) != len(picked):
        raise AnswerError(_("Question {number} has an answer that is not one of its choices."), number=number)
    if question.kind == SINGLE and len(picked) != 1:
        raise AnswerError(_("Question {number} takes exactly one answer."), number=number)
    return {"choices": sorted(lookup[t] for t in picked)}


def _decode_order(question: Question, raw: Mapping, token: Token, number: int) -> dict:
    lookup = {token(question.id, s.id): s.id for s in question.steps}
    order = _strings(raw.get("order"), len(lookup))
    if sorted(order) != sorted(lookup):
        raise AnswerError(_("Question {number} must list every step exactly once."), number=number)
    return {"order": [lookup[t] for t in order]}


def _decode_matches(question: Question, raw: Mapping, token: Token, number: int) -> dict:
    prompts = {token(question.id, p.id): p.id for p in question.pairs}
    answers = {token(question.id, "answer", o.id): o.id for o in question.answer_options()}
    matches = raw.get("matches")
    if not isinstance(matches, dict) or len(matches) > len(prompts):
        raise AnswerError(_("An answer is not in the expected form."))
    if set(matches) != set(prompts):
        raise AnswerError(_("Question {number}: choose an answer for every situation."), number=number)
    if any(not isinstance(v, str) or v not in answers for v in matches.values()):
        raise AnswerError(_("Question {number} has an answer that is not one of its choices."), number=number)
    return {"matches": {prompts[p]: answers[a] for p, a in matches.items()}}


DECODERS = {SINGLE: _decode_choices, MULTIPLE: _decode_choices,
            ORDERING: _decode_order, MATCHING: _decode_matches}


def decode_answers(payload: Mapping, questions: list, token: Token) -> dict:
    """``{question_id: answer}`` for every drawn question, or :class:`AnswerError`."""
    raw_answers = payload.get("answers")
    if not isinstance(raw_answers, dict):
        raise AnswerError(_("The submission has no answers."))
    by_token = {token(q.id): q for q in questions}
    unknown = set(raw_answers) - set(by_token)
    if unknown:
        raise AnswerError(_("The submission answers a question that is not in this attempt. Reload the page."))
    missing = [(number, question) for number, question in enumerate(questions, start=1)
               if not _answered(question, raw_answers.get(token(question.id)))]
    if missing:
        numbers = ", ".join(str(number) for number, _question in missing)
        raise AnswerError(_("Some questions have no answer yet: {numbers}. They are marked below."),
                          missing=tuple(token(q.id) for _n, q in missing), numbers=numbers)
    return {question.id: DECODERS[question.kind](question, raw_answers[token(question.id)], token, number)
            for number, question in enumerate(questions, start=1)}


def _answered(question: Question, raw) -> bool:
    """Whether the learner gave this question any answer at all (its form is checked when decoding)."""
    if not isinstance(raw, dict):
        return False
    value = raw.get({SINGLE: "choices", MULTIPLE: "choices", ORDERING: "order", MATCHING: "matches"}[question.kind])
    if question.kind == MATCHING:
        return isinstance(value, dict) and len(value) >= len(question.pairs)
    return bool(value)


def decode_draft(payload: Mapping, questions: list, token: Token) -> dict:
    """The answers given so far (a draft: unanswered questions left out), or :class:`AnswerError`
    when a given answer is not of this attempt's questions and choices."""
    raw_answers = payload.get("draft")
    if not isinstance(raw_answers, dict) or len(raw_answers) > len(questions):
        raise AnswerError(_("The saved answers are not in the expected form."))
    draft = {}
    for number, question in enumerate(questions, start=1):
        raw = raw_answers.get(token(question.id))
        if _answered(question, raw) or (question.kind == MATCHING and isinstance(raw, dict) and raw.get("matches")):
            draft[question.id] = _draft_answer(question, raw, token, number)
    if set(raw_answers) - {token(q.id) for q in questions}:
        raise AnswerError(_("The submission answers a question that is not in this attempt. Reload the page."))
    return draft


def _draft_answer(question: Question, raw: Mapping, token: Token, number: int) -> dict:
    if question.kind != MATCHING:
        return DECODERS[question.kind](question, raw, token, number)
    prompts = {token(question.id, p.id): p.id for p in question.pairs}
    answers = {token(question.id, "answer", o.id): o.id for o in question.answer_options()}
    matches = raw.get("matches")
    if not isinstance(matches, dict) or not all(
            p in prompts and isinstance(a, str) and a in answers for p, a in matches.items()):
        raise AnswerError(_("Question {number} has an answer that is not one of its choices."), number=number)
    return {"matches": {prompts[p]: answers[a] for p, a in matches.items()}}
