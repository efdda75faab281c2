"""Reading the course source: ``course.json``, module manifests, block files and HTML pages."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from legal_basics_xblock.olx.common import find_block
from legal_basics_xblock.olx.safe_xml import parse_xml
from legal_basics_xblock.scenarios import SCENARIO_DIR

BLOCK_TAGS = ("legal_quiz", "legal_case_study", "legal_mock_trial")
#: Built-in Open edX XBlocks a module may use as they are (not parsed by our code): staff-graded practice.
OTHER_BLOCK_TAGS = ("openassessment",)
LANGUAGES = ("kk", "ru")


class SourceError(ValueError):
    """The course source is incomplete or inconsistent; the message names the file."""


@dataclass
class Unit:
    id: str
    title: dict
    html: str = ""
    block: str = ""
    overrides: dict = field(default_factory=dict)
    staff_only: bool = False  # e.g. the lecturer's lesson plan: in the course, not shown to learners
    variants: list = field(default_factory=list)  # block files, one shown to each learner at random


@dataclass
class Section:
    id: str
    title: dict
    format: str = ""
    units: list = field(default_factory=list)


@dataclass
class Module:
    id: str
    folder: Path
    title: dict
    hours: dict
    outcomes: dict
    sections: list


def read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SourceError(f"{path}: file not found") from exc
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from exc


def load_module(root: Path, module_id: str) -> Module:
    folder = root / "modules" / module_id
    raw = read_json(folder / "module.json")
    sections = []
    for section in raw.get("sections", ()):
        units = [Unit(u["id"], u.get("title", {}), u.get("html", ""), u.get("block", ""), u.get("overrides", {}),
                      bool(u.get("staff_only")), list(u.get("variants", ())))
                 for u in section.get("units", ())]
        sections.append(Section(section["id"], section.get("title", {}), section.get("format", ""), units))
    return Module(module_id, folder, raw.get("title", {}), raw.get("hours", {}), raw.get("outcomes", {}), sections)


def block_element(module: Module, unit: Unit, name: str = "") -> etree._Element:
    """The block's OLX element (the unit's block, or the variant file ``name``): from the module folder or,
    for ``pkg:NAME``, the package scenarios."""
    name = name or unit.block
    if name.startswith("pkg:"):
        path = SCENARIO_DIR / f"{name[4:]}.xml"
    else:
        path = (module.folder / name).resolve()
    try:
        root = parse_xml(path.read_bytes())
    except FileNotFoundError as exc:
        raise SourceError(f"{module.folder / 'module.json'}: unit {unit.id}: {name} not found") from exc
    tags = BLOCK_TAGS + OTHER_BLOCK_TAGS
    element = find_block(root, tags)
    if element is None:
        raise SourceError(f"{path}: no {', '.join(tags)} element")
    return element


def page(module: Module, unit: Unit, language: str) -> str:
    path = module.folder / f"{unit.html}.{language}.html"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SourceError(f"{path}: file not found (unit {unit.id})") from exc
