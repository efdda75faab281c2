"""Case studies and the mock trial in Chromium: keyboard traversal, drafting a document by keyboard, language,
printable plan, axe on every screen type, 360 px phones, and the facilitator kit."""

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

    def in_block(self, element) -> bool:
        return self.driver.execute_script("return document.querySelector(arguments[0]).contains(arguments[1])",
                                          self.css, element)

    def focused(self, css: str) -> bool:
        return self.driver.execute_script("return arguments[0].matches(arguments[1])", self.active(), css)

    def choose(self, label: str):
        """Take the choice with this visible label (focus it, press Enter)."""
        button = next(b for b in self.find_all("button.lb-choice") if b.text.strip() == label)
        self.driver.execute_script("arguments[0].focus()", button)
        self.press_and_wait()

    def fill_draft(self, texts=("01.12.2026",)):
        """Answer every part of the draft on screen (first option; a typed text) and submit it."""
        for part in self.find_all("form.lb-draft [data-part]"):
            radios = part.find_elements(By.CSS_SELECTOR, "input[type='radio']")
            if radios:
                self.driver.execute_script("arguments[0].click()", radios[0])
            else:
                part.find_element(By.CSS_SELECTOR, "input[type='text']").send_keys(texts[0])
        self.driver.execute_script("arguments[0].focus()", self.find_all("form.lb-draft button[type='submit']")[0])
        self.press_and_wait()


def case_paths(workbench) -> dict:
    paths = workbench.paths("legal_case_study")
    assert {"case_whatsapp_dismissal", "case_consumer_return", "case_akimat_silence"} <= set(paths), paths
    return paths


def test_keyboard_only_traversal_to_the_action_plan(browser, workbench, student):
    page = CasePage(browser, workbench, case_paths(workbench)["case_whatsapp_dismissal"], student).open()
    for step in range(30):
        if page.find_all(".lb-ending"):
            break
        if page.find_all("form.lb-draft"):
            keyboard_draft(page)
        else:
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
        if page.find_all("form.lb-draft"):
            page.fill_draft()
            continue
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


def keyboard_draft(page: CasePage, leave_empty: int | None = None) -> list:
    """Fill the draft on screen with the keyboard only: Tab into each part, Space (or an arrow key) on a radio
    group, typing into a text field; then Enter on the submit button. The text part number ``leave_empty`` is
    left empty. Returns the typed texts in order."""
    page.tab_to("form.lb-draft input")
    typed, parts = [], page.find_all("form.lb-draft [data-part]")
    for number, part in enumerate(parts):
        element = page.active()
        assert page.driver.execute_script("return arguments[0].contains(arguments[1])", part, element), number
        if element.get_attribute("type") == "radio":
            element.send_keys(Keys.ARROW_DOWN if number % 2 else Keys.SPACE)
            assert part.find_elements(By.CSS_SELECTOR, "input:checked"), f"part {number} has a checked option"
        else:
            text = "" if number == leave_empty else ("03.11.2026" if "." in (element.get_attribute("placeholder")
                                                                             or "") else "Динара Ахметова")
            element.send_keys(text)
            typed.append(text)
        page.active().send_keys(Keys.TAB)
    assert page.focused("form.lb-draft button[type='submit']"), "Tab ends on the submit button"
    if leave_empty is None:
        page.press_and_wait()
    return typed


def test_keyboard_only_learner_drafts_the_claim(browser, workbench, student):
    """A keyboard-only learner reaches the consumer claim, leaves one part empty (refused: what they typed stays),
    fills it and submits; axe finds nothing before and after."""
    page = CasePage(browser, workbench, case_paths(workbench)["case_consumer_return"], student).open()
    for label in ("Проверю исключения и оставлю телефон", "Раз чека нет — смирюсь", "Письменная претензия продавцу"):
        page.choose(label)
    assert page.find_all("form.lb-draft fieldset legend"), "the draft's parts are shown"
    page.check_axe("draft form")
    card = page.find_all(".lb-card")[0]
    empty = next(i for i, p in enumerate(page.find_all("form.lb-draft [data-part]"))
                 if p.find_elements(By.CSS_SELECTOR, "input[type='text']"))
    typed = keyboard_draft(page, leave_empty=empty)
    page.active().send_keys(Keys.ENTER)
    error = page.find_all(".lb-draft__error")[0]
    wait(page.driver).until(lambda _d: error.text.strip())
    assert card.is_displayed(), "a refusal does not re-render the form"
    values = [i.get_attribute("value") for i in page.find_all("form.lb-draft input[type='text']")]
    checked = len(page.find_all("form.lb-draft input:checked"))
    assert values == typed and checked == len(page.find_all("form.lb-draft fieldset")), "nothing typed is lost"
    assert page.focused("form.lb-draft button[type='submit']"), "the focus stays on the submit button"
    page.check_axe("draft refused")
    field = page.find_all("form.lb-draft input[type='text']")[typed.index("")]
    for _ in range(10):  # back to the empty field with Shift+Tab
        if page.active() == field:
            break
        page.active().send_keys(Keys.SHIFT, Keys.TAB)
    field.send_keys("Ахметова Д.")
    page.tab_to("form.lb-draft button[type='submit']")
    page.press_and_wait()
    assert page.focused(".lb-last"), "after submitting, the focus moves to what happened"
    assert page.find_all(".lb-outcome__part") and page.find_all(".lb-outcome__print a")
    assert "Ахметова Д." in page.find_all(".lb-last")[0].text
    page.check_axe("draft outcome")
