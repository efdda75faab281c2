"""axe-core (WCAG 2.0/2.1 A + AA) finds nothing in any quiz scenario, in every state a learner reaches."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCENARIO_DIR, axe, describe_violations
from tests.browser.pages import QuizPage

pytestmark = pytest.mark.browser

SCENARIOS = [path.stem for path in sorted(SCENARIO_DIR.glob("quiz_*.xml"))]


def check(page: QuizPage, state: str, seen: list) -> None:
    violations = axe(page.driver)
    assert not violations, f"{page.path} {state}:\n{describe_violations(violations)}"
    assert not page.js_errors(), f"{page.path} {state}: JS errors"
    seen.append(state)


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_state_has_no_axe_violations(browser, workbench, student, name):
    scenario = workbench.scenario(name=name)
    page = QuizPage(browser, workbench, scenario.url, student).open()
    seen = []
    check(page, "fresh", seen)

    if page.action("hint"):
        page.do("hint")
        check(page, "after a hint", seen)

    page.submit_with_mouse()
    check(page, "after submit", seen)

    if page.action("show_answer_handler"):
        page.do("show_answer_handler")
        check(page, "after show answer", seen)
    if page.action("finish"):
        page.do("finish")
        check(page, "after finish", seen)
    if page.action("reset"):  # one new attempt is enough (some quizzes allow unlimited attempts)
        page.do("reset")
        check(page, "new attempt", seen)
        page.submit_with_mouse()
        check(page, "after another submit", seen)
    if page.action("show_answer_handler"):
        page.do("show_answer_handler")
        check(page, "after show answer", seen)
    assert "after submit" in seen


def test_axe_harness_reports_a_planted_violation(browser, workbench, student):
    """Guard against a silently broken harness: an unlabelled control in the block must be reported."""
    scenario = workbench.scenarios()[0]
    page = QuizPage(browser, workbench, scenario.url, student).open()
    browser.execute_script("arguments[0].insertAdjacentHTML('beforeend', '<input type=\"text\">')", page.quiz)
    assert "label" in {violation["id"] for violation in axe(browser)}
