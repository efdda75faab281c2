"""Drafting a document in a scenario: the engine's part-by-part scoring, decision quality with drafts, the
validator's rules for drafts and parts, and the OLX round trip of a draft."""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from legal_basics_xblock.content.scenario import load_scenario
from legal_basics_xblock.content.validate_scenario import validate_scenario
from legal_basics_xblock.engine.drafts import clean_text, part_is_right
from legal_basics_xblock.engine.traversal import (
    LOOP_GUARD_NODE,
    EngineError,
    choose,
    decision_quality,
    first_decisions,
    initial_progress,
    is_finished,
    points,
    run_fraction,
    step_back,
    submit_draft,
)
from legal_basics_xblock.olx.safe_xml import parse_xml
from legal_basics_xblock.olx.scenario import parse_scenario, serialize_scenario


def t(word):
    return {"kk": f"{word}-KK", "ru": f"{word}-RU"}


DATE = r"^\s*\d{1,2}\.\d{1,2}\.\d{4}\s*$"
DRAFTING = {
    "schema": 1,
    "start": "fired",
    "variables": [],
    "nodes": [
        {"id": "fired", "kind": "scene", "body": t("fired"), "choices": [
            {"id": "write", "label": t("write"), "target": "claim", "points": 2, "feedback": t("fb-write"),
             "cites": ["labour-code.160"]},
            {"id": "give-up", "label": t("give-up"), "target": "lost", "feedback": t("fb-give-up"),
             "cites": ["labour-code.160"]},
        ]},
        {"id": "claim", "kind": "draft", "title": t("claim"), "body": t("claim-body"), "heading": t("HEADING"),
         "target": "won", "parts": [
             {"id": "to", "kind": "choice", "points": 2, "label": t("to"), "options": [
                 {"id": "commission", "text": t("commission"), "correct": True},
                 {"id": "court", "text": t("court"), "feedback": t("court-fb")},
             ], "explanation": t("to-explained"), "cites": ["labour-code.159"]},
             {"id": "handed", "kind": "text", "points": 1, "label": t("handed"), "pattern": DATE, "max_length": 20,
              "placeholder": t("e.g."), "explanation": t("handed-explained"), "cites": ["labour-code.160"]},
             {"id": "name", "kind": "text", "points": 0, "label": t("name")},
         ]},
        {"id": "won", "kind": "ending", "rating": "best", "credit": 1.0, "body": t("won")},
        {"id": "lost", "kind": "ending", "rating": "poor", "credit": 0.0, "body": t("lost")},
    ],
}
RIGHT = {"to": "commission", "handed": " 5.10.2026 ", "name": "Алия Сапарова"}
WRONG = {"to": "court", "handed": "yesterday", "name": "Алия"}


def at_draft(document=None):
    scenario = load_scenario(document or DRAFTING)
    progress, _ = choose(scenario, initial_progress(scenario), "write")
    return scenario, progress


def test_the_example_is_valid():
    assert [i.format() for i in validate_scenario(DRAFTING, strict=True) if i.is_error] == []


def test_all_parts_right_earn_every_point_and_lead_to_the_target():
    scenario, progress = at_draft()
    new, result = submit_draft(scenario, progress, RIGHT)
    assert (result.earned, result.possible, result.fraction) == (3, 3, 1.0)
    assert [r.ok for r in result.parts] == [True, True, True]
    assert new["node"] == "won" and is_finished(scenario, new) and new["steps"] == 2
    assert new["path"][-1] == {"node": "claim", "values": {**RIGHT, "handed": "5.10.2026"}, "late": False}
    assert new["decisions"][-1]["values"] == new["path"][-1]["values"] and new["decisions"][-1]["at"] == 1
    assert decision_quality(scenario, new) == 1.0
    assert points(scenario, new) == 2 + 3
    assert run_fraction(scenario, new) == 1.0


def test_wrong_parts_earn_nothing_and_count_as_one_decision():
    scenario, progress = at_draft()
    new, result = submit_draft(scenario, progress, WRONG)
    assert (result.earned, result.possible) == (0, 3)
    assert [r.ok for r in result.parts] == [False, False, True], "a typed name without a pattern is right"
    assert len(first_decisions(new)) == 2
    assert decision_quality(scenario, new) == pytest.approx(0.5)  # the choice 2/2, the draft 0/3
    assert points(scenario, new) == 2
    assert run_fraction(scenario, new) == pytest.approx(0.75 * 0.5 + 0.25 * 1.0)


def test_some_parts_right_score_by_points():
    scenario, progress = at_draft()
    _new, result = submit_draft(scenario, progress, {**RIGHT, "to": "court"})
    assert (result.earned, result.possible) == (1, 3)


@pytest.mark.parametrize("value, right", [
    ("5.10.2026", True), ("05.10.2026", True), ("  5.10.2026\t", True), ("2026-10-05", False),
    ("5.10.26", False), ("5.10.2026 г.", False), ("", False),
])
def test_a_text_part_with_a_pattern_must_match_it_whole(value, right):
    part = load_scenario(DRAFTING).node("claim").part("handed")
    assert part_is_right(part, value) is right


def test_a_text_part_without_pattern_needs_min_length_and_respects_max_length():
    document = copy.deepcopy(DRAFTING)
    document["nodes"][1]["parts"][2].update(min_length=3, max_length=10)
    part = load_scenario(document).node("claim").part("name")
    assert not part_is_right(part, "Ал") and part_is_right(part, "Алия")
    assert not part_is_right(part, "А" * 11), "longer than max_length is not right"
    assert clean_text("a\x00b \n\t c ") == "a b c"


@pytest.mark.parametrize("values", [
    {"to": "commission", "handed": "5.10.2026"},                 # a part missing
    {**RIGHT, "name": "   "},                                    # a blank text
    {**RIGHT, "to": "nowhere"},                                  # an unknown option
    {**RIGHT, "ghost": "x"},                                     # an unknown part
    {**RIGHT, "handed": "1" * 21},                               # too long
    {**RIGHT, "to": ["commission"]},                             # not text
    ["commission"],                                              # not a mapping
])
def test_incomplete_or_malformed_values_are_refused(values):
    scenario, progress = at_draft()
    with pytest.raises(EngineError):
        submit_draft(scenario, progress, values)


def test_only_the_draft_the_learner_stands_at_can_be_submitted():
    scenario = load_scenario(DRAFTING)
    with pytest.raises(EngineError):
        submit_draft(scenario, initial_progress(scenario), RIGHT)
    _, progress = at_draft()
    with pytest.raises(EngineError):
        choose(scenario, progress, "write")  # a draft has no choices


def test_going_back_over_a_draft_keeps_the_first_submission_in_the_score():
    scenario, progress = at_draft()
    wrong, _ = submit_draft(scenario, progress, WRONG)
    back = step_back(scenario, wrong)
    assert back["node"] == "claim" and len(back["path"]) == 1 and len(back["decisions"]) == 2
    again, _ = submit_draft(scenario, back, RIGHT)
    honest, _ = submit_draft(scenario, progress, RIGHT)
    assert again["path"] == honest["path"]
    assert decision_quality(scenario, again) == pytest.approx(0.5)
    assert decision_quality(scenario, again) < decision_quality(scenario, honest)
    assert run_fraction(scenario, again) < run_fraction(scenario, honest)
    assert step_back(scenario, step_back(scenario, again))["node"] == "fired"


def test_going_back_after_a_draft_replays_it_with_its_values():
    document = copy.deepcopy(DRAFTING)
    document["nodes"].insert(2, {"id": "after", "kind": "scene", "body": t("after"), "choices": [
        {"id": "go", "label": t("go"), "target": "won"}, {"id": "stop", "label": t("stop"), "target": "lost"}]})
    document["nodes"][1]["target"] = "after"
    scenario, progress = at_draft(document)
    progress, _ = submit_draft(scenario, progress, RIGHT)
    progress, _ = choose(scenario, progress, "stop")
    back = step_back(scenario, progress)
    assert back["node"] == "after" and back["path"][-1]["values"]["handed"] == "5.10.2026"


def test_the_loop_guard_stops_at_a_draft_too():
    document = copy.deepcopy(DRAFTING)
    document["max_steps"] = 2
    document["nodes"].insert(2, {"id": "after", "kind": "scene", "body": t("after"), "choices": [
        {"id": "go", "label": t("go"), "target": "won"}]})
    document["nodes"][1]["target"] = "after"
    scenario, progress = at_draft(document)
    new, _ = submit_draft(scenario, progress, RIGHT)
    assert new["node"] == LOOP_GUARD_NODE


def test_rescoring_follows_the_content_and_ignores_removed_parts():
    scenario, progress = at_draft()
    run, _ = submit_draft(scenario, progress, WRONG)
    fixed = copy.deepcopy(DRAFTING)
    fixed["nodes"][1]["parts"][0]["options"][0].pop("correct")
    fixed["nodes"][1]["parts"][0]["options"][1]["correct"] = True   # the key was wrong: court was right
    assert decision_quality(load_scenario(fixed), run) == pytest.approx((1 + 2 / 3) / 2)
    fixed["nodes"][1]["parts"] = fixed["nodes"][1]["parts"][2:]     # only the ungraded name is left
    assert decision_quality(load_scenario(fixed), run) == 1.0       # the draft is no longer measured
    fixed["nodes"] = [n for n in fixed["nodes"] if n["id"] != "claim"]
    assert decision_quality(load_scenario(fixed), run) == 1.0


# --- the validator -------------------------------------------------------------------------------------------
def draft(document):
    return document["nodes"][1]


def part(document, index):
    return draft(document)["parts"][index]


@pytest.mark.parametrize("mutate, words", [
    (lambda d: draft(d).update(target="nowhere"), 'node "claim": Its draft leads to "nowhere"'),
    (lambda d: draft(d).update(parts=[]), 'node "claim": A draft needs at least one part'),
    (lambda d: part(d, 1).update(id="to"), 'Part id "to" is used twice'),
    (lambda d: part(d, 0)["label"].pop("ru"), 'node "claim", part "to": The part label is missing in: ru'),
    (lambda d: part(d, 0).update(kind="essay"), 'part "to": Part kind "essay" is unknown'),
    (lambda d: part(d, 0)["options"].pop(), 'part "to": A choice part needs at least two options'),
    (lambda d: part(d, 0)["options"][1].update(correct=True), "exactly one correct option (it has 2)"),
    (lambda d: part(d, 0)["options"][0].pop("correct"), "exactly one correct option (it has 0)"),
    (lambda d: part(d, 0)["options"][1]["text"].pop("kk"),
     'part "to", option "court": The option text is missing in: kk'),
    (lambda d: part(d, 1).update(pattern="(unclosed"), 'part "handed": The pattern is not a valid regular'),
    (lambda d: part(d, 1).update(pattern="a" * 201), "The pattern is longer than 200 characters"),
    (lambda d: part(d, 1).update(pattern=r"^(\w+\s?)+$"), "repeats a group that itself repeats"),
    (lambda d: part(d, 1).update(max_length=501), "maximum length must be between 1 and 500"),
    (lambda d: part(d, 1).update(min_length=0), "minimum length must be between 1"),
    (lambda d: part(d, 1).update(points=-1), 'part "handed": Points must be 0 or more'),
    (lambda d: part(d, 1).update(points="one"), 'field "points" must be a number'),
    (lambda d: part(d, 1).update(cites=[]), 'part "handed": It cites no norm'),
    (lambda d: part(d, 1).update(cites=["constitution-1995.16"]), "repealed"),
    (lambda d: part(d, 1).update(options=[{"id": "x", "text": t("x")}]), "A text part cannot have options"),
    (lambda d: part(d, 0).update(pattern="x"), "Only a text part can have a pattern"),
    (lambda d: draft(d).update(kind="letter"), 'Node kind "letter" is unknown; use scene, draft or ending'),
    (lambda d: d["nodes"][0]["choices"].pop(0), 'node "claim": No path from the start'),
])
def test_validator_names_node_part_and_option(mutate, words):
    broken = copy.deepcopy(DRAFTING)
    mutate(broken)
    lines = [i.format() for i in validate_scenario(broken, strict=True) if i.is_error]
    assert any(words in line for line in lines), lines


def test_a_draft_that_leads_to_a_dead_end_is_reported():
    broken = copy.deepcopy(DRAFTING)
    broken["nodes"].append({"id": "trap", "kind": "scene", "body": t("trap"), "choices": [
        {"id": "loop", "label": t("loop"), "target": "claim"}]})
    draft(broken)["target"] = "trap"
    lines = [i.format() for i in validate_scenario(broken) if i.is_error]
    assert any('node "claim": No ending' in line for line in lines), lines


def test_an_ungraded_part_needs_no_citation():
    document = copy.deepcopy(DRAFTING)
    assert "cites" not in part(document, 2) and part(document, 2)["points"] == 0
    assert not [i for i in validate_scenario(document, strict=True) if "name" in i.where()]


# --- OLX ------------------------------------------------------------------------------------------------------
DRAFT_OLX = """<legal_case_study start="fired">
  <scene id="fired">
    <body lang="kk">fired-KK</body><body lang="ru">fired-RU</body>
    <choice id="write" target="claim" points="2"><label lang="kk">w-KK</label><label lang="ru">w-RU</label>
      <feedback lang="kk">fb-KK</feedback><feedback lang="ru">fb-RU</feedback><cite norm="labour-code.160"/></choice>
  </scene>
  <draft id="claim" target="won" stage="">
    <title lang="kk">T-KK</title><title lang="ru">T-RU</title>
    <body lang="kk"><p>Instructions-KK</p></body><body lang="ru"><p>Instructions-RU</p></body>
    <heading lang="kk">ӨТІНІШ</heading><heading lang="ru">ЗАЯВЛЕНИЕ</heading>
    <part id="to" kind="choice" points="1">
      <label lang="kk">Кімге</label><label lang="ru">Кому</label>
      <option id="commission" correct="true"><text lang="kk">c-KK</text><text lang="ru">c-RU</text></option>
      <option id="court"><text lang="kk">court-KK</text><text lang="ru">court-RU</text>
        <feedback lang="kk">why-KK</feedback><feedback lang="ru">why-RU</feedback></option>
      <explanation lang="kk">e-KK</explanation><explanation lang="ru">e-RU</explanation>
      <cite norm="labour-code.159"/>
    </part>
    <part id="handed" kind="text" points="1" pattern="^\\s*\\d{1,2}\\.\\d{1,2}\\.\\d{4}\\s*$" max_length="60">
      <label lang="kk">Күні</label><label lang="ru">Дата</label>
      <placeholder lang="kk">мысалы, 12.09.2026</placeholder><placeholder lang="ru">например, 12.09.2026</placeholder>
      <explanation lang="kk">d-KK</explanation><explanation lang="ru">d-RU</explanation>
      <cite norm="labour-code.160"/>
    </part>
    <part id="name" kind="text" points="0" min_length="3">
      <label lang="kk">Аты</label><label lang="ru">Имя</label></part>
  </draft>
  <ending id="won" rating="best" credit="1"><body lang="kk">won-KK</body><body lang="ru">won-RU</body></ending>
</legal_case_study>"""


def line_of(text: str) -> int:
    return next(number for number, line in enumerate(DRAFT_OLX.splitlines(), 1) if text in line)


def test_a_draft_round_trips_exactly_through_olx():
    document, attributes, lines = parse_scenario(parse_xml(DRAFT_OLX))
    claim = document["nodes"][1]
    assert claim["kind"] == "draft" and claim["target"] == "won" and claim["heading"]["ru"] == "ЗАЯВЛЕНИЕ"
    assert claim["parts"][0]["options"][0] == {"id": "commission", "text": {"kk": "c-KK", "ru": "c-RU"},
                                               "correct": True}
    assert claim["parts"][1]["pattern"] == r"^\s*\d{1,2}\.\d{1,2}\.\d{4}\s*$"
    assert claim["parts"][1]["max_length"] == 60 and claim["parts"][2]["min_length"] == 3
    assert lines[("node", "claim", "part", "handed")] == line_of('<part id="handed"')
    assert lines[("node", "claim", "part", "to", "option", "court")] == line_of('<option id="court"')
    assert [i.format() for i in validate_scenario(document, attributes, strict=True) if i.is_error] == []
    node = etree.Element("legal_case_study", attributes)
    serialize_scenario(node, document)
    text = etree.tostring(node, encoding="unicode")
    again, attributes_again, _ = parse_scenario(parse_xml(text))
    assert again == document
    node2 = etree.Element("legal_case_study", attributes_again)
    serialize_scenario(node2, again)
    assert etree.tostring(node2, encoding="unicode") == text


def test_a_bad_part_is_reported_at_its_olx_line():
    from legal_basics_xblock.blocks.editing import _line_for
    olx = DRAFT_OLX.replace('max_length="60"', 'max_length="600"')
    document, _attributes, lines = parse_scenario(parse_xml(olx))
    issue = next(i for i in validate_scenario(document) if i.is_error)
    assert issue.path == ("node", "claim", "part", "handed")
    assert _line_for(issue.path, lines, 1) == line_of('<part id="handed"')


@pytest.mark.parametrize("olx, words", [
    (DRAFT_OLX.replace('correct="true"', 'correct="yes"'), 'correct must be "true" or "false"'),
    (DRAFT_OLX.replace('max_length="60"', 'max_length="lots"'), "max_length must be a whole number"),
    (DRAFT_OLX.replace("<heading", "<choice/><heading", 1), "<choice> is not allowed inside <draft>"),
    (DRAFT_OLX.replace('<cite norm="labour-code.159"/>', '<step/>', 1), "<step> is not allowed inside <part>"),
])
def test_malformed_draft_olx_names_the_problem(olx, words):
    from legal_basics_xblock.olx.common import OLXError
    with pytest.raises(OLXError) as caught:
        parse_scenario(parse_xml(olx))
    assert words in str(caught.value)
