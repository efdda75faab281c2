"""The one validator for quiz content and settings.

OLX import, Studio save and the course build all call :func:`validate_quiz`. Messages
name the question and option; the OLX layer adds the source line from ``path``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..marker import _
from . import registry
from .issues import ERROR, WARNING, Issue
from .quiz import KINDS, MATCHING, MULTIPLE, ORDERING, SCORING_BY_KIND, SINGLE, Question, load_quiz
from .sanitize import disallowed_image_sources, glossary_keys, images_without_alt
from .shape import QUIZ, check_shape, check_size
from .text import LANGUAGES, missing_languages

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")

MODES = ("practice", "exam", "diagnostic")
SHOW_ANSWER_POLICIES = (
    "always", "attempted", "answered", "finished", "past_due", "correct_or_past_due", "never",
)
MAX_QUESTIONS = 2000
MAX_OPTIONS = 40


class Collector:
    """Accumulates issues; ``strict`` turns content-quality warnings into errors (course build)."""

    def __init__(self, strict: bool = False):
        self.issues: list[Issue] = []
        self.strict = strict

    def error(self, template: str, path: tuple = (), **params) -> None:
        self.issues.append(Issue(ERROR, template, params, path))

    def warning(self, template: str, path: tuple = (), strict_error: bool = False, **params) -> None:
        level = ERROR if (strict_error and self.strict) else WARNING
        self.issues.append(Issue(level, template, params, path))


def _check_text(out: Collector, text, path: tuple, what: str, required: bool = True) -> None:
    if not text and not required:
        return
    missing = missing_languages(text)
    if missing:
        out.error(_("{what} is missing in: {languages}."), path, what=what, languages=", ".join(missing))
    for html in (text or {}).values():
        if images_without_alt(html):
            out.error(_("{what} has an image without alt text."), path, what=what)
        for src in disallowed_image_sources(html):
            out.error(_('{what} has an image at "{src}"; use an http(s) address or a /static/ course file.'),
                      path, what=what, src=src[:80])
        for key in glossary_keys(html):
            if key not in registry.glossary():
                out.warning(_('{what} marks "{term}", which is not in the glossary.'), path, what=what, term=key)
    unknown = sorted(set(text or {}) - set(LANGUAGES))
    if unknown:
        out.error(_("{what} has an unsupported language: {languages}."), path, what=what,
                  languages=", ".join(unknown))


def check_citations(out: Collector, cites, path: tuple) -> None:
    """Every cited norm exists and is not repealed; unconfirmed norms are a warning."""
    known = registry.norms()
    if not cites:
        out.warning(_("It cites no norm from the registry."), path, strict_error=True)
        return
    confirmed = 0
    for norm_id in cites:
        norm = known.get(norm_id)
        if norm is None:
            out.error(_('It cites "{norm}", which is not in the norm registry.'), path, norm=norm_id)
        elif norm.status == registry.REPEALED:
            out.error(_('It cites "{norm}", which is repealed; cite the provision now in force.'), path,
                      norm=norm_id)
        elif norm.status == registry.UNCONFIRMED:
            out.warning(_('It cites "{norm}", which is not confirmed on an official source yet.'), path,
                        norm=norm_id)
        else:
            confirmed += 1
    if cites and confirmed == 0 and all(n in known for n in cites):
        out.warning(_("Its only citations are unconfirmed norms; a graded answer needs a confirmed one."),
                    path, strict_error=True)


def _check_ids(out: Collector, ids, path: tuple, what: str) -> None:
    seen = set()
    for ident in ids:
        if not ID_PATTERN.match(ident or ""):
            out.error(_('{what} id "{id}" must be 1–64 letters, digits, "-" or "_".'), path, what=what, id=ident)
        if ident in seen:
            out.error(_('{what} id "{id}" is used twice.'), path, what=what, id=ident)
        seen.add(ident)


def _check_options(out: Collector, question: Question, path: tuple) -> None:
    groups = {
        SINGLE: ("choice", question.choices), MULTIPLE: ("choice", question.choices),
        ORDERING: ("step", question.steps), MATCHING: ("pair", question.pairs),
    }
    name, options = groups[question.kind]
    if len(options) < 2:
        out.error(_("A {kind} question needs at least two of: {what}."), path, kind=question.kind, what=name)
    if len(question.option_ids()) > MAX_OPTIONS:
        out.error(_("A question may have at most {max} options."), path, max=MAX_OPTIONS)
    _check_ids(out, question.option_ids(), path, _("Option"))
    for option in options + question.distractors:
        option_path = path + (name if option in options else "distractor", option.id)
        _check_text(out, option.text, option_path, _("The text"))
        _check_text(out, option.feedback, option_path, _("The feedback"), required=False)
        if question.kind == MATCHING and option in options:
            _check_text(out, option.prompt, option_path, _("The prompt"))
    correct = [c for c in question.choices if c.correct]
    if question.kind == SINGLE and len(correct) != 1:
        out.error(_("A single-choice question needs exactly one correct choice (it has {count})."), path,
                  count=len(correct))
    if question.kind == MULTIPLE and not correct:
        out.error(_("A multiple-choice question needs at least one correct choice."), path)
    if question.kind in (ORDERING, MATCHING) and any(c.correct for c in question.choices):
        out.error(_("A {kind} question has no choices; use steps or pairs."), path, kind=question.kind)


def _check_question(out: Collector, question: Question) -> None:
    path = ("question", question.id)
    if question.kind not in KINDS:
        out.error(_('Unknown kind "{kind}"; use one of: {kinds}.'), path, kind=question.kind,
                  kinds=", ".join(KINDS))
        return
    if question.scoring not in SCORING_BY_KIND[question.kind]:
        out.error(_('Scoring "{scoring}" does not fit a {kind} question; use one of: {allowed}.'), path,
                  scoring=question.scoring, kind=question.kind, allowed=", ".join(SCORING_BY_KIND[question.kind]))
    if not 0.0 <= question.penalty <= 1.0:
        out.error(_("The penalty must be between 0 and 1."), path)
    if question.points <= 0:
        out.error(_("Points must be greater than 0."), path)
    _check_text(out, question.stem, path, _("The question text"))
    _check_options(out, question, path)
    for number, hint in enumerate(question.hints, start=1):
        _check_text(out, hint, path + ("hint", str(number)), _("The hint"))
    if question.explanation:
        _check_text(out, question.explanation, path, _("The explanation"))
    else:
        out.warning(_("It has no explanation; learners see only right or wrong."), path, strict_error=True)
    check_citations(out, question.cites, path)


def _number(out: Collector, settings: Mapping, name: str, low: float, high: float | None, cast=float):
    value = settings.get(name)
    if value is None:
        return None
    try:
        number = cast(value)
    except (TypeError, ValueError):
        out.error(_('Setting "{name}" must be a number.'), ("setting", name), name=name)
        return None
    if number < low or (high is not None and number > high):
        bounds = f"{low}–{high}" if high is not None else f"≥ {low}"
        out.error(_('Setting "{name}" must be {bounds}.'), ("setting", name), name=name, bounds=bounds)
        return None
    return number


def _check_settings(out: Collector, settings: Mapping, pool_size: int) -> None:
    mode = settings.get("mode", "practice")
    if mode not in MODES:
        out.error(_('Mode "{mode}" is unknown; use one of: {modes}.'), ("setting", "mode"), mode=mode,
                  modes=", ".join(MODES))
    policy = settings.get("show_answer", "finished")
    if policy not in SHOW_ANSWER_POLICIES:
        out.error(_('Show-answer policy "{policy}" is unknown; use one of: {policies}.'),
                  ("setting", "show_answer"), policy=policy, policies=", ".join(SHOW_ANSWER_POLICIES))
    draw = _number(out, settings, "draw", 0, None, int)
    if draw and draw > pool_size:
        out.error(_("It draws {draw} questions but the pool has only {pool}."), ("setting", "draw"),
                  draw=draw, pool=pool_size)
    _number(out, settings, "max_attempts", 0, 1000, int)
    _number(out, settings, "weight", 0, 1000)
    _number(out, settings, "pass_threshold", 0, 1)
    if mode == "diagnostic" and not settings.get("pair"):
        out.warning(_('A diagnostic quiz should have a "pair" key to match its pre- and post-test.'),
                    ("setting", "pair"))
    if mode == "exam" and policy == "always":
        out.warning(_('Exam mode with show_answer "always" lets learners see answers before finishing.'),
                    ("setting", "show_answer"))


def validate_quiz(document: Mapping, settings: Mapping | None = None, strict: bool = False) -> list[Issue]:
    """All issues in a stored quiz document and its settings (empty list = valid)."""
    out = Collector(strict)
    if not isinstance(document, Mapping) or not isinstance(document.get("questions", []), list):
        out.error(_("The quiz content is not a list of questions."))
        return out.issues
    shape = check_shape(document, QUIZ) or check_size(document)
    if shape:
        return shape
    quiz = load_quiz(document)
    if not quiz.questions:
        out.error(_("A quiz needs at least one question."))
    if len(quiz.questions) > MAX_QUESTIONS:
        out.error(_("A quiz may have at most {max} questions."), max=MAX_QUESTIONS)
    _check_ids(out, quiz.ids, (), _("Question"))
    if quiz.intro:
        _check_text(out, quiz.intro, ("intro", "intro"), _("The introduction"))
    for question in quiz.questions:
        _check_question(out, question)
    _check_topics(out, quiz, (settings or {}).get("mode") == "diagnostic")
    _check_settings(out, settings or {}, len(quiz.questions))
    return out.issues


def _check_topics(out: Collector, quiz, diagnostic: bool) -> None:
    """Topics are ids; a named topic has kk and ru; a diagnostic test gives every question a topic."""
    for key, name in quiz.topics.items():
        if not ID_PATTERN.match(key):
            out.error(_('Topic id "{id}" must be 1–64 letters, digits, "-" or "_".'), ("topic", key), id=key)
        _check_text(out, name, ("topic", key), _("The topic name"))
    for question in quiz.questions:
        path = ("question", question.id)
        if question.topic and not ID_PATTERN.match(question.topic):
            out.error(_('Topic id "{id}" must be 1–64 letters, digits, "-" or "_".'), path, id=question.topic)
        elif question.topic and quiz.topics and question.topic not in quiz.topics:
            out.warning(_('Its topic "{topic}" has no name in this quiz.'), path, topic=question.topic)
        elif diagnostic and not question.topic:
            out.warning(_("A diagnostic question needs a topic, so learners and the gain report see results "
                          "per topic."), path, strict_error=True)
