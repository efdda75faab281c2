"""``legal_quiz``: a graded, bilingual quiz with per-learner draws and server-side answers."""

from __future__ import annotations

import datetime

from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import DateTime, Dict, Float, Integer, Scope, String
from xblock.scorable import Score

from ..content.cache import cached
from ..content.defaults import DEFAULT_QUIZ
from ..content.quiz import load_quiz
from ..content.validate import MODES, SHOW_ANSWER_POLICIES, validate_quiz
from ..grading.answers import AnswerError, decode_answers
from ..grading.quiz import best_fraction, question_results, score_attempt
from ..grading.selection import draw_questions, seed_for
from ..marker import _
from ..olx.quiz import parse_quiz, serialize_quiz
from ..rendering.policy import LearnerStatus, can_retry, can_submit
from ..rendering.quiz import QuizScreen, learner_context
from ..rendering.tokens import Tokens
from .answer_drafts import AnswerDraftMixin
from .base import (
    DEFAULT_LANGUAGE_OPTION,
    LegalBlockMixin,
    Refusal,
    guarded_view,
    json_api,
    unavailable_data,
    unavailable_fragment,
)
from .diagnostics import DiagnosticsMixin
from .editing import StructuredContentMixin
from .options import OptionSpec
from .scoring import FractionScoreMixin

OPTIONS = (
    DEFAULT_LANGUAGE_OPTION,
    OptionSpec("max_attempts", "int", 0, _("Maximum attempts"), _("0 means unlimited.")),
    OptionSpec("show_answer", "str", "finished", _("Show answer"), values=SHOW_ANSWER_POLICIES),
    OptionSpec("mode", "str", "practice", _("Mode"), values=MODES),
    OptionSpec("shuffle", "bool", True, _("Shuffle questions and choices")),
    OptionSpec("draw", "int", 0, _("Questions drawn per attempt"), _("0 means all questions.")),
    OptionSpec("pass_threshold", "float", 0.6, _("Pass threshold"), _("Share of the score needed to pass, 0–1.")),
    OptionSpec("grading_method", "str", "highest", _("Grading method"), values=("highest", "last")),
    OptionSpec("pair", "str", "", _("Pre/post pair key"), _("Same key on a pre-test and its post-test.")),
    OptionSpec("phase", "str", "pre", _("Diagnostic phase"),
               _("pre for the test at the start, post for the same test at the end."), values=("pre", "post")),
)


@XBlock.wants("user")
@XBlock.needs("i18n")
@XBlock.supports("multi_device")
class LegalQuizBlock(StructuredContentMixin, LegalBlockMixin, DiagnosticsMixin, AnswerDraftMixin, FractionScoreMixin,
                     CompletableXBlockMixin, XBlock):
    """A pool of single, multiple, ordering and matching questions about the law."""

    content_field = "quiz"
    xml_tag = "legal_quiz"  # the entry point name: the block's OLX tag
    option_specs = OPTIONS

    display_name = String(display_name=_("Display name"), default=_("Legal quiz"), scope=Scope.settings)
    weight = Float(display_name=_("Problem weight"), default=1.0, values={"min": 0, "step": 0.1},
                   scope=Scope.settings, enforce_type=True)
    due = DateTime(help=_("Date after which submissions are closed."), default=None, scope=Scope.settings)
    quiz = Dict(help=_("Questions (edit in Studio or OLX)."), default=DEFAULT_QUIZ, scope=Scope.content)

    attempts = Integer(help="Submitted attempts (the instructor dashboard can reset it).", default=0,
                       scope=Scope.user_state, enforce_type=True)
    learner = Dict(help="Attempt log, current attempt status and hints used.", default={},
                   scope=Scope.user_state)

    @property
    def mode(self) -> str:
        return self.option("mode")

    @property
    def attempt_log(self) -> list:
        return self.learner.get("log", [])

    @property
    def submitted(self) -> bool:
        return bool(self.learner.get("submitted"))

    def update_learner(self, **changes) -> None:
        self.learner = {**self.learner, **changes}

    # --- content ------------------------------------------------------------------------
    def model(self):
        return cached("quiz", self.content_digest(), lambda: load_quiz(self.quiz))

    @classmethod
    def validate_content(cls, document, settings, strict=False):
        return validate_quiz(document, settings, strict)

    parse_content = staticmethod(parse_quiz)
    serialize_content = staticmethod(serialize_quiz)

    # --- learner state ----------------------------------------------------------------------
    def status(self) -> LearnerStatus:
        last = self.attempt_log[-1] if self.attempt_log else None
        fraction = score_attempt(self.model(), last["drawn"], last["answers"]).fraction if last else None
        return LearnerStatus(self.attempts, self.option("max_attempts") or 0, self.submitted,
                             bool(self.learner.get("finished")), self.is_past_due(), fraction)

    def attempt_number(self) -> int:
        return self.attempts - 1 if self.submitted else self.attempts

    def seed(self) -> int:
        return seed_for(self.server_secret(), self.learner_id(), self.scope_ids.usage_id, self.attempt_number())

    def tokens(self) -> Tokens:
        return Tokens(self.server_secret(), self.learner_id(), self.scope_ids.usage_id, self.attempt_number())

    def drawn_ids(self) -> list:
        quiz = self.model()
        if self.submitted and self.attempt_log:
            return [i for i in self.attempt_log[-1]["drawn"] if quiz.question(i)]
        return draw_questions(quiz.ids, self.option("draw") or 0, self.seed(), bool(self.option("shuffle")))

    def screen(self) -> QuizScreen:
        answers = self.attempt_log[-1]["answers"] if self.submitted and self.attempt_log else self.draft_answers()
        settings = {spec.name: self.option(spec.name) for spec in OPTIONS}
        return QuizScreen(
            quiz=self.model(), settings=settings, status=self.status(), drawn=self.drawn_ids(),
            answers=answers, tokens=self.tokens(), seed=self.seed(), language=self.current_language(),
            anchor=self.anchor_id(), gettext=self.gettext, hints_used=self.learner.get("hints", {}),
            answer_shown=bool(self.learner.get("answer_shown")), best_fraction=self.best(),
            diagnostic=self.diagnostic_results(),
        )

    def best(self):
        return best_fraction(self.model(), self.attempt_log, self.option("grading_method"))

    # --- views --------------------------------------------------------------------------------
    def body_html(self) -> str:
        context = learner_context(self.screen())
        context.update(title=self.title(), languages=self.language_options(), meta=self.meta_lines(context),
                       staff_reset=self.is_staff() and self.attempts > 0)
        return self.render_template("quiz_body.html", context)

    def meta_lines(self, context) -> list:
        lines = []
        if context["max_attempts"]:
            lines.append(self.gettext("Attempts used: {used} of {total}.").format(
                used=context["attempts"], total=context["max_attempts"]))
        if context["pass_percent"] and self.mode != "diagnostic":
            lines.append(self.gettext("Passing score: {percent}%.").format(percent=context["pass_percent"]))
        if self.mode == "exam":
            lines.append(self.gettext("Exam: results appear when you finish or after the due date."))
        if self.mode == "diagnostic":
            lines.append(self.gettext("Knowledge check: it does not count towards your grade."))
        if context["past_due"]:
            lines.append(self.gettext("The due date has passed; answers can no longer be submitted."))
        return lines

    @guarded_view(unavailable_fragment)
    def student_view(self, context=None):
        html = self.render_template("quiz.html", {"body": self.body_html(), "anchor": self.anchor_id(),
                                                  "language": self.current_language()})
        return self.fragment(html, "LegalQuizView", ("common.css", "quiz.css"), "quiz.js", {})

    @guarded_view(unavailable_data)
    def student_view_data(self, context=None):
        """Mobile API: the same learner-visible data as the HTML view, nothing more."""
        data = learner_context(self.screen())
        data.update(display_name=self.display_name, weight=self.weight)
        return data

    # --- grading ---------------------------------------------------------------------------------
    @property
    def has_score(self):  # pylint: disable=invalid-overridden-method
        return self.mode != "diagnostic"

    def has_submitted_answer(self):
        return bool(self.attempt_log)

    def calculate_score(self):
        fraction = self.best()
        return Score(raw_earned=fraction, raw_possible=1) if fraction is not None else self.stored_score()

    # --- handlers ----------------------------------------------------------------------------------
    def reply(self, message: str = "") -> dict:
        return {"html": self.body_html(), "message": message}

    @json_api
    def submit(self, data, suffix=""):
        status = self.status()
        if status.past_due:
            raise JsonHandlerError(403, self.gettext("The due date has passed; answers can no longer be submitted."))
        if not can_submit(status):
            raise JsonHandlerError(409, self.gettext("This attempt is already submitted."))
        quiz, tokens = self.model(), self.tokens()
        questions = [quiz.question(i) for i in self.drawn_ids()]
        try:
            answers = decode_answers(data, questions, tokens.token)
        except AnswerError as err:
            raise Refusal(400, err.message(self.gettext), missing=list(err.missing)) from err
        drawn = [q.id for q in questions]
        fraction = score_attempt(quiz, drawn, answers).fraction
        entry = {"drawn": drawn, "answers": answers, "fraction": fraction,
                 "time": datetime.datetime.now(datetime.UTC).isoformat()}
        self.update_learner(log=[*self.attempt_log, entry], submitted=True, hints={}, draft={})
        self.attempts += 1
        if self.mode == "diagnostic":
            self.record_diagnostic(quiz, score_attempt(quiz, drawn, answers), entry["time"])
        if self.has_score:
            self._publish_grade(self.calculate_score(), only_if_higher=False)
        self.emit_completion(1.0)
        self.runtime.publish(self, "edx.legal_quiz.submitted", {
            "attempt": self.attempts, "fraction": fraction, "mode": self.mode, "pair": self.option("pair"),
            "phase": self.option("phase") if self.mode == "diagnostic" else "", "questions": drawn,
            "language": self.current_language(), "results": question_results(quiz, drawn, answers)})
        return self.reply(self.gettext("Your answers were submitted."))

    @json_api
    def reset(self, data, suffix=""):
        if not can_retry(self.mode, self.status()):
            raise JsonHandlerError(409, self.gettext("No attempts are left."))
        self.update_learner(submitted=False, answer_shown=False)
        self.runtime.publish(self, "edx.legal_quiz.reset", {"attempt": self.attempts + 1})
        return self.reply(self.gettext("A new attempt has started."))

    @json_api
    def finish(self, data, suffix=""):
        if self.mode != "exam" or not self.attempts:
            raise JsonHandlerError(409, self.gettext("Submit your answers before finishing."))
        self.update_learner(finished=True, submitted=True)
        self.runtime.publish(self, "edx.legal_quiz.finished", {"attempts": self.attempts})
        return self.reply(self.gettext("The exam is finished; your results are below."))

    @json_api
    def hint(self, data, suffix=""):
        if self.mode != "practice" or not can_submit(self.status()):
            raise JsonHandlerError(409, self.gettext("Hints are not available now."))
        tokens = self.tokens()
        by_token = {tokens.token(i): i for i in self.drawn_ids()}
        question_id = by_token.get(data.get("question")) if isinstance(data.get("question"), str) else None
        if question_id is None:
            raise JsonHandlerError(400, self.gettext("That question is not in this attempt. Reload the page."))
        hints = self.learner.get("hints", {})
        used = hints.get(question_id, 0)
        if used >= len(self.model().question(question_id).hints):
            raise JsonHandlerError(409, self.gettext("There are no more hints for this question."))
        self.keep_draft(data)
        self.update_learner(hints={**hints, question_id: used + 1})
        return self.reply(self.gettext("A hint was added below the question."))

    @json_api
    def show_answer_handler(self, data, suffix=""):
        if not self.screen().offer_show_answer:
            raise JsonHandlerError(403, self.gettext("The answer is not available yet."))
        self.update_learner(answer_shown=True)
        return self.reply(self.gettext("The correct answers are shown below."))

    @json_api
    def set_language(self, data, suffix=""):
        language = self.choose_language(data)
        self.keep_draft(data)
        self.language = language
        return self.reply(self.gettext("The language was changed."))

    @json_api
    def staff_reset(self, data, suffix=""):
        """Give the learner (masqueraded staff view) their attempts back; scores are kept."""
        self.require_staff()
        self.attempts = 0
        self.update_learner(submitted=False, finished=False, answer_shown=False)
        self.runtime.publish(self, "edx.legal_quiz.staff_reset", {})
        return self.reply(self.gettext("Attempts were reset."))

    @staticmethod
    def workbench_scenarios():
        from ..scenarios import load_scenarios  # pylint: disable=import-outside-toplevel
        return load_scenarios("quiz_", LegalQuizBlock.check_scenario_xml)
