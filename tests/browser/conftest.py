"""Real-browser fixtures: a live workbench subprocess, headless Debian Chromium via Selenium, axe-core.

Missing chromium, chromedriver, selenium or axe-core skips these tests locally; with ``CI`` set in the
environment it fails them instead, so a CI run can never pass by silently skipping the browser suite.
``LB_CHROMIUM`` and ``LB_CHROMEDRIVER`` override the Debian paths (/usr/bin/chromium, /usr/bin/chromedriver).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from devserver.live import get, running_workbench

REPO = Path(__file__).resolve().parents[2]
SCENARIO_DIR = REPO / "legal_basics_xblock" / "scenarios"
CHROMIUM = os.environ.get("LB_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("LB_CHROMEDRIVER", "/usr/bin/chromedriver")
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROME_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCK = ".xblock-v1[data-block-type='legal_quiz']"
WAIT = 10


def _missing() -> list[str]:
    missing = [path for path in (CHROMIUM, CHROMEDRIVER, str(AXE_JS)) if not os.access(path, os.R_OK)]
    try:
        import selenium  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import
    except ImportError:
        missing.append("python package selenium")
    return missing


def require_toolchain() -> None:
    """Skip when the browser tool chain is missing; fail instead when ``CI`` is set."""
    missing = _missing()
    if not missing:
        return
    reason = "browser tests need " + ", ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but the browser tool chain is missing: {reason}", pytrace=False)
    pytest.skip(reason)


# --- the workbench ---------------------------------------------------------------------------------

_get = get


@dataclass
class Scenario:
    """One quiz scenario as listed on the workbench index."""

    url: str
    name: str  # the scenario file's stem, e.g. quiz_labour
    mode: str
    show_answer: str
    max_attempts: int


@dataclass
class Workbench:
    base_url: str
    log_path: Path

    def url(self, path: str, student: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{sep}student={student}"

    def scenarios(self) -> list[Scenario]:
        """Every quiz scenario the index lists, with its settings read from the scenario file.

        Fails (never skips) when the index and ``legal_basics_xblock/scenarios/quiz_*.xml`` disagree.
        """
        index = _get(self.base_url + "/")
        links = re.findall(r'href="(/scenario/legal_quiz\.\d+/)"[^>]*>([^<]*)<', index)
        found = []
        for path, title in links:
            stem = re.search(r"\((quiz_[\w-]+)\)\s*$", html.unescape(title).strip())
            assert stem, f"cannot tell the scenario file of {path} from its title {title!r}"
            xml = (SCENARIO_DIR / f"{stem.group(1)}.xml").read_text(encoding="utf-8")
            tag = re.search(r"<legal_quiz\b[^>]*>", xml).group(0)

            def attr(name, default, tag=tag):
                match = re.search(rf'\s{name}="([^"]*)"', tag)
                return match.group(1) if match else default

            found.append(Scenario(path, stem.group(1), attr("mode", "practice"), attr("show_answer", "finished"),
                                  int(attr("max_attempts", "0"))))
        files = sorted(path.stem for path in SCENARIO_DIR.glob("quiz_*.xml"))
        assert sorted(s.name for s in found) == files, f"the workbench lists {found}, the scenario files are {files}"
        return found

    def paths(self, block_type: str) -> dict[str, str]:
        """``{scenario file stem or course unit id: page path}`` for one block type's scenarios."""
        index = html.unescape(_get(self.base_url + "/"))
        links = re.findall(rf'href="(/scenario/{re.escape(block_type)}\.[\w-]+/)"[^>]*>([^<]*)<', index)
        found = {}
        for path, title in links:
            stem = re.search(r"\(([\w-]+)\)\s*$", title.strip())
            found[stem.group(1) if stem else path.split("/")[2].split(".", 1)[1]] = path
        return found

    def scenario(self, mode: str = "", name: str = "") -> Scenario:
        """The first quiz scenario in ``mode`` (or the one from file ``name``)."""
        for scenario in self.scenarios():
            if (not mode or scenario.mode == mode) and (not name or scenario.name == name):
                return scenario
        raise AssertionError(f"no quiz scenario with mode={mode!r} name={name!r} in {SCENARIO_DIR}")

    def block_html(self, path: str, student: str) -> str:
        """The server-rendered quiz markup for ``student`` (without the echoed scenario XML)."""
        page = _get(self.url(path, student))
        start = page.find('<div class="lb-block lb-quiz"')
        end = page.find('<div class="lb-status"', start)
        return page[start:end]


@pytest.fixture(scope="session")
def workbench(tmp_path_factory):
    """``devserver.settings`` workbench on a free port, in its own temp dir (own SQLite DB)."""
    require_toolchain()
    with running_workbench(tmp_path_factory.mktemp("workbench")) as (base_url, log_path):
        yield Workbench(base_url, log_path)


# --- the browser -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def driver(workbench):  # pylint: disable=redefined-outer-name,unused-argument
    """One headless Chromium per test module; each test uses its own ``?student=``."""
    from selenium import webdriver  # pylint: disable=import-outside-toplevel
    from selenium.webdriver.chrome.service import Service  # pylint: disable=import-outside-toplevel

    profile = tempfile.mkdtemp(prefix="lb-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROME_FLAGS, f"--user-data-dir={profile}", "--lang=en-US", "--window-size=1280,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    browser.set_script_timeout(30)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def browser(driver):  # pylint: disable=redefined-outer-name
    """The module's driver, reset for one test: desktop size, screen media, empty console log."""
    driver.set_window_size(1280, 1000)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    driver.get_log("browser")
    return driver


@pytest.fixture
def student(request):
    """A learner id used by this test only, so no state leaks between tests or runs."""
    name = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")[:40]
    return f"{name}-{uuid.uuid4().hex[:8]}"


def axe(driver, context: str = ".xblock-v1") -> list[dict]:  # pylint: disable=redefined-outer-name
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on ``context``; return the violations."""
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(arguments[0], {runOnly: {type: "tag", values: arguments[1]}})
            .then(r => done({violations: r.violations}))
            .catch(e => done({error: String(e)}));
        """, context, WCAG_TAGS)
    if "error" in result:
        raise AssertionError(f"axe failed: {result['error']}")
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)
