"""One learner acting on a block in the xblock-sdk workbench: render, call a handler, read state.

Shared by the tests and by scripts that drive the real blocks (scripts/simulate_cohort.py).
"""

from __future__ import annotations

import json


class Learner:
    """One learner's view of a block in the workbench runtime."""

    def __init__(self, usage_id: str, student: str):
        from workbench.runtime import WorkbenchRuntime  # pylint: disable=import-outside-toplevel
        self.runtime = WorkbenchRuntime(student)
        self.usage_id = usage_id
        self.student = student
        self.events = []
        self.refresh()

    def refresh(self):
        self.block = self.runtime.get_block(self.usage_id)
        self.runtime.publish = lambda block, event_type, data: self.events.append((event_type, data))
        return self.block

    def html(self) -> str:
        return self.refresh().render("student_view", {}).content

    def call(self, handler: str, payload, raw: bytes | None = None, method: str = "POST"):
        from webob import Request  # pylint: disable=import-outside-toplevel
        request = Request.blank("/", method=method)
        request.body = raw if raw is not None else json.dumps(payload).encode("utf-8")
        response = self.refresh().handle(handler, request)
        body = response.body.decode("utf-8")
        try:
            data = json.loads(body)
        except ValueError:
            data = {"raw": body}
        return response.status_code, data

    def state(self) -> dict:
        block = self.refresh()
        from xblock.fields import Scope  # pylint: disable=import-outside-toplevel
        return {name: field.read_json(block) for name, field in block.fields.items()
                if field.scope == Scope.user_state}
