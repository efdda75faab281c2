"""Every learner and editor view renders without a failed template lookup.

Django logs each failed lookup with a traceback at DEBUG level; with the workbench's logging
that costs most of a render, and a missing name usually hides a template mistake.
"""

from __future__ import annotations

import logging

import pytest

from tests.conftest import fixture_xml
from tests.integration.test_case_study import choices, pick
from tests.integration.test_quiz_flow import answer_everything

pytestmark = pytest.mark.django_db


class Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture(name="lookups")
def _lookups():
    logger = logging.getLogger("django.template")
    handler, level = Collector(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield handler.messages
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_quiz_states(workbench, lookups):
    xml = fixture_xml("quiz_all_kinds.xml").replace('show_answer="finished"', 'show_answer="always"')
    usage = workbench.load(xml)
    learner = workbench.learner(usage, "lookups-quiz")
    html = learner.html()
    learner.call("hint", {"question": learner.refresh().tokens().token("single-q")})
    learner.call("submit", answer_everything(html))
    learner.call("reset", {})
    learner.call("show_answer_handler", {})
    learner.refresh().render("studio_view", {})
    assert lookups == []


def test_case_and_trial_states(workbench, lookups):
    case = workbench.learner(workbench.load(fixture_xml("case_small.xml")), "lookups-case")
    _, reply = pick(case, "ask-KK")
    pick(case, "commission-KK", reply["html"])
    case.refresh().render("studio_view", {})
    trial = workbench.learner(workbench.load(fixture_xml("trial_small.xml")), "staff-lookups")
    html = trial.html()
    token = next(iter(__import__("re").findall(r'data-role="([a-z0-9]+)"', html)))
    _, reply = trial.call("choose_role", {"role": token})
    label = next(iter(choices(reply["html"])))
    pick(trial, label, reply["html"])
    assert lookups == []
