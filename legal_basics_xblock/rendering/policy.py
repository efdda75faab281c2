"""When a learner may see results, feedback and answers (modes and show-answer policies)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LearnerStatus:
    attempts: int
    max_attempts: int
    submitted: bool
    finished: bool
    past_due: bool
    last_fraction: float | None

    @property
    def attempts_left(self) -> int | None:
        """Remaining attempts, ``None`` when unlimited."""
        if not self.max_attempts:
            return None
        return max(self.max_attempts - self.attempts, 0)

    @property
    def closed(self) -> bool:
        """No more submissions: attempts used, past due, or the learner finished."""
        return self.finished or self.past_due or self.attempts_left == 0

    @property
    def correct(self) -> bool:
        return self.last_fraction is not None and self.last_fraction >= 1.0 - 1e-9


def results_visible(mode: str, status: LearnerStatus) -> bool:
    """Correctness and per-choice feedback for the learner's own submitted answers."""
    if not status.submitted and not (status.past_due and status.attempts):
        return False
    if mode == "exam":
        return status.closed
    return mode == "practice"


def answer_visible(policy: str, mode: str, status: LearnerStatus) -> bool:
    """Whether the correct answers, explanations and citations may be shown."""
    if mode == "exam" and not status.closed:
        return False
    rules = {
        "always": True,
        "never": False,
        "attempted": status.attempts > 0 or status.past_due,
        "answered": status.submitted,
        "finished": status.closed or status.correct,
        "past_due": status.past_due,
        "correct_or_past_due": status.correct or status.past_due,
    }
    return rules.get(policy, False)


def can_submit(status: LearnerStatus) -> bool:
    return not status.submitted and not status.closed


def can_retry(mode: str, status: LearnerStatus) -> bool:
    """A new attempt after a submitted one, while attempts remain and the quiz is open."""
    return status.submitted and not status.closed
