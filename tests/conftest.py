"""Shared fixtures: a real xblock-sdk workbench runtime on SQLite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from devserver.learner import Learner  # noqa: E402,F401 - the tests' learner, shared with the scripts

FIXTURES = Path(__file__).resolve().parent / "fixtures"
os.makedirs("var", exist_ok=True)


def fixture_xml(name: str) -> str:
    return (FIXTURES / "olx" / name).read_text(encoding="utf-8")


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
