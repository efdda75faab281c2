"""The Studio editor of ``legal_quiz`` in the workbench runtime: view, JSON save, XML save, permissions."""

from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path

import pytest
from django.utils import translation
from xblock.fields import Scope

from legal_basics_xblock.blocks.quiz import OPTIONS
from tests.conftest import fixture_xml

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2] / "legal_basics_xblock"
STAFF = "staff-author"


def authored_state(learner) -> dict:
    """Every content and settings field of the stored block: value and whether it is set."""
    block = learner.refresh()
    return {name: (field.read_json(block), field.is_set_on(block)) for name, field in block.fields.items()
            if field.scope in (Scope.content, Scope.settings)}


def studio_html(learner) -> str:
    return learner.refresh().render("studio_view", {}).content


def editor_data(learner) -> dict:
    """The JSON the template hands to edit.js (HTML-escaped inside ``data-editor``)."""
    match = re.search(r'data-editor="([^"]*)"', studio_html(learner))
    assert match, "the editor JSON must be in a data-editor attribute"
    return json.loads(html.unescape(match.group(1)))


def question(document: dict, question_id: str) -> dict:
    return next(q for q in document["questions"] if q["id"] == question_id)


def quoted(ident: str) -> tuple[str, str]:
    return f'"{ident}"', f"«{ident}»"


def names(line: str, *idents: str, also: tuple = ()) -> bool:
    """``line`` names every id in ``idents`` (quoted, in any UI language) and contains every ``also``."""
    return (all(any(q in line for q in quoted(i)) for i in idents) and all(text in line for text in also))


def line_naming(error: str, *idents: str, also: tuple = ()) -> str | None:
    return next((line for line in error.split("\n") if names(line, *idents, also=also)), None)


@pytest.fixture
def author(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    return workbench.learner(usage, STAFF)


# --- studio_view ----------------------------------------------------------------------------------
def test_studio_view_has_tabs_settings_questions_and_olx(author):
    frag = author.refresh().render("studio_view", {})
    page = frag.content
    assert page.count('role="tab"') == 3 and page.count('role="tabpanel"') == 3
    assert 'role="tablist"' in page and 'aria-selected="true"' in page and "aria-controls=" in page
    assert 'role="alert"' in page and 'role="status"' in page
    assert re.search(r"data-init=['\"]LegalBlockEditor['\"]", page)
    urls = [resource.data for resource in frag.resources]
    assert any(url.endswith("public/min/edit.js") for url in urls)
    assert any(url.endswith("public/min/edit.css") for url in urls)
    assert "&lt;legal_quiz" in page and "STEM-SINGLE-KK" in page, "the XML tab holds the block's OLX"
    assert 'lang="kk"' in page and 'lang="ru"' in page
    assert "{%" not in page and "{{" not in page
    data = editor_data(author)
    assert data["tag"] == "legal_quiz"
    assert [s["name"] for s in data["settings"]] == ["display_name", "weight", *(spec.name for spec in OPTIONS)]
    by_name = {s["name"]: s for s in data["settings"]}
    assert by_name["max_attempts"]["value"] == 2 and by_name["max_attempts"]["type"] == "integer"
    assert by_name["mode"]["values"] == ["practice", "exam", "diagnostic"]
    assert by_name["shuffle"]["type"] == "boolean"
    assert [q["id"] for q in data["content"]["questions"]] == ["single-q", "multi-q", "order-q", "match-q"]


@pytest.mark.parametrize("author_language, block_language, tab", [
    ("ru", "kk", "Настройки"), ("kk", "ru", "Баптаулар"), ("en", "kk", "Settings"), ("de", "ru", "Settings")])
def test_the_editor_speaks_the_authors_language_not_the_blocks(author, author_language, block_language, tab):
    block = author.refresh()
    block.language = block_language
    with translation.override(author_language):
        page = block.render("studio_view", {}).content
    expected = author_language if author_language in ("kk", "ru", "en") else "en"
    assert re.search(rf'class="lb-ed editor-with-buttons" lang="{expected}"', page)
    assert f'data-tab="settings">{tab}</button>' in page


def test_every_string_and_part_edit_js_uses_is_in_the_template(author):
    page = studio_html(author)
    script = (PACKAGE / "public" / "edit.js").read_text(encoding="utf-8")
    for name in set(re.findall(r"text\('([a-z-]+)'\)", script)):
        assert f'data-s-{name}="' in page, name
    for role in set(re.findall(r"part\('([a-z-]+)'\)", script)):
        assert f'data-role="{role}"' in page, role
    for proto in ("question", "choices", "steps", "pairs", "distractors", "hints", "value-names"):
        assert f'data-proto="{proto}"' in page, proto
    assert not re.search(r"[А-Яа-яӘәҒғҚқҢңӨөҰұҮүІі]", script), "no Kazakh/Russian literals in the JS"


# --- studio_save ----------------------------------------------------------------------------------
def test_valid_save_changes_content_and_settings(author, workbench):
    data = editor_data(author)
    document = data["content"]
    question(document, "single-q")["stem"] = {"kk": "<p>NEW-STEM-KK</p>", "ru": "<p>NEW-STEM-RU</p>"}
    status, reply = author.call("studio_save", {"settings": {"max_attempts": 5, "shuffle": False},
                                                "content": document})
    assert status == 200, reply
    assert reply["saved"] is True and isinstance(reply["warnings"], list)
    block = author.refresh()
    assert block.option("max_attempts") == 5 and block.option("shuffle") is False and block.display_name == "All kinds"
    learner = workbench.learner(author.usage_id, "learner-after-save")
    page = learner.html()
    assert "NEW-STEM-KK" in page and "STEM-SINGLE-KK" not in page


def test_valid_save_reports_warnings_with_the_question(author):
    document = editor_data(author)["content"]
    del question(document, "multi-q")["explanation"]
    status, reply = author.call("studio_save", {"settings": {}, "content": document})
    assert status == 200, reply
    assert any(w["level"] == "warning" and names(w["where"], "multi-q") for w in reply["warnings"])
    assert "explanation" not in question(author.refresh().quiz, "multi-q")


def _missing_ru_stem(document, settings):
    question(document, "single-q")["stem"].pop("ru")
    return ["single-q"], (": ru.",)


def _missing_choice_text(document, settings):
    question(document, "single-q")["choices"][1]["text"]["ru"] = "  "
    return ["single-q", "wrong"], ('"single-q", ',)


def _unknown_norm(document, settings):
    question(document, "multi-q")["cites"] = ["labour-code.160", "no-such.norm"]
    return ["multi-q", "no-such.norm"], ()


def _two_correct_in_single(document, settings):
    for choice in question(document, "single-q")["choices"]:
        choice["correct"] = True
    return ["single-q"], ("2",)


def _duplicate_question_ids(document, settings):
    question(document, "multi-q")["id"] = "single-q"
    return ["single-q"], ()


def _duplicate_choice_ids(document, settings):
    question(document, "multi-q")["choices"][2]["id"] = "m1"
    return ["multi-q", "m1"], ()


def _draw_larger_than_pool(document, settings):
    settings["draw"] = 9
    return ["draw"], ("9", "4")


def _wrong_scoring_for_kind(document, settings):
    question(document, "single-q")["scoring"] = "partial"
    return ["single-q"], ("partial",)


def _unknown_setting(document, settings):
    settings["colour"] = "red"
    return ["colour"], ()


def _wrong_setting_type(document, settings):
    settings["max_attempts"] = "many"
    return ["max_attempts"], ()


def _no_questions(document, settings):
    document["questions"] = []
    return [], ()


@pytest.mark.parametrize("breaker", [
    _missing_ru_stem, _missing_choice_text, _unknown_norm, _two_correct_in_single, _duplicate_question_ids,
    _duplicate_choice_ids, _draw_larger_than_pool, _wrong_scoring_for_kind, _unknown_setting,
    _wrong_setting_type, _no_questions,
], ids=lambda f: f.__name__.strip("_"))
def test_invalid_save_names_the_problem_and_changes_nothing(author, breaker):
    document = editor_data(author)["content"]
    question(document, "single-q")["stem"]["kk"] = "<p>MUST-NOT-BE-SAVED</p>"
    settings = {"max_attempts": 7, "display_name": "MUST-NOT-BE-SAVED"}
    idents, also = breaker(document, settings)
    before = authored_state(author)
    status, reply = author.call("studio_save", {"settings": settings, "content": document})
    assert status == 400, reply
    assert line_naming(reply["error"], *idents, also=also), (idents, also, reply["error"])
    assert authored_state(author) == before
    assert "MUST-NOT-BE-SAVED" not in studio_html(author)


def test_content_errors_are_listed_one_per_line(author):
    document = editor_data(author)["content"]
    question(document, "single-q")["stem"].pop("ru")
    question(document, "multi-q")["cites"] = ["no-such.norm"]
    status, reply = author.call("studio_save", {"settings": {}, "content": document})
    assert status == 400
    head, *lines = reply["error"].split("\n")
    assert head and len(lines) == 2
    assert names(lines[0], "single-q") and names(lines[1], "multi-q", "no-such.norm")


@pytest.mark.parametrize("payload", [{}, {"settings": {}}, {"settings": [], "content": {}},
                                     {"settings": {}, "content": "<legal_quiz/>"}])
def test_save_needs_settings_and_content_objects(author, payload):
    before = authored_state(author)
    assert author.call("studio_save", payload)[0] == 400
    assert authored_state(author) == before


# --- studio_save_xml --------------------------------------------------------------------------------
def test_xml_save_round_trips_the_exported_olx(author):
    olx = author.refresh().export_olx()
    before = authored_state(author)
    status, reply = author.call("studio_save_xml", {"xml": olx})
    assert status == 200, reply
    assert reply["saved"] is True
    after = authored_state(author)
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}
    assert author.refresh().export_olx() == olx


def test_xml_save_replaces_content_and_settings(author, workbench):
    olx = author.refresh().export_olx().replace("STEM-MULTI-KK", "XML-STEM-KK").replace(
        'max_attempts="2"', 'max_attempts="4"')
    status, reply = author.call("studio_save_xml", {"xml": olx})
    assert status == 200, reply
    block = author.refresh()
    assert block.option("max_attempts") == 4
    assert question(block.quiz, "multi-q")["stem"]["kk"] == "<p>XML-STEM-KK</p>"
    assert "XML-STEM-KK" in workbench.learner(author.usage_id, "reader").html()


@pytest.mark.parametrize("xml, expected", [
    ("<legal_quiz><question id='q1' kind='single'></legal_quiz>", "well formed"),
    ('<!DOCTYPE x [<!ENTITY e "boom">]><legal_quiz display_name="&e;"/>', "DOCTYPE"),
    ("<legal_poll/>", "legal_quiz"),
    ("", ""),
    ('<legal_quiz colour="red"/>', '"colour"'),
    ('<legal_quiz max_attempts="many"/>', "max_attempts"),
], ids=["malformed", "doctype-entity", "wrong-root", "empty", "unknown-attribute", "wrong-attribute-type"])
def test_bad_xml_is_refused_and_changes_nothing(author, xml, expected):
    before = authored_state(author)
    status, reply = author.call("studio_save_xml", {"xml": xml})
    assert status == 400, reply
    assert expected in reply["error"]
    assert "boom" not in reply["error"]
    assert authored_state(author) == before


def test_xml_save_reports_the_line_of_an_invalid_question(author):
    olx = author.refresh().export_olx().replace('<cite norm="labour-code.160"/>', '<cite norm="no-such.norm"/>', 2)
    olx = olx.replace("<choice id=\"m3\">", "<choice id=\"m1\">")
    lines = olx.split("\n")
    multi_line = next(n for n, text in enumerate(lines, start=1) if 'id="multi-q"' in text)
    before = authored_state(author)
    status, reply = author.call("studio_save_xml", {"xml": olx})
    assert status == 400, reply
    errors = reply["error"].split("\n")[1:]
    assert line_naming(reply["error"], "multi-q", "m1", also=(f"olx:{multi_line}:",)), errors
    assert line_naming(reply["error"], "single-q", "no-such.norm"), errors
    assert authored_state(author) == before


def test_xml_save_refuses_an_invalid_draw(author):
    olx = author.refresh().export_olx().replace("<legal_quiz ", '<legal_quiz draw="12" ', 1)
    before = authored_state(author)
    status, reply = author.call("studio_save_xml", {"xml": olx})
    assert status == 400 and line_naming(reply["error"], "draw", also=("12",))
    assert authored_state(author) == before


# --- permissions ------------------------------------------------------------------------------------
@pytest.mark.parametrize("handler", ["studio_save", "studio_save_xml"])
def test_learners_cannot_save(author, workbench, handler):
    learner = workbench.learner(author.usage_id, "learner1")
    document = copy.deepcopy(editor_data(author)["content"])
    question(document, "single-q")["stem"]["kk"] = "<p>HACKED</p>"
    payload = {"settings": {"max_attempts": 99}, "content": document}
    if handler == "studio_save_xml":
        payload = {"xml": author.refresh().export_olx().replace("STEM-SINGLE-KK", "HACKED")}
    before = authored_state(author)
    status, reply = learner.call(handler, payload)
    assert status == 403, reply
    assert authored_state(author) == before


def test_save_is_post_only(author):
    status, _reply = author.call("studio_save", None, raw=b"", method="GET")
    assert status == 405
