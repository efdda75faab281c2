"""Case studies and the mock trial in Chromium: keyboard traversal, language, printable plan,
axe on every screen type, 360 px phones, and the facilitator kit."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC  # noqa: N812

from tests.browser.conftest import axe, describe_violations
from tests.browser.pages import wait

pytestmark = pytest.mark.browser
BLOCK = ".xblock-v1[data-block-type='{tag}']"


class CasePage:
    def __init__(self, driver, workbench, path: str, student: str, tag: str = "legal_case_study"):
        self.driver, self.workbench, self.path, self.student = driver, workbench, path, student
        self.css = BLOCK.format(tag=tag)

    def open(self):
        self.driver.get(self.workbench.url(self.path, self.student))
        wait(self.driver).until(EC.presence_of_element_located(
            (By.CSS_SELECTOR, f"{self.css} .lb-case[data-lb-ready='true']")))
        return self

    def find_all(self, css: str):
        return self.driver.find_elements(By.CSS_SELECTOR, f"{self.css} {css}")

    def active(self):
        return self.driver.switch_to.active_element

    def status(self) -> str:
        return self.find_all(".lb-status")[0].get_attribute("textContent").strip()

    def press_and_wait(self, key=Keys.ENTER):
        card = self.find_all(".lb-card")[0]
        self.active().send_keys(key)
        wait(self.driver).until(EC.staleness_of(card))
        wait(self.driver).until(lambda _d: self.status() != "")

    def tab_to(self, css: str, limit: int = 60):
        """Press Tab until the focus is on an element matching ``css`` inside the block."""
        for _ in range(limit):
            element = self.active()
            if self.driver.execute_script(
                    "return arguments[0].matches(arguments[1]) && document.querySelector(arguments[2])"
                    ".contains(arguments[0])", element, css, self.css):
                return element
            element.send_keys(Keys.TAB) if element.tag_name != "body" else \
                self.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        raise AssertionError(f"Tab never reached {css}")

    def check_axe(self, state: str):
        violations = axe(self.driver, self.css)
        assert not violations, f"{self.path} {state}:\n{describe_violations(violations)}"


def case_paths(workbench) -> dict:
    paths = workbench.paths("legal_case_study")
    assert {"case_whatsapp_dismissal", "case_consumer_return", "case_akimat_silence"} <= set(paths), paths
    return paths


def test_keyboard_only_traversal_to_the_action_plan(browser, workbench, student):
    page = CasePage(browser, workbench, case_paths(workbench)["case_whatsapp_dismissal"], student).open()
    for step in range(30):
        if page.find_all(".lb-ending"):
            break
        page.tab_to("button.lb-choice")
        page.press_and_wait()
        focused = page.active()
        assert page.driver.execute_script("return document.querySelector(arguments[0]).contains(arguments[1])",
                                          page.css, focused), f"focus left the block after step {step}"
    assert page.find_all(".lb-ending"), "no ending reached by keyboard in 30 steps"
    assert page.find_all(".lb-plan__step"), "the ending shows the action plan"
    assert page.find_all(".lb-path__item"), "the path with consequences is shown"


def test_language_switch_sticks(browser, workbench, student):
    path = case_paths(workbench)["case_akimat_silence"]
    page = CasePage(browser, workbench, path, student).open()
    button = page.find_all("button[data-lang='ru']")[0]
    page.driver.execute_script("arguments[0].focus()", button)
    page.press_and_wait()
    assert page.find_all(".lb-case")[0].get_attribute("lang") == "ru"
    page = CasePage(browser, workbench, path, student).open()
    assert page.find_all(".lb-card")[0].get_attribute("lang") == "ru"


def walk_to_ending(page: CasePage):
    for _ in range(30):
        if page.find_all(".lb-ending"):
            return
        choice = page.find_all("button.lb-choice")[0]
        page.driver.execute_script("arguments[0].focus()", choice)
        page.press_and_wait()
    raise AssertionError("no ending")


@pytest.mark.parametrize("name", ["case_whatsapp_dismissal", "case_consumer_return", "case_akimat_silence"])
def test_axe_on_every_screen_type(browser, workbench, student, name):
    page = CasePage(browser, workbench, case_paths(workbench)[name], student).open()
    page.check_axe("first scene")
    choice = page.find_all("button.lb-choice")[0]
    page.driver.execute_script("arguments[0].focus()", choice)
    page.press_and_wait()
    page.check_axe("after a choice")
    walk_to_ending(page)
    page.check_axe("ending with the action plan")


def test_printable_action_plan(browser, workbench, student):
    page = CasePage(browser, workbench, case_paths(workbench)["case_consumer_return"], student).open()
    walk_to_ending(page)
    browser.execute_script("window.__printed = 0; window.print = function () { window.__printed += 1; };")
    print_button = page.find_all("button[data-action='print']")[0]
    browser.execute_script("arguments[0].click()", print_button)
    assert browser.execute_script("return window.__printed") == 1
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        visible = browser.execute_script(
            "var css = arguments[0]; var q = function (s) { var e = document.querySelector(css + ' ' + s);"
            " return e ? getComputedStyle(e).display : 'missing'; };"
            "return [q('.lb-plan'), q('.lb-progress'), q('.lb-actions'), q('button[data-action=print]')];",
            page.css)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    plan, progress, actions, button = visible
    assert plan != "none" and progress == "none" and actions == "none" and button == "none"


def test_phone_width(browser, workbench, student):
    browser.set_window_size(360, 800)
    page = CasePage(browser, workbench, case_paths(workbench)["case_whatsapp_dismissal"], student).open()
    block = page.find_all(".lb-case")[0]
    assert browser.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth + 1", block)
    heights = [b.size["height"] for b in page.find_all("button") if b.is_displayed()]
    assert heights and min(heights) >= 44


def test_mock_trial_roles_kit_and_axe(browser, workbench):
    paths = workbench.paths("legal_mock_trial")
    assert "trial_reinstatement" in paths, paths
    page = CasePage(browser, workbench, paths["trial_reinstatement"], "staff-trial", "legal_mock_trial").open()
    page.check_axe("role choice")
    role = page.find_all("button[data-action='choose_role']")[0]
    browser.execute_script("arguments[0].focus()", role)
    page.press_and_wait()
    assert page.find_all(".lb-role__brief")
    page.check_axe("brief and first scene")
    walk_to_ending(page)
    assert page.find_all(".lb-debrief li")
    page.check_axe("ending with debrief")
    kit = page.find_all(".lb-kit a")[0].get_attribute("href")
    browser.get(kit)
    violations = axe(browser, "main")
    assert not violations, describe_violations(violations)
    assert browser.find_elements(By.CSS_SELECTOR, ".kit__stages tbody tr")
