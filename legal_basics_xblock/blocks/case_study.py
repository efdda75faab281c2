"""``legal_case_study``: an interactive rights case traversed on the server, step by step."""

from __future__ import annotations

import datetime

from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import DateTime, Dict, Float, Scope, String
from xblock.scorable import Score

from ..content.cache import cached
from ..content.scenario import load_scenario
from ..content.validate_scenario import validate_scenario
from ..engine.traversal import (
    LOOP_GUARD_NODE,
    EngineError,
    choose,
    decisions_of,
    initial_progress,
    is_finished,
    run_fraction,
    step_back,
)
from ..marker import _
from ..olx.scenario import parse_scenario, serialize_scenario
from ..rendering.case_study import CaseScreen, case_context
from ..rendering.reports import limited, run_rows
from ..rendering.scenario_map import scenario_map
from ..rendering.tokens import Tokens
from .base import (
    DEFAULT_LANGUAGE_OPTION,
    LegalBlockMixin,
    guarded_view,
    json_api,
    unavailable_data,
    unavailable_fragment,
)
from .drafting import DraftingMixin
from .editing import StructuredContentMixin
from .options import OptionSpec
from .printing import ActionPlanMixin
from .scoring import FractionScoreMixin

OPTIONS = (
    DEFAULT_LANGUAGE_OPTION,
    OptionSpec("max_attempts", "int", 0, _("Maximum attempts"), _("Runs to an ending; 0 means unlimited.")),
    OptionSpec("allow_back", "bool", True, _("Allow going back one step")),
    OptionSpec("keep_best", "bool", True, _("Keep the best score across graded attempts")),
    OptionSpec("graded_runs", "int", 1, _("Graded attempts"),
               _("How many runs count towards the grade; later runs are practice. 0 means every run counts.")),
    OptionSpec("scoring", "str", "decisions", _("Scoring"),
               _("decisions: each decision as first made, plus the ending (docs/decisions/0008)."),
               values=("decisions", "ending", "points")),
    OptionSpec("ending_share", "float", 0.25, _("Share of the ending in the score"),
               _("Only for decisions scoring: 0 scores the decisions alone, 1 the ending alone.")),
    OptionSpec("max_points", "float", 0.0, _("Points for full credit"), _("Only for points scoring.")),
)


@XBlock.wants("user")
@XBlock.needs("i18n")
@XBlock.supports("multi_device")
class LegalCaseStudyBlock(ActionPlanMixin, DraftingMixin, StructuredContentMixin, LegalBlockMixin, FractionScoreMixin,
                          CompletableXBlockMixin, XBlock):
    """A situation the learner works through: choices, consequences, deadlines, an action plan."""

    content_field = "scenario"
    xml_tag = "legal_case_study"  # the entry point name: the block's OLX tag
    option_specs = OPTIONS
    event_prefix = "edx.legal_case_study"
    template = "case_study"

    display_name = String(display_name=_("Display name"), default=_("Rights case study"), scope=Scope.settings)
    weight = Float(display_name=_("Problem weight"), default=1.0, values={"min": 0, "step": 0.1},
                   scope=Scope.settings, enforce_type=True)
    due = DateTime(help=_("Date after which choices are closed."), default=None, scope=Scope.settings)
    scenario = Dict(help=_("Scenes, choices and endings (edit in Studio or OLX)."), default={},
                    scope=Scope.content)

    learner = Dict(help="Current progress and finished runs.", default={}, scope=Scope.user_state)

    @property
    def progress(self) -> dict:
        return self.learner.get("progress", {})

    @property
    def runs(self) -> list:
        return self.learner.get("runs", [])

    def update_learner(self, **changes) -> None:
        self.learner = {**self.learner, **changes}

    # --- content ------------------------------------------------------------------------------
    def model(self):
        return cached("scenario", self.content_digest(), lambda: load_scenario(self.scenario))

    @classmethod
    def validate_content(cls, document, settings, strict=False):
        issues = validate_scenario(document, settings, strict)
        if (settings or {}).get("scoring") == "points" and not float((settings or {}).get("max_points") or 0):
            from ..content.issues import ERROR, Issue
            issues.append(Issue(ERROR, _("Points scoring needs max_points greater than 0."), {},
                                ("setting", "max_points")))
        return issues

    def editor_context(self) -> dict:
        return {"map": scenario_map(self.model(), self.current_language())}

    parse_content = staticmethod(parse_scenario)
    serialize_content = staticmethod(serialize_scenario)

    # --- learner state --------------------------------------------------------------------------
    def role_needed(self, progress: dict) -> bool:
        return False

    def current(self) -> tuple[dict, str]:
        """The learner's progress, or a clean start (with a notice) if an edit removed their node."""
        scenario = self.model()
        progress = self.progress or {}
        if not progress:
            return initial_progress(scenario), ""
        node = progress.get("node")
        if node != LOOP_GUARD_NODE and scenario.node(node) is None:
            notice = self.gettext("This case was updated by the course team, so it starts again from the "
                                  "beginning. Your earned score is kept.")
            return initial_progress(scenario, progress.get("role", "")), notice
        return progress, ""

    def tokens(self) -> Tokens:
        return Tokens(self.server_secret(), self.learner_id(), self.scope_ids.usage_id, len(self.runs))

    def attempts_left(self, extra: int = 0) -> bool:
        """Whether another run may start (``extra``: runs that will be recorded before it)."""
        limit = self.option("max_attempts")
        return not limit or len(self.runs) + extra < limit

    def fraction_of(self, run: dict) -> float:
        return run_fraction(self.model(), run, self.option("scoring"), self.option("ending_share"),
                            self.option("max_points"))

    def graded(self) -> list:
        """The runs that count towards the grade (runs stored before this rule count)."""
        return [run for run in self.runs if run.get("graded", True)]

    def graded_run_now(self) -> bool:
        """Whether the run in progress (or the next one) counts towards the grade."""
        limit = self.option("graded_runs")
        return not limit or len(self.graded()) < limit

    def attempt_info(self, progress: dict, finished: bool) -> dict:
        """Attempt n of m, whether it counts, and the scoring rule, for the learner to see before choosing."""
        limit = self.option("max_attempts")
        shown = finished and bool(self.runs)
        return {"number": len(self.runs) + (0 if shown else 1), "limit": limit, "scoring": self.option("scoring"),
                "graded": self.runs[-1].get("graded", True) if shown else self.graded_run_now(),
                "left": max(0, limit - len(self.runs)) if limit else None}

    def screen(self) -> CaseScreen:
        progress, notice = self.current()
        scenario = self.model()
        finished = is_finished(scenario, progress) and not self.role_needed(progress)
        running = bool(decisions_of(progress)) and not finished
        return CaseScreen(
            scenario=scenario, progress=progress, tokens=self.tokens(), language=self.current_language(),
            anchor=self.anchor_id(), gettext=self.gettext, allow_back=bool(self.option("allow_back")),
            can_restart=(finished or running) and self.attempts_left(extra=1 if running else 0), notice=notice,
            fraction=self.fraction_of(progress) if finished else None, needs_role=self.role_needed(progress),
            extra=self.extra_context(progress), attempt=self.attempt_info(progress, finished),
            document_url=self.document_url,
        )

    def extra_context(self, progress: dict) -> dict:
        return {}

    # --- views -----------------------------------------------------------------------------------
    def body_html(self) -> str:
        context = case_context(self.screen())
        context.update(title=self.title(), languages=self.language_options(),
                       past_due=self.is_past_due(), plan_url=self.plan_url() if context["finished"] else "")
        return self.render_template(f"{self.template}_body.html", context)

    @guarded_view(unavailable_fragment)
    def student_view(self, context=None):
        html = self.render_template("case_study.html", {"body": self.body_html(), "anchor": self.anchor_id(),
                                                        "language": self.current_language()})
        return self.fragment(html, "LegalCaseStudyView", ("common.css", "case_study.css"),
                             ("common.js", "case_study.js"), {})

    @guarded_view(unavailable_data)
    def student_view_data(self, context=None):
        data = case_context(self.screen())
        data.update(display_name=self.display_name, weight=self.weight)
        return data

    def reply(self, message: str = "") -> dict:
        return {"html": self.body_html(), "message": message}

    # --- grading -----------------------------------------------------------------------------------
    def has_submitted_answer(self):
        return bool(self.runs)

    def calculate_score(self):
        fractions = [self.fraction_of(run) for run in self.graded()]
        if not fractions:
            return self.stored_score()
        return Score(raw_earned=max(fractions) if self.option("keep_best") else fractions[-1], raw_possible=1)

    # --- handlers -------------------------------------------------------------------------------------
    def choice_id_for(self, progress: dict, token) -> str | None:
        node = self.model().node(progress["node"])
        if node is None or not isinstance(token, str):
            return None
        step = str(progress.get("steps", 0))
        lookup = {self.tokens().token(step, node.id, c.id): c.id for c in node.choices}
        return lookup.get(token)

    @json_api
    def choose(self, data, suffix=""):
        progress, _notice = self.current()
        scenario = self.model()
        if self.is_past_due():
            raise JsonHandlerError(403, self.gettext("The due date has passed; the case is closed."))
        if is_finished(scenario, progress) or self.role_needed(progress):
            raise JsonHandlerError(409, self.gettext("There is nothing to choose now. Reload the page."))
        choice_id = self.choice_id_for(progress, data.get("choice"))
        try:
            new, consequence = choose(scenario, progress, choice_id or "")
        except EngineError as err:
            raise JsonHandlerError(400, self.gettext("That choice is not available now. Reload the page.")) from err
        self.update_learner(progress=new)
        self.runtime.publish(self, f"{self.event_prefix}.choice", {
            "node": progress["node"], "choice": choice_id, "late": consequence.late, "step": new["steps"]})
        if is_finished(scenario, new):
            self.finish_run(new)
        return self.reply(self.gettext("Your choice was recorded."))

    def finish_run(self, progress: dict) -> None:
        run = {**progress, "time": datetime.datetime.now(datetime.UTC).isoformat(), "graded": self.graded_run_now()}
        self.update_learner(runs=[*self.runs, run])
        if run["graded"]:
            self._publish_grade(self.calculate_score(), only_if_higher=False)
        self.emit_completion(1.0)
        self.runtime.publish(self, f"{self.event_prefix}.completed", {
            "ending": progress["node"], "fraction": self.fraction_of(progress), "run": len(self.runs),
            "language": self.current_language()})

    @json_api
    def back(self, data, suffix=""):
        progress, _notice = self.current()
        scenario = self.model()
        if not self.option("allow_back") or not progress.get("path") or is_finished(scenario, progress):
            raise JsonHandlerError(409, self.gettext("You cannot go back now."))
        self.update_learner(progress=step_back(scenario, progress))
        return self.reply(self.gettext("You went back one step."))

    @json_api
    def restart(self, data, suffix=""):
        progress, _notice = self.current()
        abandoning = bool(decisions_of(progress)) and not is_finished(self.model(), progress)
        if not self.attempts_left(extra=1 if abandoning else 0):
            raise JsonHandlerError(409, self.gettext("No attempts are left."))
        if abandoning and data.get("confirm") is not True:
            raise JsonHandlerError(409, self.gettext("Starting again ends this attempt: it counts as it stands. "
                                                     "Confirm to start again."))
        if abandoning:
            self.finish_run({**progress, "abandoned": True})
        self.update_learner(progress={})
        self.runtime.publish(self, f"{self.event_prefix}.restarted", {"runs": len(self.runs)})
        return self.reply(self.gettext("The case starts again."))

    @json_api
    def set_language(self, data, suffix=""):
        self.language = self.choose_language(data)
        return self.reply(self.gettext("The language was changed."))

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """The problem-responses report: one row per learner, run and decision (undone ones marked)."""
        scenario, language = self.model(), self.option("default_language")
        rows = ((state.username, row) for state in user_state_iterator
                for number, run in enumerate(((state.state or {}).get("learner") or {}).get("runs", []), 1)
                for row in run_rows(scenario, run, number, language, self.fraction_of(run)))
        return limited(rows, limit_responses)

    @staticmethod
    def workbench_scenarios():
        from ..scenarios import load_scenarios
        return load_scenarios("case_", LegalCaseStudyBlock.check_scenario_xml)
