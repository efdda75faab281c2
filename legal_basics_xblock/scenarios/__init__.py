"""Workbench scenarios: every ``*.xml`` here is a complete ``<vertical_demo>`` scenario."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

SCENARIO_DIR = Path(__file__).resolve().parent


def scenario_files(prefix: str = "") -> list[Path]:
    return sorted(SCENARIO_DIR.glob(f"{prefix}*.xml"))


def _title(path: Path, xml: str) -> str:
    root = etree.fromstring(xml.encode("utf-8"))
    block = next((child for child in root if isinstance(child.tag, str)), root)
    name = block.get("display_name") or path.stem
    return f"{name} ({path.stem})"


def load_scenarios(prefix: str = "") -> list[tuple[str, str]]:
    """``[(title, xml)]`` for the workbench, one per file starting with ``prefix``."""
    scenarios = []
    for path in scenario_files(prefix):
        xml = path.read_text(encoding="utf-8")
        scenarios.append((_title(path, xml), xml))
    return scenarios
