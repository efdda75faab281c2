"""ADR 0008 on every packaged scenario and every course case: "worst option first, back, then the best path"
scores strictly less than the best path taken straight, and scoring the same run twice gives the same number.
A draft is one decision: on the best path it is submitted with every part right; the "worst" is every part wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from legal_basics_xblock.content.scenario import DRAFT, ENDING, load_scenario
from legal_basics_xblock.engine.traversal import (
    choose,
    decision_quality,
    first_decisions,
    initial_progress,
    is_finished,
    open_choices,
    run_fraction,
    step_back,
    submit_draft,
)
from legal_basics_xblock.olx.common import find_block
from legal_basics_xblock.olx.safe_xml import parse_xml
from legal_basics_xblock.olx.scenario import parse_scenario
from tests.drafting import right_values, wrong_values

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


def draft_at(scenario, progress):
    node = scenario.node(progress["node"])
    return node if node is not None and node.kind == DRAFT else None


def step(scenario, progress):
    """The best step from here: the best-scoring open choice, or a draft with every part right."""
    draft = draft_at(scenario, progress)
    if draft is not None:
        return submit_draft(scenario, progress, right_values(draft))[0]
    return choose(scenario, progress, best(open_choices(scenario, progress)).id)[0]


def straight(scenario, progress):
    """Take the best step at every scene and draft until the run ends."""
    while not is_finished(scenario, progress):
        progress = step(scenario, progress)
    return progress


def worst_back_best(scenario, progress):
    """At the first scene (or draft) where a worse choice (wrong parts) does not end the run, take it, read its
    consequence, go back, and then play the best path."""
    while not is_finished(scenario, progress):
        draft = draft_at(scenario, progress)
        if draft is not None:
            if scenario.node(draft.target).kind != ENDING:
                tried, _ = submit_draft(scenario, progress, wrong_values(draft))
                return straight(scenario, step_back(scenario, tried))
            progress = step(scenario, progress)
            continue
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
    assert {"trial_reinstatement.xml", "case_week.xml", "case_whatsapp_dismissal.xml"} <= names
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


@pytest.mark.parametrize("name", ["case_consumer_return.xml", "case_akimat_silence.xml", "case_whatsapp_dismissal.xml"])
def test_the_best_path_writes_the_document_and_a_sloppy_document_costs_credit(name):
    scenario = load(next(p for p in FILES if p.name == name))
    honest = straight(scenario, initial_progress(scenario))
    written = [entry for entry in honest["path"] if "values" in entry]
    assert len(written) == 1, "the best path goes through the packaged draft"
    sloppy = initial_progress(scenario)
    while not is_finished(scenario, sloppy):
        draft = draft_at(scenario, sloppy)
        sloppy = submit_draft(scenario, sloppy, wrong_values(draft))[0] if draft else step(scenario, sloppy)
    assert sloppy["node"] == honest["node"], "the story goes on the same way"
    assert run_fraction(scenario, sloppy) < run_fraction(scenario, honest) == 1.0
