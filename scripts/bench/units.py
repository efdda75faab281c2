"""Learner bytes of every course unit, as ``devserver/course_units.py`` builds them for the workbench.

A unit is what a learner opens in the LMS: its HTML introduction and/or its block, with the JS and
CSS they bring. Every unit of both courses is measured in both languages, because authored text
(not code) is what makes a unit heavy. Only bytes, no timing: the timed rows are the blocks and
packaged scenarios.
"""

from __future__ import annotations

import statistics
import sys

from .config import ROOT, TARGET_KIB
from .learner_bytes import learner_bytes

COURSES = ("elective", "trainer")
LANGUAGES = ("kk", "ru")
PAGE = "html page"  # a unit with no custom block, only its HTML introduction


def unit_type(tags: list[str]) -> str:
    """The block a unit is about (its first non-HTML child), or 'html page'."""
    return next((tag for tag in tags if tag != "html_demo"), PAGE)


def _built_units():
    """(course, language, scenario name, xml) for every unit that builds."""
    sys.path.insert(0, str(ROOT))
    from devserver.course_units import unit_scenarios  # noqa: PLC0415

    for course in COURSES:
        for language in LANGUAGES:
            for name, _title, xml in unit_scenarios(course, language):
                yield course, language, name.split(".", 1)[-1], xml


def _measure_unit(bench, course, language, unit, xml) -> dict:
    from lxml import etree  # noqa: PLC0415

    tags = [child.tag for child in etree.fromstring(xml.encode()) if isinstance(child.tag, str)]
    where = f"{course}/{language}/{unit}"
    usage = bench.parse(f"bench_unit.{course}.{language}.{unit}", f"bench unit {course} {language} {unit}", xml)
    measured = learner_bytes(bench, usage, f"unit-{course}-{language}-")
    return {"unit": where, "type": unit_type(tags), **measured}


def measure_units(bench) -> tuple[list[dict], dict]:
    """Bytes of every unit, and the units that could not be measured (e.g. a block not installed here)."""
    rows, failed = [], {}
    for course, language, unit, xml in _built_units():
        try:
            rows.append(_measure_unit(bench, course, language, unit, xml))
        except Exception as exc:  # noqa: BLE001 - one unit must not stop the others
            failed[f"{course}/{language}/{unit}"] = f"{type(exc).__name__}: {exc}"[:200]
    return rows, failed


def summarise_units(rows: list[dict], limit_kib: float = TARGET_KIB) -> dict:
    """Per unit type: how many, median and max raw bytes (with the heaviest unit), max gzip, and the
    units over the limit (raw) or with JS/CSS that did not load."""
    summary = {}
    for kind in sorted({row["type"] for row in rows}):
        group = [row for row in rows if row["type"] == kind]
        heaviest = max(group, key=lambda row: row["total"])
        summary[kind] = {
            "units": len(group),
            "median": statistics.median(row["total"] for row in group),
            "max": heaviest["total"], "max_unit": heaviest["unit"],
            "max_gzip": max(row["gzip"] for row in group),
            "over": [(row["unit"], row["total"]) for row in group if row["total"] > limit_kib * 1024],
            "missing": [row["unit"] for row in group if row["missing"]],
        }
    return summary
