"""The quiz's pre/post diagnostics and its rows in the instructor's problem-responses report."""

from __future__ import annotations

from xblock.fields import Dict, Scope

from ..grading.quiz import topic_shares
from ..rendering.reports import limited, quiz_rows


class DiagnosticsMixin:
    """Needs ``option``, ``mode``, ``model`` and ``scope_ids`` (the quiz block)."""

    diagnostics = Dict(help="This learner's diagnostic results by course and pair key, {key: {pre, post}}: "
                            "preferences are per learner and block type, so the post-test reads the pre-test's "
                            "result across blocks (and after a re-import).", default={}, scope=Scope.preferences)

    def diagnostic_key(self) -> str:
        """The course and pair key: one learner's pre and post results meet under it, in any block."""
        usage = self.scope_ids.usage_id
        course = getattr(usage, "context_key", None) or getattr(usage, "course_key", None) or ""
        return f"{course}|{self.option('pair')}"

    def record_diagnostic(self, quiz, score, time: str) -> None:
        """Keep the first result of each phase (a later attempt does not overwrite what was measured)."""
        key, phase = self.diagnostic_key(), self.option("phase")
        stored = dict(self.diagnostics.get(key, {}))
        if phase not in stored:
            stored[phase] = {"score": round(score.fraction, 4), "topics": topic_shares(quiz, score), "time": time}
            self.diagnostics = {**self.diagnostics, key: stored}

    def diagnostic_results(self) -> dict:
        return self.diagnostics.get(self.diagnostic_key(), {}) if self.mode == "diagnostic" else {}

    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """The instructor dashboard's problem-responses report: one row per learner, attempt and question."""
        quiz, language = self.model(), self.option("default_language")
        diagnostic = ({"Pair": self.option("pair"), "Phase": self.option("phase")} if self.mode == "diagnostic"
                      else {"Pair": "", "Phase": ""})
        rows = ((state.username, row) for state in user_state_iterator
                for number, attempt in enumerate(((state.state or {}).get("learner") or {}).get("log", []), 1)
                for row in quiz_rows(quiz, attempt, number, language, diagnostic))
        return limited(rows, limit_responses)
