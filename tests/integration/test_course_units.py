"""Every course unit (as `make demo` lists them) renders for a fresh learner without leaking answers."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from devserver.course_units import unit_scenarios
from tests.integration.test_no_leaks import assert_clean, secrets_of
from tests.integration.test_scenario_leaks import secrets_at, visible

pytestmark = pytest.mark.django_db
UNITS = unit_scenarios()


def test_course_units_are_listed():
    assert UNITS, "no course unit could be built from course_export/"


@pytest.mark.parametrize("name, title, xml", UNITS, ids=[u[0] for u in UNITS])
def test_fresh_learner_sees_no_answers(workbench, name, title, xml):
    root = etree.fromstring(xml.encode("utf-8"))
    usage = workbench.load(xml)
    vertical = workbench.learner(usage, "unit-viewer").refresh()
    html = vertical.render("student_view", {}).content
    assert "lb-" in html or root.find("html_demo") is not None
    for child in root:
        if child.tag == "legal_quiz":
            assert_clean(name, html, secrets_of(etree.tostring(child, encoding="unicode")))
        elif child.tag in ("legal_case_study", "legal_mock_trial"):
            for lang in ("kk", "ru"):
                for secret in secrets_at(child, lang, child.get("start", ""), set(), ""):
                    assert secret not in visible(html), f"{name}: {secret[:60]}"
    for child_id in vertical.children:
        block = vertical.runtime.get_block(child_id)
        if hasattr(block, "student_view_data"):
            data = json.dumps(block.student_view_data(), ensure_ascii=False)
            for marker in ('"correct"', '"feedback"', '"explanation"', '"target"', '"credit"'):
                assert marker not in data, f"{name}: {marker} in student_view_data"
