"""``legal_case_study`` in the workbench runtime: traversal, deadlines, grades, edits, leaks, bad input."""

from __future__ import annotations

import re

import pytest

from tests.conftest import fixture_xml

pytestmark = pytest.mark.django_db

SECRETS = ("CONSEQUENCE-", "ENDING-BODY-", "DEADLINE-TOO-LATE", "PLAN-STEP-ONE", "commission-KK")


def buttons(html: str, attribute: str) -> dict:
    """Visible button label → the token in ``attribute`` (``data-choice``, ``data-role``)."""
    pattern = rf'{attribute}="([a-z0-9]+)">([^<]+)</button>'
    return {label.strip(): token for token, label in re.findall(pattern, html)}


def choices(html: str) -> dict:
    return buttons(html, "data-choice")


def pick(learner, label: str, html: str | None = None):
    html = html if html is not None else learner.html()
    return learner.call("choose", {"choice": choices(html)[label]})


@pytest.fixture(name="case")
def _case(workbench):
    return workbench.load(fixture_xml("case_small.xml"))


def test_only_the_current_node_and_open_choices_reach_the_learner(workbench, case):
    learner = workbench.learner(case)
    html = learner.html()
    assert set(choices(html)) == {"ask-KK", "wait-KK"}
    for secret in SECRETS:
        assert secret not in html
    data = repr(learner.refresh().student_view_data())
    for secret in (*SECRETS, "'target'", "'credit'", "'points'", "won", "late"):
        assert secret not in data
    for author_id in ('"ask-act"', '"commission"', '"won"'):
        assert author_id not in html


def test_full_traversal_to_the_best_ending_publishes_grade_and_completion(workbench, case):
    learner = workbench.learner(case)
    status, reply = pick(learner, "ask-KK")
    assert status == 200
    assert "CONSEQUENCE-ASK-KK" in reply["html"], "the consequence of the learner's own choice is shown"
    assert "CONSEQUENCE-WAIT" not in reply["html"] and "ENDING-BODY" not in reply["html"]
    assert "has_act-LABEL-KK" in reply["html"], "evidence held is shown"
    status, reply = pick(learner, "commission-KK", reply["html"])
    assert status == 200
    assert "ENDING-BODY-WON-KK" in reply["html"] and "PLAN-STEP-ONE-KK" in reply["html"]
    assert ("grade", {"value": 1.0, "max_value": 1, "only_if_higher": False}) in learner.events
    assert ("completion", {"completion": 1.0}) in learner.events


def test_missing_the_deadline_leads_to_the_late_ending(workbench, case):
    learner = workbench.learner(case)
    _, reply = pick(learner, "ask-KK")
    _, reply = pick(learner, "wait-KK", reply["html"])
    _, reply = pick(learner, "wait-KK", reply["html"])
    _, reply = pick(learner, "commission-KK", reply["html"])
    assert "DEADLINE-TOO-LATE-KK" in reply["html"] and "ENDING-BODY-LATE-KK" in reply["html"]
    assert learner.refresh().get_score().raw_earned == pytest.approx(0.2)


def test_back_replays_the_path_and_restart_respects_attempts(workbench, case):
    learner = workbench.learner(case)
    _, reply = pick(learner, "ask-KK")
    assert learner.call("back", {})[0] == 200
    assert learner.state()["learner"]["progress"]["vars"] == {"days": 0, "has_act": False}
    _, reply = pick(learner, "ask-KK")
    pick(learner, "commission-KK", reply["html"])
    assert learner.call("back", {})[0] == 409, "no going back from an ending"
    assert learner.call("restart", {})[0] == 200
    _, reply = pick(learner, "ask-KK")
    _, reply = pick(learner, "wait-KK", reply["html"])
    _, reply = pick(learner, "wait-KK", reply["html"])
    pick(learner, "commission-KK", reply["html"])
    block = learner.refresh()
    assert block.get_score().raw_earned == 1.0, "keep_best keeps the first run's score"
    status, reply = learner.call("restart", {})
    assert status == 409 and reply["error"]


def test_stale_or_replayed_choices_are_refused_without_change(workbench, case):
    learner = workbench.learner(case)
    html = learner.html()
    token = choices(html)["ask-KK"]
    assert learner.call("choose", {"choice": token})[0] == 200
    before = learner.state()
    status, reply = learner.call("choose", {"choice": token})
    assert status == 400 and reply["error"]
    assert learner.state() == before
    for payload in ({}, {"choice": 5}, {"choice": ["x"]}, {"choice": "commission"}):
        status, _ = learner.call("choose", payload)
        assert status == 400
        assert learner.state() == before


def test_condition_not_met_is_not_offered_and_not_accepted(workbench, case):
    learner = workbench.learner(case)
    block = learner.refresh()
    forged = block.tokens().token("0", "fired", "commission")
    status, _ = learner.call("choose", {"choice": forged})
    assert status == 400
    assert learner.state()["learner"] == {}


def test_an_edit_that_removes_the_current_node_restarts_cleanly_and_keeps_the_score(workbench, case):
    learner = workbench.learner(case)
    _, reply = pick(learner, "ask-KK")
    pick(learner, "commission-KK", reply["html"])
    assert learner.call("restart", {})[0] == 200
    pick(learner, "ask-KK")
    author = learner.refresh()
    document = author.scenario
    for node in document["nodes"]:
        if node["id"] == "fired":
            node["id"] = "dismissed"
            for choice in node["choices"]:
                if choice["target"] == "fired":
                    choice["target"] = "dismissed"
    document["start"] = "dismissed"
    author.store_content(document)
    author.save()
    html = learner.html()
    assert "lb-notice" in html
    assert set(choices(html)) == {"ask-KK", "wait-KK"}
    assert learner.refresh().get_score().raw_earned == 1.0
    assert pick(learner, "ask-KK")[0] == 200


def test_rescore_follows_a_changed_ending_credit(workbench, case):
    learner = workbench.learner(case)
    _, reply = pick(learner, "ask-KK")
    pick(learner, "commission-KK", reply["html"])
    block = learner.refresh()
    document = block.scenario
    next(n for n in document["nodes"] if n["id"] == "won")["credit"] = 0.5
    block.store_content(document)
    block.save()
    block = learner.refresh()
    block.runtime.publish = lambda *args: None
    block.rescore(only_if_higher=False)
    assert block.get_score().raw_earned == 0.5


def test_past_due_closes_the_case(workbench):
    usage = workbench.load(fixture_xml("case_small.xml").replace('scoring="ending"',
                                                                 'scoring="ending" due="2020-01-01T00:00:00Z"'))
    learner = workbench.learner(usage)
    html = learner.html()
    assert not choices(html)
    status, _ = learner.call("choose", {"choice": "anything"})
    assert status == 403


def test_language_switch(workbench, case):
    learner = workbench.learner(case)
    status, reply = learner.call("set_language", {"language": "ru"})
    assert status == 200 and "ask-RU" in reply["html"] and 'lang="ru"' in reply["html"]


@pytest.fixture(name="graded_case")
def _graded_case(workbench):
    """The small case under the course rule (ADR 0008): decisions scoring, one graded run of three."""
    xml = fixture_xml("case_small.xml").replace('scoring="ending"', 'scoring="decisions" max_attempts="3"', 1)
    return workbench.load(xml.replace(' max_attempts="2"', "", 1))


def test_going_back_keeps_the_first_decision_in_the_score(workbench, graded_case):
    straight = workbench.learner(graded_case, "straight")
    _, reply = pick(straight, "ask-KK")
    pick(straight, "commission-KK", reply["html"])
    tricky = workbench.learner(graded_case, "tricky")
    _, reply = pick(tricky, "wait-KK")
    assert "CONSEQUENCE-WAIT-KK" in reply["html"]
    assert tricky.call("back", {})[0] == 200
    _, reply = pick(tricky, "ask-KK")
    pick(tricky, "commission-KK", reply["html"])
    best, gamed = straight.refresh().get_score().raw_earned, tricky.refresh().get_score().raw_earned
    assert gamed < best == 1.0
    block = tricky.refresh()
    block.runtime.publish = lambda *args: None
    block.rescore(only_if_higher=False)
    assert block.get_score().raw_earned == gamed, "rescoring gives the same number"
    decisions = block.learner["runs"][0]["decisions"]
    assert [d["choice"] for d in decisions] == ["wait", "ask-act", "commission"]


def test_the_rule_and_the_attempt_are_shown_and_later_runs_are_practice(workbench, graded_case):
    learner = workbench.learner(graded_case, "rule")
    html = learner.html()
    assert "lb-attempt" in html and "1" in re.search(r'class="lb-attempt">(.*?)</p>', html).group(1)
    _, reply = pick(learner, "wait-KK")
    pick(learner, "commission-KK", reply["html"]) if "commission-KK" in choices(reply["html"]) else None
    _, reply = pick(learner, "ask-KK", reply["html"] if "ask-KK" in choices(reply["html"]) else None)
    pick(learner, "commission-KK", reply["html"])
    first = learner.refresh().get_score().raw_earned
    assert learner.call("restart", {})[0] == 200, "after an ending, starting again needs no confirmation"
    assert "lb-attempt" in learner.html()
    _, reply = pick(learner, "ask-KK")
    pick(learner, "commission-KK", reply["html"])
    assert learner.refresh().get_score().raw_earned == first, "a practice run changes no grade"
    runs = learner.refresh().learner["runs"]
    assert [r["graded"] for r in runs] == [True, False]


def test_starting_again_mid_run_needs_confirmation_and_counts_the_run(workbench, graded_case):
    learner = workbench.learner(graded_case, "restarter")
    pick(learner, "wait-KK")
    before = learner.state()
    status, reply = learner.call("restart", {})
    assert status == 409 and reply["error"] and learner.state() == before
    assert 'data-confirm="' in learner.html()
    assert learner.call("restart", {"confirm": True})[0] == 200
    block = learner.refresh()
    run = block.learner["runs"][0]
    assert run["abandoned"] and run["graded"] and block.get_score().raw_earned == 0.0
    _, reply = pick(learner, "ask-KK")
    pick(learner, "commission-KK", reply["html"])
    assert learner.refresh().get_score().raw_earned == 0.0, "the graded attempt was the abandoned one"
