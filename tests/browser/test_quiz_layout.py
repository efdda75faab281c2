"""Phone width (360 px) and print: the block fits, targets are big enough, print hides the controls."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCENARIO_DIR
from tests.browser.pages import QuizPage

pytestmark = pytest.mark.browser

SCENARIOS = [path.stem for path in sorted(SCENARIO_DIR.glob("quiz_*.xml"))]
MIN_TARGET = 44

MEASURE = """
var block = arguments[0], min = arguments[1];
var quiz = block.querySelector('.lb-quiz');
var right = block.getBoundingClientRect().right + 0.5;
function label(el) { return el.outerHTML.slice(0, 120); }
function visible(el) { var r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; }
var small = [], wide = [];
block.querySelectorAll('button, select, .lb-option label').forEach(function (el) {
    if (visible(el) && el.getBoundingClientRect().height < min) {
        small.push(label(el) + ' ' + el.getBoundingClientRect().height);
    }
});
block.querySelectorAll('*').forEach(function (el) {
    if (visible(el) && el.getBoundingClientRect().right > right) { wide.push(label(el)); }
});
return {blockScroll: block.scrollWidth, blockClient: block.clientWidth,
        quizScroll: quiz.scrollWidth, quizClient: quiz.clientWidth, small: small, wide: wide.slice(0, 5)};
"""


def check_fits(page: QuizPage, state: str) -> None:
    m = page.driver.execute_script(MEASURE, page.block, MIN_TARGET)
    where = f"{page.path} {state} at 360 px"
    assert m["blockScroll"] <= m["blockClient"], f"{where}: the block scrolls sideways; too wide: {m['wide']}"
    assert m["quizScroll"] <= m["quizClient"], f"{where}: the quiz scrolls sideways; too wide: {m['wide']}"
    assert not m["wide"], f"{where}: sticking out of the block: {m['wide']}"
    assert not m["small"], f"{where}: targets under {MIN_TARGET} px: {m['small']}"


@pytest.mark.parametrize("name", SCENARIOS)
def test_phone_width_fits_without_sideways_scrolling(browser, workbench, student, name):
    scenario = workbench.scenario(name=name)
    browser.set_window_size(360, 800)
    page = QuizPage(browser, workbench, scenario.url, student).open()
    check_fits(page, "fresh")
    if page.action("hint"):
        page.do("hint")
        check_fits(page, "after a hint")
    page.submit_with_mouse()
    check_fits(page, "after submit")
    for action in ("finish", "show_answer_handler"):
        if page.action(action):
            page.do(action)
            check_fits(page, f"after {action}")
    assert not page.js_errors()


def test_print_hides_buttons_and_keeps_the_questions(browser, workbench, student):
    scenario = workbench.scenario("practice")
    page = QuizPage(browser, workbench, scenario.url, student).open()
    page.submit_with_mouse()
    assert any(b.is_displayed() for b in page.find_all("button")), "buttons show on screen"
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert browser.execute_script("return matchMedia('print').matches")
        shown = [b.get_attribute("outerHTML")[:120] for b in page.find_all("button") if b.is_displayed()]
        assert not shown, f"buttons still printed: {shown}"
        assert not page.find(".lb-status").is_displayed()
        questions = page.questions()
        assert questions and all(q.is_displayed() for q in questions), "the questions are printed"
        assert all(r.is_displayed() for r in page.find_all(".lb-result")), "results are printed"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
