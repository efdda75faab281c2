"""A student's and a teacher's problems with the quiz, each caught in Chromium (the learner-experience issue):
unsubmitted work survives a hint, a language switch and a reload; an incomplete submit is refused next to the
button with every unanswered question marked; submitted answers read as text; the title speaks one language;
finishing an exam and a staff reset ask first; only staff see the staff reset."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.browser.pages import QuizPage, wait

pytestmark = pytest.mark.browser

CONTRAST = """
function lum(c) { var m = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(function (v) {
    v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]; }
function bg(el) { while (el) { var b = getComputedStyle(el).backgroundColor;
    if (b && b !== 'rgba(0, 0, 0, 0)' && b !== 'transparent') { return b; } el = el.parentElement; }
    return 'rgb(255, 255, 255)'; }
var a = lum(getComputedStyle(arguments[0]).color), b = lum(bg(arguments[0]));
return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
"""


def answers(page: QuizPage) -> dict:
    """What the learner has given so far: checked choices, each list's choice, the order of steps."""
    state = {}
    for question in page.questions():
        token = question.get_attribute("data-q")
        checked = [i.get_attribute("value") for i in question.find_elements(By.CSS_SELECTOR, "input:checked")]
        chosen = [s.get_attribute("value") for s in question.find_elements(By.CSS_SELECTOR, "select[data-prompt]")]
        steps = [li.get_attribute("data-token") for li in question.find_elements(By.CSS_SELECTOR, ".lb-order__item")]
        state[token] = (checked, chosen, steps)
    return state


def answer_some(page: QuizPage, how_many: int) -> None:
    for question in page.questions()[:how_many]:
        kind = question.get_attribute("data-kind")
        if kind in ("single", "multiple"):
            page.click(question.find_elements(By.CSS_SELECTOR, ".lb-option label")[-1])
        elif kind == "ordering":
            page.click(question.find_element(By.CSS_SELECTOR, "button[data-move='down']"))
        else:
            for select in question.find_elements(By.CSS_SELECTOR, "select[data-prompt]"):
                Select(select).select_by_index(1)


def test_unsubmitted_answers_survive_a_hint_a_language_switch_and_a_reload(browser, workbench, student):
    page = QuizPage(browser, workbench, workbench.scenario(name="quiz_labour").url, student).open()
    answer_some(page, 4)
    given = answers(page)
    assert any(checked or any(chosen) for checked, chosen, _steps in given.values()), "some answers are given"
    hint = page.find_all("button[data-action='hint']")
    if hint:
        page.run_and_wait(lambda: page.click(hint[0]))
        assert answers(page) == given, "a hint keeps every answer"
    other = "ru" if page.quiz.get_attribute("lang") == "kk" else "kk"
    page.run_and_wait(lambda: page.click(page.find(f"[data-lang='{other}']")))
    assert answers(page) == given, "a language switch keeps every answer"
    time.sleep(1.5)  # the draft is kept on the server a moment after the last change
    page.reload()
    assert answers(page) == given, "a reload brings the draft back from the server"


def test_an_incomplete_submit_is_refused_next_to_the_button(browser, workbench, student):
    browser.set_window_size(360, 800)
    page = QuizPage(browser, workbench, workbench.scenario(name="quiz_labour").url, student).open()
    submit = page.action("submit")
    page.click(submit)
    note = page.find(".lb-submit-note")
    wait(browser).until(lambda _d: note.text.strip())
    gap = browser.execute_script("var a = arguments[0].getBoundingClientRect(), b = arguments[1]"
                                 ".getBoundingClientRect(); return Math.abs(a.top - b.bottom);", note, submit)
    assert gap < 200, f"the refusal is {gap}px from the button"
    missing = page.find_all(".lb-q--missing")
    # An ordering question always has an answer: the order shown, which the learner may keep.
    expected = [q for q in page.questions() if q.get_attribute("data-kind") != "ordering"]
    assert [q.get_attribute("data-q") for q in missing] == [q.get_attribute("data-q") for q in expected], \
        "every unanswered question is marked"
    assert all(q.find_element(By.CSS_SELECTOR, ".lb-q__missing").is_displayed() for q in missing)
    assert browser.execute_script("return arguments[0].contains(document.activeElement)", missing[0]), \
        "the focus moves to the first unanswered question"
    assert page.find(".lb-answered").text.strip(), "answered n of N is shown"
    assert page.action("first_unanswered") is not None


def test_submitted_answers_are_readable_text_and_the_title_speaks_one_language(browser, workbench, student):
    page = QuizPage(browser, workbench, workbench.scenario(name="quiz_labour").url, student).open()
    title = page.find(".lb-title")
    assert " · " not in title.text, "one language in the title"
    assert page.find(".lb-card").get_attribute("lang") == page.quiz.get_attribute("lang")
    page.submit_with_mouse()
    assert not page.find_all(".lb-q input, .lb-q select"), "no faint disabled controls after submitting"
    mine = page.find_all(".lb-option--mine .lb-option__text, .lb-match__mine")
    assert mine, "the learner's own answers are shown"
    for element in mine:
        assert browser.execute_script(CONTRAST, element) >= 4.5
    kk_title = page.find(".lb-title").text
    other = "ru" if page.quiz.get_attribute("lang") == "kk" else "kk"
    page.run_and_wait(lambda: page.click(page.find(f"[data-lang='{other}']")))
    assert page.find(".lb-title").text != kk_title and " · " not in page.find(".lb-title").text


def test_finishing_an_exam_asks_first_and_staff_reset_is_for_staff_only(browser, workbench, student):
    exam = workbench.scenario(mode="exam")
    learner = QuizPage(browser, workbench, exam.url, student).open()
    learner.submit_with_mouse()
    assert learner.action("staff_reset") is None, "a learner never sees the staff reset"
    finish = learner.action("finish")
    if finish is not None:
        learner.click(finish)
        box = learner.find(".lb-confirm")
        assert box.is_displayed() and box.find_element(By.CSS_SELECTOR, ".lb-confirm__text").text
        assert learner.action("finish") is not None, "nothing is finished before the learner confirms"
        learner.click(learner.find("[data-action='confirm_no']"))
        assert not learner.find(".lb-confirm").is_displayed()
    staff = QuizPage(browser, workbench, exam.url, f"staff-{student}").open()
    staff.submit_with_mouse()
    reset = staff.action("staff_reset")
    assert reset is not None, "staff get the reset in the block"
    staff.click(reset)
    assert staff.find(".lb-confirm").is_displayed(), "the staff reset asks first"
    staff.run_and_wait(lambda: staff.click(staff.find("[data-action='confirm_yes']")))
    assert staff.action("submit") is not None, "the attempts are given back"
