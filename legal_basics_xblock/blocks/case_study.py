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
    ending_credit,
    initial_progress,
    is_finished,
    points,
)
from ..marker import _
from ..olx.scenario import parse_scenario, serialize_scenario
from ..rendering.case_study import CaseScreen, case_context
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
from .editing import StructuredContentMixin
from .options import OptionSpec
from .scoring import FractionScoreMixin

OPTIONS = (
    DEFAULT_LANGUAGE_OPTION,
    OptionSpec("max_attempts", "int", 0, _("Maximum attempts"), _("Runs to an ending; 0 means unlimited.")),
    OptionSpec("allow_back", "bool", True, _("Allow going back one step")),
    OptionSpec("keep_best", "bool", True, _("Keep the best score across attempts")),
    OptionSpec("scoring", "str", "ending", _("Scoring"), values=("ending", "points")),
    OptionSpec("max_points", "float", 0.0, _("Points for full credit"), _("Only for points scoring.")),
)


@XBlock.wants("user")
@XBlock.needs("i18n")
@XBlock.supports("multi_device")
class LegalCaseStudyBlock(StructuredContentMixin, LegalBlockMixin, FractionScoreMixin, CompletableXBlockMixin,
                          XBlock):
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

    def attempts_left(self) -> bool:
        limit = self.option("max_attempts")
        return not limit or len(self.runs) < limit

    def fraction_of(self, run: dict) -> float:
        scenario = self.model()
        max_points = self.option("max_points")
        if self.option("scoring") == "points" and max_points:
            return max(0.0, min(1.0, points(scenario, run) / max_points))
        credit = ending_credit(scenario, run)
        return credit if credit is not None else 0.0

    def screen(self) -> CaseScreen:
        progress, notice = self.current()
        return CaseScreen(
            scenario=self.model(), progress=progress, tokens=self.tokens(), language=self.current_language(),
            anchor=self.anchor_id(), gettext=self.gettext, allow_back=bool(self.option("allow_back")),
            can_restart=self.attempts_left() and bool(progress.get("path")), notice=notice,
            fraction=self.fraction_of(progress) if is_finished(self.model(), progress) else None,
            needs_role=self.role_needed(progress), extra=self.extra_context(progress),
        )

    def extra_context(self, progress: dict) -> dict:
        return {}

    # --- views -----------------------------------------------------------------------------------
    def body_html(self) -> str:
        context = case_context(self.screen())
        context.update(title=self.display_name, languages=self.language_options(),
                       past_due=self.is_past_due())
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
        fractions = [self.fraction_of(run) for run in self.runs]
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
        self.update_learner(runs=[*self.runs, {**progress, "time": datetime.datetime.now(datetime.UTC).isoformat()}])
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
        replay = initial_progress(scenario, progress.get("role", ""))
        try:
            for entry in progress["path"][:-1]:
                replay, _consequence = choose(scenario, replay, entry["choice"])
        except EngineError:
            replay = initial_progress(scenario, progress.get("role", ""))
        self.update_learner(progress=replay)
        return self.reply(self.gettext("You went back one step."))

    @json_api
    def restart(self, data, suffix=""):
        progress, _notice = self.current()
        if not self.attempts_left():
            raise JsonHandlerError(409, self.gettext("No attempts are left."))
        self.update_learner(progress={})
        self.runtime.publish(self, f"{self.event_prefix}.restarted", {"runs": len(self.runs)})
        return self.reply(self.gettext("The case starts again."))

    @json_api
    def set_language(self, data, suffix=""):
        self.language = self.choose_language(data)
        return self.reply(self.gettext("The language was changed."))

    @staticmethod
    def workbench_scenarios():
        from ..scenarios import load_scenarios
        return load_scenarios("case_", LegalCaseStudyBlock.check_scenario_xml)
