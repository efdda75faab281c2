"""Drafting a document in a case study (and the mock trial) in the workbench runtime: nothing about the right
parts before submitting, the part-by-part outcome after, refusals that change nothing, scoring and the
printable document."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from webob import Request

from legal_basics_xblock.scenarios import scenario_files
from tests.conftest import fixture_xml
from tests.integration.test_scenario_leaks import block_xml

pytestmark = pytest.mark.django_db

#: What must not reach the learner before submitting: the right option's id, correctness markers, the pattern,
#: explanations, per-option feedback, and the node the draft leads to.
SECRETS = ("commission-secret", "court-secret", "EXPLANATION-", "OPTION-FEEDBACK-", "SENT-BODY", "ENDING-BODY",
           r"\d{1,2}", "d{1,2}", "correct", "pattern", "explanation", "wait-on")


def form(page: str) -> dict:
    """The draft form as a learner's browser sees it: its token, and per part label its token and options."""
    tree = lxml_html.fromstring(page)
    found = tree.xpath('//form[contains(@class, "lb-draft")]')
    if not found:
        return {}
    parts = {}
    for part in found[0].xpath('.//*[@data-part]'):
        label = " ".join(part.xpath('string((./legend | ./label)[1])').split())
        options = {" ".join(o.xpath('string(..)').split()): o.get("value")
                   for o in part.xpath('.//label/input[@type="radio"]')}
        parts[label] = {"token": part.get("data-part"), "options": options}
    return {"draft": found[0].get("data-draft"), "parts": parts}


def answers(page: str, **by_label) -> dict:
    """A ``submit_draft`` body: ``by_label`` maps a part's label to an option text or typed text."""
    shown = form(page)
    parts = {}
    for label, value in by_label.items():
        part = shown["parts"][label]
        parts[part["token"]] = part["options"].get(value, value) if part["options"] else value
    return {"draft": shown["draft"], "parts": parts}


RIGHT = {"TO-LABEL-KK": "RIGHT-OPTION-KK", "HANDED-LABEL-KK": "5.10.2026", "NAME-LABEL-KK": "Алия Сапарова"}
WRONG = {"TO-LABEL-KK": "WRONG-OPTION-KK", "HANDED-LABEL-KK": "вчера", "NAME-LABEL-KK": "Алия Сапарова"}


@pytest.fixture(name="case")
def _case(workbench):
    return workbench.load(fixture_xml("case_draft.xml"))


def document(learner, query: str = "") -> tuple[int, str]:
    response = learner.refresh().handle("document", Request.blank(f"/{query}"))
    return response.status_code, response.body.decode("utf-8")


def test_the_form_shows_parts_and_options_but_nothing_about_the_answer(workbench, case):
    learner = workbench.learner(case)
    page = learner.html()
    shown = form(page)
    assert set(shown["parts"]) == {"TO-LABEL-KK", "HANDED-LABEL-KK", "NAME-LABEL-KK"}
    assert set(shown["parts"]["TO-LABEL-KK"]["options"]) == {"RIGHT-OPTION-KK", "WRONG-OPTION-KK", "OTHER-OPTION-KK"}
    assert "PLACEHOLDER-KK" in page and 'maxlength="20"' in page and "HEADING-KK" in page
    data = json.dumps(learner.refresh().student_view_data(), ensure_ascii=False)
    status, reply = learner.call("set_language", {"language": "kk"})
    assert status == 200
    for payload in (page, data, reply["html"]):
        for secret in SECRETS:
            assert secret not in payload, secret
    assert "OTHER-OPTION-KK" in data and shown["draft"] in data


def test_the_option_order_is_not_the_authors(workbench, case):
    orders = set()
    for number in range(8):
        shown = form(workbench.learner(case, f"order-{number}").html())
        orders.add(tuple(shown["parts"]["TO-LABEL-KK"]["options"]))
    assert len(orders) > 1, "the right option is not always first (or always in the same place)"


def test_submitting_shows_the_outcome_part_by_part_and_records_the_decision(workbench, case):
    learner = workbench.learner(case)
    status, reply = learner.call("submit_draft", answers(learner.html(), **WRONG))
    assert status == 200, reply
    page = reply["html"]
    for shown in ("WRONG-OPTION-KK", "OPTION-FEEDBACK-COURT-KK", "EXPLANATION-TO-KK", "EXPLANATION-HANDED-KK",
                  "вчера", "Алия Сапарова", "SENT-BODY-KK", "adilet.zan.kz", "lb-outcome__part--bad",
                  "lb-outcome__part--ok"):
        assert shown in page, shown
    for hidden in ("OPTION-FEEDBACK-INSPECTION", "RIGHT-OPTION-KK", "commission-secret", "ENDING-BODY"):
        assert hidden not in page, hidden
    assert re.search(r'lb-outcome__summary"><strong>([^<]*)', page).group(1) == "3 бөліктің 1 бөлігі дұрыс."
    link = re.search(r'lb-outcome__print"><a class="lb-btn" href="([^"]+)"', page).group(1)
    assert "document" in link and "node=" in link
    progress = learner.state()["learner"]["progress"]
    assert progress["node"] == "sent" and progress["path"][0]["values"]["to"] == "court-secret"
    assert progress["decisions"][0]["values"]["handed"] == "вчера"
    assert ("edx.legal_case_study.draft", {"node": "claim", "earned": 0.0, "possible": 3.0, "step": 1,
                                           "parts": {"to": False, "handed": False, "name": True}}) in learner.events


def test_the_draft_counts_as_one_decision_in_the_grade(workbench, case):
    right, wrong = workbench.learner(case, "right"), workbench.learner(case, "wrong")
    for learner, values in ((right, RIGHT), (wrong, WRONG)):
        _, reply = learner.call("submit_draft", answers(learner.html(), **values))
        token = re.search(r'data-choice="([a-z0-9]+)">wait-on-KK<', reply["html"]).group(1)
        assert learner.call("choose", {"choice": token})[0] == 200
    assert right.refresh().get_score().raw_earned == 1.0
    assert wrong.refresh().get_score().raw_earned == pytest.approx(0.75 * 0.5 + 0.25 * 1.0)
    block = wrong.refresh()
    block.runtime.publish = lambda *args: None
    block.rescore(only_if_higher=False)
    assert block.get_score().raw_earned == pytest.approx(0.625), "rescoring gives the same number"
    rows = list(block.generate_report_data(iter([type("S", (), {"username": "w", "state": {
        "learner": block.learner}})()])))
    assert "WRONG-OPTION-KK (✗)" in rows[0][1]["Answer"] and rows[0][1]["Points"] == 0


def test_going_back_over_a_draft_keeps_the_first_submission(workbench, case):
    learner = workbench.learner(case, "back")
    learner.call("submit_draft", answers(learner.html(), **WRONG))
    assert learner.call("back", {})[0] == 200
    page = learner.html()
    assert form(page) and "EXPLANATION-" not in page, "back at the empty form, the outcome is not shown"
    assert learner.call("submit_draft", answers(page, **RIGHT))[0] == 200
    decisions = learner.state()["learner"]["progress"]["decisions"]
    assert [d["values"]["to"] for d in decisions] == ["court-secret", "commission-secret"]


def test_refusals_are_readable_and_change_nothing(workbench, case):
    learner = workbench.learner(case, "refused")
    page = learner.html()
    good = answers(page, **RIGHT)
    shown = form(page)
    name, to = shown["parts"]["NAME-LABEL-KK"]["token"], shown["parts"]["TO-LABEL-KK"]["token"]
    cases = [
        ({**good, "draft": "stale"}, 400, "қайта жүктеңіз"),
        ({"draft": good["draft"]}, 400, ""),
        ({**good, "parts": ["x"]}, 400, ""),
        ({**good, "parts": {**good["parts"], "ghost": "x"}}, 400, "қайта жүктеңіз"),
        ({**good, "parts": {k: v for k, v in good["parts"].items() if k != name}}, 400, "NAME-LABEL-KK"),
        ({**good, "parts": {**good["parts"], name: "   "}}, 400, "NAME-LABEL-KK"),
        ({**good, "parts": {**good["parts"], name: "Я" * 41}}, 400, "40"),
        ({**good, "parts": {**good["parts"], name: ["Алия"]}}, 400, "NAME-LABEL-KK"),
        ({**good, "parts": {**good["parts"], to: "not-an-option"}}, 400, "TO-LABEL-KK"),
        ({**good, "parts": {**good["parts"], to: 3}}, 400, "TO-LABEL-KK"),
    ]
    before = learner.state()
    for payload, code, words in cases:
        status, reply = learner.call("submit_draft", payload)
        assert status == code, (payload, reply)
        assert len(reply["error"]) > 8 and words in reply["error"], reply
        assert learner.state() == before
    assert learner.call("submit_draft", good)[0] == 200
    after = learner.state()
    status, reply = learner.call("submit_draft", good)
    assert status == 409 and reply["error"] and learner.state() == after, "not at a draft any more"
    status, _ = learner.call("choose", {"choice": good["draft"]})
    assert status == 400 and learner.state() == after


def test_a_missing_part_is_named_in_the_learners_language(workbench, case):
    learner = workbench.learner(case, "ru-missing")
    learner.call("set_language", {"language": "ru"})
    page = learner.html()
    payload = answers(page, **{"TO-LABEL-RU": "RIGHT-OPTION-RU", "HANDED-LABEL-RU": "5.10.2026"})
    status, reply = learner.call("submit_draft", payload)
    assert status == 400 and "NAME-LABEL-RU" in reply["error"]
    assert re.search(r"[А-Яа-я]", reply["error"]), "the refusal is in Russian"


def test_past_due_closes_the_draft(workbench):
    usage = workbench.load(fixture_xml("case_draft.xml").replace('scoring="decisions"',
                                                                 'scoring="decisions" due="2020-01-01T00:00:00Z"'))
    learner = workbench.learner(usage, "late")
    page = learner.html()
    assert not form(page) and "HEADING-KK" not in page
    status, reply = learner.call("submit_draft", {"draft": "x", "parts": {}})
    assert status == 403 and reply["error"] and learner.state()["learner"] == {}


def test_the_printable_document_has_the_learners_escaped_answers_and_no_correctness(workbench, case):
    learner = workbench.learner(case, "printer")
    status, text = document(learner)
    assert status == 404 and text.strip(), "nothing submitted yet"
    status, blank = document(learner, "?blank=1")
    assert status == 200 and "HEADING-KK" in blank and "TO-LABEL-KK" in blank and "doc__line" in blank
    for hidden in ("RIGHT-OPTION", "WRONG-OPTION", "OTHER-OPTION", "EXPLANATION", "FEEDBACK", "correct", "✓",
                   "SENT-BODY", "PLACEHOLDER"):
        assert hidden not in blank, hidden
    hostile = '<script>alert("x")</script> & Co'
    learner.call("submit_draft", answers(learner.html(), **{**WRONG, "NAME-LABEL-KK": hostile}))
    status, page = document(learner)
    assert status == 200 and page.startswith("<!DOCTYPE html>") and '<html lang="kk">' in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in page and "<script>" not in page
    assert "WRONG-OPTION-KK" in page and "вчера" in page and "HEADING-KK" in page
    assert "size: A4" in (document_css := _css(page)) and "18mm" in document_css
    for hidden in ("RIGHT-OPTION", "EXPLANATION", "FEEDBACK", "✓", "✗", "lb-outcome"):
        assert hidden not in page, hidden
    token = re.search(r"document[^\"]*node=([a-z0-9]+)", learner.html()).group(1)
    assert document(learner, f"?node={token}")[1] == page
    assert document(learner, "?node=forged")[0] == 404
    learner.call("set_language", {"language": "ru"})
    assert "WRONG-OPTION-RU" in document(learner)[1] and "HEADING-RU" in document(learner)[1]


def _css(page: str) -> str:
    href = re.search(r'<link rel="stylesheet" href="([^"]+)"', page).group(1)
    assert href.endswith("public/min/document.css")
    return (Path(__file__).resolve().parents[2] / "legal_basics_xblock" / "public" / "document.css").read_text()


def test_the_mock_trial_inherits_drafting(workbench):
    trial = fixture_xml("case_draft.xml").replace("legal_case_study", "legal_mock_trial").replace(
        'url_name="case_draft"', 'url_name="trial_draft"')
    learner = workbench.learner(workbench.load(trial), "trial")
    status, reply = learner.call("submit_draft", answers(learner.html(), **RIGHT))
    assert status == 200 and "SENT-BODY-KK" in reply["html"]
    assert ("edx.legal_mock_trial.draft", {"node": "claim", "earned": 3.0, "possible": 3.0, "step": 1,
                                           "parts": {"to": True, "handed": True, "name": True}}) in learner.events


PACKAGED = {path.stem: path for path in scenario_files("case_")}


@pytest.mark.parametrize("name", ["case_consumer_return", "case_akimat_silence", "case_whatsapp_dismissal"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_drafting_keeps_the_learner_page_small(workbench, name, lang):
    """The first view stays ≤ 20 KiB raw (HTML + JS + CSS, docs/benchmarks.md), and the draft form costs little
    beyond its authored text: at most 3.5 KiB of markup for the packaged drafts (up to 9 parts and 24 options)."""
    learner = workbench.learner(workbench.load(block_xml(PACKAGED[name])), f"budget-{lang}")
    learner.call("set_language", {"language": lang})
    first = learner.refresh().render("student_view", {})
    assert len(first.content.encode("utf-8")) + _assets(first) <= 20 * 1024
    for _ in range(20):
        page = learner.html()
        if form(page):
            break
        assert learner.call("choose", {"choice": _best_choice(learner)})[0] == 200
    tree = lxml_html.fromstring(page).xpath('//form[contains(@class, "lb-draft")]')
    assert tree, f"{name}: the best path reaches the draft"
    markup = len(lxml_html.tostring(tree[0], encoding="unicode").encode("utf-8"))
    text = len(tree[0].text_content().encode("utf-8"))
    assert markup - text <= 3.5 * 1024, (name, lang, markup, text)


def _assets(frag) -> int:
    """Bytes of the block's own JS and CSS files the fragment loads (the workbench adds its own jQuery)."""
    public = Path(__file__).resolve().parents[2] / "legal_basics_xblock" / "public"
    ours = [public / r.data.split("/public/", 1)[1] for r in frag.resources if r.kind == "url" and "/public/" in r.data]
    ours = [path for path in ours if path.is_file()]
    assert {"case_study.js", "common.js", "case_study.css", "common.css"} <= {path.name for path in ours}
    return sum(path.stat().st_size for path in ours)


def _best_choice(learner) -> str:
    """The token of the best-scoring open choice (read from the model, as the engine tests do)."""
    from legal_basics_xblock.engine.traversal import open_choices
    block = learner.refresh()
    progress, _ = block.current()
    choice = max(open_choices(block.model(), progress), key=lambda c: c.points)
    return block.tokens().token(str(progress.get("steps", 0)), progress["node"], choice.id)


@pytest.mark.parametrize("name", ["case_consumer_return", "case_akimat_silence", "case_whatsapp_dismissal"])
def test_a_packaged_draft_reveals_nothing_before_it_is_submitted(workbench, name):
    from lxml import etree

    from tests.integration.test_scenario_leaks import norm, texts
    xml = block_xml(PACKAGED[name])
    draft = next(etree.fromstring(xml.encode("utf-8")).iter("draft"))
    learner = workbench.learner(workbench.load(xml), "packaged-leak")
    for _ in range(20):
        page = learner.html()
        if form(page):
            break
        learner.call("choose", {"choice": _best_choice(learner)})
    secrets = {t for t in texts(draft, "explanation", "kk") | texts(draft, "feedback", "kk") if len(t) >= 16}
    secrets |= {p.get("pattern") for p in draft.iter("part") if p.get("pattern")}
    secrets |= {norm(etree.tostring(n, encoding="unicode", method="text")) for n in
                etree.fromstring(xml.encode("utf-8")).iter("scene") if n.get("id") == draft.get("target")}
    data = json.dumps(learner.refresh().student_view_data(), ensure_ascii=False)
    for payload in (norm(page), norm(data)):
        for secret in secrets:
            assert secret not in payload, secret[:60]
    for option in draft.iter("option"):
        assert f'="{option.get("id")}"' not in page, "the page names options by token, never by author id"
    right = {o.getparent().get("id"): o.get("id") for o in draft.iter("option") if o.get("correct") == "true"}
    assert len(right) == len([p for p in draft.iter("part") if p.get("kind") == "choice"])
