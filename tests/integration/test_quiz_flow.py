"""The quiz in the real workbench runtime: submit, attempts, policies, grades, staff."""

from __future__ import annotations

import datetime
import re

import pytest

from tests.conftest import fixture_xml

pytestmark = pytest.mark.django_db


def tokens_of(html: str) -> dict:
    """Map each question token to the option tokens shown, in page order."""
    questions = {}
    for block in re.split(r'(?=<fieldset class="lb-q)', html)[1:]:
        q = re.search(r'data-q="([a-z0-9]+)"', block).group(1)
        kind = re.search(r'data-kind="(\w+)"', block).group(1)
        options = re.findall(r'<input type="\w+" name="[^"]+" id="[^"]+" value="([a-z0-9]+)"', block)
        steps = re.findall(r'data-token="([a-z0-9]+)"', block)
        prompts = re.findall(r'data-prompt="([a-z0-9]+)"', block)
        answers = re.findall(r'<option value="([a-z0-9]+)"', block)
        text = re.sub(r"<[^>]+>", " ", block)
        questions[q] = {"kind": kind, "options": options, "steps": steps, "prompts": prompts,
                        "answers": answers, "text": text}
    return questions


def answer_everything(html: str, pick=0) -> dict:
    answers = {}
    for token, q in tokens_of(html).items():
        if q["kind"] in ("single", "multiple"):
            answers[token] = {"choices": [q["options"][pick]]}
        elif q["kind"] == "ordering":
            answers[token] = {"order": q["steps"]}
        else:
            answers[token] = {"matches": {p: q["answers"][0] for p in q["prompts"]}}
    return {"answers": answers}


def correct_answers(learner) -> dict:
    """Build a fully correct submission from the author ids, through the learner's tokens."""
    block = learner.refresh()
    tokens = block.tokens()
    answers = {}
    for qid in block.drawn_ids():
        question = block.model().question(qid)
        if question.kind in ("single", "multiple"):
            answers[tokens.token(qid)] = {"choices": [tokens.token(qid, c.id) for c in question.choices if c.correct]}
        elif question.kind == "ordering":
            answers[tokens.token(qid)] = {"order": [tokens.token(qid, s.id) for s in question.steps]}
        else:
            answers[tokens.token(qid)] = {"matches": {tokens.token(qid, p.id): tokens.token(qid, "answer", p.id)
                                                      for p in question.pairs}}
    return {"answers": answers}


def test_submit_all_correct_publishes_full_grade_and_completion(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    learner = workbench.learner(usage)
    status, reply = learner.call("submit", correct_answers(learner))
    assert status == 200, reply
    grades = [data for kind, data in learner.events if kind == "grade"]
    assert grades == [{"value": 1.0, "max_value": 1, "only_if_higher": False}]
    assert ("completion", {"completion": 1.0}) in learner.events
    assert any(kind == "edx.legal_quiz.submitted" for kind, _ in learner.events)
    assert "100%" in reply["html"]
    assert learner.state()["attempts"] == 1


def test_wrong_answers_show_feedback_but_not_the_key_until_finished(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    learner = workbench.learner(usage)
    block = learner.refresh()
    tokens = block.tokens()
    payload = correct_answers(learner)
    payload["answers"][tokens.token("single-q")] = {"choices": [tokens.token("single-q", "wrong")]}
    status, reply = learner.call("submit", payload)
    assert status == 200
    assert "FEEDBACK-WRONG-KK" in reply["html"]
    assert "EXPLANATION-SINGLE-KK" not in reply["html"], "show_answer=finished: key hidden while attempts remain"
    status, reply = learner.call("reset", {})
    assert status == 200
    status, reply = learner.call("submit", answer_everything(reply["html"], pick=0))
    assert status == 200
    assert "EXPLANATION-SINGLE-KK" in reply["html"], "attempts used up: finished"
    status, reply = learner.call("reset", {})
    assert status == 409 and reply["error"] == learner.refresh().gettext("No attempts are left.")


def test_attempt_limit_and_double_submit_are_refused_without_state_change(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    learner = workbench.learner(usage)
    html = learner.html()
    assert learner.call("submit", answer_everything(html))[0] == 200
    before = learner.state()
    status, reply = learner.call("submit", answer_everything(html))
    assert status == 409 and reply["error"]
    assert learner.state() == before


def test_past_due_refuses_submission(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml").replace(
        'mode="practice"', 'mode="practice" due="2020-01-01T00:00:00Z"'))
    learner = workbench.learner(usage)
    assert "<input" not in learner.html(), "a closed quiz shows no controls"
    status, reply = learner.call("submit", correct_answers(learner))
    closed = learner.refresh().gettext("The due date has passed; answers can no longer be submitted.")
    assert status == 403 and reply["error"] == closed
    assert learner.state()["attempts"] == 0
    assert closed in learner.html()


def test_exam_mode_hides_results_until_finish(workbench):
    xml = fixture_xml("quiz_all_kinds.xml").replace('mode="practice"', 'mode="exam"').replace(
        'max_attempts="2"', 'max_attempts="3"')
    usage = workbench.load(xml)
    learner = workbench.learner(usage)
    status, reply = learner.call("submit", answer_everything(learner.html()))
    assert status == 200
    for secret in ("FEEDBACK-", "EXPLANATION-", "lb-result", "lb-score"):
        assert secret not in reply["html"]
    assert learner.call("hint", {"question": "x"})[0] == 409
    status, reply = learner.call("finish", {})
    assert status == 200
    assert "lb-result" in reply["html"] and "EXPLANATION-" in reply["html"]


def test_diagnostic_mode_is_ungraded_but_tracked(workbench):
    xml = fixture_xml("quiz_all_kinds.xml").replace('mode="practice"', 'mode="diagnostic" pair="pre-post"')
    usage = workbench.load(xml)
    learner = workbench.learner(usage)
    assert learner.refresh().has_score is False
    assert learner.call("submit", correct_answers(learner))[0] == 200
    assert not [e for e in learner.events if e[0] == "grade"]
    submitted = [data for kind, data in learner.events if kind == "edx.legal_quiz.submitted"]
    assert submitted[0]["pair"] == "pre-post" and submitted[0]["fraction"] == 1.0


def test_rescore_uses_the_corrected_key_and_survives_a_removed_question(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    learner = workbench.learner(usage)
    block = learner.refresh()
    tokens = block.tokens()
    payload = correct_answers(learner)
    payload["answers"][tokens.token("single-q")] = {"choices": [tokens.token("single-q", "wrong")]}
    learner.call("submit", payload)
    assert learner.refresh().get_score().raw_earned == pytest.approx(0.75)
    # The author fixes the key: "wrong" was right after all.
    author = learner.refresh()
    document = author.quiz
    for choice in document["questions"][0]["choices"]:
        choice["correct"] = choice["id"] == "wrong"
    author.store_content(document)
    author.save()
    block = learner.refresh()
    block.runtime.publish = lambda _block, kind, data: learner.events.append((kind, data))
    block.rescore(only_if_higher=False)
    assert block.get_score().raw_earned == pytest.approx(1.0)
    assert learner.events[-1] == ("grade", {"value": 1.0, "max_value": 1, "only_if_higher": False})
    # The author removes a question; the page still renders and the score stays valid.
    document = block.quiz
    document["questions"] = [q for q in document["questions"] if q["id"] != "order-q"]
    block.store_content(document)
    block.save()
    html = learner.html()
    assert "STEM-ORDER" not in html and "STEM-SINGLE" in html
    assert 0.0 <= learner.refresh().calculate_score().raw_earned <= 1.0


def test_reordered_choices_keep_the_earned_score(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    learner = workbench.learner(usage)
    learner.call("submit", correct_answers(learner))
    block = learner.refresh()
    document = block.quiz
    document["questions"][0]["choices"].reverse()
    block.store_content(document)
    block.save()
    block = learner.refresh()
    assert block.calculate_score().raw_earned == 1.0
    assert "lb-result--correct" in learner.html()


def test_hint_is_served_only_on_request(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    learner = workbench.learner(usage)
    html = learner.html()
    assert "HINT-SINGLE" not in html
    token = learner.refresh().tokens().token("single-q")
    status, reply = learner.call("hint", {"question": token})
    assert status == 200 and "HINT-SINGLE-KK" in reply["html"]
    status, reply = learner.call("hint", {"question": token})
    assert status == 409


def test_language_switch_sticks_and_changes_content_and_ui(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    learner = workbench.learner(usage)
    assert "STEM-SINGLE-KK" in learner.html()
    status, reply = learner.call("set_language", {"language": "ru"})
    assert status == 200 and "STEM-SINGLE-RU" in reply["html"]
    assert 'lang="ru"' in learner.html()
    assert learner.call("set_language", {"language": "de"})[0] == 400


def test_staff_reset_requires_staff(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    learner = workbench.learner(usage)
    learner.call("submit", answer_everything(learner.html()))
    status, reply = learner.call("staff_reset", {})
    assert status == 403
    assert learner.state()["attempts"] == 1
    staff = workbench.learner(usage, "staff-anna")
    staff.call("submit", answer_everything(staff.html()))
    assert staff.call("staff_reset", {})[0] == 200
    assert staff.state()["attempts"] == 0


def test_show_answer_always_reveals_on_request_only(workbench):
    xml = fixture_xml("quiz_all_kinds.xml").replace('show_answer="finished"', 'show_answer="always"')
    usage = workbench.load(xml)
    learner = workbench.learner(usage)
    html = learner.html()
    assert "EXPLANATION-" not in html and 'data-action="show_answer_handler"' in html
    status, reply = learner.call("show_answer_handler", {})
    assert status == 200 and "EXPLANATION-SINGLE-KK" in reply["html"]


def test_draw_is_stable_per_learner_and_differs_between_learners(workbench):
    xml = fixture_xml("quiz_all_kinds.xml").replace('shuffle="true"', 'shuffle="true" draw="2"')
    usage = workbench.load(xml)
    draws = {}
    for student in ("a", "b", "c", "d", "e", "f"):
        learner = workbench.learner(usage, student)
        first = learner.refresh().drawn_ids()
        assert learner.refresh().drawn_ids() == first
        assert len(first) == 2
        draws[student] = tuple(first)
    assert len(set(draws.values())) > 1


def test_mobile_data_has_no_answers_before_submission(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    data = workbench.learner(usage).refresh().student_view_data()
    text = repr(data)
    for secret in ("FEEDBACK-", "EXPLANATION-", "HINT-", "'correct'", "correct_text", "correct_steps"):
        assert secret not in text


def test_completion_and_time_fields_are_recorded(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    learner = workbench.learner(usage)
    learner.call("submit", answer_everything(learner.html()))
    log = learner.state()["learner"]["log"]
    assert datetime.datetime.fromisoformat(log[0]["time"]).tzinfo is not None


def test_the_draft_survives_a_hint_a_language_switch_and_a_reload(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    learner = workbench.learner(usage, "drafter")
    html = learner.html()
    draft = answer_everything(html)["answers"]
    first = next(token for token, answer in draft.items() if "choices" in answer)  # shown as " checked"
    partial = {first: draft[first]}
    assert learner.call("save_draft", {"draft": partial}) == (200, {"saved": True})
    reloaded = learner.html()
    assert reloaded.count(" checked") == 1, "a reload shows the saved answer"
    status, reply = learner.call("set_language", {"language": "ru", "draft": draft})
    assert status == 200 and reply["html"].count(" checked") >= 2
    assert "lb-answered" in reply["html"]
    status, _ = learner.call("submit", {"answers": draft})
    assert status == 200
    assert learner.refresh().learner["draft"] == {}, "a submitted attempt keeps no draft"
    assert learner.call("save_draft", {"draft": partial})[0] == 409


def test_an_incomplete_submission_names_the_unanswered_questions(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    learner = workbench.learner(usage, "incomplete")
    answers = answer_everything(learner.html())["answers"]
    skipped = list(answers)[1:3]
    for token in skipped:
        answers.pop(token)
    before = learner.state()
    status, reply = learner.call("submit", {"answers": answers})
    assert status == 400 and sorted(reply["missing"]) == sorted(skipped) and "2, 3" in reply["error"]
    assert learner.state() == before


def test_submitted_answers_are_text_and_staff_get_a_reset_button(workbench):
    usage = workbench.load(fixture_xml("quiz_all_kinds.xml"))
    learner = workbench.learner(usage, "reader")
    learner.call("submit", answer_everything(learner.html()))
    html = learner.html()
    assert "<input" not in html and "lb-option--mine" in html
    assert 'data-action="staff_reset"' not in html
    staff = workbench.learner(usage, "staff-reader")
    staff.call("submit", answer_everything(staff.html()))
    assert 'data-action="staff_reset"' in staff.html() and "data-confirm" in staff.html()
