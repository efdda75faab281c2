"""Screenshots of the blocks as learners see them, for the docs: phone (360 px) and desktop, Kazakh and Russian.

    python scripts/screenshots.py [--out docs/screenshots]

Starts the workbench on 127.0.0.1 (its own folder and database, stopped at the end), drives Debian's Chromium
and writes one PNG per view, size and language: a quiz with a question answered, a case study at its ending
(banner, plan), the mock trial's role cards and the printable action plan. Run it after a design change and
commit the images (docs/design.md shows them).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devserver.live import get, running_workbench  # noqa: E402

SIZES = {"phone": (360, 780), "desktop": (1280, 860)}
BLOCK = ".xblock-v1[data-block-type='{tag}']"


def chromium():
    from selenium import webdriver  # pylint: disable=import-outside-toplevel
    from selenium.webdriver.chrome.service import Service  # pylint: disable=import-outside-toplevel

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--lang=en-US"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def scenario_path(base_url: str, stem: str) -> str:
    match = re.search(rf'href="(/scenario/[^"]+)"[^>]*>[^<]*\({re.escape(stem)}\)', get(base_url + "/"))
    if not match:
        raise SystemExit(f"the workbench does not list {stem}")
    return match.group(1)


def click(driver, css: str, pause: float = 0.8) -> bool:
    found = driver.find_elements("css selector", css)
    if found:
        driver.execute_script("arguments[0].click()", found[0])
        time.sleep(pause)
    return bool(found)


def set_language(driver, language: str) -> None:
    button = driver.find_elements("css selector", f"[data-lang='{language}']")
    if button and button[0].get_attribute("aria-pressed") != "true":
        click(driver, f"[data-lang='{language}']")


def fill_draft(driver) -> None:
    for part in driver.find_elements("css selector", "form.lb-draft [data-part]"):
        radios = part.find_elements("css selector", "input[type='radio']")
        if radios:
            driver.execute_script("arguments[0].click()", radios[0])
        for text in part.find_elements("css selector", "input[type='text']"):
            text.send_keys("01.10.2026")
    click(driver, "form.lb-draft button[type='submit']")


def walk_to_ending(driver) -> None:
    for _ in range(40):
        if driver.find_elements("css selector", ".lb-ending"):
            return
        if driver.find_elements("css selector", "form.lb-draft"):
            fill_draft(driver)
        elif not click(driver, "button[data-action='choose']"):
            return


def shoot(driver, element_css: str, path: Path) -> None:
    element = driver.find_elements("css selector", element_css)[0]
    # Below the workbench's fixed title bar; no focus ring from the last click.
    driver.execute_script("document.activeElement.blur(); window.scrollTo(0, arguments[0].getBoundingClientRect()"
                          ".top + window.scrollY - 84)", element)
    time.sleep(0.3)
    driver.save_screenshot(str(path))
    small(path)


def small(path: Path) -> None:
    """A 128-colour PNG: a tenth of the size, still sharp for text."""
    from PIL import Image  # pylint: disable=import-outside-toplevel

    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=128).save(path, optimize=True)


def views(driver, base_url: str, language: str, out: Path, size: str):
    student = f"shots-{language}-{size}-{int(time.time())}"
    quiz = BLOCK.format(tag="legal_quiz")
    driver.get(f"{base_url}{scenario_path(base_url, 'quiz_labour')}?student={student}")
    time.sleep(1.5)
    set_language(driver, language)
    click(driver, f"{quiz} .lb-option input")
    shoot(driver, f"{quiz} .lb-head", out / f"quiz-{language}-{size}.png")
    case = BLOCK.format(tag="legal_case_study")
    driver.get(f"{base_url}{scenario_path(base_url, 'case_akimat_silence')}?student={student}")
    time.sleep(1.5)
    set_language(driver, language)
    shoot(driver, f"{case} .lb-head", out / f"case-scene-{language}-{size}.png")
    walk_to_ending(driver)
    shoot(driver, f"{case} .lb-ending", out / f"case-ending-{language}-{size}.png")
    link = driver.find_elements("css selector", f"{case} .lb-plan__print a")
    if link and size == "desktop":
        driver.get(link[0].get_attribute("href"))
        time.sleep(0.8)
        shoot(driver, "main", out / f"plan-page-{language}.png")
    trial = BLOCK.format(tag="legal_mock_trial")
    driver.get(f"{base_url}{scenario_path(base_url, 'trial_reinstatement')}?student={student}")
    time.sleep(1.5)
    set_language(driver, language)
    shoot(driver, f"{trial} .lb-roles", out / f"trial-roles-{language}-{size}.png")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, running_workbench(Path(folder)) as (base_url, _log):
        driver = chromium()
        try:
            for size, (width, height) in SIZES.items():
                driver.set_window_size(width, height)
                for language in ("kk", "ru"):
                    views(driver, base_url, language, args.out, size)
        finally:
            driver.quit()
    print(f"screenshots written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
