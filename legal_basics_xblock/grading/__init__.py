"""Pure grading: scores from content and answers, per-learner draws (no xblock import)."""
