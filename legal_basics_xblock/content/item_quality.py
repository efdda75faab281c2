"""Item-writing checks: cues that give an answer away, per pool of questions.

A pool is one quiz's questions. The checks report what test-wise learners exploit rather than what
they know: the longest option being the key, a key position that repeats, one fixed count of correct
options in multiple-response items, "all/none of the above", feedback too thin to teach, and diagnostic
items practised word for word elsewhere. Thresholds are settings (:class:`ItemRules`) with defaults
close to chance; each finding names the pool and says by how much it is over.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, fields

from .quiz import MULTIPLE, SINGLE, Quiz
from .text import REQUIRED_LANGUAGES

_TAGS = re.compile(r"<[^>]+>")
_WORDS = re.compile(r"\w+", re.UNICODE)
_ALL_NONE = re.compile(r"(все|всё) (выше|вышеперечисленн|перечисленн)|ни один из (вариантов|перечисленн)|"
                       r"жоғарыда(ғы)?(лар)?дың (бәрі|барлығы)|барлық жауап|ешқайсысы (дұрыс )?емес|"
                       r"all of the above|none of the above", re.IGNORECASE)
#: Instruction words every item uses: they say nothing about what an item tests.
_STOP = frozenset((
    "отметьте", "верные", "выберите", "какие", "утверждения", "верно", "сопоставьте", "каждую", "ситуацию",
    "подходящим", "ответом", "ответ", "вариант", "вариантов", "нужно", "может", "можно", "порядке", "расположите",
    "дұрыс", "белгілеңіз", "барлық", "қандай", "таңдаңыз", "сәйкестендіріңіз", "әрбір", "жағдайды", "жауап",
    "керек", "болады", "ретімен", "орналастырыңыз",
))
_BARE = re.compile(r"^(верно|неверно|правильно|неправильно|да|нет|дұрыс|қате|иә|жоқ|дұрыс емес)[.!]?$", re.I)


@dataclass(frozen=True)
class ItemRules:
    """Thresholds; each can be set with the environment variable ``LEGAL_ITEMS_<NAME>`` (upper case)."""

    longest_key_max: float = 0.35  # share of single-choice items whose longest option is the key
    key_position_max: float = 0.40  # share of single-choice items with the key at the same position
    correct_count_max: float = 0.50  # share of multiple-response items with the same number of keys
    feedback_min_chars: int = 25  # per-choice feedback shorter than this does not teach
    repeat_similarity: float = 0.45  # content-word overlap at which a practice item repeats a diagnostic one
    repeat_same_id: float = 0.3  # … or this overlap when the practice item even has the same id
    min_pool: int = 4  # pools with fewer single-choice items are not judged on shares

    @classmethod
    def from_environment(cls) -> ItemRules:
        values = {}
        for item in fields(cls):
            raw = os.environ.get(f"LEGAL_ITEMS_{item.name.upper()}")
            if raw is not None:
                values[item.name] = type(item.default)(raw)
        return cls(**values)


@dataclass(frozen=True)
class ItemFinding:
    pool: str
    rule: str
    message: str
    question: str = ""

    def __str__(self) -> str:
        where = f'{self.pool}, question "{self.question}"' if self.question else self.pool
        return f"{where}: item-writing ({self.rule}): {self.message}"


def plain(html: str) -> str:
    return " ".join(_TAGS.sub(" ", html or "").split())


def _longest_is_key(question, language: str) -> bool:
    lengths = [(len(plain(c.text.get(language, ""))), c.correct) for c in question.choices]
    longest = max(length for length, _ in lengths)
    winners = [correct for length, correct in lengths if length == longest]
    return len(winners) == 1 and winners[0]


def _share_findings(pool: str, singles: list, rules: ItemRules) -> list:
    found = []
    for language in REQUIRED_LANGUAGES:
        longest = sum(_longest_is_key(q, language) for q in singles) / len(singles)
        if longest > rules.longest_key_max:
            found.append(ItemFinding(pool, "longest option", f"[{language}] the longest option is the key in "
                                     f"{longest:.0%} of {len(singles)} single-choice items (at most "
                                     f"{rules.longest_key_max:.0%}); make distractors as long and specific"))
    positions = Counter(next(i for i, c in enumerate(q.choices) if c.correct) for q in singles)
    position, count = positions.most_common(1)[0]
    if count / len(singles) > rules.key_position_max:
        found.append(ItemFinding(pool, "key position", f"the key is option {position + 1} in {count} of "
                                 f"{len(singles)} single-choice items (at most {rules.key_position_max:.0%})"))
    return found


def _count_findings(pool: str, multiples: list, rules: ItemRules) -> list:
    counts = Counter(sum(c.correct for c in q.choices) for q in multiples)
    number, count = counts.most_common(1)[0]
    if len(multiples) >= 2 and count / len(multiples) > rules.correct_count_max:
        return [ItemFinding(pool, "correct count", f"{count} of {len(multiples)} multiple-response items have "
                            f"exactly {number} correct options (at most {rules.correct_count_max:.0%} may share "
                            "one count)")]
    return []


def _item_findings(pool: str, question, rules: ItemRules) -> list:
    found = []
    for choice in question.choices:
        texts = [plain(t) for t in choice.text.values()]
        if any(_ALL_NONE.search(t) for t in texts):
            found.append(ItemFinding(pool, "all/none of the above", f'option "{choice.id}" says "all/none of '
                                     'the above": test-wise learners pick it without knowing', question.id))
        for language, feedback in choice.feedback.items():
            text = plain(feedback)
            if text and (len(text) < rules.feedback_min_chars or _BARE.match(text)):
                found.append(ItemFinding(pool, "thin feedback", f'[{language}] the feedback of option "{choice.id}" '
                                         f'("{text}") is too short to teach: say why', question.id))
    return found


def pool_findings(pool: str, quiz: Quiz, rules: ItemRules | None = None) -> list:
    """Every cue in one pool of questions."""
    rules = rules or ItemRules()
    singles = [q for q in quiz.questions if q.kind == SINGLE and any(c.correct for c in q.choices)]
    multiples = [q for q in quiz.questions if q.kind == MULTIPLE]
    found = _share_findings(pool, singles, rules) if len(singles) >= rules.min_pool else []
    found += _count_findings(pool, multiples, rules) if multiples else []
    for question in quiz.questions:
        found += _item_findings(pool, question, rules)
    return found


def _words(question, language: str) -> set:
    options = (*question.choices, *question.steps, *question.pairs, *question.distractors)
    texts = [question.stem.get(language, "")] + [o.text.get(language, "") for o in options]
    texts += [o.prompt.get(language, "") for o in question.pairs]
    return {w for w in _WORDS.findall(plain(" ".join(texts)).lower()) if len(w) >= 4 and w not in _STOP}


def similarity(first, second, language: str) -> float:
    a, b = _words(first, language), _words(second, language)
    return len(a & b) / len(a | b) if a and b else 0.0


def repeated_items(diagnostic: tuple, practice: list, rules: ItemRules | None = None) -> list:
    """Diagnostic (pre/post) items practised nearly word for word in another pool: ``(pool, quiz)`` pairs."""
    rules = rules or ItemRules()
    name, test = diagnostic
    found = []
    for pool, quiz in practice:
        for item in test.questions:
            for other in quiz.questions:
                score = max(similarity(item, other, language) for language in REQUIRED_LANGUAGES)
                limit = rules.repeat_same_id if item.id == other.id else rules.repeat_similarity
                if score >= limit:
                    found.append(ItemFinding(name, "repeated item", f'practised in {pool} as question "{other.id}" '
                                             f"({score:.0%} the same content words): a post-test then measures "
                                             "memory of the practice item, not knowledge", item.id))
    return found
