"""The instructor's knowledge-gain report from the pre/post diagnostic test (``legal_quiz`` in diagnostic mode).

Input: one or more "problem responses" CSV reports from the Open edX instructor dashboard. Our quiz block adds
``Pair``, ``Phase``, ``Question``, ``Topic``, ``Topic name``, ``Answer``, ``Correct``, ``Score``, ``Attempt`` and
``Time`` to every row it yields; rows of other blocks leave ``Pair``/``Phase`` empty and are ignored.

The module has three layers so each can be tested alone: reading (the only file input), pure computation
(first attempts, normalised gains, item analysis) and rendering (a self-contained bilingual HTML page with
matplotlib charts inlined as SVG, and a per-learner CSV). Same input, same bytes: every collection is sorted,
sums use ``math.fsum`` (order-independent), and the SVG carries no date and uses a fixed hash salt.
No Django or XBlock import, so the script runs on an instructor's laptop.
"""

from __future__ import annotations

import csv
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass

PHASES = ("pre", "post")
MEDIUM_GAIN = 0.3  # Hake (1998): g < 0.3 low, 0.3-0.7 medium, >= 0.7 high
HIGH_GAIN = 0.7
TOO_EASY, TOO_HARD, WEAK_DISCRIMINATION = 0.9, 0.2, 0.2
MIN_LEARNERS_FOR_DISCRIMINATION = 5
EPS = 1e-9


class NoData(ValueError):
    """No usable pre/post rows: the CLI turns this into exit status 1 and the message."""


# ---------------------------------------------------------------- reading

@dataclass(frozen=True)
class Response:
    """One learner's answer to one question in one attempt of the pre- or post-test."""

    username: str
    pair: str
    phase: str
    question: str
    topic: str
    topic_name: str
    score: float
    attempt: int


def _field(row: dict, name: str) -> str:
    """A cell as stripped text; ``csv.DictReader`` gives None for cells missing from short rows."""
    return (row.get(name) or "").strip()


def parse_score(text: str) -> float | None:
    """The earned share 0-1; a decimal comma is accepted because spreadsheets re-save CSVs with one."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if 0.0 <= value <= 1.0 else None


def parse_attempt(text: str) -> int | None:
    """The 1-based attempt number, or None when it is not a positive integer."""
    try:
        value = int(text)
    except ValueError:
        return None
    return value if value >= 1 else None


def is_prepost_row(row: dict) -> bool:
    """Only our diagnostic quiz fills both Pair and Phase; every other block's row leaves them empty."""
    return bool(_field(row, "Pair")) and _field(row, "Phase").lower() in PHASES


def parse_response(row: dict) -> Response | None:
    """A pre/post row as a Response, or None when a needed cell is missing or malformed."""
    score, attempt = parse_score(_field(row, "Score")), parse_attempt(_field(row, "Attempt"))
    username, question = _field(row, "username"), _field(row, "Question")
    if score is None or attempt is None or not username or not question:
        return None
    return Response(username, _field(row, "Pair"), _field(row, "Phase").lower(), question,
                    _field(row, "Topic"), _field(row, "Topic name"), score, attempt)


def parse_rows(rows) -> tuple[list[Response], int]:
    """The pre/post responses among report rows, and how many pre/post rows were malformed (skipped)."""
    responses, skipped = [], 0
    for row in rows:
        if not is_prepost_row(row):
            continue
        response = parse_response(row)
        if response is None:
            skipped += 1
        else:
            responses.append(response)
    return responses, skipped


def iter_csv_rows(paths):
    """Rows of every file in turn, so a pre and a post download are simply merged.

    ``utf-8-sig`` drops the BOM that Excel and some LMS exports put before the first header. The field size
    limit is raised because other blocks' ``state`` cells (long JSON) share the report.
    """
    csv.field_size_limit(2 ** 26)
    for path in paths:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames:
                reader.fieldnames = [name.strip() for name in reader.fieldnames]
            yield from reader


def read_responses(paths) -> tuple[list[Response], int]:
    """All pre/post responses in the given CSV files (I/O) and the count of skipped malformed rows."""
    return parse_rows(iter_csv_rows(paths))


def choose_pair(responses: list[Response], requested: str | None = None) -> str:
    """The pair key to report on: the requested one, or the only one present (several need ``--pair``)."""
    pairs = sorted({r.pair for r in responses})
    if not pairs:
        raise NoData("no pre/post rows found: no row has both 'Pair' and 'Phase' (pre/post) set. "
                     "Download the problem responses report of the diagnostic legal_quiz blocks.")
    if requested is not None and requested not in pairs:
        raise NoData(f"no pre/post rows with pair key {requested!r}; keys found: {', '.join(pairs)}")
    if requested is None and len(pairs) > 1:
        raise NoData(f"several pair keys found ({', '.join(pairs)}); choose one with --pair")
    return requested or pairs[0]


# ---------------------------------------------------------------- computing

def mean(values) -> float | None:
    """Arithmetic mean, None for no values; ``fsum`` makes it independent of the order of the rows."""
    values = list(values)
    return math.fsum(values) / len(values) if values else None


def natural_key(text: str) -> tuple:
    """Sort key putting q2 before q10 and u9 before u10, as a person would."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
                 for part in re.split(r"(\d+)", text))


def topic_key(topic: str) -> tuple:
    """Topics in module order, the untagged group last."""
    return (topic == "", natural_key(topic))


def first_attempts(responses: list[Response]) -> dict[tuple[str, str], dict[str, float]]:
    """{(username, phase): {question: score}} from each learner's lowest-numbered attempt in each phase.

    Only the first attempt measures what the learner knew: later attempts follow feedback. A row repeated
    (e.g. the same report downloaded twice) counts once: the first occurrence is kept.
    """
    lowest: dict[tuple[str, str], int] = {}
    for r in responses:
        key = (r.username, r.phase)
        lowest[key] = min(lowest.get(key, r.attempt), r.attempt)
    sittings: dict[tuple[str, str], dict[str, float]] = {}
    for r in responses:
        if r.attempt == lowest[(r.username, r.phase)]:
            sittings.setdefault((r.username, r.phase), {}).setdefault(r.question, r.score)
    return sittings


def most_common(values) -> str:
    """The most frequent non-empty value (ties: the smallest), so one stray row cannot rename a topic."""
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else ""


def question_topics(responses: list[Response]) -> dict[str, str]:
    """{question: topic id} as the rows label it."""
    labels: dict[str, list[str]] = {}
    for r in responses:
        labels.setdefault(r.question, []).append(r.topic)
    return {question: most_common(topics) for question, topics in labels.items()}


def topic_names(responses: list[Response]) -> dict[str, str]:
    """{topic id: human title in the course language}."""
    labels: dict[str, list[str]] = {}
    for r in responses:
        labels.setdefault(r.topic, []).append(r.topic_name)
    return {topic: most_common(names) for topic, names in labels.items()}


def topic_scores(scores: dict[str, float], topic_of: dict[str, str]) -> dict[str, float]:
    """Per-topic score of one sitting: the mean over that topic's questions."""
    grouped: dict[str, list[float]] = {}
    for question, score in scores.items():
        grouped.setdefault(topic_of.get(question, ""), []).append(score)
    return {topic: mean(values) for topic, values in grouped.items()}


def normalized_gain(pre: float | None, post: float | None) -> float | None:
    """g = (post - pre) / (1 - pre): the share of the possible growth achieved; undefined when pre is 100 %."""
    if pre is None or post is None or pre >= 1.0 - EPS:
        return None
    return (post - pre) / (1.0 - pre)


def gain_band(gain: float | None) -> str | None:
    """Hake's bands: low below 0.3, medium below 0.7, high from 0.7."""
    if gain is None:
        return None
    if gain < MEDIUM_GAIN - EPS:
        return "low"
    return "medium" if gain < HIGH_GAIN - EPS else "high"


@dataclass(frozen=True)
class LearnerResult:
    """One learner's first-attempt scores, gain and per-topic scores (None where a test was not taken)."""

    username: str
    pre: float | None
    post: float | None
    gain: float | None
    topic_pre: dict
    topic_post: dict

    @property
    def matched(self) -> bool:
        """Took both tests, so has a pre/post comparison."""
        return self.pre is not None and self.post is not None


def learner_result(username: str, pre: dict | None, post: dict | None, topic_of: dict) -> LearnerResult:
    """Scores of one learner from the first-attempt sittings of both phases."""
    pre_score = mean(pre.values()) if pre else None
    post_score = mean(post.values()) if post else None
    return LearnerResult(username, pre_score, post_score, normalized_gain(pre_score, post_score),
                         topic_scores(pre or {}, topic_of), topic_scores(post or {}, topic_of))


def learner_results(sittings: dict, topic_of: dict) -> list[LearnerResult]:
    """Every learner who took at least one of the tests, in name order."""
    users = sorted({user for user, _ in sittings}, key=natural_key)
    return [learner_result(u, sittings.get((u, "pre")), sittings.get((u, "post")), topic_of) for u in users]


def share(values: list[float], test) -> float | None:
    """Share of values passing ``test``; None for an empty list (nothing to divide by)."""
    return sum(1 for v in values if test(v)) / len(values) if values else None


@dataclass(frozen=True)
class Cohort:
    """Group figures over matched learners; gain averages leave out learners whose gain is undefined."""

    matched: int
    only_pre: int
    only_post: int
    undefined: int
    mean_pre: float | None
    mean_post: float | None
    mean_gain: float | None
    class_gain: float | None
    median_gain: float | None
    medium_or_more: int
    negative: int
    share_medium_or_more: float | None
    share_negative: float | None


def cohort_stats(learners: list[LearnerResult]) -> Cohort:
    """Cohort figures. ⟨g⟩ (Hake) uses the mean pre and post of all matched learners, the same means the
    report shows, so a reader can recompute it; only the averages of individual g drop undefined gains."""
    matched = [lr for lr in learners if lr.matched]
    gains = [lr.gain for lr in matched if lr.gain is not None]
    mean_pre, mean_post = mean(lr.pre for lr in matched), mean(lr.post for lr in matched)
    is_medium, is_negative = (lambda g: g >= MEDIUM_GAIN - EPS), (lambda g: g < 0)
    return Cohort(
        matched=len(matched), only_pre=sum(1 for lr in learners if lr.post is None),
        only_post=sum(1 for lr in learners if lr.pre is None), undefined=len(matched) - len(gains),
        mean_pre=mean_pre, mean_post=mean_post, mean_gain=mean(gains), class_gain=normalized_gain(mean_pre, mean_post),
        median_gain=statistics.median(gains) if gains else None,
        medium_or_more=sum(1 for g in gains if is_medium(g)), negative=sum(1 for g in gains if is_negative(g)),
        share_medium_or_more=share(gains, is_medium), share_negative=share(gains, is_negative))


@dataclass(frozen=True)
class TopicResult:
    """Mean pre and post of one topic over matched learners who met it in both tests, and its ⟨g⟩."""

    topic: str
    name: str
    learners: int
    mean_pre: float | None
    mean_post: float | None
    gain: float | None


def topic_result(topic: str, name: str, matched: list[LearnerResult]) -> TopicResult:
    """One topic's figures; with per-learner draws a learner counts only where both tests had the topic."""
    pairs = [(lr.topic_pre[topic], lr.topic_post[topic]) for lr in matched
             if topic in lr.topic_pre and topic in lr.topic_post]
    pre, post = mean(p for p, _ in pairs), mean(q for _, q in pairs)
    return TopicResult(topic, name, len(pairs), pre, post, normalized_gain(pre, post))


def topic_stats(learners: list[LearnerResult], names: dict[str, str]) -> list[TopicResult]:
    """Per-topic figures for matched learners, in module order."""
    matched = [lr for lr in learners if lr.matched]
    topics = {t for lr in matched for t in lr.topic_pre} & {t for lr in matched for t in lr.topic_post}
    return [topic_result(t, names.get(t, ""), matched) for t in sorted(topics, key=topic_key)]


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r; None with fewer than 5 pairs or no variance, where r means nothing."""
    if len(xs) < MIN_LEARNERS_FOR_DISCRIMINATION:
        return None
    mx, my = mean(xs), mean(ys)
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx, syy = math.fsum((x - mx) ** 2 for x in xs), math.fsum((y - my) ** 2 for y in ys)
    if sxx <= EPS or syy <= EPS:
        return None
    return sxy / math.sqrt(sxx * syy)


def difficulty(question: str, sittings: list[dict]) -> float | None:
    """Item difficulty p: the mean score of the question over everyone who was given it."""
    return mean(s[question] for s in sittings if question in s)


def discrimination(question: str, sittings: list[dict]) -> float | None:
    """Corrected item-total correlation: the item against the mean of the learner's other questions, so the
    item does not correlate with itself. Learners who had only this question carry no rest score."""
    pairs = [(s[question], mean(v for q, v in s.items() if q != question))
             for s in sittings if question in s and len(s) > 1]
    return pearson([x for x, _ in pairs], [y for _, y in pairs])


def item_flags(p: float | None, d: float | None) -> tuple[str, ...]:
    """Why a question needs a look: too easy, too hard, or a weak (or negative, maybe a wrong key) discrimination."""
    flags = []
    if p is not None and round(p, 9) > TOO_EASY:
        flags.append("too_easy")
    if p is not None and round(p, 9) < TOO_HARD:
        flags.append("too_hard")
    if d is not None and round(d, 9) < 0:
        flags.append("negative")
    elif d is not None and round(d, 9) < WEAK_DISCRIMINATION:
        flags.append("weak")
    return tuple(flags)


@dataclass(frozen=True)
class ItemResult:
    """Difficulty and discrimination of one question in each phase, and the flags as (phase, reason)."""

    question: str
    topic: str
    p: dict
    d: dict
    flags: tuple


def item_result(question: str, topic: str, by_phase: dict[str, list[dict]]) -> ItemResult:
    """One question's item analysis, pre and post separately."""
    p = {ph: difficulty(question, by_phase[ph]) for ph in PHASES}
    d = {ph: discrimination(question, by_phase[ph]) for ph in PHASES}
    return ItemResult(question, topic, p, d, tuple((ph, f) for ph in PHASES for f in item_flags(p[ph], d[ph])))


def item_stats(sittings: dict, topic_of: dict[str, str]) -> list[ItemResult]:
    """Item analysis over everyone who took each test (not only matched learners): more data per item."""
    by_phase = {ph: [scores for (_, phase), scores in sorted(sittings.items()) if phase == ph] for ph in PHASES}
    questions = sorted({q for scores in sittings.values() for q in scores},
                       key=lambda q: (topic_key(topic_of.get(q, "")), natural_key(q)))
    return [item_result(q, topic_of.get(q, ""), by_phase) for q in questions]


@dataclass(frozen=True)
class Report:
    """Everything the HTML and the CSV show, computed once."""

    pair: str
    learners: list
    cohort: Cohort
    topics: list
    items: list
    skipped: int = 0

    @property
    def matched(self) -> list[LearnerResult]:
        """Learners with both tests: the only ones the gain figures and charts 1-3 use."""
        return [lr for lr in self.learners if lr.matched]

    def flagged(self) -> list[ItemResult]:
        """Questions with at least one revision reason."""
        return [item for item in self.items if item.flags]


def build_report(responses: list[Response], pair: str, skipped: int = 0) -> Report:
    """The whole computation for one pair key (pure)."""
    chosen = [r for r in responses if r.pair == pair]
    sittings, topic_of = first_attempts(chosen), question_topics(chosen)
    learners = learner_results(sittings, topic_of)
    return Report(pair, learners, cohort_stats(learners), topic_stats(learners, topic_names(chosen)),
                  item_stats(sittings, topic_of), skipped)


def load_report(paths, pair: str | None = None) -> Report:
    """Read the CSVs and compute; raises NoData when there is nothing to report on."""
    responses, skipped = read_responses(paths)
    return build_report(responses, choose_pair(responses, pair), skipped)


# ---------------------------------------------------------------- text

# Every word the page shows, per language. Numbers are filled in with str.format; sentences are phrased so that
# a number never needs a case ending (Kazakh suffixes and Russian plurals depend on the number).


# ---------------------------------------------------------------- formatting
