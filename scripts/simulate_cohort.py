"""Drive the real diagnostic quiz in the xblock-sdk workbench with simulated learners and write the
instructor dashboard's problem-responses CSV for it (the demo input of scripts/knowledge_gain.py).

    python scripts/simulate_cohort.py [--learners 40] [--seed 7] [--quiz course_export/modules/m00/pretest.xml]
                                      --out var/cohort/problem-responses.csv

Each simulated learner has an ability; before the course they answer a question right with a chance
set by that ability and the topic, after the course with a higher one. Every answer goes through the
block's own submit handler (tokens, validation, grading, preferences), and the rows come from the
block's own ``generate_report_data``, exactly as the LMS report task would call it. Nothing is typed
by hand: the numbers in the report are what the blocks recorded.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devserver.settings")

COLUMNS = ("username", "title", "location", "block_key", "state")


@dataclass
class UserState:
    """What the LMS's user-state client yields per learner (username and the block's user_state)."""

    username: str
    state: dict


def answer(block, question_id: str, right: bool, rng: random.Random) -> dict:
    """One question's answer through the learner's tokens: the key, or a plausible wrong answer."""
    tokens, question = block.tokens(), block.model().question(question_id)
    if question.kind in ("single", "multiple"):
        keys = [c.id for c in question.choices if c.correct]
        wrong = [c.id for c in question.choices if not c.correct]
        chosen = keys if right or not wrong else [rng.choice(wrong)]
        return {"choices": [tokens.token(question_id, c) for c in chosen]}
    if question.kind == "ordering":
        order = [s.id for s in question.steps]
        if not right:
            order[0], order[-1] = order[-1], order[0]
        return {"order": [tokens.token(question_id, s) for s in order]}
    pairs = [p.id for p in question.pairs]
    targets = pairs if right else pairs[1:] + pairs[:1]
    return {"matches": {tokens.token(question_id, p): tokens.token(question_id, "answer", t)
                        for p, t in zip(pairs, targets)}}


def chance(ability: float, topic: str, phase: str) -> float:
    """The simulated probability of a right answer: ability, a topic's difficulty, and what the course adds."""
    difficulty = (sum(map(ord, topic)) % 5) / 20  # 0–0.2, fixed per topic
    learned = 0.3 if phase == "post" else 0.0
    return max(0.05, min(0.97, ability - difficulty + learned))


def take_test(learner, phase: str, ability: float, rng: random.Random) -> int:
    block = learner.refresh()
    answers = {block.tokens().token(qid): answer(block, qid, rng.random() < chance(
        ability, block.model().question(qid).topic, phase), rng) for qid in block.drawn_ids()}
    status, reply = learner.call("submit", {"answers": answers})
    if status != 200:
        raise SystemExit(f"the block refused a simulated submission: {reply}")
    return status


def report_rows(workbench_learners: list, title: str, location: str) -> list:
    """The problem-responses rows, built as the LMS task does: its columns, then the block's own."""
    block = workbench_learners[0].refresh()
    states = [UserState(learner.student, {"learner": learner.refresh().learner}) for learner in workbench_learners]
    rows = []
    for username, extra in block.generate_report_data(iter(states)):
        state = next(s.state for s in states if s.username == username)
        summary = {"attempts": len(state["learner"].get("log", []))}  # the LMS puts the raw state here
        rows.append({"username": username, "title": title, "location": location,
                     "block_key": str(block.scope_ids.usage_id), "state": json.dumps(summary), **extra})
    return rows


def simulate(quiz_xml: str, learners: int, seed: int) -> list:
    from workbench.runtime import WorkbenchRuntime  # pylint: disable=import-outside-toplevel

    from devserver.learner import Learner  # pylint: disable=import-outside-toplevel
    runtime = WorkbenchRuntime()
    pre_usage = runtime.parse_xml_string(quiz_xml.replace('mode="diagnostic"', 'mode="diagnostic" phase="pre"', 1))
    post_usage = runtime.parse_xml_string(quiz_xml.replace('mode="diagnostic"', 'mode="diagnostic" phase="post"', 1))
    rng = random.Random(seed)
    pre, post = [], []
    for number in range(1, learners + 1):
        ability = min(0.85, max(0.15, rng.gauss(0.45, 0.15)))
        name = f"student{number:03d}"
        pre.append(Learner(pre_usage, name))
        take_test(pre[-1], "pre", ability, rng)
        if rng.random() < 0.9:  # a few learners never take the post-test
            post.append(Learner(post_usage, name))
            take_test(post[-1], "post", ability, rng)
    return report_rows(pre, "Input test", "Module 0 > Input test") + \
        report_rows(post, "Final test", "Final project > Final test")


def write_csv(rows: list, target: Path) -> None:
    columns = list(COLUMNS) + [key for key in rows[0] if key not in COLUMNS]
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quiz", type=Path, default=ROOT / "course_export" / "modules" / "m00" / "pretest.xml")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    import django  # pylint: disable=import-outside-toplevel
    django.setup()
    from django.core.management import call_command  # pylint: disable=import-outside-toplevel
    from django.db import connection  # pylint: disable=import-outside-toplevel
    from django.test.utils import setup_test_environment  # pylint: disable=import-outside-toplevel
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)  # a throw-away database, like the tests use
    try:
        call_command("migrate", run_syncdb=True, verbosity=0)
        rows = simulate(args.quiz.read_text(encoding="utf-8"), args.learners, args.seed)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    write_csv(rows, args.out)
    print(f"{args.out}: {len(rows)} rows from {args.learners} simulated learners")
    return 0


if __name__ == "__main__":
    sys.exit(main())
