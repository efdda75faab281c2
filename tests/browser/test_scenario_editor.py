"""The Scenes tab of the case-study and mock-trial Studio editor in Chromium: keyboard, axe, save, errors, focus.

Every test that saves restores the scenario's original OLX afterwards (through the XML tab), because the live
workbench and its content are shared by the whole browser session.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser.conftest import axe, describe_violations
from tests.browser.pages import EDITOR, EditorPage, editing_then_restoring

pytestmark = pytest.mark.browser

WAIT = 10
# Small enough for one save request (the 64 KiB request limit; see the report on the whatsapp case).
CASE = "case_consumer_return"
TRIAL = "trial_reinstatement"


class ScenesPage(EditorPage):
    """The workbench's ``studio_view`` of one scenario, opened by a staff user."""

    def __init__(self, driver, workbench, path, student, tag="legal_case_study"):
        super().__init__(driver, workbench, path, student)
        self.tag = tag

    def nodes(self) -> list:
        return self.find_all(f"{EDITOR} [data-role='nodes'] > li")

    def node(self, node_id: str):
        """The scene or ending ``node_id``, opened."""
        for item in self.nodes():
            if self.find("[data-slot='id']", item).get_attribute("textContent") == node_id:
                if not self.find("details", item).get_attribute("open"):
                    self.click(self.find("summary", item))
                return item
        raise AssertionError(f"no node {node_id}")

    def items(self, scope, name: str) -> list:
        """The items of list ``name`` that belong to ``scope`` (not to a list inside one of them)."""
        return self.find_all(f"[data-list='{name}'] > .lb-ed-items > li", scope)

    def choice(self, node_id: str, choice_id: str):
        for item in self.items(self.node(node_id), "choices"):
            if self.field(item, "id").get_attribute("value") == choice_id:
                return item
        raise AssertionError(f"no choice {choice_id} in {node_id}")

    def field(self, item, bind: str):
        """The control of ``item`` itself bound to ``bind`` (not one of a list inside it)."""
        return next(control for control in self.find_all(f"[data-bind='{bind}']", item)
                    if self.driver.execute_script("return arguments[0].closest('[data-item]')", control) == item)

    def tool(self, item, op: str):
        return next(button for button in self.find_all(f"[data-op='{op}']", item)
                    if self.driver.execute_script("return arguments[0].closest('[data-item]')", button) == item)

    def learner_text(self, reader: str) -> str:
        """What a learner sees of the scenario now (a fresh learner, so at the start node)."""
        self.driver.get(self.workbench.url(self.path, f"reader-{reader}"))
        block = f".xblock-v1[data-block-type='{self.tag}'] .lb-case"
        WebDriverWait(self.driver, WAIT).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, f"{block}[data-lb-ready='true']"))
        return self.find(block).text


def scenario_path(workbench, name: str, tag: str = "legal_case_study") -> str:
    paths = workbench.paths(tag)
    assert name in paths, paths
    return paths[name]


@pytest.fixture
def page(browser, workbench, student):
    path = scenario_path(workbench, CASE)
    yield from editing_then_restoring(lambda suffix: ScenesPage(browser, workbench, path, student + suffix).open())


def test_tabs_work_with_the_keyboard_and_the_scenes_tab_passes_axe(page):
    page.tab("settings").click()
    for key, expected in ((Keys.ARROW_RIGHT, "scenes"), (Keys.ARROW_RIGHT, "map"), (Keys.ARROW_LEFT, "scenes"),
                          (Keys.END, "xml"), (Keys.HOME, "settings")):
        page.active().send_keys(key)
        assert page.active().get_attribute("data-tab") == expected
        assert page.panel(expected).is_displayed()
    page.show("scenes")
    assert page.find("[data-bind='start']", page.panel("scenes")).get_attribute("value") == "phone"
    assert not page.find(f"{EDITOR} [data-role='trial']").is_displayed(), "no trial parts in a case study"
    violations = axe(page.driver, EDITOR)
    assert not violations, f"scenes tab, closed:\n{describe_violations(violations)}"
    page.node("phone")
    page.node("sweater")  # a choice with a deadline
    page.node("all-resolved")  # an ending with its action plan
    violations = axe(page.driver, EDITOR)
    assert not violations, f"scenes tab, open nodes:\n{describe_violations(violations)}"
    assert not page.js_errors()


def test_the_mock_trial_shows_roles_stages_and_passes_axe(browser, workbench, student):
    page = ScenesPage(browser, workbench, scenario_path(workbench, TRIAL, "legal_mock_trial"), student,
                      "legal_mock_trial").open()
    page.show("scenes")
    scenes = page.panel("scenes")
    assert page.find("[data-role='trial']", scenes).is_displayed()
    for name in ("roles", "stages", "criteria", "debrief"):
        assert page.items(scenes, name), name
    role = page.items(scenes, "roles")[0]
    start = Select(page.field(role, "start"))
    assert start.first_selected_option.get_attribute("value") in [n.get_attribute("textContent") for n in
                                                                  page.find_all("[data-slot='id']", scenes)]
    first = page.nodes()[0]
    page.click(page.find("summary", first))
    assert page.field(first, "stage").is_displayed()
    violations = axe(page.driver, EDITOR)
    assert not violations, f"mock trial scenes tab:\n{describe_violations(violations)}"
    assert not page.js_errors()


def test_an_edited_choice_label_reaches_the_learner(page, student):
    page.show("scenes")
    choice = page.choice("phone", "phone-exchange")
    page.type_into(page.field(choice, "label.ru"), "BROWSER-CHOICE-RU")
    kind, title, lines = page.save()
    assert kind in ("success", "warning"), (title, lines)
    assert not page.js_errors()
    assert "BROWSER-CHOICE-RU" in page.learner_text(student)
    page.open()
    assert "BROWSER-CHOICE-RU" in page.xml()
    page.show("scenes")
    assert page.field(page.choice("phone", "phone-exchange"), "label.ru").get_attribute("value") == "BROWSER-CHOICE-RU"


def test_an_invalid_edit_shows_the_validator_message_and_saves_nothing(page, student):
    before = page.learner_text(student)
    page.open()
    page.show("scenes")
    choice = page.choice("phone", "phone-exchange")
    page.type_into(page.field(choice, "label.ru"), "")
    page.type_into(page.field(choice, "label.kk"), "MUST-NOT-BE-SAVED")
    kind, title, lines = page.save()
    assert kind == "error" and title, (title, lines)
    assert page.active().get_attribute("data-role") == "messages"
    assert any("phone" in line and "phone-exchange" in line and "ru" in line for line in lines), lines
    # Nothing in the form is lost, and the message leads to the choice it names.
    assert page.field(choice, "label.kk").get_attribute("value") == "MUST-NOT-BE-SAVED"
    page.show("settings")
    button = next(li for li in page.find_all(f"{EDITOR} [data-role='messages'] li") if "phone-exchange" in li.text)
    page.click(page.find("button", button))
    assert page.tab("scenes").get_attribute("aria-selected") == "true"
    assert page.active().get_attribute("data-bind") == "id" and page.active().get_attribute("value") == "phone-exchange"
    assert page.learner_text(student + "-2") == before


def test_removing_a_target_node_is_refused_by_the_validator(page, student):
    before = page.learner_text(student)
    page.open()
    page.show("scenes")
    count = len(page.nodes())
    page.click(page.tool(page.node("sweater-shop"), "remove"))
    assert len(page.nodes()) == count - 1
    assert page.active().get_attribute("data-role") == "add-scene"
    target = Select(page.field(page.choice("sweater", "show-bank"), "target"))
    assert target.first_selected_option.get_attribute("value") == "sweater-shop"
    assert target.first_selected_option.text.startswith("sweater-shop ")
    kind, _title, lines = page.save()
    assert kind == "error"
    assert any("sweater" in line and "show-bank" in line and "sweater-shop" in line for line in lines), lines
    assert len(page.nodes()) == count - 1, "the form keeps the edit after a refused save"
    assert page.learner_text(student + "-2") == before


def test_add_move_and_remove_keep_the_focus_and_values_follow_the_variable(page):
    page.show("scenes")
    node = page.node("sweater")
    group = page.find("[data-list='choices']", node)
    count = len(page.items(node, "choices"))
    page.click(page.find(":scope > [data-op='add']", group))
    assert len(page.items(node, "choices")) == count + 1
    assert page.active().get_attribute("data-bind") == "id"
    new_id = page.active().get_attribute("value")
    new = page.items(node, "choices")[-1]
    page.click(page.tool(new, "up"))
    assert page.field(page.items(node, "choices")[-2], "id").get_attribute("value") == new_id
    assert page.active().get_attribute("data-op") == "up"
    WebDriverWait(page.driver, WAIT).until(lambda _d: page.find(f"{EDITOR} [data-role='status']").text)
    # A condition: its value control follows the variable's type.
    choice = page.items(node, "choices")[-2]
    conditions = page.find("[data-list='requires']", choice)
    page.click(page.find(":scope > [data-op='add']", conditions))
    condition = page.items(choice, "requires")[0]
    assert page.active().get_attribute("data-bind") == "var"
    Select(page.field(condition, "var")).select_by_value("days")
    assert page.field(condition, "value").get_attribute("type") == "number"
    Select(page.field(condition, "var")).select_by_value("has_proof")
    value = page.field(condition, "value")
    assert value.tag_name == "select" and value.get_attribute("data-type") == "flag"
    page.click(page.tool(condition, "remove"))
    assert not page.items(choice, "requires")
    assert page.active() == page.find(":scope > [data-op='add']", conditions)
    page.click(page.tool(choice, "remove"))
    assert len(page.items(node, "choices")) == count
    assert page.active().get_attribute("data-op") == "add"
    assert not page.js_errors()


def test_an_empty_number_is_caught_before_sending(page):
    page.show("scenes")
    choice = page.choice("sweater", "search-receipt")
    maximum = page.field(choice, "deadline.max")
    page.type_into(maximum, "")
    kind, title, lines = page.save()
    assert kind == "error" and title
    assert any("search-receipt" in line for line in lines), lines
    page.click(page.find(f"{EDITOR} [data-role='messages'] li button"))
    assert page.active() == maximum
    assert maximum.get_attribute("value") == ""


def test_renaming_a_node_updates_its_references_and_saves(page):
    page.show("scenes")
    node = page.node("kettle-reply")
    field = page.field(node, "id")
    page.type_into(field, "kettle-renamed")
    field.send_keys(Keys.TAB)
    target = Select(page.field(page.node("claim"), "target"))  # the draft the claim is written in leads there
    assert target.first_selected_option.get_attribute("value") == "kettle-renamed"
    assert target.first_selected_option.text == "kettle-renamed"
    kind, title, lines = page.save()
    assert kind in ("success", "warning"), (title, lines)
    assert 'target="kettle-renamed"' in ScenesPage(page.driver, page.workbench, page.path,
                                                   page.student + "-check").open().xml()


def test_an_effect_on_a_flag_saves_a_boolean(page):
    page.show("scenes")
    choice = page.choice("phone", "phone-complain")
    effects = page.find("[data-list='effects']", choice)
    page.click(page.find(":scope > [data-op='add']", effects))
    effect = page.items(choice, "effects")[-1]
    Select(page.field(effect, "var")).select_by_value("has_proof")
    add = page.find("option[value='add']", page.field(effect, "op"))
    assert add.get_attribute("disabled") == "true", "a flag can only be set"
    Select(page.field(effect, "value")).select_by_value("true")
    kind, title, lines = page.save()
    assert kind in ("success", "warning"), (title, lines)
    xml = ScenesPage(page.driver, page.workbench, page.path, page.student + "-check").open().xml()
    choice_xml = xml.split('id="phone-complain"')[1].split("</choice>")[0]
    assert '<effect var="has_proof" op="set" value="true"/>' in choice_xml


def test_a_new_ending_can_become_a_scene_with_a_deadline(page):
    page.show("scenes")
    count = len(page.nodes())
    page.click(page.find(f"{EDITOR} [data-role='add-ending']"))
    node = page.nodes()[-1]
    assert len(page.nodes()) == count + 1
    assert page.active().get_attribute("data-bind") == "id"
    assert page.active().get_attribute("value") == f"ending{count + 1}"
    assert page.field(node, "credit").is_displayed() and not page.find("[data-list='choices']", node).is_displayed()
    assert Select(page.field(node, "rating")).first_selected_option.get_attribute("value") == "poor"
    Select(page.field(node, "kind")).select_by_value("scene")
    node = page.nodes()[-1]
    assert page.active().get_attribute("data-bind") == "kind"
    assert page.find("[data-list='choices']", node).is_displayed() and not page.field(node, "credit").is_displayed()
    choice = page.items(node, "choices")[0]
    deadline = page.find("[data-role='deadline']", choice)
    assert not deadline.is_displayed()
    page.click(page.find("[data-role='has-deadline']", choice))
    assert deadline.is_displayed() and page.field(choice, "deadline.max").get_attribute("value") == "30"
    assert Select(page.field(choice, "deadline.var")).first_selected_option.get_attribute("value") == "days"
    page.click(page.tool(node, "remove"))
    assert len(page.nodes()) == count
    assert not page.js_errors()


def test_a_draft_and_its_parts_are_edited_in_the_form(page):
    page.show("scenes")
    claim = page.node("claim")
    assert Select(page.field(claim, "kind")).first_selected_option.get_attribute("value") == "draft"
    assert Select(page.field(claim, "target")).first_selected_option.get_attribute("value") == "kettle-reply"
    assert not page.find("[data-list='choices']", claim).is_displayed()
    parts = page.items(claim, "parts")
    assert len(parts) == 9
    text_part = next(p for p in parts if page.field(p, "id").get_attribute("value") == "bought")
    assert page.field(text_part, "pattern").is_displayed()
    assert not page.find("[data-list='options']", text_part).is_displayed()
    violations = axe(page.driver, EDITOR)
    assert not violations, f"an open draft:\n{describe_violations(violations)}"
    count = len(page.nodes())
    page.click(page.find(f"{EDITOR} [data-role='add-draft']"))
    node = page.nodes()[-1]
    assert len(page.nodes()) == count + 1 and page.active().get_attribute("value") == f"draft{count + 1}"
    part = page.items(node, "parts")[0]
    assert len(page.items(part, "options")) == 2 and not page.field(part, "pattern").is_displayed()
    Select(page.field(part, "kind")).select_by_value("text")
    assert page.field(part, "pattern").is_displayed()
    assert not page.find("[data-list='options']", part).is_displayed()
    Select(page.field(part, "kind")).select_by_value("choice")
    assert page.find("[data-list='options']", part).is_displayed()
    option = page.items(part, "options")[1]
    Select(page.field(option, "correct")).select_by_value("true")
    kind, _title, lines = page.save()
    assert kind == "error", "the new draft has no target, texts or citations yet"
    assert any(f"draft{count + 1}" in line for line in lines), lines
    page.click(page.tool(node, "remove"))
    assert len(page.nodes()) == count
    assert not page.js_errors()
