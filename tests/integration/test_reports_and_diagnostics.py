"""Pre/post diagnostics across blocks and learners, the problem-responses report of all three blocks,
and per-question tracking events."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from scripts.simulate_cohort import UserState, take_test
from tests.conftest import fixture_xml
from tests.integration.test_case_study import choices, pick

pytestmark = pytest.mark.django_db

PRETEST = (Path(__file__).resolve().parents[2] / "course_export/modules/m00/pretest.xml").read_text(encoding="utf-8")


def phase_xml(phase: str) -> str:
    return PRETEST.replace('mode="diagnostic"', f'mode="diagnostic" phase="{phase}"', 1)


def diagnostic_section(html: str) -> str:
    found = re.search(r'<section class="lb-diagnostic".*?</section>', html, re.S)
    return found.group(0) if found else ""


def test_the_pre_test_shows_the_learners_own_result_by_topic_and_no_keys(workbench):
    learner = workbench.learner(workbench.load(phase_xml("pre")), "amina")
    take_test(learner, "pre", 0.5, random.Random(1))
    html = learner.html()
    section = diagnostic_section(html)
    assert section and "%" in section and section.count("<tr>") >= 9  # a row per topic
    assert "lb-result" not in html and "lb-explanation" not in html, "no per-question result, no key"
    for word in ("Correct", "Incorrect", "Дұрыс.", "Верно."):
        assert word not in re.sub(r"<[^>]+>", " ", html.split('class="lb-diagnostic"')[0])


def test_the_post_test_shows_before_and_now_per_topic_for_each_learner(workbench):
    pre, post = workbench.load(phase_xml("pre")), workbench.load(phase_xml("post"))
    results = {}
    for name, ability in (("bolat", 0.2), ("dana", 0.8)):
        take_test(workbench.learner(pre, name), "pre", ability, random.Random(name))
        before = workbench.learner(pre, name).refresh().diagnostics
        learner = workbench.learner(post, name)
        take_test(learner, "post", ability, random.Random(name + "2"))
        results[name] = (before, diagnostic_section(learner.html()))
    for name, (before, section) in results.items():
        pre_percent = round(next(iter(before.values()))["pre"]["score"] * 100)
        assert f"{pre_percent}%" in section, (name, section[:300])
        assert section.count("<td>") >= 2 * 9  # before and now, per topic
    assert results["bolat"][0] != results["dana"][0], "each learner reads their own pre-test"


def test_the_pre_result_survives_a_re_import(workbench):
    take_test(workbench.learner(workbench.load(phase_xml("pre")), "erlan"), "pre", 0.6, random.Random(3))
    reimported = workbench.load(phase_xml("post") + "\n")  # a new usage of the block, as after a re-import
    learner = workbench.learner(reimported, "erlan")
    take_test(learner, "post", 0.6, random.Random(4))
    assert "%" in diagnostic_section(learner.html()) and learner.refresh().diagnostics


def test_quiz_report_rows_name_question_topic_answer_and_correctness(workbench):
    usage = workbench.load(phase_xml("pre"))
    learners = [workbench.learner(usage, f"r{n}") for n in range(3)]
    for number, learner in enumerate(learners):
        take_test(learner, "pre", 0.3 * number, random.Random(number))
    block = learners[0].refresh()
    states = [UserState(x.student, {"learner": x.refresh().learner}) for x in learners]
    rows = list(block.generate_report_data(iter(states)))
    assert len(rows) == 3 * 20
    username, row = rows[0]
    assert username == "r0" and row["Pair"] == "course-prepost" and row["Phase"] == "pre"
    assert row["Topic"].startswith("m") and row["Topic name"] and row["Answer"]
    assert row["Correct"] in ("yes", "no", "partly") and 0 <= row["Score"] <= 1 and row["Attempt"] == 1
    assert len(list(block.generate_report_data(iter(states), limit_responses=7))) == 7


def test_submission_event_carries_per_question_results_with_topics(workbench):
    learner = workbench.learner(workbench.load(phase_xml("pre")), "eventful")
    take_test(learner, "pre", 0.5, random.Random(5))
    event = next(data for name, data in learner.events if name == "edx.legal_quiz.submitted")
    assert event["phase"] == "pre" and len(event["results"]) == 20
    assert all(r["topic"] and r["outcome"] in ("correct", "partial", "incorrect") for r in event["results"])


def test_case_report_lists_every_decision_and_which_one_counted(workbench):
    usage = workbench.load(fixture_xml("case_small.xml").replace('scoring="ending"', 'scoring="decisions"', 1))
    learner = workbench.learner(usage, "caser")
    _, reply = pick(learner, "wait-KK")
    learner.call("back", {})
    _, reply = pick(learner, "ask-KK")
    assert "commission-KK" in choices(reply["html"])
    pick(learner, "commission-KK", reply["html"])
    block = learner.refresh()
    rows = [row for _, row in block.generate_report_data(iter([UserState("caser", {"learner": block.learner})]))]
    assert [(r["Answer"], r["Counted"]) for r in rows] == [("wait-KK", "yes"), ("ask-KK", "no"),
                                                           ("commission-KK", "yes")]
    assert {r["Graded"] for r in rows} == {"yes"} and {r["Run"] for r in rows} == {1}
    assert {r["Score"] for r in rows} == {round(block.fraction_of(block.learner["runs"][0]), 4)}
