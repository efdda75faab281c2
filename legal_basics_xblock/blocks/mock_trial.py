"""``legal_mock_trial``: the «Судебный процесс» role play on the case-study engine."""

from __future__ import annotations

from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Scope, String

from ..engine.traversal import initial_progress, is_finished
from ..marker import _
from ..rendering.trial import kit_context, trial_context
from .base import json_api
from .case_study import OPTIONS, LegalCaseStudyBlock
from .options import OptionSpec


@XBlock.wants("user")
@XBlock.needs("i18n")
@XBlock.supports("multi_device")
class LegalMockTrialBlock(LegalCaseStudyBlock):
    """A civil hearing played from one role's brief; the learner's arguments decide the ruling."""

    option_specs = (*OPTIONS, OptionSpec(
        "learners_see_kit", "bool", False, _("Learners may open the facilitator kit"),
        _("For the trainer course: trainees print the kit for their own sessions.")))
    event_prefix = "edx.legal_mock_trial"
    xml_tag = "legal_mock_trial"  # the entry point name: the block's OLX tag

    display_name = String(display_name=_("Display name"), default=_("Mock trial"), scope=Scope.settings)

    def role_needed(self, progress: dict) -> bool:
        return bool(self.model().roles) and not progress.get("role")

    def extra_context(self, progress: dict) -> dict:
        scenario = self.model()
        finished = not self.role_needed(progress) and is_finished(scenario, progress)
        context = trial_context(scenario, progress, self.tokens(), self.current_language(), finished)
        if self.may_open_kit():
            context["kit_url"] = self.runtime.handler_url(self, "kit")
        return context

    def may_open_kit(self) -> bool:
        return bool(self.option("learners_see_kit")) or self.is_staff()

    @json_api
    def choose_role(self, data, suffix=""):
        progress, _notice = self.current()
        if not self.role_needed(progress):
            raise JsonHandlerError(409, self.gettext("You already have a role. Start again to take another."))
        tokens = self.tokens()
        roles = {tokens.token("role", role.id): role.id for role in self.model().roles}
        role_id = roles.get(data.get("role")) if isinstance(data.get("role"), str) else None
        if role_id is None:
            raise JsonHandlerError(400, self.gettext("That role is not available. Reload the page."))
        self.update_learner(progress=initial_progress(self.model(), role_id))
        self.runtime.publish(self, f"{self.event_prefix}.role", {"role": role_id})
        return self.reply(self.gettext("Your role and brief are shown below."))

    @XBlock.handler
    def kit(self, request, suffix=""):
        """The printable facilitator kit (staff, or learners when the course allows it)."""
        if not self.may_open_kit():
            return Response(self.gettext("Only course staff can open the facilitator kit."), status=403,
                            content_type="text/plain", charset="utf8")
        context = kit_context(self.model(), self.current_language())
        context.update(title=self.title(), language=self.current_language(),
                       css_url=self.asset_url("kit.css"))
        html = self.render_template("trial_kit.html", context)
        return Response(html, content_type="text/html", charset="utf8")

    @staticmethod
    def workbench_scenarios():
        from ..scenarios import load_scenarios
        return load_scenarios("trial_", LegalMockTrialBlock.check_scenario_xml)
