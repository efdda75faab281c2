"""The learner view in Chromium: mouse flow, keyboard-only flow, language switch, console and origins."""

from __future__ import annotations

import time
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.pages import QuizPage, find_student, wait

pytestmark = pytest.mark.browser

ALL_KINDS = {"single", "multiple", "ordering", "matching"}
ENDS = """return Array.prototype.map.call(arguments[0].querySelectorAll('.lb-order__item'), function (li) {
    return [li.querySelector('[data-move=up]').getAttribute('aria-disabled'),
            li.querySelector('[data-move=down]').getAttribute('aria-disabled')]; });"""


def order_of(question) -> list[str]:
    return [li.get_attribute("data-token") for li in question.find_elements(By.CSS_SELECTOR, ".lb-order__item")]


def describe(element) -> str:
    return element.get_attribute("outerHTML")[:160]


def test_mouse_answer_submit_shows_results_and_feedback(browser, workbench, student):
    scenario = workbench.scenario("practice")
    page = QuizPage(browser, workbench, scenario.url, student).open()
    assert not page.find_all(".lb-result, .lb-feedback, .lb-score"), "nothing is graded before submitting"

    page.submit_with_mouse()

    questions = page.questions()
    assert questions
    for question in questions:
        result = question.find_element(By.CSS_SELECTOR, ".lb-result")
        assert result.is_displayed() and result.text.strip(), describe(question)
        outcome = next(c for c in result.get_attribute("class").split() if c.startswith("lb-result--"))
        assert outcome in ("lb-result--correct", "lb-result--partial", "lb-result--incorrect")
        # The outcome is written out and marked with a symbol, not only coloured.
        mark = browser.execute_script(
            "return getComputedStyle(arguments[0], '::before').content",
            result.find_element(By.CSS_SELECTOR, ".lb-mark"))
        assert mark not in ("none", "normal", '""'), mark
    feedback = [f for f in page.find_all(".lb-feedback") if f.is_displayed()]
    assert feedback and all(f.text.strip() for f in feedback), "chosen options show their feedback"
    assert page.find(".lb-score").is_displayed()
    assert page.status_text(), "the live region announced the submission"
    for control in page.find_all(".lb-q input, .lb-q select"):
        assert not control.is_enabled(), "a submitted attempt is read-only"
    assert not page.js_errors()


def test_hint_arrives_in_its_question_and_takes_the_focus(browser, workbench, student):
    for scenario in workbench.scenarios():
        page = QuizPage(browser, workbench, scenario.url, student).open()
        if len(page.find_all("button[data-action='hint']")) >= 2:
            break
    else:
        raise AssertionError("no quiz scenario offers hints on two questions")
    # Ask for the last question's hint first, then the first one's: each lands in its own question.
    for position in (-1, 0):
        target = page.find_all("button[data-action='hint']")[position]
        token = target.get_attribute("data-q")
        page.run_and_wait(lambda target=target: page.click(target))
        hints = page.find(f".lb-q[data-q='{token}']").find_elements(By.CSS_SELECTOR, ".lb-hint")
        assert len(hints) == 1 and hints[0].text.strip()
        assert page.active() == hints[0], "focus moves to the new hint: " + describe(page.active())
    assert len(page.find_all(".lb-hint")) == 2
    assert not page.js_errors()


def test_focus_after_each_action_stays_in_the_block(browser, workbench, student):
    """Submit, finish, try again and show answer never drop the focus to the page body."""
    for scenario in workbench.scenarios():
        page = QuizPage(browser, workbench, scenario.url, f"{student}-{scenario.name}").open()
        page.submit_with_mouse()
        assert page.active_in_block(), f"{scenario.name} after submit: focus on {describe(page.active())}"
        for action in ("finish", "show_answer_handler", "reset"):
            if page.action(action):
                page.do(action)
                focused = page.active()
                assert page.active_in_block() and focused.is_displayed(), \
                    f"{scenario.name} after {action}: focus on {describe(focused)}"
                if action == "reset":
                    assert focused.tag_name in ("input", "select", "button"), "a new attempt starts at a question"
                if action == "show_answer_handler":
                    assert focused.find_elements(By.XPATH, "./ancestor-or-self::*[contains(@class, 'lb-explanation')"
                                                           " or contains(@class, 'lb-answer')]"), describe(focused)
        assert not page.js_errors()


def assert_focus_visible(browser, element) -> None:
    outline = browser.execute_script(
        "var s = getComputedStyle(arguments[0]); return [s.outlineStyle, s.outlineWidth]", element)
    assert outline[0] != "none" and outline[1] != "0px", f"no visible focus on {describe(element)}: {outline}"


def radio_with_keys(page: QuizPage, radio) -> None:
    """Space checks, arrows move and check within the group, Enter does not submit the attempt."""
    page.press(Keys.SPACE)
    assert radio.is_selected(), "Space checks the focused radio button"
    page.press(Keys.ARROW_DOWN)
    second = page.active()
    assert second.get_attribute("name") == radio.get_attribute("name") and second != radio, "arrows stay in the group"
    assert second.is_selected() and not radio.is_selected(), "arrows select the next answer"
    card = page.find(".lb-card")
    page.press(Keys.ENTER)
    time.sleep(0.5)
    assert page.find(".lb-card") == card and page.active() == second, "Enter on a choice does not submit"


def move_up_with_keys(page: QuizPage, button) -> None:
    """Enter on Move up moves the step, keeps the focus, announces the position and marks the ends."""
    question = button.find_element(By.XPATH, "./ancestor::fieldset")
    before = order_of(question)
    item = button.find_element(By.XPATH, "./ancestor::li").get_attribute("data-token")
    page.press(Keys.ENTER)
    after = order_of(question)
    assert after.index(item) == before.index(item) - 1, "Move up moved the step"
    assert page.active() == button, "the focus stays on the Move up button"
    wait(page.driver).until(lambda _d: page.status_text())
    assert str(after.index(item) + 1) in page.status_text(), "the new position is announced"
    ends = page.driver.execute_script(ENDS, question)
    assert ends == [["true" if i == 0 else "false", "true" if i == len(ends) - 1 else "false"]
                    for i in range(len(ends))], "only the first Move up and the last Move down are unavailable"


def test_keyboard_only_answer_and_submit(browser, workbench, student):
    scenario = workbench.scenario("practice")
    student = find_student(workbench, scenario.url, student, ALL_KINDS)
    page = QuizPage(browser, workbench, scenario.url, student).open()
    submit = page.find("[data-action='submit']")
    expected = {el.id for el in page.find_all("button, select, a[href], input[type='checkbox']")
                if el.is_displayed() and page.driver.execute_script(
                    "return !!(arguments[0].compareDocumentPosition(arguments[1]) & 4)", el, submit)}
    radio_groups = {el.get_attribute("name") for el in page.find_all("input[type='radio']")}

    for _ in range(60):  # Tab from the top of the page into the block
        page.tab()
        if page.active_in_block():
            break
    assert page.active_in_block(), "Tab reaches the quiz"

    visited, groups, moved = set(), set(), False
    while page.active_in_block() and len(visited) < 300:
        element = page.active()
        visited.add(element.id)
        assert_focus_visible(browser, element)
        kind = element.get_attribute("type") if element.tag_name == "input" else element.tag_name
        if kind == "radio":
            groups.add(element.get_attribute("name"))
            radio_with_keys(page, element)
        elif kind == "checkbox":
            page.press(Keys.SPACE)
            assert element.is_selected(), "Space ticks the checkbox"
        elif kind == "select":
            page.press(Keys.ARROW_DOWN)
            assert element.get_attribute("value"), "arrow keys choose an answer in the select"
        elif element.get_attribute("data-move") == "up" and element.get_attribute("aria-disabled") == "false" \
                and not moved:
            move_up_with_keys(page, element)
            moved = True
        elif element.get_attribute("data-action") == "submit":
            page.run_and_wait(lambda: page.press(Keys.ENTER))
            break
        page.tab()
    else:
        raise AssertionError("Tab left the quiz before reaching Submit")

    assert moved, "the ordering question was answered with the keyboard"
    assert groups == radio_groups, "every radio group is reachable"
    assert not expected - visited, f"{len(expected - visited)} controls were skipped by Tab"

    # After submitting, the focus is on the score and the live region has spoken.
    focused = page.active()
    assert "lb-score" in focused.get_attribute("class"), describe(focused)
    assert_focus_visible(browser, focused)
    assert page.find(".lb-status").get_attribute("role") == "status" and page.status_text()
    assert page.find_all(".lb-result")
    page.tab(backwards=True)  # nothing traps the focus
    assert page.active() != focused
    assert not page.js_errors()


def test_language_switch_changes_content_and_persists(browser, workbench, student):
    scenario = workbench.scenario("practice")
    page = QuizPage(browser, workbench, scenario.url, student).open()

    def state():
        pressed = page.find(".lb-lang__btn[aria-pressed='true']")
        return (page.quiz.get_attribute("lang"), page.find(".lb-card").get_attribute("lang"),
                pressed.get_attribute("data-lang"), page.find(".lb-q__stem").text)

    first = state()
    assert first[0] == first[1] == first[2]
    other = "ru" if first[0] == "kk" else "kk"
    for target, original in ((other, first), (first[0], None)):
        button = page.find(f".lb-lang__btn[data-lang='{target}']")
        page.run_and_wait(lambda button=button: page.click(button), message=False)
        now = state()
        assert now[:3] == (target, target, target)
        pressed = page.find(".lb-lang__btn[aria-pressed='true']")
        mark = browser.execute_script("return getComputedStyle(arguments[0], '::before').content", pressed)
        assert "✓" in mark, "the chosen language is marked by more than its colour"
        assert page.active().get_attribute("data-lang") == target, "focus stays on the language button"
        if original:
            assert now[3] != original[3], "the question text changed language"
        page.reload()
        assert state() == now, "the choice survives a reload"
    assert state() == first
    assert not page.js_errors()


def test_no_console_errors_and_no_third_party_urls(browser, workbench, student):
    for scenario in workbench.scenarios():
        page = QuizPage(browser, workbench, scenario.url, f"{student}-{scenario.name}").open()
        page.submit_with_mouse()
        origin = urlparse(workbench.base_url).netloc
        for attribute in ("src", "href", "action", "data"):
            for element in page.find_all(f"[{attribute}]"):
                url = urlparse(element.get_attribute(attribute) or "")
                if element.tag_name == "a" and attribute == "href":
                    continue  # citations link to official legal sources on purpose
                assert url.netloc in ("", origin), f"{scenario.name}: {describe(element)}"
        assert not page.find_all("script, iframe, object, embed"), "the block injects no scripts"
        loaded = browser.execute_script(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
        foreign = [url for url in loaded if urlparse(url).netloc != origin]
        assert not foreign, f"{scenario.name} loaded third-party resources: {foreign}"
        errors = page.js_errors()
        assert not errors, f"{scenario.name}: {errors}"
