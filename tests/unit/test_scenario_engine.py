"""The scenario engine and its validator (issue 3 groundwork), on a small dismissal case."""

from __future__ import annotations

import copy

import pytest

from legal_basics_xblock.content.scenario import load_scenario
from legal_basics_xblock.content.validate_scenario import validate_scenario
from legal_basics_xblock.engine.traversal import (
    LOOP_GUARD_NODE,
    EngineError,
    choose,
    ending_credit,
    initial_progress,
    is_finished,
    open_choices,
    points,
)


def t(word):
    return {"kk": f"{word}-KK", "ru": f"{word}-RU"}


DISMISSAL = {
    "schema": 1,
    "start": "fired",
    "variables": [{"id": "days", "type": "counter", "initial": 0},
                  {"id": "has_act", "type": "flag", "initial": False}],
    "nodes": [
        {"id": "fired", "kind": "scene", "body": t("fired"), "choices": [
            {"id": "ask-act", "label": t("ask"), "target": "fired", "feedback": t("fb-ask"),
             "cites": ["labour-code.160"], "points": 1,
             "effects": [{"var": "has_act", "op": "set", "value": True}, {"var": "days", "op": "add", "value": 3}]},
            {"id": "wait", "label": t("wait"), "target": "fired", "feedback": t("fb-wait"),
             "cites": ["labour-code.160"], "effects": [{"var": "days", "op": "add", "value": 20}]},
            {"id": "commission", "label": t("commission"), "target": "won", "feedback": t("fb-commission"),
             "cites": ["labour-code.160"], "points": 2, "requires": [{"var": "has_act", "op": "eq", "value": True}],
             "deadline": {"var": "days", "max": 30, "late_target": "late", "message": t("too-late")}},
        ]},
        {"id": "won", "kind": "ending", "rating": "best", "credit": 1.0, "body": t("won"),
         "plan": [{"text": t("plan1"), "cites": ["labour-code.160"]}]},
        {"id": "late", "kind": "ending", "rating": "poor", "credit": 0.2, "body": t("late")},
    ],
}


def test_conditions_hide_choices_until_met():
    scenario = load_scenario(DISMISSAL)
    progress = initial_progress(scenario)
    assert [c.id for c in open_choices(scenario, progress)] == ["ask-act", "wait"]
    with pytest.raises(EngineError):
        choose(scenario, progress, "commission")
    progress, consequence = choose(scenario, progress, "ask-act")
    assert progress["vars"] == {"days": 3, "has_act": True}
    assert "commission" in [c.id for c in open_choices(scenario, progress)]
    assert consequence.choice.feedback["kk"] == "fb-ask-KK"


def test_deadline_sends_a_late_learner_to_the_late_ending():
    scenario = load_scenario(DISMISSAL)
    progress = initial_progress(scenario)
    for choice in ("ask-act", "wait", "wait"):
        progress, _ = choose(scenario, progress, choice)
    progress, consequence = choose(scenario, progress, "commission")
    assert consequence.late and progress["node"] == "late"
    assert is_finished(scenario, progress) and ending_credit(scenario, progress) == 0.2


def test_in_time_reaches_the_best_ending_with_points():
    scenario = load_scenario(DISMISSAL)
    progress = initial_progress(scenario)
    progress, _ = choose(scenario, progress, "ask-act")
    progress, _ = choose(scenario, progress, "commission")
    assert progress["node"] == "won" and ending_credit(scenario, progress) == 1.0
    assert points(scenario, progress) == 3
    assert open_choices(scenario, progress) == []


def test_loop_guard_ends_an_endless_walk():
    document = copy.deepcopy(DISMISSAL)
    document["max_steps"] = 4
    scenario = load_scenario(document)
    progress = initial_progress(scenario)
    for _ in range(4):
        progress, consequence = choose(scenario, progress, "wait")
    assert progress["node"] == LOOP_GUARD_NODE and consequence.stopped_by_guard
    assert ending_credit(scenario, progress) == 0.0


def test_the_example_is_valid():
    assert [i.format() for i in validate_scenario(DISMISSAL) if i.is_error] == []


@pytest.mark.parametrize("mutate, words", [
    (lambda d: d["nodes"][0]["choices"][0].update(target="nowhere"), 'node "fired", choice "ask-act"'),
    (lambda d: d["nodes"].append({"id": "island", "kind": "ending", "rating": "best", "credit": 1,
                                  "body": t("x")}), 'error: node "island": No path'),
    (lambda d: d["nodes"].append({"id": "trap", "kind": "scene", "body": t("x"), "choices": [
        {"id": "again", "label": t("x"), "target": "trap"}]}) or d["nodes"][0]["choices"].append(
        {"id": "go", "label": t("go"), "target": "trap"}), 'error: node "trap": No ending'),
    (lambda d: d["nodes"][0]["choices"][2]["requires"][0].update(var="ghost"), '"ghost", which is not defined'),
    (lambda d: d["nodes"][1].update(rating="great"), "needs a rating"),
    (lambda d: d["nodes"][0]["body"].pop("ru"), 'error: node "fired": The text is missing in: ru'),
    (lambda d: d["nodes"][0]["choices"][1].update(cites=["constitution-1995.16"]), "repealed"),
    (lambda d: d["nodes"][2].update(choices=[{"id": "x", "label": t("x"), "target": "won"}]),
     "An ending cannot have choices"),
])
def test_validator_names_node_and_choice(mutate, words):
    broken = copy.deepcopy(DISMISSAL)
    mutate(broken)
    lines = [i.format() for i in validate_scenario(broken) if i.is_error]
    assert any(words in line for line in lines), lines


def test_validating_a_500_node_scenario_is_fast():
    import time
    nodes = [{"id": f"n{i}", "kind": "scene", "body": t("b"), "choices": [
        {"id": "next", "label": t("n"), "target": f"n{i + 1}" if i < 498 else "end"}]} for i in range(499)]
    nodes.append({"id": "end", "kind": "ending", "rating": "best", "credit": 1, "body": t("e")})
    document = {"start": "n0", "nodes": nodes, "variables": []}
    started = time.perf_counter()
    issues = validate_scenario(document)
    elapsed = time.perf_counter() - started
    assert not [i for i in issues if i.is_error]
    assert elapsed < 1.0  # generous bound for CI noise; docs/benchmarks.md records the measured time


@pytest.mark.parametrize("mutate, words", [
    (lambda d: d["nodes"][0]["choices"][2]["deadline"].update(max=None), 'field "max" must be a number'),
    (lambda d: d["nodes"][0]["choices"][1]["effects"][0].update(value="abc"), 'value for "days"'),
    (lambda d: d["nodes"][0]["choices"][2]["requires"][0].update(value=1), 'value for "has_act"'),
    (lambda d: d["variables"][1].update(initial="no"), "initial value"),
    (lambda d: d["nodes"][0]["choices"][0].update(points="two"), 'field "points" must be a number'),
    (lambda d: d["nodes"][1].update(credit="full"), "credit"),
])
def test_value_types_are_checked_before_anything_runs(mutate, words):
    broken = copy.deepcopy(DISMISSAL)
    mutate(broken)
    lines = [i.format() for i in validate_scenario(broken) if i.is_error]
    assert any(words in line for line in lines), lines
