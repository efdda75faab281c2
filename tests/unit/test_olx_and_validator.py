"""OLX parse/serialise, the one validator, the safe XML parser and the sanitiser."""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from legal_basics_xblock.content.quiz import dump_quiz, load_quiz
from legal_basics_xblock.content.sanitize import sanitize_html
from legal_basics_xblock.content.validate import validate_quiz
from legal_basics_xblock.olx.quiz import OLXError, parse_quiz, serialize_quiz
from legal_basics_xblock.olx.safe_xml import UnsafeXMLError, parse_xml
from tests.conftest import fixture_xml


def parsed(xml: str):
    return parse_quiz(parse_xml(xml))


def serialised(document: dict, attributes: dict) -> str:
    node = etree.Element("legal_quiz", attributes)
    serialize_quiz(node, document)
    return etree.tostring(node, encoding="unicode")


def test_round_trip_is_exact():
    document, attributes, _ = parsed(fixture_xml("quiz_all_kinds.xml"))
    first = serialised(document, attributes)
    again, attributes_again, _ = parsed(first)
    assert again == document
    assert serialised(again, attributes_again) == first


def test_model_round_trip_keeps_every_field():
    document, _, _ = parsed(fixture_xml("quiz_all_kinds.xml"))
    model = load_quiz(document)
    assert load_quiz(dump_quiz(model)) == model
    assert [q.kind for q in model.questions] == ["single", "multiple", "ordering", "matching"]
    assert model.question("multi-q").penalty == 0.5
    assert model.question("match-q").distractors[0].id == "x1"


def test_fixture_is_valid():
    document, _, _ = parsed(fixture_xml("quiz_all_kinds.xml"))
    assert [i for i in validate_quiz(document, {}) if i.is_error] == []


def _errors(document, settings=None, strict=False):
    return [i for i in validate_quiz(document, settings or {}, strict) if i.is_error]


@pytest.fixture(name="document")
def _document():
    document, _, _ = parsed(fixture_xml("quiz_all_kinds.xml"))
    return document


@pytest.mark.parametrize("mutate, where, words", [
    (lambda d: d["questions"][0]["stem"].pop("ru"), 'question "single-q"', "missing in: ru"),
    (lambda d: d["questions"][0]["choices"][1].update(correct=True), 'question "single-q"', "exactly one correct"),
    (lambda d: d["questions"][1]["choices"][2].update(id="m1"), 'question "multi-q"', "used twice"),
    (lambda d: d["questions"][0]["cites"].append("no-such.1"), 'question "single-q"', "not in the norm registry"),
    (lambda d: d["questions"][0].update(kind="essay"), 'question "single-q"', "Unknown kind"),
    (lambda d: d["questions"][2].update(scoring="per_choice"), 'question "order-q"', "does not fit"),
    (lambda d: d["questions"][2].update(steps=d["questions"][2]["steps"][:1]), 'question "order-q"',
     "at least two"),
    (lambda d: d["questions"][3]["pairs"][0]["prompt"].pop("kk"), 'question "match-q", pair "p1"', "prompt"),
    (lambda d: d["questions"][1]["choices"][0]["text"].update(kk="<img src='x.png'>"),
     'question "multi-q", choice "m1"', "without alt"),
    (lambda d: d["questions"][1].update(id="bad id!"), "", "must be 1–64"),
])
def test_validator_names_the_question_and_option(document, mutate, where, words):
    broken = copy.deepcopy(document)
    mutate(broken)
    errors = _errors(broken)
    assert errors, "expected an error"
    text = [e.format() for e in errors]
    assert any(where in line and words in line for line in text), text


def test_settings_are_validated(document):
    assert any("draws 9" in e.format() for e in _errors(document, {"draw": 9}))
    assert any('"pass_threshold"' in e.format() for e in _errors(document, {"pass_threshold": 2}))
    assert any("Mode" in e.format() for e in _errors(document, {"mode": "quizzy"}))
    assert any("Show-answer" in e.format() for e in _errors(document, {"show_answer": "sometimes"}))


def test_repealed_norm_is_an_error_and_unconfirmed_only_a_warning(document, monkeypatch):
    from legal_basics_xblock.content import registry
    norms = dict(registry.norms())
    base = norms["labour-code.160"]
    norms["old.13"] = base.__class__(**{**base.__dict__, "id": "old.13", "status": registry.REPEALED})
    norms["maybe.1"] = base.__class__(**{**base.__dict__, "id": "maybe.1", "status": registry.UNCONFIRMED})
    monkeypatch.setattr(registry, "norms", lambda: norms)
    document["questions"][0]["cites"] = ["old.13"]
    assert any("repealed" in e.format() for e in _errors(document))
    document["questions"][0]["cites"] = ["maybe.1"]
    assert not _errors(document)
    assert any("only citations are unconfirmed" in e.format() for e in _errors(document, strict=True))


def test_missing_explanation_is_an_error_only_in_strict_mode(document):
    document["questions"][0].pop("explanation")
    assert not _errors(document)
    assert _errors(document, strict=True)


def test_olx_errors_carry_the_line():
    xml = fixture_xml("quiz_all_kinds.xml").replace('<stem lang="kk"><p>STEM-MULTI-KK</p></stem>',
                                                    '<stem><p>STEM-MULTI-KK</p></stem>')
    with pytest.raises(OLXError) as info:
        parsed(xml)
    assert info.value.line == xml.splitlines().index("    <stem><p>STEM-MULTI-KK</p></stem>") + 1


def test_unknown_child_element_is_refused():
    xml = fixture_xml("quiz_all_kinds.xml").replace("<cite norm=\"labour-code.160\"/>", "<script/>", 1)
    with pytest.raises(OLXError, match="not allowed"):
        parsed(xml)


@pytest.mark.parametrize("xml, words", [
    ('<!DOCTYPE x [<!ENTITY e "boom">]><legal_quiz>&e;</legal_quiz>', "DOCTYPE"),
    ('<!DOCTYPE x SYSTEM "http://example.com/x.dtd"><legal_quiz/>', "DOCTYPE"),
    ("<legal_quiz><unclosed></legal_quiz>", "well formed"),
])
def test_safe_parser_refuses_entities_dtds_and_garbage(xml, words):
    with pytest.raises(UnsafeXMLError, match=words):
        parse_xml(xml)


def test_safe_parser_does_not_expand_entities_or_read_files():
    xml = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><legal_quiz>&e;</legal_quiz>'
    with pytest.raises(UnsafeXMLError):
        parse_xml(xml)


def test_safe_parser_size_limit():
    with pytest.raises(UnsafeXMLError, match="limit"):
        parse_xml("<legal_quiz>" + "x" * 100 + "</legal_quiz>", max_bytes=50)


@pytest.mark.parametrize("dirty, clean", [
    ('<p onclick="x()">Hi<script>alert(1)</script></p>', "<p>Hi</p>"),
    ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="https://adilet.zan.kz/">ok</a>', '<a href="https://adilet.zan.kz/">ok</a>'),
    ('<img src="a.png">', ""),
    ('<img src="a.png" alt="Акт">', ""),
    ('<img src="/static/a.png" alt="Акт">', '<img src="/static/a.png" alt="Акт"/>'),
    ('<img src="https://example.org/a.png" alt="Акт">', '<img src="https://example.org/a.png" alt="Акт"/>'),
    ('<img src="javascript:alert(1)" alt="Акт">', ""),
    ('<img src="data:image/png;base64,AA" alt="Акт">', ""),
    ("<p>a<br>b</p><hr>", "<p>a<br/>b</p><hr/>"),
    ("a&nbsp;b", "a&#160;b"),
    ("<table><tbody><tr><td>1</td></tr></tbody></table>", "<table><tbody><tr><td>1</td></tr></tbody></table>"),
    ('<dfn data-term="claim" style="color:red">иск</dfn>', '<dfn data-term="claim">иск</dfn>'),
    ("<iframe src='x'></iframe><blockquote>q</blockquote>", "<blockquote>q</blockquote>"),
])
def test_sanitiser_allow_list(dirty, clean):
    assert sanitize_html(dirty) == clean
