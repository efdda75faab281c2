"""ADR 0008 on every packaged scenario and every course case: "worst option first, back, then the best path"
scores strictly less than the best path taken straight, and scoring the same run twice gives the same number."""

from __future__ import annotations

from pathlib import Path

import pytest

from legal_basics_xblock.content.scenario import ENDING, load_scenario
from legal_basics_xblock.engine.traversal import (
    choose,
    decision_quality,
    first_decisions,
    initial_progress,
    is_finished,
    open_choices,
    run_fraction,
    step_back,
)
from legal_basics_xblock.olx.common import find_block
from legal_basics_xblock.olx.safe_xml import parse_xml
from legal_basics_xblock.olx.scenario import parse_scenario

ROOT = Path(__file__).resolve().parents[2]
TAGS = ("legal_case_study", "legal_mock_trial")


def scenario_files() -> list:
    files = sorted(ROOT.glob("legal_basics_xblock/scenarios/*.xml"))
    files += sorted(ROOT.glob("course_export/modules/*/*.xml"))
    found = []
    for path in files:
        element = find_block(parse_xml(path.read_bytes(), max_bytes=16 * 1024 * 1024), TAGS)
        if element is not None:
            found.append(path)
    return found


def load(path: Path):
    element = find_block(parse_xml(path.read_bytes(), max_bytes=16 * 1024 * 1024), TAGS)
    return load_scenario(parse_scenario(element)[0])


def best(choices):
    return max(choices, key=lambda c: c.points)


def straight(scenario, progress):
    """Take the best-scoring open choice at every scene until the run ends."""
    while not is_finished(scenario, progress):
        progress, _ = choose(scenario, progress, best(open_choices(scenario, progress)).id)
    return progress


def worst_back_best(scenario, progress):
    """At the first scene where a worse choice does not end the run, take it, read its consequence, go back,
    and then play the best path."""
    while not is_finished(scenario, progress):
        choices = open_choices(scenario, progress)
        top = best(choices)
        worse = [c for c in choices if c.points < top.points and scenario.node(c.target) is not None
                 and scenario.node(c.target).kind != ENDING]
        if worse:
            tried, _ = choose(scenario, progress, min(worse, key=lambda c: c.points).id)
            return straight(scenario, step_back(scenario, tried))
        progress, _ = choose(scenario, progress, top.id)
    return None


FILES = scenario_files()


def test_every_course_case_and_packaged_scenario_is_covered():
    names = {p.name for p in FILES}
    assert {"trial_reinstatement.xml", "case_final.xml", "case_whatsapp_dismissal.xml"} <= names
    assert len(FILES) >= 30


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_going_back_does_not_erase_a_decision(path):
    scenario = load(path)
    starts = [role.id for role in scenario.roles] or [""]
    tried_any = False
    for role in starts:
        start = initial_progress(scenario, role)
        honest = straight(scenario, start)
        trick = worst_back_best(scenario, start)
        if trick is None:
            continue
        tried_any = True
        assert trick["path"] == honest["path"]  # the same ending, the same visible path …
        best_score = run_fraction(scenario, honest)
        trick_score = run_fraction(scenario, trick)
        assert trick_score < best_score, (path.name, role, trick_score, best_score)  # … and still less credit
        assert run_fraction(scenario, trick) == trick_score  # rescoring gives the same number
        assert len(first_decisions(trick)) == len(honest["path"])
        assert decision_quality(scenario, trick) < decision_quality(scenario, honest)
    assert tried_any, f"{path.name}: no scene where a worse choice lets the learner go back"
