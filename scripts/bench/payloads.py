"""What each measured handler is sent, read from the learner's rendered HTML, and how its answer is judged.

Our blocks hand the browser opaque per-learner tokens instead of author ids, so a valid request can
only be built from the HTML that learner was shown, exactly as the block's JS does. Pure functions:
the unit tests feed them HTML snippets.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser


class QuizForm(HTMLParser):
    """One valid answer per question of a learner's quiz form, whatever the question kind.

    single/multiple: the first choice; ordering: the steps in the order shown (every step once is
    all the decoder asks); matching: the first offered answer for every situation (a list sent with
    ``data-options-from`` offers what the question's first list offers, as the block's JS copies it).
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.question = None  # token of the <fieldset class="lb-q"> being read
        self.prompt = None  # data-prompt of the <select> being read
        self.first_offered = None  # the first answer the question's first list offers
        self.answers: dict = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "fieldset" and "lb-q" in (attrs.get("class") or "").split() and attrs.get("data-q"):
            self.question = attrs["data-q"]
        elif self.question:
            self._answer_part(tag, attrs)

    def _answer_part(self, tag, attrs):
        answer = self.answers.setdefault(self.question, {})
        if tag == "input" and attrs.get("value") and "choices" not in answer:
            answer["choices"] = [attrs["value"]]
        elif tag == "li" and attrs.get("data-token"):
            answer.setdefault("order", []).append(attrs["data-token"])
        elif tag == "select" and attrs.get("data-prompt"):
            self.prompt = attrs["data-prompt"]
        elif tag == "option" and self.prompt and attrs.get("value"):
            self.first_offered = self.first_offered or attrs["value"]
            answer.setdefault("matches", {}).setdefault(self.prompt, attrs["value"])

    def handle_endtag(self, tag):
        if tag == "fieldset":
            self.question = self.first_offered = None
        elif tag == "select" and self.question:
            matches = self.answers[self.question].setdefault("matches", {})
            if self.prompt and self.prompt not in matches and self.first_offered:
                matches[self.prompt] = self.first_offered
            self.prompt = None


def quiz_payload(html: str) -> dict:
    """The quiz ``submit`` body: an answer for every question drawn for this learner."""
    parser = QuizForm()
    parser.feed(html)
    answers = {token: answer for token, answer in parser.answers.items() if answer}
    if not answers:
        raise RuntimeError("no <fieldset class=\"lb-q\" data-q=...> with inputs found in the quiz HTML")
    return {"answers": answers}


def case_payload(html: str) -> dict:
    """The case study's ``choose`` body: the first choice open to the learner now."""
    match = re.search(r'data-action="choose"[^>]*?data-choice="([^"]+)"', html) or re.search(
        r'data-choice="([^"]+)"[^>]*?data-action="choose"', html)
    if not match:
        raise RuntimeError('no data-action="choose" data-choice=... button in the case study HTML')
    return {"choice": match.group(1)}


def trial_payload(html: str) -> dict:
    """The mock trial's ``choose_role`` body: the first role offered."""
    match = re.search(r'data-role="([^"]+)"', html)
    if not match:
        raise RuntimeError('no data-role=... button in the mock trial HTML')
    return {"role": match.group(1)}


def status_ok(status, body):
    """Any 200 counts: the block answers refusals with 4xx (our blocks, dnd, thumbs)."""
    return None if status == 200 else f"HTTP {status}: {str(body)[:200]}"


def success_ok(status, body):
    """A 200 that says ``success: false`` is a refusal too (branching, poll), so it is not timed."""
    if status != 200:
        return f"HTTP {status}: {str(body)[:200]}"
    if isinstance(body, dict) and body.get("success") is False:
        return f"handler refused: {str(body)[:200]}"
    return None
