"""Shared fixtures: a real xblock-sdk workbench runtime on SQLite."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
os.makedirs("var", exist_ok=True)


def fixture_xml(name: str) -> str:
    return (FIXTURES / "olx" / name).read_text(encoding="utf-8")


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


@pytest.fixture
def workbench(db):  # pylint: disable=unused-argument,invalid-name
    """Parse OLX into the workbench DB and hand out learners."""
    from workbench.runtime import WorkbenchRuntime  # pylint: disable=import-outside-toplevel

    class Workbench:
        def load(self, xml: str) -> str:
            runtime = WorkbenchRuntime()
            runtime.id_generator.set_scenario(f"t{abs(hash(xml)) % 10**8}")
            return runtime.parse_xml_string(xml)

        def learner(self, usage_id: str, student: str = "learner1") -> Learner:
            return Learner(usage_id, student)

    return Workbench()
