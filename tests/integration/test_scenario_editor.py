"""The Scenes tab of the case-study and mock-trial Studio editor: markup, prototypes and the saved document.

The browser side is in ``tests/browser/test_scenario_editor.py``; here the template is checked against the
scenario documents (every field has a control) and ``LegalScenarioEditor.cleanDocument`` from
``public/scenario_edit.js`` is run in Node to check that what the form sends is accepted by ``studio_save``.
"""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from legal_basics_xblock.olx.safe_xml import parse_xml
from legal_basics_xblock.olx.scenario import parse_scenario
from tests.conftest import fixture_xml

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2] / "legal_basics_xblock"
SCRIPT = PACKAGE / "public" / "scenario_edit.js"
FIXTURES = {"legal_case_study": "case_small.xml", "legal_mock_trial": "trial_small.xml"}
# The list (or the document itself) each prototype edits.
PROTO_OF_LIST = {"nodes": "nodes", "choices": "choices", "requires": "requires", "effects": "effects",
                 "plan": "plan", "variables": "variables", "roles": "roles", "stages": "stages",
                 "criteria": "criteria", "debrief": "debrief", "parts": "parts", "options": "options",
                 "values": "values"}
TYPED_VALUES = {"value", "initial"}  # edited by a control chosen from the variable's type (data-value)


def studio_html(learner) -> str:
    return learner.refresh().render("studio_view", {}).content


def editor_data(page: str) -> dict:
    match = re.search(r'data-editor="([^"]*)"', page)
    assert match, "the editor JSON must be in a data-editor attribute"
    return json.loads(html.unescape(match.group(1)))


def proto(page: str, name: str) -> str:
    match = re.search(rf'<template data-proto="{name}">(.*?)</template>', page, re.S)
    assert match, f"no prototype {name}"
    return match.group(1)


def panel(page: str) -> str:
    start = page.index('data-panel="scenes"')
    return page[start:page.index("</section>", start)]


def clean(document: dict) -> dict:
    """What scenario_edit.js sends for ``document``: its cleanDocument run in Node."""
    node = shutil.which("node")
    if not node:
        pytest.skip("node is needed to run scenario_edit.js")
    program = ("global.window = {}; require(process.argv[1]);"
               "let input = ''; process.stdin.on('data', d => input += d);"
               "process.stdin.on('end', () => process.stdout.write("
               "JSON.stringify(window.LegalScenarioEditor.cleanDocument(JSON.parse(input)))));")
    result = subprocess.run([node, "-e", program, str(SCRIPT)], input=json.dumps(document), capture_output=True,
                            text=True, check=True, timeout=30)
    return json.loads(result.stdout)


@pytest.fixture(params=sorted(FIXTURES))
def author(request, workbench):
    usage = workbench.load(fixture_xml(FIXTURES[request.param]))
    return workbench.learner(usage, "staff-scenes")


def named(line: str, *idents: str) -> bool:
    """``line`` names every id (quoted as in English, or with the «» of the kk/ru catalogs)."""
    return all(f'"{ident}"' in line or f"«{ident}»" in line for ident in idents)


def node_of(document: dict, node_id: str) -> dict:
    return next(n for n in document["nodes"] if n["id"] == node_id)


# --- the markup -------------------------------------------------------------------------------------
def test_studio_view_has_a_scenes_tab_with_its_script(author):
    frag = author.refresh().render("studio_view", {})
    page = frag.content
    tabs = re.findall(r'role="tab"[^>]*data-tab="([a-z]+)"', page)
    assert tabs == ["settings", "scenes", "map", "xml"]
    assert page.count('role="tabpanel"') == 4
    assert 'aria-controls="' in page and 'id="' in page and 'data-panel="scenes"' in page
    urls = [resource.data for resource in frag.resources]
    assert any(url.endswith("public/min/scenario_edit.js") for url in urls)
    assert [url for url in urls if url.endswith(".js")][0].endswith("public/min/edit.js"), "edit.js loads first"
    scenes = panel(page)
    for role in ("scenes", "scenario-head", "nodes", "add-scene", "add-ending", "trial", "case-file"):
        assert f'data-role="{role}"' in scenes, role
    for name in ("variables", "roles", "stages", "criteria", "debrief"):
        assert f'data-list="{name}"' in scenes, name
    assert "{%" not in page and "{{" not in page


def test_every_string_part_and_prototype_the_script_uses_is_in_the_template(author):
    page = studio_html(author)
    script = SCRIPT.read_text(encoding="utf-8")
    for name in set(re.findall(r"text\('([a-z-]+)'\)", script)) | {"choose-node", "choose-variable", "no-stage"}:
        assert f'data-s-{name}="' in page, name
    for role in set(re.findall(r"part\('([a-z-]+)'\)", script)) | {"scenes", "has-deadline", "deadline"}:
        assert f'data-role="{role}"' in page, role
    for name in (*PROTO_OF_LIST.values(), "value-flag", "value-number"):
        proto(page, name)
    assert not re.search(r"[А-Яа-яӘәҒғҚқҢңӨөҰұҮүІі]", script), "no Kazakh/Russian literals in the JS"
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.S)
    literals = set(re.findall(r"'([^'\\\n]*)'", code))
    sentences = [s for s in literals - {"use strict"} if re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}", s)]
    assert not sentences, "no English sentences in the JS"


def test_language_fields_say_their_language(author):
    page = studio_html(author)
    fields = re.findall(r'<label>([^<]*)</label><(?:input|textarea)[^>]*lang="(kk|ru)"', page)
    assert len(fields) > 30
    for label, lang in fields:
        assert ("Kazakh" if lang == "kk" else "Russian") in label, (label, lang)
    assert not re.search(r'<(?:input|textarea)(?![^>]*lang=)[^>]*data-bind="[^"]*\.(?:kk|ru)"', page)
    for name in PROTO_OF_LIST.values():
        part = proto(page, name)
        assert part.count("<legend") + part.count("<summary") >= 1, name
        assert len(re.findall(r"<label>", part)) >= len(re.findall(r"data-bind=", part)), name


def test_every_field_of_the_stored_documents_has_a_control(author):
    """Each key of each scene, choice, condition, effect, plan step, variable, role and stage can be edited."""
    page = studio_html(author)
    documents = [editor_data(page)["content"]]
    for path in sorted((PACKAGE / "scenarios").glob("*.xml")):
        root = parse_xml(path.read_text(encoding="utf-8"))
        for element in root.iter("legal_case_study", "legal_mock_trial"):
            documents.append(parse_scenario(element)[0])
    assert len(documents) >= 5
    head = panel(page)
    missing = set()

    def leaves(value, prefix=""):
        """Dotted paths of ``value``'s leaves; lists of objects are yielded whole as (path, list)."""
        if isinstance(value, dict):
            for key, child in value.items():
                yield from leaves(child, f"{prefix}{key}.")
        else:
            yield prefix[:-1], value

    def check(item: dict, name: str) -> None:
        template = proto(page, PROTO_OF_LIST[name])
        for path, value in leaves(item):
            if isinstance(value, list) and value and isinstance(value[0], dict):
                if f'data-list="{path}"' not in template:
                    missing.add(f"{name}: list {path}")
                for child in value:
                    check(child, path)
            elif path in TYPED_VALUES:
                if "data-value=" not in template:
                    missing.add(f"{name}: {path}")
            elif f'data-bind="{path}"' not in template:
                missing.add(f"{name}: {path}")

    for document in documents:
        for key, value in document.items():
            if key == "schema":
                continue
            if isinstance(value, list):
                assert f'data-list="{key}"' in head or f'data-role="{key}"' in head, key
                for item in value:
                    check(item, key)
            else:
                for path, _value in leaves(value, f"{key}."):
                    if f'data-bind="{path}"' not in head:
                        missing.add(path)
    assert not missing, sorted(missing)


# --- what the form sends --------------------------------------------------------------------------------
def test_the_unchanged_document_round_trips(author):
    block = author.refresh()
    olx_before = block.export_olx()
    content = clean(editor_data(studio_html(author))["content"])
    status, reply = author.call("studio_save", {"settings": {}, "content": content})
    assert status == 200, reply
    assert author.refresh().export_olx() == olx_before


def test_form_values_are_typed_and_empty_optional_parts_dropped(author):
    document = editor_data(studio_html(author))["content"]
    first = document["nodes"][0]
    variables = {v["id"]: v["type"] for v in document["variables"]}
    flag = next(v for v, t in variables.items() if t == "flag")
    counter = next((v for v, t in variables.items() if t != "flag"), None)
    choice = first["choices"][0]
    # What the form leaves behind: empty optional texts, an empty image, empty lists, values as typed.
    first["title"] = {"kk": " ", "ru": ""}
    first["image"] = {"src": "", "alt": {"kk": "", "ru": ""}}
    first["plan"], first["rating"] = [], "best"
    choice.update(feedback={"kk": "", "ru": ""}, requires=[{"var": flag, "op": "eq", "value": "true"}],
                  effects=[{"var": flag, "op": "set", "value": "false"}], cites=["labour-code.160"])
    choice.pop("points", None)
    if counter:
        document["variables"][[v["id"] for v in document["variables"]].index(counter)]["initial"] = "2"
        choice["effects"].append({"var": counter, "op": "add", "value": "5"})
        choice["deadline"] = {"var": counter, "max": "30", "late_target": first["id"],
                              "message": {"kk": "", "ru": ""}}
    sent = clean(document)
    node = node_of(sent, first["id"])
    sent_choice = node["choices"][0]
    assert "title" not in node and "image" not in node and "plan" not in node and "rating" not in node
    assert "feedback" not in sent_choice and "points" not in sent_choice
    assert sent_choice["requires"][0]["value"] is True and sent_choice["effects"][0]["value"] is False
    if counter:
        assert sent_choice["effects"][1]["value"] == 5 and sent_choice["deadline"]["max"] == 30
        assert "message" not in sent_choice["deadline"]
        assert next(v for v in sent["variables"] if v["id"] == counter)["initial"] == 2
    status, reply = author.call("studio_save", {"settings": {}, "content": sent})
    assert status == 200, reply
    stored = node_of(author.refresh().scenario, first["id"])["choices"][0]
    assert stored["requires"] == sent_choice["requires"] and stored["effects"] == sent_choice["effects"]


def test_an_ending_keeps_its_plan_and_drops_scene_parts(author):
    document = editor_data(studio_html(author))["content"]
    ending = next(n for n in document["nodes"] if n["kind"] == "ending")
    ending.update(choices=[], credit=0.5, rating="acceptable", cites=["labour-code.160"],
                  plan=[{"text": {"kk": "PLAN-KK", "ru": "PLAN-RU"}, "authority": {"kk": "", "ru": ""},
                         "deadline": {"kk": "DEADLINE-KK", "ru": "DEADLINE-RU"}, "cites": ["labour-code.160"]}])
    sent = clean(document)
    node = node_of(sent, ending["id"])
    assert "choices" not in node and node["credit"] == 0.5
    assert node["plan"] == [{"text": {"kk": "PLAN-KK", "ru": "PLAN-RU"},
                             "deadline": {"kk": "DEADLINE-KK", "ru": "DEADLINE-RU"}, "cites": ["labour-code.160"]}]
    status, reply = author.call("studio_save", {"settings": {}, "content": sent})
    assert status == 200, reply
    assert "DEADLINE-RU" in author.refresh().export_olx()


def test_trial_lists_drop_blank_items(workbench):
    staff = workbench.learner(workbench.load(fixture_xml("trial_small.xml")), "staff-trial-lists")
    document = editor_data(studio_html(staff))["content"]
    document["criteria"].append({"kk": "", "ru": " "})
    document["debrief"] = [{"kk": "", "ru": ""}]
    document["stages"][0]["minutes"] = "15"
    sent = clean(document)
    assert len(sent["criteria"]) == 2 and "debrief" not in sent and sent["stages"][0]["minutes"] == 15
    status, reply = staff.call("studio_save", {"settings": {}, "content": sent})
    assert status == 200, reply


def test_a_broken_edit_is_refused_with_the_node_and_choice_named(author):
    document = editor_data(studio_html(author))["content"]
    before = copy.deepcopy(author.refresh().scenario)
    scene = next(n for n in document["nodes"] if n["kind"] == "scene")
    choice = scene["choices"][0]
    choice["target"] = "nowhere"
    scene["choices"][-1]["label"]["ru"] = ""
    status, reply = author.call("studio_save", {"settings": {}, "content": clean(document)})
    assert status == 400, reply
    lines = reply["error"].split("\n")
    assert any(named(line, scene["id"], choice["id"], "nowhere") for line in lines), lines
    assert any(named(line, scene["id"], scene["choices"][-1]["id"]) and "ru" in line for line in lines), lines
    assert author.refresh().scenario == before


# --- drafts ---------------------------------------------------------------------------------------------
@pytest.fixture(name="drafting")
def _drafting(workbench):
    return workbench.learner(workbench.load(fixture_xml("case_draft.xml")), "staff-drafts")


def test_the_draft_form_has_its_kinds_and_the_map_shows_the_target(drafting):
    page = studio_html(drafting)
    node = proto(page, "nodes")
    assert '<option value="draft">' in node and 'data-bind="target" data-options="nodes"' in node
    assert 'data-list="parts" data-kinds="draft"' in node and 'data-role="add-draft"' in panel(page)
    part = proto(page, "parts")
    assert 'data-list="options" data-kinds="choice"' in part and 'data-kinds="text"' in part
    assert 'data-bind="correct" data-type="flag"' in proto(page, "options")
    assert re.search(r"<code>claim</code> · [^<]*\(\w+: 3\) → <code>sent</code>", page), "the Map shows the draft"


def test_an_unchanged_draft_round_trips_through_the_form(drafting):
    olx_before = drafting.refresh().export_olx()
    status, reply = drafting.call("studio_save", {"settings": {}, "content": clean(
        editor_data(studio_html(drafting))["content"])})
    assert status == 200, reply
    assert drafting.refresh().export_olx() == olx_before


def test_a_draft_keeps_what_its_kind_uses_and_its_parts_are_typed(drafting):
    document = editor_data(studio_html(drafting))["content"]
    draft, scene = node_of(document, "claim"), node_of(document, "sent")
    choice_part, text_part = draft["parts"][0], draft["parts"][1]
    draft.update(choices=[], rating="best", credit=1, heading={"kk": "", "ru": " "})
    choice_part.update(pattern="", max_length=None, placeholder={"kk": "", "ru": ""}, points="2")
    choice_part["options"][1].update(correct=False, feedback={"kk": "", "ru": ""})
    text_part.update(max_length="30", min_length="", explanation={"kk": " ", "ru": ""},
                     options=[{"id": "x", "text": {"kk": "x", "ru": "x"}}])
    scene.update(target="won", heading={"kk": "H", "ru": "H"}, parts=[])
    sent = clean(document)
    node, sent_scene = node_of(sent, "claim"), node_of(sent, "sent")
    assert not {"choices", "rating", "credit", "heading"} & set(node) and node["target"] == "sent"
    assert not {"target", "heading", "parts"} & set(sent_scene)
    assert not {"pattern", "max_length", "placeholder"} & set(node["parts"][0]) and node["parts"][0]["points"] == 2
    wrong = {"kk": "WRONG-OPTION-KK", "ru": "WRONG-OPTION-RU"}
    assert node["parts"][0]["options"][1] == {"id": "court-secret", "text": wrong}
    assert node["parts"][1]["max_length"] == 30 and not {"min_length", "explanation", "options"} & set(
        node["parts"][1])
    status, reply = drafting.call("studio_save", {"settings": {}, "content": sent})
    assert status == 200, reply
    stored = node_of(drafting.refresh().scenario, "claim")
    assert stored["parts"][1]["pattern"] == r"^\s*\d{1,2}\.\d{1,2}\.\d{4}\s*$", "the pattern is stored as typed"


def test_a_broken_draft_is_refused_with_the_node_and_part_named(drafting):
    document = editor_data(studio_html(drafting))["content"]
    before = copy.deepcopy(drafting.refresh().scenario)
    draft = node_of(document, "claim")
    draft["parts"][0]["options"][1]["correct"] = True
    draft["parts"][1]["pattern"] = "(unclosed"
    draft["target"] = "nowhere"
    status, reply = drafting.call("studio_save", {"settings": {}, "content": clean(document)})
    assert status == 400, reply
    lines = reply["error"].split("\n")
    assert any(named(line, "claim", "to") and "exactly one" in line for line in lines), lines
    assert any(named(line, "claim", "handed") and "regular expression" in line for line in lines), lines
    assert any(named(line, "claim", "nowhere") for line in lines), lines
    assert drafting.refresh().scenario == before
