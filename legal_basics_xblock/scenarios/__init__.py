"""Workbench scenarios: every ``*.xml`` here is a complete ``<vertical_demo>`` scenario."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from lxml import etree

log = logging.getLogger(__name__)

SCENARIO_DIR = Path(__file__).resolve().parent


def scenario_files(prefix: str = "") -> list[Path]:
    return sorted(SCENARIO_DIR.glob(f"{prefix}*.xml"))


def _title(path: Path, xml: str) -> str:
    root = etree.fromstring(xml.encode("utf-8"))
    block = next((child for child in root if isinstance(child.tag, str)), root)
    name = block.get("display_name") or path.stem
    return f"{name} ({path.stem})"


def load_scenarios(prefix: str = "", check: Callable[[str], None] | None = None) -> list[tuple[str, str]]:
    """``[(title, xml)]`` for the workbench, one per file starting with ``prefix``.

    A file that ``check`` rejects is left out with a warning, so one broken draft does not
    take the whole workbench down; ``tests/unit/test_scenario_files.py`` fails on it.
    """
    scenarios = []
    for path in scenario_files(prefix):
        xml = path.read_text(encoding="utf-8")
        try:
            if check is not None:
                check(xml)
            scenarios.append((_title(path, xml), xml))
        except (ValueError, etree.XMLSyntaxError) as exc:
            log.warning("Scenario %s left out of the workbench: %s", path.name, exc)
    return scenarios
