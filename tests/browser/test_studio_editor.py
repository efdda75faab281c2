"""The ``legal_quiz`` Studio editor in a real browser: tabs, keyboard, axe, form save, errors, XML save.

Every test that saves restores the scenario's original OLX afterwards, because the live workbench
(and its content) is shared by the whole browser session.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser.conftest import axe, describe_violations
from tests.browser.pages import EDITOR, EditorPage, editing_then_restoring

pytestmark = pytest.mark.browser

WAIT = 10


class QuizEditorPage(EditorPage):
    """The workbench's ``studio_view`` of one quiz scenario, opened by a staff user."""

    def __init__(self, driver, workbench, scenario, student):
        super().__init__(driver, workbench, scenario.url, student)
        self.scenario = scenario

    def questions(self) -> list:
        return self.find_all(f"{EDITOR} .lb-ed-q")

    def learner_html(self) -> str:
        return self.workbench.block_html(self.scenario.url, f"reader-{self.student}")


@pytest.fixture
def page(browser, workbench, student):
    scenario = next((s for s in workbench.scenarios() if s.name == "quiz_labour"), None) or workbench.scenarios()[0]
    yield from editing_then_restoring(
        lambda suffix: QuizEditorPage(browser, workbench, scenario, student + suffix).open())


def test_tabs_work_with_the_keyboard_and_pass_axe(page):
    page.tab("settings").click()
    for key, expected in ((Keys.ARROW_RIGHT, "questions"), (Keys.ARROW_RIGHT, "xml"), (Keys.ARROW_RIGHT, "settings"),
                          (Keys.ARROW_LEFT, "xml"), (Keys.HOME, "settings"), (Keys.END, "xml")):
        page.active().send_keys(key)
        assert page.active().get_attribute("data-tab") == expected
        assert page.tab(expected).get_attribute("aria-selected") == "true"
        assert page.panel(expected).is_displayed()
        assert [t.get_attribute("tabindex") for t in page.find_all(f"{EDITOR} [role='tab']")].count("0") == 1
    for name in ("settings", "questions", "xml"):
        page.show(name)
        violations = axe(page.driver, EDITOR)
        assert not violations, f"{name} tab:\n{describe_violations(violations)}"
    assert not page.js_errors()


def test_settings_form_is_generated_with_labels(page):
    labels = page.find_all(f"{EDITOR} [data-role='settings'] label")
    assert len(labels) >= 10
    for label in labels:
        control = page.find("#" + label.get_attribute("for"))
        assert control.get_attribute("data-setting")
    assert page.find("[data-setting='shuffle']").get_attribute("type") == "checkbox"
    assert page.find("[data-setting='max_attempts']").get_attribute("type") == "number"
    assert page.find("[data-setting='mode']").tag_name == "select"


def test_form_save_is_stored(page):
    page.show("questions")
    first = page.questions()[0]
    page.type_into(page.find("[data-bind='stem.kk']", first), "<p>BROWSER-STEM-KK</p>")
    page.type_into(page.find("[data-bind='stem.ru']", first), "<p>BROWSER-STEM-RU</p>")
    kind, title, lines = page.save()
    assert kind in ("success", "warning"), (title, lines)
    page.show("xml")
    assert page.find(f"{EDITOR} [data-panel='xml'] [data-stale='xml']").is_displayed()
    kind, _title, _lines = page.save()
    assert kind == "error", "the XML tab is out of date after a form save"
    assert not page.js_errors()
    page.open()
    assert "BROWSER-STEM-KK" in page.xml()
    page.show("questions")
    assert page.find("[data-bind='stem.ru']", page.questions()[0]).get_attribute("value") == "<p>BROWSER-STEM-RU</p>"


def test_invalid_edit_lists_the_errors_and_saves_nothing(page):
    before = page.learner_html()
    page.show("questions")
    first = page.questions()[0]
    question_id = page.find("[data-bind='id']", first).get_attribute("value")
    page.type_into(page.find("[data-bind='stem.ru']", first), "")
    page.type_into(page.find("[data-bind='cites']", first), "no-such.norm")
    kind, title, lines = page.save()
    assert kind == "error" and title
    assert page.find(f"{EDITOR} [data-role='messages']").get_attribute("role") == "alert"
    assert page.active().get_attribute("data-role") == "messages"
    assert any(f'"{question_id}"' in line and "no-such.norm" in line for line in lines), lines
    status = page.find(f"{EDITOR} [data-role='status']")
    WebDriverWait(page.driver, WAIT).until(lambda _d: status.text == "Not saved.", "the status still says Saving…")
    assert page.learner_html() == before
    page.show("settings")
    page.click(page.find(f"{EDITOR} [data-role='messages'] button"))
    assert page.tab("questions").get_attribute("aria-selected") == "true"
    assert page.active().get_attribute("data-bind") == "id"
    assert page.active().get_attribute("value") == question_id


def test_add_move_and_remove_keep_the_focus(page):
    page.show("questions")
    group = page.find("[data-list='choices']", page.questions()[0])
    count = len(page.find_all(".lb-ed-item", group))
    page.click(page.find(":scope > [data-op='add']", group))
    items = page.find_all(".lb-ed-item", group)
    assert len(items) == count + 1
    assert page.active().get_attribute("data-bind") == "id"
    new_id = page.active().get_attribute("value")
    page.click(page.find(":scope > fieldset > .lb-ed-tools [data-op='up']", items[-1]))
    items = page.find_all(".lb-ed-item", group)
    assert page.find("[data-bind='id']", items[-2]).get_attribute("value") == new_id
    assert page.active().get_attribute("data-op") == "up"
    WebDriverWait(page.driver, WAIT).until(lambda _d: page.find(f"{EDITOR} [data-role='status']").text)
    page.click(page.find(":scope > fieldset > .lb-ed-tools [data-op='remove']", items[-2]))
    assert len(page.find_all(".lb-ed-item", group)) == count
    assert page.active().get_attribute("data-op") == "add"


def test_changing_the_kind_shows_the_matching_lists(page):
    page.show("questions")
    page.click(page.find(f"{EDITOR} [data-role='add-question']"))
    question = page.questions()[-1]
    Select(page.find("[data-bind='kind']", question)).select_by_value("ordering")
    question = page.questions()[-1]
    assert page.active().get_attribute("data-bind") == "kind"
    assert page.find("[data-list='steps']", question).is_displayed()
    assert not page.find("[data-list='choices']", question).is_displayed()
    assert len(page.find_all("[data-list='steps'] .lb-ed-item", question)) == 2
    scoring = {o.get_attribute("value"): o.get_attribute("disabled") for o in
               page.find_all("[data-bind='scoring'] option", question)}
    assert scoring["partial"] is None and scoring["per_choice"] == "true"


def test_xml_tab_saves_and_refuses_bad_xml(page):
    page.show("xml")
    area = page.find(f"{EDITOR} [data-role='xml']")
    original = page.xml()
    page.driver.execute_script("arguments[0].value = arguments[1];", area,
                               '<!DOCTYPE x [<!ENTITY e "boom">]><legal_quiz display_name="&e;"/>')
    kind, title, _lines = page.save()
    assert kind == "error" and "DOCTYPE" in title
    page.driver.execute_script("arguments[0].value = arguments[1];", area,
                               original.replace('max_attempts="', 'max_attempts="x', 1))
    kind, title, _lines = page.save()
    assert kind == "error"
    page.driver.execute_script("arguments[0].value = arguments[1];", area, original)
    kind, title, lines = page.save()
    assert kind in ("success", "warning"), (title, lines)
    assert page.find(f"{EDITOR} [data-panel='questions'] [data-stale='form']").get_attribute("hidden") is None
