"""The learner's action plan as a page of its own: one clean A4 sheet, printable from a phone too.

The block page prints with the LMS around it; this handler answers a standalone HTML document with
only the case, the learner's ending, the plan and the date (docs/decisions/0011).
"""

from __future__ import annotations

import datetime

from webob import Response
from xblock.core import XBlock

from ..rendering.case_study import case_context
from ..rendering.plan_page import plan_page


class ActionPlanMixin:
    """``action_plan``: the plan of the ending the learner reached (404 before an ending)."""

    def plan_url(self) -> str:
        return self.runtime.handler_url(self, "action_plan")

    @XBlock.handler
    def action_plan(self, request, suffix=""):  # pylint: disable=unused-argument
        context = case_context(self.screen())
        if not context["finished"] or not context["ending"]["plan"]:
            return Response(self.gettext("There is no action plan to print yet: finish the case first."),
                            status=404, content_type="text/plain", charset="utf8")
        today = datetime.datetime.now(datetime.UTC).strftime("%d.%m.%Y")
        page = plan_page(context, self.title(), today, self.asset_url("plan.css"))
        return Response(self.render_template("plan_page.html", page), content_type="text/html", charset="utf8")
