"""No answer leaves the server before the learner commits, for every quiz scenario.

For each scenario and each content language, a fresh learner's HTML, the learner JS,
``student_view_data`` and the handler replies available before submitting are searched
for every feedback, explanation and hint text and for any correct-answer marker.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

from legal_basics_xblock.scenarios import scenario_files

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2] / "legal_basics_xblock"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "olx"
QUIZ_SOURCES = [*scenario_files("quiz_"), FIXTURES / "quiz_all_kinds.xml"]
MARKERS = ("lb-option--key", "lb-key", "lb-result", "lb-explanation", "correct_text", "correct_steps",
           "'correct'", '"correct"', "lb-feedback", "lb-hint")


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def secrets_of(xml: str) -> dict:
    """Every text a learner must not see before committing, by kind."""
    root = etree.fromstring(xml.encode("utf-8"))
    found = {"feedback": set(), "explanation": set(), "hint": set()}
    for kind in found:
        for element in root.iter(kind):
            text = _text(element)
            if len(text) >= 12:
                found[kind].add(text)
    return found


def visible_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def assert_clean(where: str, payload: str, secrets: dict, allow_hints: bool = False) -> None:
    text = visible_text(payload) + " " + payload
    for kind, texts in secrets.items():
        if allow_hints and kind == "hint":
            continue
        for secret in texts:
            assert secret not in text, f"{where}: {kind} text leaked: {secret[:60]}"
    for marker in MARKERS:
        if allow_hints and marker == "lb-hint":
            continue
        assert marker not in payload, f"{where}: marker {marker} leaked"


def quiz_xml(path: Path) -> str:
    root = etree.fromstring(path.read_bytes())
    quiz = root if root.tag == "legal_quiz" else root.find(".//legal_quiz")
    return etree.tostring(quiz, encoding="unicode")


@pytest.mark.parametrize("source", QUIZ_SOURCES, ids=lambda p: p.stem)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_fresh_learner_sees_no_answers(workbench, source, language):
    xml = quiz_xml(source)
    secrets = secrets_of(xml)
    usage = workbench.load(xml)
    learner = workbench.learner(usage, f"leak-{language}")
    status, reply = learner.call("set_language", {"language": language})
    assert status == 200
    assert_clean("set_language reply", reply["html"], secrets)
    assert_clean("student_view HTML", learner.html(), secrets)
    assert_clean("student_view_data", json.dumps(learner.refresh().student_view_data(), ensure_ascii=False), secrets)
    hint_buttons = re.findall(r'data-action="hint" data-q="([a-z0-9]+)"', learner.html())
    for token in hint_buttons[:1]:
        status, reply = learner.call("hint", {"question": token})
        assert status == 200
        assert_clean("hint reply", reply["html"], {**secrets, "hint": set()}, allow_hints=True)
    if learner.refresh().mode == "practice" and learner.refresh().option("show_answer") != "always":
        status, reply = learner.call("show_answer_handler", {})
        assert status == 403
        assert "html" not in reply


def test_learner_javascript_and_css_carry_no_content():
    sources = [quiz_xml(path) for path in QUIZ_SOURCES]
    static = (PACKAGE / "public" / "quiz.js").read_text(encoding="utf-8")
    static += (PACKAGE / "public" / "quiz.css").read_text(encoding="utf-8")
    for xml in sources:
        for texts in secrets_of(xml).values():
            for secret in texts:
                assert secret not in static


def test_author_ids_never_reach_the_page(workbench):
    xml = quiz_xml(FIXTURES / "quiz_all_kinds.xml")
    html = workbench.learner(workbench.load(xml)).html()
    for author_id in ("single-q", "multi-q", "order-q", "match-q", '"right"', '"wrong"', '"m1"', '"s1"', '"p1"'):
        assert author_id not in html


def test_ordering_is_never_shown_in_the_correct_order(workbench):
    xml = quiz_xml(FIXTURES / "quiz_all_kinds.xml")
    usage = workbench.load(xml)
    for student in range(12):
        html = workbench.learner(usage, f"order-{student}").html()
        steps = re.findall(r"STEP(\d)-KK", html)
        assert steps != ["1", "2", "3"]
