"""The numbers docs/instructor-guide.md states, against the course source, so the guide cannot drift.

The guide has a Kazakh part (from ``<a id="kk"></a>``) and a Russian part (from ``<a id="ru"></a>``) with the
same tables. Every table whose numbers are checked here sits right under an HTML comment ``<!-- check: NAME -->``
(invisible on the rendered page); a row about a module, a block or a grading type starts with its id in
backticks, so the parsing does not depend on the wording of either language:

- ``elective-hours``, ``trainer-hours``: the module list in course order, titles, contact / self-study / total
  hours (module.json), the week (course.json ``schedule``) and the due date the build gives, and the totals row;
- ``elective-content``, ``trainer-content``: case studies, drafting tasks and quiz items per module
  (``course_tools.targets.module_counts``) and the graded subsection types;
- ``grading``: types, weights, subsection counts, drops and the pass mark of both courses (course.json);
- ``certification``: the highest grade a trainee can reach without one of the staff-graded tasks;
- ``diagnostic``: the pre- and post-test blocks, their phase, questions and attempts;
- ``new-run``: due dates of a run built with another ``--start``;
- ``targets``: what the build requires of every subject module (course.json ``targets``);
- ``trial-stages``: the mock trial's stages and minutes (the facilitator kit's script);
- ``printables``: how many handouts, master-class slide decks and glossaries each built course has in ``static/``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

import pytest

from course_tools.build import CourseBuilder
from course_tools.source import read_json
from course_tools.targets import module_counts

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "instructor-guide.md"
SOURCE = ROOT / "course_export"
LANGUAGES = ("kk", "ru")
COURSES = ("elective", "trainer")
TABLES = ("elective-hours", "elective-content", "trainer-hours", "trainer-content", "grading", "certification",
          "diagnostic", "new-run", "targets", "trial-stages", "printables")
MARKER = re.compile(r"^<!-- check: ([a-z-]+) -->$")
CODE = re.compile(r"`([^`]+)`")
NONE = "—"  # a cell for something the course or module does not have


# ---- reading the guide ---------------------------------------------------------------------------------------

@functools.cache
def guide_parts() -> dict:
    text = GUIDE.read_text(encoding="utf-8")
    kk, ru = text.find('<a id="kk"></a>'), text.find('<a id="ru"></a>')
    assert 0 <= kk < ru, "the guide needs a Kazakh part, then a Russian part (anchors kk and ru)"
    return {"kk": text[kk:ru], "ru": text[ru:]}


def marked_tables(part: str) -> dict:
    """``{name: (header cells, data rows)}`` of every table under a ``check`` marker."""
    lines, found = part.splitlines(), {}
    for index, line in enumerate(lines):
        match = MARKER.match(line.strip())
        if not match:
            continue
        name = match.group(1)
        assert name not in found, f"two tables are marked {name!r}"
        rows = []
        for row in lines[index + 1:]:
            if not row.startswith("|"):
                break
            rows.append([cell.strip() for cell in row.strip().strip("|").split("|")])
        assert len(rows) > 2 and set(rows[1][0]) <= set("-: "), f"no Markdown table right under the {name} marker"
        found[name] = (rows[0], rows[2:])
    return found


@functools.cache
def parsed(language: str) -> dict:
    return marked_tables(guide_parts()[language])


def rows_of(language: str, name: str) -> list:
    return parsed(language)[name][1]


def code(cell: str) -> str | None:
    """The id a cell starts with, in backticks (`m05`, `Case study`), else None."""
    match = CODE.match(cell)
    return match.group(1) if match else None


def number(cell: str) -> float | None:
    text = cell.replace("*", "").replace("%", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return None if text in ("", NONE) else float(text)


def percent(cell: str) -> float | None:
    value = number(cell)
    return None if value is None else round(value / 100, 6)


def keyed(rows: list) -> tuple[dict, list]:
    """Rows starting with an id in backticks, by id (in order), and the other rows (totals)."""
    by_id, others = {}, []
    for row in rows:
        key = code(row[0])
        if key is None:
            others.append(row)
        else:
            assert key not in by_id, f"{key} is listed twice"
            by_id[key] = row
    return by_id, others


# ---- the course source ---------------------------------------------------------------------------------------

COURSE_JSON = read_json(SOURCE / "course.json")


def builder(course: str, language: str, start: str | None = None) -> CourseBuilder:
    return CourseBuilder(SOURCE, course, language, start=start)


def graded_only(module):
    """The module with its graded subsections only: the quiz pool the guide counts is the graded module quiz,
    not the ungraded diagnostic test that m00 and the final project also hold (the ``diagnostic`` table)."""
    return dataclasses.replace(module, sections=[s for s in module.sections if s.format])


def due_date(build: CourseBuilder, module) -> str:
    """The one due date of a module's graded subsections (YYYY-MM-DD), or the empty-cell mark."""
    dates = {build.due(module, section)[:10] for section in module.sections if section.format}
    assert len(dates) <= 1, f"{module.id}: graded subsections fall due on several dates {sorted(dates)}"
    return dates.pop() if dates else NONE


def count_cell(value: int) -> int | None:
    return value or None


# ---- the tests -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_each_part_has_every_checked_table_once(language):
    assert sorted(parsed(language)) == sorted(TABLES)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("course", COURSES)
def test_the_hours_table_lists_every_module_with_its_hours_week_and_due_date(course, language):
    build = builder(course, language)
    rows, totals = keyed(rows_of(language, f"{course}-hours"))
    assert list(rows) == [module.id for module in build.modules], "the modules, in the order of the course"
    schedule = build.course["schedule"]
    for module in build.modules:
        _id, title, contact, self_study, total, week, due = rows[module.id]
        hours = module.hours
        assert title == module.title[language], module.id
        assert (number(contact), number(self_study)) == (hours["contact"], hours["self"]), module.id
        assert number(total) == hours["contact"] + hours["self"], module.id
        assert number(week) == schedule.get(module.id), module.id
        assert due == due_date(build, module), module.id
    assert len(totals) == 1, "one totals row"
    stated = [number(cell) for cell in totals[0][2:5]]
    contact = sum(module.hours["contact"] for module in build.modules)
    self_study = sum(module.hours["self"] for module in build.modules)
    assert stated == [contact, self_study, contact + self_study]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("course", COURSES)
def test_the_content_table_states_the_cases_drafts_and_quiz_items_module_counts_finds(course, language):
    build = builder(course, language)
    elective_ids = [module.id for module in builder("elective", language).modules]
    listed = [m for m in build.modules if course == "elective" or m.id not in elective_ids]
    rows, others = keyed(rows_of(language, f"{course}-content"))
    assert not others
    assert sorted(rows) == sorted(module.id for module in listed), "every module of its own, once"
    subject = set(build.course.get("targets", {}).get("subject_modules", ()))
    for module in listed:
        _id, cases, drafts, items, graded = rows[module.id]
        counts = module_counts(graded_only(module), language)
        assert number(cases) == counts.cases, f"{module.id}: case studies"
        assert number(drafts) == counts.drafts, f"{module.id}: drafting tasks"
        assert number(items) == count_cell(counts.items), f"{module.id}: quiz items"
        assert CODE.findall(graded) == [section.format for section in module.sections if section.format], module.id
        if module.id in subject:  # what the build prints for a subject module, unfiltered
            full = module_counts(module, language)
            assert (full.cases, full.drafts, full.items) == (counts.cases, counts.drafts, counts.items), module.id


@pytest.mark.parametrize("course", COURSES)
def test_every_module_holds_what_the_guide_says_it_holds(course):
    for module in builder(course, "kk").modules:
        units = [unit for section in module.sections for unit in section.units]
        pages = {unit.html for unit in units}
        assert {"intro", "lesson", "tasks"} <= pages, module.id
        assert "reading" in pages or module.id == "t05", f"{module.id}: a reading"
        assert all(unit.staff_only for unit in units if unit.html == "lesson"), f"{module.id}: lesson plan staff only"
    trainer = builder("trainer", "kk").modules
    assert any(unit.html == "grading" and unit.staff_only for m in trainer if m.id == "t05"
               for s in m.sections for unit in s.units), "t05: the staff grading guide"
    assert any(unit.html == "report" for m in trainer if m.id == "t06" for s in m.sections for unit in s.units)


def stated_policy(rows: list, offset: int) -> tuple[dict, float]:
    types, passing = {}, None
    for row in rows:
        assert len(row) == 7, row
        name, weight, count, drop = code(row[0]), *row[offset:offset + 3]
        if name == "Pass":
            passing = percent(weight)
        elif weight != NONE:
            types[name] = (percent(weight), number(count), number(drop))
    return types, passing


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_grading_table_is_the_grading_policy_of_both_courses(language):
    rows = rows_of(language, "grading")
    for course, offset in (("elective", 1), ("trainer", 4)):
        grading = COURSE_JSON["courses"][course]["grading"]
        expected = {g["type"]: (round(g["weight"], 6), g["min_count"], g["drop_count"]) for g in grading["GRADER"]}
        types, passing = stated_policy(rows, offset)
        assert types == expected, course
        assert passing == grading["GRADE_CUTOFFS"]["Pass"], course


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_either_staff_graded_task_a_perfect_online_score_stays_below_the_pass_mark(language):
    trainer = COURSE_JSON["courses"]["trainer"]["grading"]
    online = {g["type"] for g in COURSE_JSON["courses"]["elective"]["grading"]["GRADER"]}
    weights = {g["type"]: g["weight"] for g in trainer["GRADER"]}
    cutoff = trainer["GRADE_CUTOFFS"]["Pass"]
    rows, others = keyed(rows_of(language, "certification"))
    assert not others
    assert sorted(rows) == sorted(set(weights) - online), "one row per task only the trainer course has"
    for name, (_cell, highest, passing) in rows.items():
        assert percent(highest) == round(1 - weights[name], 6), name
        assert percent(passing) == cutoff, name
        assert percent(highest) < percent(passing), name


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_diagnostic_table_names_the_pre_and_post_test(language):
    build = builder("elective", language)
    expected = {}
    for module in build.modules:
        for section in module.sections:
            for unit in section.units:
                element = build.block(module, unit) if unit.block else None
                if element is not None and element.tag == "legal_quiz" and element.get("mode") == "diagnostic":
                    questions = module_counts(dataclasses.replace(module, sections=[section]), language).items
                    expected[unit.id] = (module.id, element.get("phase", "pre"), questions,
                                         int(element.get("max_attempts", 0)))
    rows, others = keyed(rows_of(language, "diagnostic"))
    assert not others
    stated = {key: (code(row[1]), code(row[2]), number(row[3]), number(row[4])) for key, row in rows.items()}
    assert stated == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_new_run_example_is_what_the_build_gives(language):
    header, rows = parsed(language)["new-run"]
    start = re.search(r"--start (\d{4}-\d{2}-\d{2})", header[3]).group(1)
    spring, autumn = builder("elective", language), builder("elective", language, start=start)
    modules = {module.id: module for module in spring.modules}
    by_id, others = keyed(rows)
    assert by_id and not others
    for key, (_id, week, spring_due, autumn_due) in by_id.items():
        assert number(week) == spring.course["schedule"][key], key
        assert spring_due == due_date(spring, modules[key]), key
        assert autumn_due == due_date(autumn, modules[key]), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_targets_table_is_what_the_build_requires(language):
    targets = COURSE_JSON["courses"]["elective"]["targets"]
    rows, others = keyed(rows_of(language, "targets"))
    assert not others
    assert {key: number(row[1]) for key, row in rows.items()} == {
        key: value for key, value in targets.items() if key.startswith("min_")}


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_trial_stages_are_the_facilitator_kits(language):
    build = builder("elective", language)
    trials = [build.block(module, unit) for module in build.modules for section in module.sections
              if section.format == "Mock trial" for unit in section.units]
    assert len(trials) == 1
    stages = [(_text(stage.find(f"title[@lang='{language}']")), int(stage.get("minutes")))
              for stage in trials[0].iter("stage")]
    stated = [(row[0], number(row[1])) for row in rows_of(language, "trial-stages")]
    assert stated == stages


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_printable_pages_are_the_ones_the_build_writes(language):
    rows, others = keyed(rows_of(language, "printables"))
    assert not others
    assert sorted(rows) == sorted(COURSES)
    for course, (_id, handouts, slides, glossaries) in rows.items():
        files = builder(course, language).build()
        for prefix, cell in (("handout_", handouts), ("slides_", slides), ("glossary_", glossaries)):
            built = [path for path in files
                     if path.startswith(f"static/{prefix}") and path.endswith(f"_{language}.html")]
            assert number(cell) == len(built), f"{course}: static/{prefix}*"
