"""The build's check of what the syllabus promises (course_tools/targets.py)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from lxml import etree

from course_tools.build import CourseBuilder
from course_tools.source import Module, Section, Unit
from course_tools.targets import ModuleCounts, check_course, check_module, graded_problems, reuse_problems

SOURCE = Path(__file__).resolve().parents[2] / "course_export"
TARGETS = {"min_cases": 3, "min_drafts": 1, "min_items": 12, "min_reading_words": 1500}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_elective_keeps_every_promise(language):
    builder = CourseBuilder(SOURCE, "elective", language)
    builder.build()
    lines, failed = check_course(builder)
    assert not failed, "\n".join(lines)
    assert sum(1 for line in lines if line.startswith("m0")) >= 9 + 10, "a line per subject module and per module"


def test_the_trainer_course_has_every_subject_block_of_the_elective():
    trainer = CourseBuilder(SOURCE, "trainer", "kk")
    trainer.build()
    lines, failed = check_course(trainer, CourseBuilder(SOURCE, "elective", "kk"))
    assert not failed, "\n".join(lines)


def test_a_short_module_is_named_with_what_it_lacks():
    counts = check_module(ModuleCounts("m07", cases=2, drafts=0, items=12, reading_words=900), TARGETS)
    assert counts.problems == ["2 case studies, the syllabus promises at least 3",
                               "0 drafting tasks, the syllabus promises at least 1",
                               "900 reading words, the syllabus promises at least 1500"]


def test_a_graded_subsection_without_a_due_date_or_with_mixed_weights_is_reported():
    files = {
        "sequential/s1.xml": b'<sequential graded="true" format="Case study"><vertical url_name="u1"/>'
                             b'<vertical url_name="u2"/></sequential>',
        "vertical/u1.xml": b'<vertical><legal_case_study url_name="a" weight="5"/></vertical>',
        "vertical/u2.xml": b'<vertical><legal_case_study url_name="b"/></vertical>',
        "sequential/s2.xml": b'<sequential><vertical url_name="u1"/></sequential>',
    }
    assert graded_problems(files) == ["graded subsection s1 has no due date",
                                      "graded subsection s1 mixes block weights [1.0, 5.0]"]


def test_a_course_that_reuses_another_must_keep_its_url_names():
    def module(*unit_ids):
        units = [Unit(i, {}, block="x.xml") for i in unit_ids]
        return Module("m", Path("."), {}, {}, {}, [Section("s", {}, "", units)])
    assert reuse_problems([module("a", "b")], [module("a", "b")], "trainer") == []
    assert reuse_problems([module("a")], [module("a", "b")], "trainer") == ["trainer lacks 1 reused block(s): b"]


def test_trainers_get_one_practice_variant_at_random_and_cannot_pass_without_both_practical_tasks():
    builder = CourseBuilder(SOURCE, "trainer", "ru")
    files = builder.build()
    policy = json.loads(files["policies/2027_ru/policy.json"])["course/2027_ru"]
    partitions = {p["id"]: p for p in policy["user_partitions"]}
    experiments = [el for path, data in files.items() if path.startswith("vertical/")
                   for el in etree.fromstring(data).iter("split_test")]
    assert {e.get("url_name") for e in experiments} == {"t05_practice", "t05_masterclass"}
    for experiment in experiments:
        partition = partitions[int(experiment.get("user_partition_id"))]
        assert partition["scheme"] == "random" and "split_test" in policy["advanced_modules"]
        mapping = json.loads(experiment.get("group_id_to_child"))
        assert sorted(mapping) == sorted(str(g["id"]) for g in partition["groups"])
        for key in mapping.values():
            vertical = etree.fromstring(files[f"vertical/{key.rsplit('@', 1)[1]}.xml"])
            assert vertical.find("openassessment") is not None
    grading = builder.course["grading"]
    weights = {g["type"]: g["weight"] for g in grading["GRADER"]}
    cutoff = grading["GRADE_CUTOFFS"]["Pass"]
    assert abs(sum(weights.values()) - 1) < 1e-9
    for required in ("Practice consultation", "Master-class plan"):
        assert 1 - weights[required] < cutoff, f"a perfect score without the {required} must not pass"
    assert policy["certificates_display_behavior"] == "early_no_info", "the certificate shows on passing"
    assert policy["certificates"]["certificates"][0]["signatories"], "signatory placeholders for the operator"


def test_a_new_run_moves_every_date_with_its_start():
    spring = CourseBuilder(SOURCE, "trainer", "kk")
    autumn = CourseBuilder(SOURCE, "trainer", "kk", start="2027-09-06", run="2027b")
    files = autumn.build()
    assert "course/2027b_kk.xml" in files and autumn.course["start"] == "2027-09-06T00:00:00Z"
    days = (datetime.date(2027, 9, 6) - datetime.date(2027, 2, 1)).days
    assert autumn.due(spring.modules[0], spring.modules[0].sections[1]) == (
        datetime.datetime.fromisoformat(spring.due(spring.modules[0], spring.modules[0].sections[1]))
        + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
    before = datetime.datetime.fromisoformat(spring.course["block_overrides"]["openassessment"]["submission_due"])
    after = datetime.datetime.fromisoformat(autumn.course["block_overrides"]["openassessment"]["submission_due"])
    assert after - before == datetime.timedelta(days=days)
