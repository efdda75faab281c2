"""The pure parts of scripts/bench/ (the benchmark behind scripts/benchmark.py): payload parsers,
ratios, table formatting and target verdicts. No timing and no workbench: the benchmark itself is a
script, never part of the test suite."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from scripts.bench import olx
from scripts.bench.blocks import BLOCKS, wanted_keys
from scripts.bench.cli import parse_args, want_units
from scripts.bench.docs import command_line, units_intro
from scripts.bench.learner_bytes import gz, referenced_urls, tally, url_kind
from scripts.bench.packaged import scenario_spec, stem_of
from scripts.bench.payloads import case_payload, quiz_payload, status_ok, success_ok, trial_payload
from scripts.bench.report import (
    CARRIED,
    carried_row,
    fmt_bytes,
    markdown_table,
    scenarios_table,
    target_checks,
    targets_text,
    units_flagged,
    units_table,
    verdicts,
)
from scripts.bench.rounds import rotate
from scripts.bench.storage import database_settings, describe, is_tmpfs
from scripts.bench.summary import growth, median, ratio_by_round, timing
from scripts.bench.units import PAGE, summarise_units, unit_type

SPECS = {spec.key: spec for spec in BLOCKS}

# The shape of templates/quiz_body.html: one <fieldset class="lb-q"> per drawn question.
QUIZ_HTML = """
<form class="lb-form">
 <fieldset class="lb-q lb-q--single" data-q="Q1" data-kind="single">
  <div class="lb-q__stem"><ul><li>authored list item</li></ul></div>
  <ul class="lb-options"><li class="lb-option"><input type="radio" name="a" value="C1a"></li>
   <li class="lb-option"><input type="radio" name="a" value="C1b"></li></ul>
 </fieldset>
 <fieldset class="lb-q lb-q--multiple" data-q="Q2" data-kind="multiple">
  <ul class="lb-options"><li><input type="checkbox" value="C2a"></li><li><input type="checkbox" value="C2b"></li></ul>
 </fieldset>
 <fieldset class="lb-q lb-q--ordering" data-q="Q3" data-kind="ordering">
  <ol class="lb-order"><li class="lb-order__item" data-token="S2"><button data-move="up">Up</button></li>
   <li class="lb-order__item" data-token="S1"></li><li class="lb-order__item" data-token="S3"></li></ol>
 </fieldset>
 <fieldset class="lb-q lb-q--matching" data-q="Q4" data-kind="matching">
  <select data-prompt="P1"><option value="">Choose</option><option value="A1">x</option><option value="A2">y</option>
  </select>
  <select data-prompt="P2"><option value="">Choose</option><option value="A2">y</option></select>
 </fieldset>
 <button type="button" data-action="hint" data-q="Q1">Hint</button>
</form>"""


def result(render=1.0, handler=1.0, total=1024, missing=(), grow=None, **extra):
    """A summarised row as summary.summarise() makes it."""
    res = {"render": {"median": 10.0, "min": 9.0, "max": 12.5, "xT": render},
           "handler": {"median": 20.0, "min": 18.0, "max": 25.0, "xT": handler},
           "bytes": {"raw": {"html": total // 2, "js": total // 4, "css": total - total // 2 - total // 4},
                     "total": total, "gzip": total // 3, "files": [], "missing": list(missing)},
           "sql": {5: 9, 500: 9}, "version": "0.1.0", "template_failures": 0, "growth_unit": "scenes"}
    if grow is not None:
        res["growth"] = {50: 1.0, 500: grow}
    res.update(extra)
    return res


# -- payloads ------------------------------------------------------------------------------------

def test_quiz_payload_answers_every_question_kind():
    assert quiz_payload(QUIZ_HTML) == {"answers": {
        "Q1": {"choices": ["C1a"]},
        "Q2": {"choices": ["C2a"]},
        "Q3": {"order": ["S2", "S1", "S3"]},
        "Q4": {"matches": {"P1": "A1", "P2": "A2"}},
    }}


def test_quiz_payload_unescapes_tokens_and_refuses_a_page_without_questions():
    html = '<fieldset class="lb-q" data-q="a&amp;b"><input type="radio" value="c&quot;d"></fieldset>'
    assert quiz_payload(html) == {"answers": {"a&b": {"choices": ['c"d']}}}
    with pytest.raises(RuntimeError, match="lb-q"):
        quiz_payload("<p>The quiz is closed.</p>")


def test_quiz_payload_of_the_synthetic_quiz_takes_the_first_choice():
    html = ('<fieldset class="lb-q lb-q--single" data-q="T"><input value="first"><input value="second"></fieldset>'
            '<fieldset class="lb-q lb-q--single" data-q="U"><input value="third"></fieldset>')
    assert quiz_payload(html)["answers"] == {"T": {"choices": ["first"]}, "U": {"choices": ["third"]}}


def test_quiz_payload_answers_lists_that_copy_the_first_lists_options():
    html = ('<fieldset class="lb-q" data-q="M"><select id="m1" data-prompt="P1"><option value="">-</option>'
            '<option value="A1">a</option><option value="A2">b</option></select>'
            '<select data-prompt="P2" data-options-from="m1"><option value="">-</option></select>'
            '<select data-prompt="P3" data-options-from="m1"><option value="">-</option>'
            '<option value="A2" selected>b</option></select></fieldset>')
    assert quiz_payload(html)["answers"] == {"M": {"matches": {"P1": "A1", "P2": "A1", "P3": "A2"}}}


def test_case_payload_takes_the_first_open_choice_in_either_attribute_order():
    assert case_payload('<button data-action="choose" data-choice="K1">a</button>'
                        '<button data-action="choose" data-choice="K2">b</button>') == {"choice": "K1"}
    assert case_payload('<button data-choice="K9" class="x" data-action="choose">a</button>') == {"choice": "K9"}


def test_case_payload_ignores_role_buttons_and_trial_payload_takes_the_first_role():
    roles = '<button data-action="choose_role" data-role="R1">a</button><button data-role="R2">b</button>'
    with pytest.raises(RuntimeError, match="choose"):
        case_payload(roles)
    assert trial_payload(roles) == {"role": "R1"}
    with pytest.raises(RuntimeError, match="data-role"):
        trial_payload("<p>no roles</p>")


def test_handler_checks_refuse_errors_and_success_false():
    assert status_ok(200, {"success": False}) is None
    assert "HTTP 403" in status_ok(403, {"error": "closed"})
    assert success_ok(200, {"success": True}) is None
    assert "refused" in success_ok(200, {"success": False})
    assert "HTTP 500" in success_ok(500, "boom")


# -- statistics ----------------------------------------------------------------------------------

def test_ratios_are_taken_round_by_round_then_the_median():
    rows, floor = [[2, 2, 2], [9, 9, 9], [3, 3, 3]], [[1, 1, 1], [3, 3, 3], [2, 2, 2]]
    assert ratio_by_round(rows, floor) == [2.0, 3.0, 1.5]
    t = timing(rows, floor)
    assert t["xT"] == 2.0
    assert (t["median"], t["min"], t["max"]) == (3, 2, 9)


def test_growth_divides_each_size_by_the_first_in_the_same_round():
    ms, ratios = growth({5: [[10, 10], [20, 20]], 50: [[11, 11], [22, 22]], 500: [[30, 30], [40, 40]]})
    assert ms == {5: 15.0, 50: 16.5, 500: 35.0}
    assert ratios[50] == pytest.approx(1.1)
    assert ratios[500] == pytest.approx(2.5)


def test_median_of_nothing_is_nan_and_rotation_starts_each_round_elsewhere():
    assert math.isnan(median([]))
    assert rotate(["a", "b", "c"], 0) == ["a", "b", "c"]
    assert rotate(["a", "b", "c"], 4) == ["b", "c", "a"]
    assert rotate([], 3) == []


# -- targets and tables --------------------------------------------------------------------------

def test_targets_pass_at_the_limit_and_fail_above_it():
    checks = {c[0]: c[3] for c in target_checks(result(render=1.3, handler=1.31, total=20 * 1024, grow=1.2))}
    assert checks == {"render": True, "handler": False, "bytes": True, "growth": True}
    assert not target_checks(result(total=20 * 1024 + 1))[2][3]


def test_bytes_fail_when_a_resource_was_not_served_and_only_wanted_targets_are_checked():
    res = result(total=1024, missing=["/resource/x.js (HTTP 404)"])
    assert [c[0] for c in target_checks(res, ("bytes",))] == ["bytes"]
    assert not target_checks(res, ("bytes",))[0][3]
    assert "⚠ not served: `/resource/x.js (HTTP 404)`" in fmt_bytes(res["bytes"])


def test_verdicts_and_missed_targets_are_honest():
    res = result(render=1.5, handler=0.9, total=30 * 1024)
    assert verdicts(res, ("render", "handler", "bytes")) == (
        "render: **FAIL** (1.50×T)<br>handler: PASS (0.90×T)<br>bytes: **FAIL** (30.0 KiB)")
    spec = scenario_spec("quiz_labour", "<vertical_demo/>", "quiz_")
    assert targets_text([spec], {"quiz_labour": res}) == (
        "quiz_labour: MISSED: render ≤ 1.3×T (1.50×T); learner bytes ≤ 20 KiB (30.0 KiB)")
    assert targets_text([SPECS["dnd"]], {"dnd": res}) == "our blocks were not measured (see the table)"


def test_block_table_rows_have_nine_cells_and_peers_no_targets():
    results = {"thumbs": result(), "legal_quiz": result(render=1.2, grow=1.0), "dnd": result(grow=4.0)}
    table = markdown_table([SPECS["thumbs"], SPECS["legal_quiz"], SPECS["dnd"]], results,
                           {"poll": "PluginMissingError: poll"}, BLOCKS)
    lines = table.splitlines()
    assert all(line.count("|") == 10 for line in lines)
    assert lines[2].startswith("| thumbs (SDK, floor) | 10.00 (9.00–12.50) | 1.00 |")
    assert "| **legal_quiz** (ours) 0.1.0 |" in lines[3] and "growth: PASS (×1.00)" in lines[3]
    assert lines[4].endswith("| 9 (9) | – |")
    assert lines[5].startswith("| xblock-poll | not measured: PluginMissingError: poll |")


def test_a_peer_not_re_measured_keeps_its_previous_row_marked():
    previous = ("| block | render |\n|---|---|\n"
                "| drag-and-drop-v2 5.0.3 | 16.25 (14.16–20.22) | 2.15 | x | x | x | x | 14 (14) | – |\n")
    row = carried_row(previous, "drag-and-drop-v2", "no network")
    assert row == ("| drag-and-drop-v2 5.0.3" + CARRIED + " (no network) | 16.25 (14.16–20.22) | 2.15 "
                   "| x | x | x | x | 14 (14) | – |")
    assert carried_row(row, "drag-and-drop-v2", "again").count(CARRIED) == 1
    assert carried_row(previous, "xblock-poll", "no network") is None
    table = markdown_table([], {}, {"dnd": "PluginMissingError", "legal_quiz": "not installed"}, BLOCKS, previous)
    assert CARRIED in table.splitlines()[2]
    assert "| **legal_quiz** (ours) | not measured: not installed |" in table  # ours are never carried over


def test_scenario_rows_name_their_handler_and_check_render_handler_and_bytes():
    spec = scenario_spec("trial_reinstatement", "<vertical_demo/>", "trial_")
    assert (spec.tag, spec.handler, spec.group, spec.wrapped, spec.growth) == (
        "legal_mock_trial", "choose", "scenarios", True, False)
    assert [handler for handler, _payload in spec.before] == ["choose_role"]
    assert spec.olx(5) == "<vertical_demo/>"
    table = scenarios_table([spec], {spec.key: result(total=25 * 1024)}, {"quiz_x": "left out | broken"})
    lines = table.splitlines()
    assert all(line.count("|") == 10 for line in lines)
    assert "| trial_reinstatement (legal_mock_trial) |" in lines[2] and "| `choose` |" in lines[2]
    assert lines[2].endswith("| 9 | render: PASS (1.00×T)<br>handler: PASS (1.00×T)<br>bytes: **FAIL** (25.0 KiB) |")
    assert "not measured: left out / broken" in lines[3]


def test_scenario_titles_give_their_file_stem():
    assert stem_of("Еңбек құқығы · Трудовое право (quiz_labour)") == "quiz_labour"
    assert stem_of("A title (with words) (case_akimat_silence) ") == "case_akimat_silence"
    assert stem_of("no stem") is None


# -- course units --------------------------------------------------------------------------------

def _unit(name, kind, total, missing=()):
    return {"unit": name, "type": kind, "total": total, "gzip": total // 3, "missing": list(missing)}


def test_units_are_summarised_per_type_and_flagged_over_the_limit():
    rows = [_unit("elective/kk/m01_quiz", "legal_quiz", 30 * 1024), _unit("elective/kk/m02_quiz", "legal_quiz", 10240),
            _unit("elective/ru/m01_quiz", "legal_quiz", 12 * 1024),
            _unit("elective/kk/m01_intro", PAGE, 2048, missing=["/resource/x.css (HTTP 404)"])]
    summary = summarise_units(rows)
    quiz = summary["legal_quiz"]
    assert (quiz["units"], quiz["median"], quiz["max"], quiz["max_unit"]) == (3, 12 * 1024, 30 * 1024,
                                                                              "elective/kk/m01_quiz")
    assert quiz["over"] == [("elective/kk/m01_quiz", 30 * 1024)]
    table = units_table(summary).splitlines()
    assert table[2] == ("| html page | 1 | 2.0 | 2.0 (elective/kk/m01_intro) | 0.7 "
                        "| **FAIL** (1 with JS/CSS not served) |")
    assert table[3].endswith("| 30.0 (elective/kk/m01_quiz) | 10.0 | **FAIL** (1 of 3 over) |")
    flagged = units_flagged(summary)
    assert "- legal_quiz, over 20 KiB raw: elective/kk/m01_quiz 30.0" in flagged
    assert units_flagged(summarise_units(rows[1:3])) == "No unit is over 20 KiB raw."


def test_unit_type_is_the_units_block_or_an_html_page_and_the_intro_counts_units():
    assert unit_type(["html_demo", "legal_quiz"]) == "legal_quiz"
    assert unit_type(["html_demo"]) == PAGE
    rows = [_unit("elective/kk/a", PAGE, 1), _unit("elective/kk/b", PAGE, 1), _unit("trainer/ru/c", PAGE, 1)]
    text = units_intro(rows, {"trainer/kk/t05": "PluginMissingError: openassessment"})
    assert "Measured: elective/kk 2, trainer/ru 1 units." in text
    assert "Not measured: trainer/kk/t05 (PluginMissingError: openassessment)." in text


# -- learner bytes, storage, command line --------------------------------------------------------

def test_learner_bytes_helpers():
    html = '<div data-init=\'{"style_urls": ["/resource/b/static/x.css", "/resource/b/static/x.css"]}\'>' \
           '<script src="/resource/b/y.js"></script><img src="/resource/b/z.png">'
    assert referenced_urls(html) == ["/resource/b/static/x.css", "/resource/b/y.js"]
    assert (url_kind("/a.css"), url_kind("/a.js"), url_kind("/a", "text/css"), url_kind("/a.css", "text/js")) == (
        "css", "js", "css", "js")
    counted = tally({"html": [b"<p>" * 10], "js": [b"a", b"bc"], "css": []}, [], [])
    assert counted["raw"] == {"html": 30, "js": 3, "css": 0}
    assert counted["total"] == 33
    assert counted["gzip"] == gz(b"<p>" * 10) + gz(b"a") + gz(b"bc")
    assert gz(b"same") == gz(b"same")


def test_storage_is_one_sqlite_setting_for_every_block():
    mounts = "tmpfs /dev/shm tmpfs rw,nosuid 0 0\n/dev/vda / ext4 rw 0 0\n"
    assert is_tmpfs(Path("/dev/shm"), mounts)
    assert not is_tmpfs(Path("/"), mounts)
    db = database_settings(Path("/dev/shm/x/bench.sqlite3"))["default"]
    assert db["NAME"] == "/dev/shm/x/bench.sqlite3"
    assert db["OPTIONS"]["init_command"] == "PRAGMA synchronous=OFF; PRAGMA journal_mode=MEMORY"
    text = describe({"medium": "tmpfs", "synchronous": "OFF", "journal_mode": "MEMORY"})
    assert "tmpfs RAM disk" in text and "synchronous=OFF, journal_mode=MEMORY" in text
    assert "on disk" in describe({"medium": "disk"})


def test_command_line_and_arguments():
    args = parse_args(["--quick", "--blocks", "legal_quiz,units"])
    assert (args.rounds, args.samples) == (2, 6)
    assert command_line(args) == "python3 scripts/benchmark.py --quick --blocks legal_quiz,units --write-docs"
    assert command_line(parse_args(["--rounds", "3"])) == "python3 scripts/benchmark.py --rounds 3 --write-docs"
    assert want_units(args) and want_units(parse_args([])) and not want_units(parse_args(["--blocks", "poll"]))
    assert wanted_keys("") is None and wanted_keys("poll") == {"poll", "thumbs"}
    with pytest.raises(SystemExit):
        parse_args(["--samples", "0"])


def test_synthetic_olx_is_valid_content_of_the_requested_size():
    from legal_basics_xblock.content.validate import validate_quiz
    from legal_basics_xblock.content.validate_scenario import validate_scenario
    from legal_basics_xblock.olx.quiz import parse_quiz
    from legal_basics_xblock.olx.safe_xml import parse_xml
    from legal_basics_xblock.olx.scenario import parse_scenario

    assert olx.quiz_olx(7).count("<question ") == 7
    assert validate_quiz(parse_quiz(parse_xml(olx.quiz_olx(7)))[0], {}) == []
    assert validate_scenario(parse_scenario(parse_xml(olx.case_olx(7)))[0], {}) == []
    trial = olx.trial_olx(3)
    assert trial.startswith('<legal_mock_trial url_name="bench_trial"')
    assert ' start="s1">' not in trial.split("<role")[0]  # the role, not the trial, says where it starts
    assert olx.branching_olx(3).count("target_node_id") == 4
