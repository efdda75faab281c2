"""``legal_mock_trial``: roles with private briefs, stages, settlement, debrief, facilitator kit."""

from __future__ import annotations

import pytest
from webob import Request

from tests.conftest import fixture_xml
from tests.integration.test_case_study import buttons, choices, pick

pytestmark = pytest.mark.django_db


def roles(html: str) -> dict:
    return buttons(html, "data-role")


@pytest.fixture(name="trial")
def _trial(workbench):
    return workbench.load(fixture_xml("trial_small.xml"))


def test_role_choice_comes_first_and_no_brief_leaks(workbench, trial):
    learner = workbench.learner(trial)
    html = learner.html()
    assert set(roles(html)) == {"PLAINTIFF-NAME-KK", "DEFENDANT-NAME-KK"}
    assert "CASE-FILE-SHARED-KK" in html
    for secret in ("BRIEF-SECRET", "P1-BODY", "D1-BODY", "CONSEQUENCE-", "ENDING-BODY", "SCRIPT-", "CRITERION-"):
        assert secret not in html
    assert learner.call("choose", {"choice": "x"})[0] == 409


def test_each_role_sees_only_its_own_brief_and_stage(workbench, trial):
    learner = workbench.learner(trial, "plaintiff-rep")
    status, reply = learner.call("choose_role", {"role": roles(learner.html())["PLAINTIFF-NAME-KK"]})
    assert status == 200
    html = reply["html"]
    assert "PLAINTIFF-BRIEF-SECRET-KK" in html and "DEFENDANT-BRIEF-SECRET" not in html
    assert "STAGE-CLAIM-KK" in html and "P1-BODY-KK" in html
    assert set(choices(html)) == {"p-file-KK", "p-settle-KK"}
    assert learner.call("choose_role", {"role": "again"})[0] == 409


def test_arguments_and_evidence_decide_the_ruling(workbench, trial):
    learner = workbench.learner(trial, "winner")
    learner.call("choose_role", {"role": roles(learner.html())["PLAINTIFF-NAME-KK"]})
    _, reply = pick(learner, "p-file-KK")
    assert "p-argue-KK" in choices(reply["html"]), "evidence held opens the argument"
    _, reply = pick(learner, "p-argue-KK", reply["html"])
    assert "ENDING-BODY-REINSTATED-KK" in reply["html"]
    assert "DEBRIEF-DEADLINE-MET-KK" in reply["html"]
    assert learner.refresh().get_score().raw_earned == 1.0


def test_settlement_is_a_valid_outcome(workbench, trial):
    learner = workbench.learner(trial, "settler")
    learner.call("choose_role", {"role": roles(learner.html())["DEFENDANT-NAME-KK"]})
    _, reply = pick(learner, "d-settle-KK")
    assert "ENDING-BODY-SETTLED-KK" in reply["html"]
    assert learner.refresh().get_score().raw_earned == pytest.approx(0.8)


def kit(learner):
    request = Request.blank("/", method="GET")
    response = learner.refresh().handle("kit", request)
    return response.status_code, response.body.decode("utf-8")


def test_facilitator_kit_is_for_staff_unless_the_course_opens_it(workbench, trial):
    learner = workbench.learner(trial, "student-x")
    assert kit(learner)[0] == 403
    assert not learner.refresh().student_view_data()["kit_url"]
    staff = workbench.learner(trial, "staff-trainer")
    status, html = kit(staff)
    assert status == 200
    for part in ("CASE-FILE-SHARED-KK", "PLAINTIFF-BRIEF-SECRET-KK", "DEFENDANT-BRIEF-SECRET-KK",
                 "SCRIPT-CLAIM-FACILITATOR-KK", "CRITERION-NORM-RIGHT-KK", "DEBRIEF-EVIDENCE-ENOUGH-KK", ">90<"):
        assert part in html.replace(" 90 ", ">90<")
    open_usage = workbench.load(fixture_xml("trial_small.xml").replace(
        'scoring="ending"', 'scoring="ending" learners_see_kit="true"'))
    assert kit(workbench.learner(open_usage, "trainee"))[0] == 200


def test_kit_in_russian(workbench, trial):
    staff = workbench.learner(trial, "staff-ru")
    staff.call("set_language", {"language": "ru"})
    status, html = kit(staff)
    assert status == 200 and 'lang="ru"' in html and "SCRIPT-CLAIM-FACILITATOR-RU" in html
