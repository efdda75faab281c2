"""The gradebook contract shared by the graded blocks: one point, scaled by ``weight``."""

from __future__ import annotations

from xblock.fields import Float, Scope
from xblock.scorable import ScorableXBlockMixin, Score


class FractionScoreMixin(ScorableXBlockMixin):
    """Scores are a fraction of one point kept in ``raw_earned``; rescoring keeps it in step.

    Blocks provide ``calculate_score`` (pure, from stored answers) and ``has_submitted_answer``.
    """

    raw_earned = Float(help="Score last published to the gradebook (0–1).", default=None, scope=Scope.user_state)

    def max_score(self):
        return 1

    def get_score(self):
        return Score(raw_earned=self.raw_earned or 0.0, raw_possible=1)

    def set_score(self, score):
        self.raw_earned = score.raw_earned

    def _publish_grade(self, score, only_if_higher=None):
        """Publish to the gradebook and keep ``get_score`` in step (rescore included)."""
        if not only_if_higher or score.raw_earned > (self.raw_earned or 0.0):
            self.set_score(score)
        super()._publish_grade(score, only_if_higher)

    def stored_score(self) -> Score:
        """The score to keep when nothing can be recomputed (e.g. every answered question was removed)."""
        return Score(raw_earned=self.raw_earned or 0.0, raw_possible=1)
