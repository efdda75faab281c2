"""Course units as workbench scenarios, so ``make demo`` shows the course as learners meet it.

Each unit of the elective (language from ``LB_COURSE_LANG``, default kk) becomes a scenario:
its HTML introduction in an ``html_demo`` block and its custom block exactly as the course build
writes it. A unit that fails to build is left out with a warning; the course tests report it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from lxml import etree

log = logging.getLogger(__name__)
SOURCE = Path(__file__).resolve().parent.parent / "course_export"


def unit_scenarios(course: str = "elective", language: str | None = None) -> list[tuple[str, str, str]]:
    """``[(scenario name, title, xml)]`` for every unit that builds."""
    from course_tools.build import CourseBuilder  # pylint: disable=import-outside-toplevel
    from course_tools.source import SourceError, page  # pylint: disable=import-outside-toplevel

    language = language or os.environ.get("LB_COURSE_LANG", "kk")
    try:
        builder = CourseBuilder(SOURCE, course, language, skip_missing=True)
    except SourceError as exc:
        log.warning("Course units left out of the workbench: %s", exc)
        return []
    scenarios = []
    for module in builder.modules:
        for section in module.sections:
            for unit in section.units:
                try:
                    root = etree.Element("vertical_demo")
                    if unit.html:
                        html = etree.SubElement(root, "html_demo")
                        html.text = page(module, unit, language)
                    if unit.block:
                        root.append(builder.block(module, unit))
                    title = f"{module.id} · {unit.title.get(language, unit.id)}"
                    scenarios.append((f"course_units.{unit.id}", title, etree.tostring(root, encoding="unicode")))
                except (SourceError, ValueError, etree.XMLSyntaxError) as exc:
                    log.warning("Course unit %s left out of the workbench: %s", unit.id, exc)
    return scenarios
