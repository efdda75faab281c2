"""Page helpers for the ``legal_quiz`` learner view in a real browser."""

from __future__ import annotations

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC  # noqa: N812
from selenium.webdriver.support.ui import Select, WebDriverWait

BLOCK = ".xblock-v1[data-block-type='legal_quiz']"
WAIT = 10
#: Console messages that are the workbench's, not ours.
FOREIGN_LOG = ("favicon.ico",)


def wait(driver, timeout: float = WAIT) -> WebDriverWait:
    """A wait that polls often: handler replies take tens of milliseconds, not half a second."""
    return WebDriverWait(driver, timeout, poll_frequency=0.05)


class QuizPage:
    """One quiz scenario opened in the browser as one learner."""

    def __init__(self, driver, workbench, path: str, student: str):
        self.driver = driver
        self.workbench = workbench
        self.path = path
        self.student = student

    # --- navigation -------------------------------------------------------------------------------
    def open(self) -> QuizPage:
        self.driver.get(self.workbench.url(self.path, self.student))
        self.wait_ready()
        return self

    def reload(self) -> QuizPage:
        self.driver.refresh()
        self.wait_ready()
        return self

    def wait_ready(self) -> None:
        try:
            wait(self.driver).until(
                EC.presence_of_element_located((By.CSS_SELECTOR, f"{BLOCK} .lb-quiz[data-lb-ready='true']")))
        except TimeoutException:
            raise AssertionError(f"the quiz script did not start on {self.driver.current_url}: "
                                 f"{self.driver.get_log('browser')}") from None

    # --- elements ---------------------------------------------------------------------------------
    @property
    def block(self):
        return self.driver.find_element(By.CSS_SELECTOR, BLOCK)

    @property
    def quiz(self):
        return self.block.find_element(By.CSS_SELECTOR, ".lb-quiz")

    def find(self, css: str):
        return self.block.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list:
        return self.block.find_elements(By.CSS_SELECTOR, css)

    def questions(self) -> list:
        return self.find_all(".lb-q")

    def kinds(self) -> list[str]:
        return [q.get_attribute("data-kind") for q in self.questions()]

    def action(self, name: str):
        found = self.find_all(f"button[data-action='{name}']")
        return found[0] if found else None

    def status_text(self) -> str:
        return self.find(".lb-status").get_attribute("textContent").strip()

    def active(self):
        return self.driver.switch_to.active_element

    def active_in_block(self) -> bool:
        return self.driver.execute_script("return arguments[0].contains(document.activeElement)", self.block)

    # --- actions ----------------------------------------------------------------------------------
    def click(self, element) -> None:
        """A real mouse click (scrolled into view first)."""
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        ActionChains(self.driver, duration=0).move_to_element(element).click().perform()

    def press(self, *keys) -> None:
        """Keys to whatever has the focus, as a keyboard user would type them."""
        ActionChains(self.driver, duration=0).send_keys(*keys).perform()

    def tab(self, backwards: bool = False):
        if backwards:
            ActionChains(self.driver, duration=0).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        else:
            self.press(Keys.TAB)
        return self.active()

    def run_and_wait(self, act, message: bool = True) -> None:
        """Do ``act`` (which posts to a handler) and wait for the server's new markup and announcement."""
        card = self.find(".lb-card")
        act()
        wait(self.driver).until(EC.staleness_of(card))
        if message:
            wait(self.driver).until(lambda _d: self.status_text() not in ("", self.sending_text()))

    def sending_text(self) -> str:
        return self.driver.execute_script(
            "var s = document.querySelector(arguments[0] + ' .lb-strings');"
            "return s ? s.getAttribute('data-sending') : '';", BLOCK)

    def do(self, name: str, message: bool = True) -> None:
        """Click the action button ``name`` with the mouse and wait for the update."""
        button = self.action(name)
        assert button is not None, f"no {name} button in the current state"
        self.run_and_wait(lambda: self.click(button), message)

    def answer_all_with_mouse(self) -> None:
        """Answer every question: first choice, move the first step down, first answer in every select."""
        for question in self.questions():
            kind = question.get_attribute("data-kind")
            if kind in ("single", "multiple"):
                self.click(question.find_element(By.CSS_SELECTOR, ".lb-option label"))
            elif kind == "ordering":
                self.click(question.find_element(By.CSS_SELECTOR, "button[data-move='down']"))
            else:
                for select in question.find_elements(By.CSS_SELECTOR, "select[data-prompt]"):
                    self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", select)
                    Select(select).select_by_index(1)

    def submit_with_mouse(self) -> None:
        self.answer_all_with_mouse()
        self.do("submit")

    # --- checks -----------------------------------------------------------------------------------
    def js_errors(self) -> list[dict]:
        """SEVERE console entries since the last call, minus the workbench's own noise."""
        return [entry for entry in self.driver.get_log("browser")
                if entry["level"] == "SEVERE" and not any(text in entry["message"] for text in FOREIGN_LOG)]


def find_student(workbench, path: str, prefix: str, kinds: set[str], tries: int = 60) -> str:
    """A fresh learner id whose draw includes every question kind in ``kinds``."""
    for number in range(tries):
        student = f"{prefix}-{number}"
        markup = workbench.block_html(path, student)
        if all(f'data-kind="{kind}"' in markup for kind in kinds):
            return student
    raise AssertionError(f"no learner among {tries} draws gets all of {sorted(kinds)} in {path}")


EDITOR = ".lb-ed"
EDITOR_FOREIGN_LOG = ("favicon.ico", "Failed to load resource: the server responded with a status of 400")


class EditorPage:
    """The workbench's ``studio_view`` of one scenario page ``path``, opened by a staff user."""

    def __init__(self, driver, workbench, path: str, student: str):
        self.driver = driver
        self.workbench = workbench
        self.path = path
        self.student = f"staff-{student}"[:60]

    def open(self):
        self.driver.get(self.workbench.url(self.path + "studio_view/", self.student))
        wait(self.driver).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, f"{EDITOR}[data-lb-ready='true']"),
            message=f"the editor script did not start: {self.driver.get_log('browser')}")
        return self

    def find(self, css: str, scope=None):
        return (scope or self.driver).find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str, scope=None) -> list:
        return (scope or self.driver).find_elements(By.CSS_SELECTOR, css)

    def tab(self, name: str):
        return self.find(f"{EDITOR} [role='tab'][data-tab='{name}']")

    def panel(self, name: str):
        return self.find(f"{EDITOR} [data-panel='{name}']")

    def show(self, name: str) -> None:
        self.click(self.tab(name))

    def active(self):
        return self.driver.switch_to.active_element

    def click(self, element) -> None:
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def type_into(self, element, text: str) -> None:
        """Replace the control's text the way an author would (select all, type)."""
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.send_keys(Keys.CONTROL, "a")
        element.send_keys(Keys.DELETE)
        if text:
            element.send_keys(text)

    def save(self) -> tuple[str, str, list[str]]:
        """Click Save; return the message box's kind, title and list lines."""
        box = self.find(f"{EDITOR} [data-role='messages']")
        self.driver.execute_script("arguments[0].hidden = true; arguments[0].className = 'lb-ed-messages';", box)
        self.click(self.find(f"{EDITOR} [data-role='save']"))
        wait(self.driver).until(lambda _d: box.is_displayed() and "--" in box.get_attribute("class"))
        kind = box.get_attribute("class").split("lb-ed-messages--")[1].split()[0]
        lines = [li.text for li in self.find_all("li", box)]
        return kind, self.find(".lb-ed-messages__title", box).text, lines

    def xml(self) -> str:
        return self.find(f"{EDITOR} [data-role='xml']").get_attribute("value")

    def js_errors(self) -> list:
        return [entry for entry in self.driver.get_log("browser")
                if entry["level"] == "SEVERE" and not any(text in entry["message"] for text in EDITOR_FOREIGN_LOG)]


def editing_then_restoring(open_editor):
    """Yield an editor from ``open_editor(suffix)``; afterwards put the scenario's original OLX back,
    because the live workbench and its content are shared by the whole browser session."""
    editor = open_editor("")
    original = editor.xml()
    yield editor
    restore = open_editor("-restore")
    if restore.xml() != original:
        restore.show("xml")
        restore.driver.execute_script("arguments[0].value = arguments[1];", restore.find("[data-role='xml']"),
                                      original)
        kind, title, lines = restore.save()
        assert kind in ("success", "warning"), (title, lines)
