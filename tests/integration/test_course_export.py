"""The shipped course source builds into four valid tarballs, quickly and byte-identically, and meets
the syllabus: every module present with hours and outcomes, ≥ 2 case studies and a quiz of ≥ 8 drawn from a
larger pool per module, 25+ case studies in all, the mock trial, the final case and the paired pre/post test."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from lxml import etree

from course_tools.archive import write_tarball
from course_tools.build import CourseBuilder
from course_tools.legal_lint import findings_in_tarball
from course_tools.source import block_element, read_json
from course_tools.validate import validate_path

SOURCE = Path(__file__).resolve().parents[2] / "course_export"
COURSES = list(read_json(SOURCE / "course.json")["courses"])


@pytest.fixture(scope="module", name="built")
def _built(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    started = time.perf_counter()
    paths = {}
    for course in COURSES:
        for language in ("kk", "ru"):
            paths[(course, language)] = out / f"{course}-{language}.tar.gz"
            write_tarball(CourseBuilder(SOURCE, course, language).build(), paths[(course, language)])
    return paths, time.perf_counter() - started


def test_four_tarballs_build_fast_and_identically(built, tmp_path):
    paths, elapsed = built
    assert len(paths) == 4
    assert elapsed < 10, f"building took {elapsed:.1f} s"
    again = tmp_path / "again.tar.gz"
    write_tarball(CourseBuilder(SOURCE, "elective", "kk").build(), again)
    assert again.read_bytes() == paths[("elective", "kk")].read_bytes()


@pytest.mark.parametrize("course", COURSES)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_built_course_is_valid(built, course, language):
    report = validate_path(built[0][(course, language)])
    assert not report.failed, report.summary(f"{course}-{language}")


@pytest.mark.parametrize("course", COURSES)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_built_course_has_none_of_the_corrected_legal_errors(built, course, language):
    assert findings_in_tarball(built[0][(course, language)]) == []


@pytest.mark.parametrize("course", COURSES)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_pool_passes_the_item_writing_checks(built, course, language):
    report = validate_path(built[0][(course, language)], olxcleaner_check=False)
    assert not [str(f) for f in report.findings if "item-writing" in f.message]


def units(course: str):
    builder = CourseBuilder(SOURCE, course, "kk")
    for module in builder.modules:
        for section in module.sections:
            for unit in section.units:
                yield module, section, unit


def test_elective_meets_the_syllabus():
    builder = CourseBuilder(SOURCE, "elective", "kk")
    total = 0
    cases = 0
    for module in builder.modules:
        hours = module.hours.get("contact", 0) + module.hours.get("self", 0)
        total += hours
        assert hours and module.outcomes.get("kk") and module.outcomes.get("ru"), module.id
        blocks = [block_element(module, u) for s in module.sections for u in s.units if u.block]
        module_cases = [b for b in blocks if b.tag == "legal_case_study"]
        cases += len(module_cases)
        quizzes = [b for b in blocks if b.tag == "legal_quiz" and b.get("mode", "practice") != "diagnostic"]
        if module.id not in ("m10", "final"):
            assert len(module_cases) >= 2, f"{module.id}: {len(module_cases)} case studies"
            assert quizzes, f"{module.id}: no module quiz"
            for quiz in quizzes:
                pool = len(quiz.findall("question"))
                draw = int(quiz.get("draw", "0") or 0) or pool
                assert draw >= 8 and pool > draw, f"{module.id}: draws {draw} of {pool}"
    assert total == 150
    assert cases >= 25
    tags = {block_element(m, u).tag for m, _s, u in units("elective") if u.block}
    assert "legal_mock_trial" in tags


def test_pre_and_post_test_share_one_pool_and_pair_key():
    found = {}
    for module, _section, unit in units("elective"):
        if unit.block:
            element = CourseBuilder(SOURCE, "elective", "kk").block(module, unit)
            if element.get("mode") == "diagnostic":
                found[unit.id] = element
    assert len(found) == 2, found.keys()
    first, second = found.values()
    assert first.get("pair") == second.get("pair") and first.get("pair")
    assert [q.get("id") for q in first.iter("question")] == [q.get("id") for q in second.iter("question")]


def test_trainer_reuses_elective_blocks_with_stricter_rules():
    elective = {u.id: (m, u) for m, _s, u in units("elective") if u.block}
    shared = 0
    for module, _section, unit in units("trainer"):
        if unit.id in elective:
            shared += 1
            block = CourseBuilder(SOURCE, "trainer", "kk").block(module, unit)
            same = etree.tostring(block_element(*elective[unit.id]))
            assert etree.tostring(block_element(module, unit)) == same
            if block.tag == "legal_quiz" and block.get("mode") != "diagnostic":  # the ungraded pre-test stays one
                assert block.get("mode") == "exam" and block.get("pass_threshold") == "0.8"
    assert shared >= 10
    settings = read_json(SOURCE / "course.json")["courses"]["trainer"]
    assert settings["grading"]["GRADE_CUTOFFS"]["Pass"] == 0.8
    assert settings["settings"]["certificates"]["certificates"][0]["is_active"]
