"""Pure scoring, draws and visibility policies."""

from __future__ import annotations

import pytest

from legal_basics_xblock.content.quiz import load_quiz
from legal_basics_xblock.grading.answers import AnswerError, decode_answers
from legal_basics_xblock.grading.quiz import best_fraction, question_fraction, score_attempt
from legal_basics_xblock.grading.selection import draw_questions, seed_for, shuffled
from legal_basics_xblock.olx.quiz import parse_quiz
from legal_basics_xblock.olx.safe_xml import parse_xml
from legal_basics_xblock.rendering.policy import LearnerStatus, answer_visible, results_visible
from legal_basics_xblock.rendering.tokens import Tokens
from tests.conftest import fixture_xml


@pytest.fixture(name="quiz")
def _quiz():
    document, _, _ = parse_quiz(parse_xml(fixture_xml("quiz_all_kinds.xml")))
    return load_quiz(document)


def test_single_choice(quiz):
    q = quiz.question("single-q")
    assert question_fraction(q, {"choices": ["right"]}) == 1.0
    assert question_fraction(q, {"choices": ["wrong"]}) == 0.0
    assert question_fraction(q, None) == 0.0


@pytest.mark.parametrize("chosen, expected", [
    (["m1", "m2"], 1.0), (["m1"], 0.5), (["m1", "m3"], 0.0), (["m1", "m2", "m3"], 0.5), (["m3"], 0.0),
])
def test_multiple_choice_per_choice_with_penalty(quiz, chosen, expected):
    assert question_fraction(quiz.question("multi-q"), {"choices": chosen}) == pytest.approx(expected)


def test_multiple_choice_all_or_nothing(quiz):
    q = quiz.question("multi-q").__class__(**{**quiz.question("multi-q").__dict__, "scoring": "all_or_nothing"})
    assert question_fraction(q, {"choices": ["m1"]}) == 0.0
    assert question_fraction(q, {"choices": ["m1", "m2"]}) == 1.0


def test_ordering_partial(quiz):
    q = quiz.question("order-q")
    assert question_fraction(q, {"order": ["s1", "s2", "s3"]}) == 1.0
    assert question_fraction(q, {"order": ["s1", "s3", "s2"]}) == pytest.approx(1 / 3)
    assert question_fraction(q, {"order": ["s1"]}) == 0.0


def test_matching_partial_and_distractor(quiz):
    q = quiz.question("match-q")
    assert question_fraction(q, {"matches": {"p1": "p1", "p2": "p2"}}) == 1.0
    assert question_fraction(q, {"matches": {"p1": "p1", "p2": "x1"}}) == 0.5


def test_attempt_score_skips_removed_questions(quiz):
    score = score_attempt(quiz, ["single-q", "gone"], {"single-q": {"choices": ["right"]}})
    assert (score.earned, score.possible) == (1.0, 1.0)


def test_best_and_last(quiz):
    attempts = [{"drawn": ["single-q"], "answers": {"single-q": {"choices": ["right"]}}},
                {"drawn": ["single-q"], "answers": {"single-q": {"choices": ["wrong"]}}}]
    assert best_fraction(quiz, attempts, "highest") == 1.0
    assert best_fraction(quiz, attempts, "last") == 0.0
    assert best_fraction(quiz, [], "highest") is None


def test_draw_is_reproducible_and_sized():
    ids = [f"q{i}" for i in range(20)]
    seed = seed_for("secret", "learner", "usage", 0)
    assert draw_questions(ids, 5, seed, True) == draw_questions(ids, 5, seed, True)
    assert len(set(draw_questions(ids, 5, seed, True))) == 5
    assert draw_questions(ids, 0, seed, False) == ids
    other = seed_for("secret", "learner", "usage", 1)
    assert draw_questions(ids, 5, seed, True) != draw_questions(ids, 5, other, True)


def test_shuffle_can_avoid_the_author_order():
    for seed in range(50):
        assert shuffled([1, 2, 3], seed, avoid_identity=True) != [1, 2, 3]


def test_decode_answers_rejects_foreign_and_incomplete_input(quiz):
    tokens = Tokens("secret", "learner", "usage", 0)
    questions = [quiz.question("single-q"), quiz.question("order-q")]
    good = {"answers": {
        tokens.token("single-q"): {"choices": [tokens.token("single-q", "right")]},
        tokens.token("order-q"): {"order": [tokens.token("order-q", s) for s in ("s2", "s1", "s3")]},
    }}
    decoded = decode_answers(good, questions, tokens.token)
    assert decoded == {"single-q": {"choices": ["right"]}, "order-q": {"order": ["s2", "s1", "s3"]}}
    bad_cases = [
        {},
        {"answers": []},
        {"answers": {tokens.token("single-q"): {"choices": [tokens.token("single-q", "right")]}}},
        {"answers": {**good["answers"], "zzz": {}}},
        {"answers": {**good["answers"], tokens.token("single-q"): {"choices": ["right"]}}},
        {"answers": {**good["answers"], tokens.token("single-q"): {
            "choices": [tokens.token("single-q", "right"), tokens.token("single-q", "wrong")]}}},
        {"answers": {**good["answers"], tokens.token("order-q"): {"order": [tokens.token("order-q", "s1")] * 3}}},
    ]
    for payload in bad_cases:
        with pytest.raises(AnswerError):
            decode_answers(payload, questions, tokens.token)


def status(**changes):
    base = {"attempts": 0, "max_attempts": 2, "submitted": False, "finished": False, "past_due": False,
            "last_fraction": None}
    return LearnerStatus(**{**base, **changes})


@pytest.mark.parametrize("policy, state, expected", [
    ("always", status(), True),
    ("never", status(attempts=2, submitted=True, last_fraction=1.0), False),
    ("attempted", status(), False),
    ("attempted", status(attempts=1), True),
    ("answered", status(attempts=1), False),
    ("answered", status(attempts=1, submitted=True), True),
    ("finished", status(attempts=1, submitted=True, last_fraction=0.5), False),
    ("finished", status(attempts=2, submitted=True, last_fraction=0.5), True),
    ("finished", status(attempts=1, submitted=True, last_fraction=1.0), True),
    ("past_due", status(attempts=2, submitted=True), False),
    ("past_due", status(past_due=True), True),
    ("correct_or_past_due", status(attempts=1, submitted=True, last_fraction=1.0), True),
    ("correct_or_past_due", status(attempts=1, submitted=True, last_fraction=0.9), False),
])
def test_show_answer_policies_in_practice(policy, state, expected):
    assert answer_visible(policy, "practice", state) is expected


def test_exam_mode_hides_everything_until_closed():
    open_exam = status(attempts=1, submitted=True, last_fraction=1.0, max_attempts=3)
    assert not results_visible("exam", open_exam)
    assert not answer_visible("always", "exam", open_exam)
    closed = status(attempts=1, submitted=True, last_fraction=1.0, max_attempts=3, finished=True)
    assert results_visible("exam", closed) and answer_visible("finished", "exam", closed)
    assert not results_visible("diagnostic", closed)
