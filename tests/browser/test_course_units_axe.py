"""axe-core finds nothing on any course unit as the workbench shows it (`make demo`)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC  # noqa: N812

from tests.browser.conftest import axe, describe_violations
from tests.browser.pages import wait

pytestmark = pytest.mark.browser


def test_every_course_unit_has_no_axe_violations(browser, workbench, student):
    paths = workbench.paths("course_units")
    assert paths, "the workbench lists no course units"
    problems = []
    for unit, path in sorted(paths.items()):
        browser.get(workbench.url(path, student))
        wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".xblock-v1")))
        if browser.find_elements(By.CSS_SELECTOR, ".lb-quiz, .lb-case"):
            wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-lb-ready='true']")))
        violations = axe(browser, ".xblock-v1")
        if violations:
            problems.append(f"{unit}:\n{describe_violations(violations)}")
    assert not problems, "\n".join(problems)
