"""The quiz learner's unsubmitted answers, kept on the server: a hint, a language switch, a reload or a
lost connection never loses them (the page saves them as the learner answers and sends them along
with every other request)."""

from __future__ import annotations

from xblock.exceptions import JsonHandlerError

from ..grading.answers import AnswerError, decode_draft
from ..rendering.policy import can_submit
from .base import json_api


class AnswerDraftMixin:
    """Needs ``learner``, ``update_learner``, ``attempt_number``, ``drawn_ids``, ``model``, ``tokens``,
    ``status`` and ``gettext`` (the quiz block)."""

    def draft_answers(self) -> dict:
        """The current attempt's saved answers (a draft of an earlier attempt is dropped)."""
        draft = self.learner.get("draft") or {}
        return draft.get("answers", {}) if draft.get("attempt") == self.attempt_number() else {}

    def keep_draft(self, data: dict) -> None:
        """Store ``data["draft"]`` when the request carries one and the attempt is still open."""
        if "draft" not in data or not can_submit(self.status()):
            return
        quiz, tokens = self.model(), self.tokens()
        try:
            answers = decode_draft(data, [quiz.question(i) for i in self.drawn_ids()], tokens.token)
        except AnswerError as err:
            raise JsonHandlerError(400, err.message(self.gettext)) from err
        self.update_learner(draft={"attempt": self.attempt_number(), "answers": answers})

    @json_api
    def save_draft(self, data, suffix=""):
        """Keep the answers given so far; the reply is small (no page), the page stays as it is."""
        if not can_submit(self.status()):
            raise JsonHandlerError(409, self.gettext("This attempt is already submitted."))
        if "draft" not in data:
            raise JsonHandlerError(400, self.gettext("The saved answers are not in the expected form."))
        self.keep_draft(data)
        return {"saved": True}
