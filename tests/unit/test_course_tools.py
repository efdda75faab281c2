"""Course build (deterministic, inline blocks, shared url_names, overrides) and the export validator
on good and broken third-party-style OLX."""

from __future__ import annotations

import io
import shutil
import tarfile
from pathlib import Path

import pytest
from lxml import etree

from course_tools.archive import write_tarball
from course_tools.build import CourseBuilder
from course_tools.source import SourceError
from course_tools.validate import validate_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SOURCE = FIXTURES / "course_src"
GOOD = FIXTURES / "olx_course" / "course"


def build(tmp_path: Path, course="elective", language="kk") -> Path:
    target = tmp_path / f"{course}-{language}.tar.gz"
    write_tarball(CourseBuilder(SOURCE, course, language).build(), target)
    return target


def members(path: Path) -> dict:
    with tarfile.open(path) as tar:
        return {m.name: (tar.extractfile(m).read() if m.isfile() else None) for m in tar.getmembers()}


def test_build_is_byte_identical_and_studio_shaped(tmp_path):
    first = build(tmp_path / "a").read_bytes()
    second = build(tmp_path / "b").read_bytes()
    assert first == second
    names = members(build(tmp_path / "c"))
    assert all(name == "course" or name.startswith("course/") for name in names)
    assert [n for n in names if n.endswith("/course.xml") or n == "course.xml"] == ["course/course.xml"]
    with tarfile.open(tmp_path / "c" / "elective-kk.tar.gz") as tar:
        assert not any(m.issym() or m.islnk() for m in tar.getmembers())


def test_custom_blocks_are_inline_with_the_unit_id_and_build_language(tmp_path):
    names = members(build(tmp_path, "elective", "ru"))
    vertical = etree.fromstring(names["course/vertical/a1_case_unit.xml"])
    block = vertical.find("legal_case_study")
    assert block is not None and block.get("url_name") == "a1_case" and block.get("default_language") == "ru"
    assert not any(name.startswith("course/legal_") for name in names), "no pointer files for custom blocks"
    policy = names["course/policies/2027_ru/policy.json"].decode()
    assert '"language": "ru"' in policy and '"legal_case_study"' in policy


def test_shared_blocks_keep_their_url_name_and_take_the_trainer_rules(tmp_path):
    elective = members(build(tmp_path, "elective", "kk"))
    trainer = members(build(tmp_path, "trainer", "kk"))
    quiz_e = etree.fromstring(elective["course/vertical/a2_quiz_unit.xml"]).find("legal_quiz")
    quiz_t = etree.fromstring(trainer["course/vertical/a2_quiz_unit.xml"]).find("legal_quiz")
    assert quiz_e.get("url_name") == quiz_t.get("url_name") == "a2_quiz"
    assert quiz_e.get("mode") == "practice" and quiz_t.get("mode") == "exam"
    assert quiz_t.get("pass_threshold") == "0.8"
    assert [q.get("id") for q in quiz_e.iter("question")] == [q.get("id") for q in quiz_t.iter("question")]


@pytest.mark.parametrize("course", ["elective", "trainer"])
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_built_courses_validate(tmp_path, course, language):
    report = validate_path(build(tmp_path, course, language))
    assert not report.failed, report.summary("built")


def test_good_third_party_export_validates():
    report = validate_path(GOOD)
    assert not report.failed, report.summary("good")


def broken_copy(tmp_path: Path, path: str, old: str, new: str) -> Path:
    target = tmp_path / "course"
    shutil.copytree(GOOD, target)
    file = target / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize("path, old, new, words", [
    ("chapter/ch01_intro.xml", 'url_name="ch01_s02_quiz"', 'url_name="missing_seq"', "does not exist"),
    ("vertical/ch01_u01_welcome.xml", 'url_name="welcome"', 'url_name="welcome2"', "does not exist"),
    ("sequential/ch01_s02_quiz.xml", 'format="Homework"', 'format="Exam"', 'format "Exam" is not a GRADER'),
    ("policies/2025_fall/grading_policy.json", '"weight": 1.0', '"weight": 0.7', "add up to 0.7"),
    ("sequential/ch01_s02_quiz.xml", 'due="2025-10-15T23:59:00Z"', 'due="next Friday"', "is not a date"),
    ("vertical/ch01_u01_welcome.xml", '<html url_name="welcome"/>',
     '<html url_name="welcome"/><legal_quiz url_name="ext"/>', "pointer syntax"),
    ("vertical/ch01_u02_quiz.xml", '<cite norm="labour-code.160"/>', '<cite norm="constitution-1995.16"/>',
     "repealed"),
    ("vertical/ch01_u02_quiz.xml", '<stem lang="ru"><p>STEM-MULTI-RU</p></stem>', "", "missing in: ru"),
    ("vertical/ch01_u02_quiz.xml", 'max_attempts="2"', 'max_attempts="two"', "whole number"),
    ("vertical/ch01_u02_quiz.xml", "<vertical", "<vertical><broken", "not well formed"),
])
def test_broken_exports_are_reported_with_file(tmp_path, path, old, new, words):
    report = validate_path(broken_copy(tmp_path, path, old, new), olxcleaner_check=False)
    assert report.failed
    assert any(words in str(f) for f in report.of("error")), report.summary("broken")


def test_duplicate_url_name_names_both_places(tmp_path):
    target = broken_copy(tmp_path, "sequential/ch01_s01_learn.xml", '<vertical url_name="ch01_u01_welcome"/>',
                         '<vertical url_name="ch01_u01_welcome"/><vertical url_name="ch01_u02_quiz"/>')
    report = validate_path(target, olxcleaner_check=False)
    assert any("duplicate url_name" in str(f) and "first at" in str(f) for f in report.of("error"))


def test_block_errors_carry_the_line(tmp_path):
    target = broken_copy(tmp_path, "vertical/ch01_u02_quiz.xml", '<cite norm="labour-code.160"/>',
                         '<cite norm="no-such.1"/>')
    errors = [str(f) for f in validate_path(target, olxcleaner_check=False).of("error")]
    assert any("vertical/ch01_u02_quiz.xml:" in e and " line " in e and "no-such.1" in e for e in errors), errors


def test_studio_null_dates_are_notes_not_errors(tmp_path):
    target = broken_copy(tmp_path, "sequential/ch01_s02_quiz.xml", 'due="2025-10-15T23:59:00Z"', 'due="null"')
    report = validate_path(target)
    assert not report.failed, report.summary("null")
    assert any('due="null"' in str(f) for f in report.of("note"))


def tar_with(tmp_path: Path, extra) -> Path:
    target = tmp_path / "bad.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        tar.add(GOOD, arcname="course")
        extra(tar)
    return target


def _symlink(tar):
    info = tarfile.TarInfo("course/static/link")
    info.type = tarfile.SYMTYPE
    info.linkname = "/etc/passwd"
    tar.addfile(info)


def _escape(tar):
    data = b"x"
    info = tarfile.TarInfo("course/../evil.txt")
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def _second_course(tar):
    data = b'<course url_name="x" org="o" course="c"/>'
    info = tarfile.TarInfo("other/course.xml")
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize("extra, words", [(_symlink, "links"), (_escape, "escaping"),
                                          (_second_course, "exactly one course.xml")])
def test_unsafe_archives_are_refused(tmp_path, extra, words):
    report = validate_path(tar_with(tmp_path, extra), olxcleaner_check=False)
    assert any(words in str(f) for f in report.of("error")), report.summary("tar")


def test_olxcleaner_runs_as_studio_does(tmp_path):
    target = broken_copy(tmp_path, "vertical/ch01_u01_welcome.xml", "</vertical>", "stray text</vertical>")
    report = validate_path(target)
    assert any("olxcleaner" in str(f) for f in report.of("error")), report.summary("olxcleaner")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_printable_handout_per_module_from_the_case_action_plans(tmp_path, language):
    names = members(build(tmp_path, "elective", language))
    handout = names[f"course/static/handout_a1_{language}.html"].decode()
    assert f'<html lang="{language}">' in handout and "@page { size: A4" in handout
    step = "Жұмыс берушіден" if language == "kk" else "работодател"
    assert step in handout, "steps come from the case's action plan"
    assert "adilet.zan.kz" in handout
    assert f"/static/handout_a1_{language}.html" in names["course/info/handouts.html"].decode()


CORE = FIXTURES / "olx_core_blocks" / "course"


def test_core_open_edx_blocks_as_real_exports_write_them_are_not_errors():
    """Modelled on the Open edX Demo Course, test course and OLX example course (each validates with 0 errors):
    built-in and base-requirement blocks, an lti passport in the policy, an LTI 1.3 tool, a discussion
    without id and sloppy HTML are what Studio imports without complaint."""
    report = validate_path(CORE)
    assert not report.failed, report.summary("core")
    text = report.summary("core")
    assert "UnexpectedTag" not in text
    assert "olxcleaner reads the policy's list as text" in text
    assert any("InvalidHTML" in str(f) for f in report.of("warning"))


@pytest.mark.parametrize("old, new, words", [
    ('<choice correct="true">The conciliation commission</choice>',
     '<choice correct="false">The conciliation commission</choice>', "no choice marked correct"),
    ('<stringresponse answer="commission" type="ci">', '<stringresponse type="ci">', "<stringresponse> with no answer"),
    ("""<optioninput options="('yes','no')" correct="yes"/>""", """<optioninput options="('yes','no')"/>""",
     "dropdown (optionresponse) with no correct option"),
])
def test_a_problem_nobody_can_answer_is_an_error(tmp_path, old, new, words):
    target = tmp_path / "course"
    shutil.copytree(CORE, target)
    problem = target / "problem" / "p1.xml"
    problem.write_text(problem.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    errors = [str(f) for f in validate_path(target, olxcleaner_check=False).of("error")]
    assert any(words in e and "problem/p1.xml:" in e for e in errors), errors


def test_due_dates_follow_the_schedule_week_by_week(tmp_path):
    names = members(build(tmp_path, "elective", "kk"))
    dues = {name: etree.fromstring(data).get("due") for name, data in names.items()
            if name.startswith("course/sequential/") and data and b'graded="true"' in data}
    assert dues and all(dues.values()), "every graded subsection has a due date"
    assert sorted(set(dues.values())) == ["2027-02-14T23:59:00Z", "2027-02-21T23:59:00Z"]  # ends of weeks 2 and 3


def test_a_graded_section_without_a_week_stops_the_build(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(SOURCE, source)
    config = source / "course.json"
    config.write_text(config.read_text(encoding="utf-8").replace('"schedule": {"a1": 2, "a2": 3},', ""),
                      encoding="utf-8")
    with pytest.raises(SourceError, match="has no week"):
        CourseBuilder(source, "elective", "kk").build()
