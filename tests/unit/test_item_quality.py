"""Item-writing checks: each cue is found, a pool written to the rules passes, thresholds are settings."""

from __future__ import annotations

import pytest

from legal_basics_xblock.content.item_quality import ItemRules, pool_findings, repeated_items
from legal_basics_xblock.content.quiz import load_quiz

GOOD_FEEDBACK = "Нет: по закону срок считается со дня регистрации обращения."


def choice(cid, text, correct=False, feedback=GOOD_FEEDBACK):
    return {"id": cid, "correct": correct, "text": {"kk": text, "ru": text},
            "feedback": {"kk": feedback, "ru": feedback}}


def single(qid, key_at=0, key_text="Ответ суда", others=("Ответ банка", "Ответ акимата", "Ответ прокурора")):
    options = [choice(c, t) for c, t in zip("bcd", others)]
    options.insert(key_at, choice("a", key_text, True))
    return {"id": qid, "kind": "single", "stem": {"kk": f"Сұрақ {qid}", "ru": f"Вопрос {qid}"}, "choices": options}


def multiple(qid, keys):
    return {"id": qid, "kind": "multiple", "stem": {"kk": qid, "ru": qid},
            "choices": [choice(f"c{i}", f"Вариант {i}", i < keys) for i in range(5)]}


def findings(questions, **rules):
    return pool_findings("pool", load_quiz({"questions": questions}), ItemRules(**rules))


def rules_of(found):
    return {f.rule for f in found}


def test_a_pool_written_to_the_rules_passes():
    questions = [single(f"q{i}", key_at=i % 4) for i in range(8)] + [multiple("m1", 2), multiple("m2", 3)]
    assert findings(questions) == []


def test_the_longest_option_being_the_key_is_found_per_language():
    long_key = "Очень длинный и подробный правильный ответ со всеми оговорками"
    found = findings([single(f"q{i}", key_at=i % 4, key_text=long_key) for i in range(6)])
    assert sum(f.rule == "longest option" for f in found) == 2  # kk and ru


def test_a_repeated_key_position_and_a_fixed_correct_count_are_found():
    assert "key position" in rules_of(findings([single(f"q{i}", key_at=1) for i in range(6)]))
    assert "correct count" in rules_of(findings([multiple(f"m{i}", 3) for i in range(3)]))


def test_all_or_none_of_the_above_and_thin_feedback_are_found():
    question = single("q1")
    question["choices"][1] = choice("b", "Все перечисленные варианты")
    question["choices"][2] = choice("c", "Ещё", feedback="Верно.")
    found = findings([question])
    assert {"all/none of the above", "thin feedback"} <= rules_of(found)
    assert all(f.question == "q1" for f in found)


def test_small_pools_are_not_judged_on_shares_and_thresholds_are_settings(monkeypatch):
    assert findings([single("q1", key_at=1), single("q2", key_at=1)]) == []
    monkeypatch.setenv("LEGAL_ITEMS_KEY_POSITION_MAX", "0.9")
    assert ItemRules.from_environment().key_position_max == 0.9


def test_diagnostic_items_practised_word_for_word_are_found():
    test = load_quiz({"questions": [single("pre1")]})
    copy = {**single("pre1"), "id": "copy"}
    practice = load_quiz({"questions": [copy]})
    found = repeated_items(("pretest", test), [("m05 quiz", practice)])
    assert found and "m05 quiz" in found[0].message
    other = load_quiz({"questions": [single("x", key_text="Совсем другой вопрос", others=("и", "иные", "слова"))]})
    other.questions[0].stem.update(kk="Мүлде басқа", ru="Совершенно иной текст")
    assert not repeated_items(("pretest", test), [("m05 quiz", other)])


@pytest.mark.parametrize("text", ["Все вышеперечисленные", "Жоғарыдағылардың бәрі", "Ни один из вариантов"])
def test_all_none_wordings(text):
    question = single("q1")
    question["choices"][1] = choice("b", text)
    assert "all/none of the above" in rules_of(findings([question]))
