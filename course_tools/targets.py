"""What a course promises, checked on the archive the build has just made (the numbers of the syllabus).

``course.json`` states a course's ``targets``: per subject module at least so many case studies, drafting tasks
(a ``<draft>`` scene in one of its cases), quiz items and reading words in the archive's language; every graded
subsection has a due date and its blocks carry equal weights; a course that ``reuses`` another contains every
block of the other's subject modules under the same ``url_name``. The build prints one line per module and
fails when a promise is broken, so the syllabus, the instructor guide and the archive cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .pages import word_count
from .source import Module, block_element, page
from .workload import module_time, report_lines

CASE_TAGS = ("legal_case_study", "legal_mock_trial")


@dataclass
class ModuleCounts:
    module: str
    cases: int = 0
    drafts: int = 0
    items: int = 0
    reading_words: int = 0
    problems: list = field(default_factory=list)


def _block_counts(counts: ModuleCounts, element) -> None:
    if element.tag == "legal_case_study":
        counts.cases += 1
    if element.tag in CASE_TAGS:
        counts.drafts += len(element.findall("draft"))
    elif element.tag == "legal_quiz":
        counts.items = max(counts.items, len(element.findall("question")))


def module_counts(module: Module, language: str) -> ModuleCounts:
    """Cases, drafts, quiz items (the largest pool) and reading words of one module."""
    counts = ModuleCounts(module.id)
    for unit in (u for section in module.sections for u in section.units):
        if unit.block:
            _block_counts(counts, block_element(module, unit))
        elif unit.html == "reading":
            counts.reading_words += word_count(page(module, unit, language))
    return counts


PROMISES = (("case studies", "cases", "min_cases"), ("drafting tasks", "drafts", "min_drafts"),
            ("quiz items", "items", "min_items"), ("reading words", "reading_words", "min_reading_words"))


def check_module(counts: ModuleCounts, targets: dict) -> ModuleCounts:
    for label, attribute, key in PROMISES:
        have = getattr(counts, attribute)
        if have < targets.get(key, 0):
            counts.problems.append(f"{have} {label}, the syllabus promises at least {targets[key]}")
    return counts


def _weight(element) -> float:
    return float(element.get("weight") or 1)


def graded_problems(files: dict) -> list[str]:
    """Every graded subsection of the built archive has a due date and equal block weights."""
    problems = []
    for path, data in sorted(files.items()):
        if not path.startswith("sequential/"):
            continue
        sequential = etree.fromstring(data)
        if sequential.get("graded") != "true":
            continue
        name = path.split("/")[1].removesuffix(".xml")
        if not sequential.get("due"):
            problems.append(f"graded subsection {name} has no due date")
        weights = {_weight(block) for vertical in sequential.iter("vertical") if vertical.get("url_name")
                   for block in _blocks(files, vertical.get("url_name"))}
        if len(weights) > 1:
            problems.append(f"graded subsection {name} mixes block weights {sorted(weights)}")
    return problems


def _blocks(files: dict, vertical_name: str) -> list:
    data = files.get(f"vertical/{vertical_name}.xml")
    if data is None:
        return []
    return [el for el in etree.fromstring(data) if el.tag in ("legal_quiz", *CASE_TAGS, "openassessment")]


def reuse_problems(modules: list, reused: list, course_key: str) -> list[str]:
    """The blocks of the reused course's subject modules, by url_name, all present here."""
    here = {u.id for m in modules for s in m.sections for u in s.units if u.block or u.variants}
    missing = sorted(u.id for m in reused for s in m.sections for u in s.units if u.block and u.id not in here)
    return [f"{course_key} lacks {len(missing)} reused block(s): {', '.join(missing[:8])}"] if missing else []


def report(counts: list, problems: list) -> list[str]:
    """One line per subject module: what it holds, and what it lacks."""
    lines = [f"{'module':8} {'cases':>5} {'drafts':>6} {'items':>5} {'reading words':>13}"]
    for c in counts:
        lines.append(f"{c.module:8} {c.cases:>5} {c.drafts:>6} {c.items:>5} {c.reading_words:>13}"
                     + (f"   ← {'; '.join(c.problems)}" if c.problems else ""))
    return lines + [f"error: {p}" for p in problems]


def subject_modules(builder) -> list:
    subject = set(builder.course.get("targets", {}).get("subject_modules", ()))
    return [m for m in builder.modules if m.id in subject]


def check_course(builder, reused=None) -> tuple[list[str], bool]:
    """``(report lines, failed)`` for a built course; ``reused`` is the builder of the course it reuses."""
    targets = builder.course.get("targets", {})
    counts = [check_module(module_counts(m, builder.language), targets) for m in subject_modules(builder)]
    problems = graded_problems(builder.files)
    if reused is not None:
        problems += reuse_problems(builder.modules, subject_modules(reused), builder.key)
    times = [module_time(module, builder.language) for module in builder.modules] if targets.get("workload") else []
    problems += [f"{t.module}: the learner time estimate differs from the syllabus hours" for t in times
                 if not t.matches()]
    lines = report(counts, []) + (report_lines(times) if times else []) + [f"error: {p}" for p in problems]
    return lines, bool(problems) or any(c.problems for c in counts)
