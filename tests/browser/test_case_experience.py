"""What a learner meets at a case's ending and in the trial, in Chromium (issue: the learner's experience).

- the ending comes first, as a banner by rating; the decision history is collapsed below it;
- "Print the action plan" opens a standalone page that prints on ONE A4 page (counted in the PDF), in kk and ru,
  without the LMS around it or a focus ring — for every ending of every packaged and course scenario;
- the trial's role screen describes the roles, the focus lands on the brief after choosing, and no internal
  code of a variable is ever shown;
- a time counter with a deadline the learner has met is a timeline that turns red when late.
"""

from __future__ import annotations

import base64
import re
import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from legal_basics_xblock.content.scenario import ENDING, load_scenario
from legal_basics_xblock.olx.common import find_block
from legal_basics_xblock.olx.safe_xml import parse_xml
from legal_basics_xblock.olx.scenario import parse_scenario
from legal_basics_xblock.rendering import templates
from legal_basics_xblock.rendering.case_study import CaseScreen, case_context
from legal_basics_xblock.rendering.plan_page import plan_page
from legal_basics_xblock.rendering.tokens import Tokens
from tests.browser.test_case_study_browser import CasePage, case_paths, walk_to_ending

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
PLAN_CSS = REPO / "legal_basics_xblock" / "public" / "min" / "plan.css"
A4 = {"paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True, "printBackground": True}


def pdf_pages(driver) -> int:
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", A4)["data"])
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def scenario_files() -> list[Path]:
    packaged = sorted((REPO / "legal_basics_xblock" / "scenarios").glob("[ct]*_*.xml"))
    course = sorted(p for p in (REPO / "course_export" / "modules").glob("*/*.xml")
                    if re.search(r"<legal_(case_study|mock_trial)\b", p.read_text(encoding="utf-8")))
    return packaged + course


def endings_with_plans(path: Path):
    element = find_block(parse_xml(path.read_bytes()), ("legal_case_study", "legal_mock_trial"))
    scenario = load_scenario(parse_scenario(element)[0])
    title = (element.get("display_name") or path.stem).split(" · ")[0]
    for node in scenario.nodes.values():
        if node.kind == ENDING and node.plan:
            yield scenario, node, title


def plan_html(scenario, node, title: str, language: str) -> str:
    """The page the ``action_plan`` handler answers, for a learner who reached ``node``."""
    gettext = templates.translation(language).gettext
    progress = {"node": node.id, "vars": {}, "path": [], "steps": 5}
    screen = CaseScreen(scenario=scenario, progress=progress, tokens=Tokens("secret", "learner"),
                        language=language, anchor="lbtest", gettext=gettext, fraction=0.9)
    page = plan_page(case_context(screen), title, "08.12.2026", PLAN_CSS.as_uri())
    return templates.render("plan_page.html", page, language)


def test_every_action_plan_prints_on_one_a4_page(browser):
    over, count = [], 0
    with tempfile.TemporaryDirectory() as folder:
        for path in scenario_files():
            for scenario, node, title in endings_with_plans(path):
                for language in ("kk", "ru"):
                    page = Path(folder) / f"{path.stem}-{node.id}-{language}.html"
                    page.write_text(plan_html(scenario, node, title, language), encoding="utf-8")
                    browser.get(page.as_uri())
                    count += 1
                    pages = pdf_pages(browser)
                    if pages != 1:
                        over.append(f"{path.relative_to(REPO)} ending {node.id} ({language}): {pages} pages")
    assert count >= 40, "every packaged and course scenario's endings are printed"
    assert not over, "\n".join(over)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_plan_link_prints_one_clean_page(browser, workbench, student, language):
    page = CasePage(browser, workbench, case_paths(workbench)["case_consumer_return"], student).open()
    button = page.find_all(f"[data-lang='{language}']")[0]
    if button.get_attribute("aria-pressed") != "true":
        browser.execute_script("arguments[0].focus()", button)
        page.press_and_wait()
    walk_to_ending(page)
    ending, history = page.find_all(".lb-ending")[0], page.find_all("details.lb-path")[0]
    assert browser.execute_script("return !!(arguments[0].compareDocumentPosition(arguments[1]) & 4)",
                                  ending, history), "the ending comes before the decision history"
    assert history.get_attribute("open") is None, "the history is collapsed"
    assert "lb-banner--ok" in ending.get_attribute("class") or "lb-banner--" in ending.get_attribute("class")
    link = page.find_all(".lb-plan__print a")[0]
    assert link.get_attribute("target") == "_blank"
    browser.get(link.get_attribute("href"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
    text = browser.find_element(By.TAG_NAME, "main").text
    assert re.search(r"\d{2}\.\d{2}\.\d{4}", text), "the date is printed"
    assert browser.find_elements(By.CSS_SELECTOR, ".plan__step") and browser.find_elements(By.CSS_SELECTOR, "h2")
    assert not browser.find_elements(By.CSS_SELECTOR, ".xblock, .lb-block, button, nav"), "no LMS or block chrome"
    assert browser.execute_script("return document.activeElement === document.body"), "no focus ring to print"
    assert pdf_pages(browser) == 1


def test_trial_roles_are_described_focus_goes_to_the_brief_and_no_code_shows(browser, workbench, student):
    paths = workbench.paths("legal_mock_trial")
    page = CasePage(browser, workbench, paths["trial_reinstatement"], student, "legal_mock_trial").open()
    cards = page.find_all(".lb-role-card")
    assert len(cards) == 3 and all(card.find_elements(By.CSS_SELECTOR, ".lb-role-card__about") for card in cards)
    role = page.find_all("button[data-action='choose_role']")[2]  # the judge reaches the ruling
    assert role.get_attribute("aria-describedby")
    browser.execute_script("arguments[0].focus()", role)
    page.press_and_wait()
    assert page.focused(".lb-role"), "after choosing a role the focus is on the role and its brief"
    walk_to_ending(page)
    text = page.find_all(".lb-case")[0].text
    assert not re.search(r"\(1 — |қарар бөлігі: \d|1 — қайта алу", text, re.I), "no coded value is shown"


def test_a_met_deadline_is_a_timeline_that_turns_red_when_late(browser, workbench, student):
    page = CasePage(browser, workbench, case_paths(workbench)["case_akimat_silence"], student).open()
    assert not page.find_all(".lb-clock__bar"), "no deadline is shown before the learner meets one"
    for _ in range(20):
        if page.find_all(".lb-clock__bar") or page.find_all(".lb-ending"):
            break
        choice = page.find_all("button.lb-choice")
        if not choice:
            page.fill_draft()
            continue
        browser.execute_script("arguments[0].focus()", choice[-1])
        page.press_and_wait()
    clocks = page.find_all(".lb-clock")
    assert clocks, "a deadline the learner has met is drawn"
    late = "lb-clock--late" in clocks[0].get_attribute("class")
    colour = browser.execute_script("return getComputedStyle(arguments[0]).color",
                                    clocks[0].find_element(By.CSS_SELECTOR, ".lb-clock__text"))
    assert (colour == "rgb(161, 36, 27)") == late


def test_attempts_are_counted_and_a_restart_that_uses_one_asks_first(browser, workbench, student):
    page = CasePage(browser, workbench, case_paths(workbench)["case_consumer_return"], student).open()
    head = page.find_all(".lb-attempt")[0].text
    assert re.search(r"\b1\b", head) and re.search(r"\b3\b", head), f"attempt 1 of 3 is shown: {head!r}"
    choice = page.find_all("button.lb-choice")[0]
    browser.execute_script("arguments[0].focus()", choice)
    page.press_and_wait()
    restart = page.find_all("button[data-action='restart']")[0]
    browser.execute_script("arguments[0].click()", restart)
    box = page.find_all(".lb-confirm")[0]
    assert box.is_displayed() and box.text.strip(), "a restart that uses an attempt asks first"
    browser.execute_script("arguments[0].click()", page.find_all("[data-action='cancel_restart']")[0])
    assert not box.is_displayed() and page.focused("[data-action='restart']")
    browser.execute_script("arguments[0].focus()", page.find_all("[data-action='restart']")[0])
    browser.execute_script("arguments[0].click()", page.find_all("[data-action='restart']")[0])
    confirm = page.find_all("[data-action='confirm_restart']")[0]
    browser.execute_script("arguments[0].focus()", confirm)
    page.press_and_wait()
    assert re.search(r"\b2\b", page.find_all(".lb-attempt")[0].text), "the second attempt is counted"
