"""What a learner sees of a quiz, computed on the server for the current state.

Correct flags, feedback, explanations and hints enter the context only when
:mod:`.policy` allows it; templates and ``student_view_data`` render nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..content.quiz import MATCHING, MULTIPLE, ORDERING, SINGLE, Question, Quiz
from ..grading.quiz import CORRECT, INCORRECT, PARTIAL, outcome, question_fraction
from ..grading.selection import shuffled
from ..marker import _
from . import View, authored
from .policy import LearnerStatus, answer_visible, can_retry, can_submit, results_visible
from .tokens import Tokens

OUTCOME_LABELS = {CORRECT: _("Correct"), PARTIAL: _("Partly correct"), INCORRECT: _("Incorrect")}
KIND_INSTRUCTIONS = {
    SINGLE: _("Choose one answer."),
    MULTIPLE: _("Choose all answers that apply."),
    ORDERING: _("Put the steps in the right order with the Move up and Move down buttons."),
    MATCHING: _("Match each situation with an answer."),
}


@dataclass
class QuizScreen:
    """Everything needed to render one learner's view of a quiz."""

    quiz: Quiz
    settings: Mapping
    status: LearnerStatus
    drawn: list
    answers: Mapping
    tokens: Tokens
    seed: int
    language: str
    anchor: str
    gettext: Callable[[str], str] = lambda s: s
    hints_used: Mapping = field(default_factory=dict)
    answer_shown: bool = False
    best_fraction: float | None = None
    diagnostic: Mapping = field(default_factory=dict)  # this learner's {pre, post} results for the pair

    @property
    def mode(self) -> str:
        return self.settings.get("mode", "practice")

    @property
    def show_results(self) -> bool:
        return results_visible(self.mode, self.status)

    @property
    def show_answers(self) -> bool:
        if not answer_visible(self.settings.get("show_answer", "finished"), self.mode, self.status):
            return False
        return self.status.submitted or self.answer_shown or self.status.closed

    @property
    def offer_show_answer(self) -> bool:
        policy_allows = answer_visible(self.settings.get("show_answer", "finished"), self.mode, self.status)
        return policy_allows and not self.show_answers


def _option_view(screen: QuizScreen, question: Question, option, terms, chosen: set) -> dict:
    view = View({
        "token": screen.tokens.token(question.id, option.id),
        "html": authored.html(option.text, screen.language, terms),
        "checked": option.id in chosen,
    })
    if screen.show_results and option.id in chosen and option.feedback:
        view["feedback"] = authored.html(option.feedback, screen.language, terms)
    if screen.show_answers:
        view["correct"] = option.correct
    return view


def _choice_question(screen: QuizScreen, question: Question, view: dict, terms, answer: Mapping) -> None:
    chosen = set(answer.get("choices", ()))
    options = list(question.choices)
    if screen.settings.get("shuffle"):
        options = shuffled(options, screen.seed ^ hash_id(question.id))
    view["options"] = [_option_view(screen, question, o, terms, chosen) for o in options]
    view["input_type"] = "radio" if question.kind == SINGLE else "checkbox"


def _ordering_question(screen: QuizScreen, question: Question, view: dict, terms, answer: Mapping) -> None:
    by_id = {step.id: step for step in question.steps}
    order = [i for i in answer.get("order", ()) if i in by_id]
    if len(order) != len(by_id):
        order = [s.id for s in shuffled(list(question.steps), screen.seed ^ hash_id(question.id), True)]
    view["steps"] = [View({
        "token": screen.tokens.token(question.id, step_id),
        "html": authored.html(by_id[step_id].text, screen.language, terms),
    }) for step_id in order]
    if screen.show_answers:
        view["correct_steps"] = [authored.html(s.text, screen.language, terms) for s in question.steps]


def _matching_question(screen: QuizScreen, question: Question, view: dict, terms, answer: Mapping) -> None:
    matches = answer.get("matches", {}) or {}
    seed = screen.seed ^ hash_id(question.id)
    answers = shuffled(list(question.answer_options()), seed)
    view["choices"] = [{
        "token": screen.tokens.token(question.id, "answer", option.id),
        "text": authored.plain(option.text, screen.language),
    } for option in answers]
    by_id = {option.id: option for option in question.answer_options()}
    prompts = []
    for pair in shuffled(list(question.pairs), seed + 1):
        chosen = matches.get(pair.id)
        prompt = View({
            "token": screen.tokens.token(question.id, pair.id),
            "html": authored.html(pair.prompt, screen.language, terms),
            "selected": screen.tokens.token(question.id, "answer", chosen) if chosen else "",
        })
        if chosen in by_id:
            prompt["mine"] = authored.plain(by_id[chosen].text, screen.language)
        if screen.show_answers:
            prompt["correct_text"] = authored.plain(pair.text, screen.language)
            prompt["correct"] = chosen == pair.id
        prompts.append(prompt)
    view["prompts"] = prompts


def hash_id(text: str) -> int:
    """A small stable integer from an id (Python's ``hash`` is salted per process)."""
    value = 0
    for char in text:
        value = (value * 131 + ord(char)) % 2_147_483_647
    return value


BUILDERS = {SINGLE: _choice_question, MULTIPLE: _choice_question,
            ORDERING: _ordering_question, MATCHING: _matching_question}


def question_view(screen: QuizScreen, question: Question, number: int, terms, total: int = 0) -> dict:
    answer = screen.answers.get(question.id) or {}
    gettext = screen.gettext
    view = View({
        "token": screen.tokens.token(question.id),
        "number": number,
        "legend": gettext("Question {number} of {total}").format(number=number, total=total or number),
        "answered": bool(answer),
        "kind": question.kind,
        "instruction": gettext(KIND_INSTRUCTIONS[question.kind]),
        "stem": authored.html(question.stem, screen.language, terms),
        "dom_id": f"{screen.anchor}-q{number}",
    })
    BUILDERS[question.kind](screen, question, view, terms, answer)
    used = min(screen.hints_used.get(question.id, 0), len(question.hints))
    view["hints"] = [authored.html(h, screen.language, terms) for h in question.hints[:used]]
    view["more_hints"] = screen.mode == "practice" and can_submit(screen.status) and used < len(question.hints)
    if screen.show_results:
        result = outcome(question_fraction(question, answer))
        view["result"] = {"outcome": result, "label": gettext(OUTCOME_LABELS[result])}
    if screen.show_answers:
        view["explanation"] = authored.html(question.explanation, screen.language, terms)
        view["citations"] = authored.citations(question.cites, screen.language, screen.gettext)
    return view


def _score_summary(screen: QuizScreen) -> dict | None:
    if not screen.show_results or screen.best_fraction is None:
        return None
    threshold = float(screen.settings.get("pass_threshold") or 0)
    fraction = screen.best_fraction
    percent = round(fraction * 100)
    if not threshold or screen.mode == "diagnostic":
        text = _("Your score: {percent}%.")
    elif fraction >= threshold:
        text = _("Your score: {percent}%. You passed.")
    else:
        text = _("Your score: {percent}%. You have not passed yet.")
    return {"percent": percent, "passed": fraction >= threshold if threshold else None,
            "text": screen.gettext(text).format(percent=percent)}


def _percent(share) -> int | None:
    return None if share is None else round(share * 100)


def _diagnostic(screen: QuizScreen) -> dict | None:
    """After a diagnostic attempt: the learner's score and per-topic shares (never which answer was right);
    on the post-test, each next to the pre-test's."""
    phase = screen.settings.get("phase", "pre")
    own = screen.diagnostic.get(phase)
    if screen.mode != "diagnostic" or not screen.status.submitted or not own:
        return None
    before = screen.diagnostic.get("pre") if phase == "post" else None
    topics = [{"name": screen.quiz.topic_name(topic, screen.language), "percent": _percent(share),
               "before": _percent((before or {}).get("topics", {}).get(topic))}
              for topic, share in sorted(own.get("topics", {}).items()) if topic]
    gettext = screen.gettext
    text = (gettext("Before the course: {before}%. Now: {percent}%.").format(
        before=_percent(before["score"]), percent=_percent(own["score"])) if before
        else gettext("Your result: {percent}%.").format(percent=_percent(own["score"])))
    return {"text": text, "topics": topics, "compare": bool(before),
            "note": gettext("This check does not count towards your grade. Take the same test at the end of "
                            "the course to see what you have learned.") if phase == "pre" else ""}


def learner_context(screen: QuizScreen) -> dict:
    """The template context for the learner view (the only source of learner-visible data)."""
    terms = authored.TermCollector(screen.anchor, screen.language)
    questions = []
    drawn = [q for q in (screen.quiz.question(i) for i in screen.drawn) if q is not None]
    for number, question in enumerate(drawn, start=1):
        questions.append(question_view(screen, question, number, terms, len(drawn)))
    status = screen.status
    threshold = float(screen.settings.get("pass_threshold") or 0)
    return View({
        "anchor": screen.anchor,
        "language": screen.language,
        "mode": screen.mode,
        "intro": authored.html(screen.quiz.intro, screen.language, terms),
        "questions": questions,
        "can_submit": can_submit(status) and bool(questions),
        "can_retry": can_retry(screen.mode, status),
        "can_finish": screen.mode == "exam" and status.attempts > 0 and not status.closed,
        "offer_show_answer": screen.offer_show_answer and bool(questions),
        "attempts": status.attempts,
        "max_attempts": status.max_attempts,
        "attempts_left": status.attempts_left,
        "past_due": status.past_due,
        "submitted": status.submitted,
        "closed": status.closed,
        "pass_percent": round(threshold * 100) if threshold else None,
        "score": _score_summary(screen),
        "answered_text": screen.gettext("Answered: {answered} of {total}.").format(
            answered=sum(1 for q in questions if q["answered"]), total=len(questions)),
        "diagnostic": _diagnostic(screen),
        "terms": terms.entries(),
    })
