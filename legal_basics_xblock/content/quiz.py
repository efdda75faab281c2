"""The quiz content model: a pool of questions stored as one JSON document.

The stored form is a plain dict (kept in one ``Scope.content`` field); :func:`load_quiz`
turns it into frozen dataclasses and :func:`dump_quiz` turns them back. The model keeps
the author's ids, because learner state is keyed by them and must survive edits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .text import pick

SCHEMA_VERSION = 1

SINGLE = "single"
MULTIPLE = "multiple"
ORDERING = "ordering"
MATCHING = "matching"
KINDS = (SINGLE, MULTIPLE, ORDERING, MATCHING)

ALL_OR_NOTHING = "all_or_nothing"
PER_CHOICE = "per_choice"
PARTIAL = "partial"
SCORING_BY_KIND = {
    SINGLE: (ALL_OR_NOTHING,),
    MULTIPLE: (ALL_OR_NOTHING, PER_CHOICE),
    ORDERING: (ALL_OR_NOTHING, PARTIAL),
    MATCHING: (ALL_OR_NOTHING, PARTIAL),
}

Text = Mapping[str, str]


@dataclass(frozen=True)
class Option:
    """A choice, an ordering step, a matching pair or a distractor.

    ``text`` is what the learner reads (choice text, step text, the pair's answer);
    ``prompt`` is only used by matching pairs.
    """

    id: str
    text: Text = field(default_factory=dict)
    correct: bool = False
    feedback: Text = field(default_factory=dict)
    prompt: Text = field(default_factory=dict)


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    stem: Text = field(default_factory=dict)
    choices: tuple = ()
    steps: tuple = ()
    pairs: tuple = ()
    distractors: tuple = ()
    hints: tuple = ()
    explanation: Text = field(default_factory=dict)
    cites: tuple = ()
    scoring: str = ALL_OR_NOTHING
    penalty: float = 0.0
    points: float = 1.0
    topic: str = ""  # the module the question tests (e.g. "m05"): per-topic results and the gain report

    def option_ids(self) -> list[str]:
        """Ids the learner may send for this question."""
        groups = (self.choices, self.steps, self.pairs, self.distractors)
        return [option.id for group in groups for option in group]

    def answer_options(self) -> tuple:
        """For matching: every option a prompt can be matched to (pairs then distractors)."""
        return self.pairs + self.distractors


@dataclass(frozen=True)
class Quiz:
    questions: tuple = ()
    intro: Text = field(default_factory=dict)
    topics: Mapping = field(default_factory=dict)  # topic id → its name per language

    def topic_name(self, topic: str, language: str) -> str:
        return pick(self.topics.get(topic), language) or topic

    def question(self, question_id: str) -> Question | None:
        for question in self.questions:
            if question.id == question_id:
                return question
        return None

    @property
    def ids(self) -> list[str]:
        return [question.id for question in self.questions]


def _text(raw) -> dict:
    return {str(k): str(v) for k, v in (raw or {}).items() if v is not None}


def _option(raw: dict) -> Option:
    return Option(
        id=str(raw.get("id", "")),
        text=_text(raw.get("text")),
        correct=bool(raw.get("correct", False)),
        feedback=_text(raw.get("feedback")),
        prompt=_text(raw.get("prompt")),
    )


def _number(value, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _question(raw: dict) -> Question:
    return Question(
        id=str(raw.get("id", "")),
        kind=str(raw.get("kind", "")),
        stem=_text(raw.get("stem")),
        choices=tuple(_option(o) for o in raw.get("choices", ())),
        steps=tuple(_option(o) for o in raw.get("steps", ())),
        pairs=tuple(_option(o) for o in raw.get("pairs", ())),
        distractors=tuple(_option(o) for o in raw.get("distractors", ())),
        hints=tuple(_text(h) for h in raw.get("hints", ())),
        explanation=_text(raw.get("explanation")),
        cites=tuple(str(c) for c in raw.get("cites", ())),
        scoring=str(raw.get("scoring") or ALL_OR_NOTHING),
        penalty=_number(raw.get("penalty"), 0.0),
        points=_number(raw.get("points"), 1.0),
        topic=str(raw.get("topic") or ""),
    )


def load_quiz(document: Mapping | None) -> Quiz:
    """Build the model from the stored dict; tolerant, because the validator reports problems."""
    document = document or {}
    return Quiz(
        questions=tuple(_question(q) for q in document.get("questions", ()) if isinstance(q, Mapping)),
        intro=_text(document.get("intro")),
        topics={str(t.get("id", "")): _text(t.get("name"))
                for t in document.get("topics", ()) if isinstance(t, Mapping)},
    )


def _dump_option(option: Option, with_correct: bool) -> dict:
    raw: dict = {"id": option.id}
    if option.prompt:
        raw["prompt"] = dict(option.prompt)
    if option.text:
        raw["text"] = dict(option.text)
    if with_correct and option.correct:
        raw["correct"] = True
    if option.feedback:
        raw["feedback"] = dict(option.feedback)
    return raw


def _dump_question(question: Question) -> dict:
    raw: dict = {"id": question.id, "kind": question.kind, "stem": dict(question.stem)}
    if question.scoring != ALL_OR_NOTHING:
        raw["scoring"] = question.scoring
    if question.penalty:
        raw["penalty"] = question.penalty
    if question.points != 1.0:
        raw["points"] = question.points
    if question.topic:
        raw["topic"] = question.topic
    for name in ("choices", "steps", "pairs", "distractors"):
        options = getattr(question, name)
        if options:
            raw[name] = [_dump_option(o, name == "choices") for o in options]
    if question.hints:
        raw["hints"] = [dict(h) for h in question.hints]
    if question.explanation:
        raw["explanation"] = dict(question.explanation)
    if question.cites:
        raw["cites"] = list(question.cites)
    return raw


def dump_quiz(quiz: Quiz) -> dict:
    """The stored dict for ``quiz`` (the inverse of :func:`load_quiz`)."""
    document: dict = {"schema": SCHEMA_VERSION}
    if quiz.intro:
        document["intro"] = dict(quiz.intro)
    if quiz.topics:
        document["topics"] = [{"id": key, "name": dict(name)} for key, name in quiz.topics.items()]
    document["questions"] = [_dump_question(q) for q in quiz.questions]
    return document
