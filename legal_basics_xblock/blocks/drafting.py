"""Drafting a document inside a case study or mock trial: the ``submit_draft`` handler and the printable
``document`` (mixed into ``LegalCaseStudyBlock``, so the mock trial has them too).

The learner's browser sends opaque tokens (rendering/drafts.py); this module maps them back to the
author's part and option ids, refuses anything incomplete or malformed with a readable 4xx that changes
nothing, and hands the values to the engine (engine/traversal.submit_draft).
"""

from __future__ import annotations

import html
import re
from typing import NoReturn

from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError

from ..content.scenario import DRAFT
from ..content.text import pick
from ..engine.drafts import CHOICE, clean_text, length_limit
from ..engine.traversal import EngineError, is_finished, submit_draft
from ..marker import _
from ..rendering.drafts import document_context, document_token, draft_token, option_token, part_token
from .base import json_api

_TAGS = re.compile(r"<[^>]+>")


class DraftingMixin:
    """Needs the case-study block's ``current``, ``model``, ``tokens``, ``role_needed``, ``finish_run``."""

    def plain_label(self, part) -> str:
        """A part's label as plain text, for refusal messages (shown with ``textContent``)."""
        return html.unescape(_TAGS.sub("", pick(part.label, self.current_language()))).strip()

    def draft_here(self, progress: dict):
        """The draft the learner stands at, or ``None``."""
        scenario = self.model()
        if is_finished(scenario, progress) or self.role_needed(progress):
            return None
        node = scenario.node(progress.get("node", ""))
        return node if node is not None and node.kind == DRAFT else None

    def document_url(self, token: str) -> str:
        return self.runtime.handler_url(self, "document", query=f"node={token}")

    def refuse(self, status: int, message: str, **params) -> NoReturn:
        raise JsonHandlerError(status, self.gettext(message).format(**params))

    def part_value(self, part, raw, options: dict) -> str:
        """One part's answer as the engine takes it (an option id or cleaned text), or a refusal."""
        if not isinstance(raw, str):
            self.refuse(400, _('The answer to "{part}" must be text.'), part=self.plain_label(part))
        if part.kind == CHOICE:
            if raw not in options:
                self.refuse(400, _('That option of "{part}" is not available now. Reload the page.'),
                            part=self.plain_label(part))
            return options[raw]
        text = clean_text(raw)
        if len(text) > length_limit(part):
            self.refuse(400, _('"{part}" is too long: at most {max} characters.'), part=self.plain_label(part),
                        max=length_limit(part))
        return text

    def draft_values(self, node, parts, step: int) -> dict:
        """``{part id: value}`` from ``{part token: option token or text}``; refuses unknown or missing parts."""
        if not isinstance(parts, dict):
            self.refuse(400, _("Send the parts of the document."))
        tokens = self.tokens()
        by_token = {part_token(tokens, step, node, part.id): part for part in node.parts}
        if any(key not in by_token for key in parts):
            self.refuse(400, _("The form has a part this document does not have. Reload the page."))
        values, missing = {}, []
        for token, part in by_token.items():
            raw = parts.get(token)
            if raw is None or (isinstance(raw, str) and not clean_text(raw)):
                missing.append(self.plain_label(part))
                continue
            options = {option_token(tokens, step, node, part.id, o.id): o.id for o in part.options}
            values[part.id] = self.part_value(part, raw, options)
        if missing:
            self.refuse(400, _("Fill in every part of the document. Missing: {parts}."), parts="; ".join(missing))
        return values

    @json_api
    def submit_draft(self, data, suffix=""):
        """Submit the document the learner drafted: ``{"draft": token, "parts": {part token: value}}``."""
        progress, _notice = self.current()
        if self.is_past_due():
            self.refuse(403, _("The due date has passed; the case is closed."))
        node = self.draft_here(progress)
        if node is None:
            self.refuse(409, _("There is no document to submit now. Reload the page."))
        step = progress.get("steps", 0)
        if data.get("draft") != draft_token(self.tokens(), step, node):
            self.refuse(400, _("This form is out of date. Reload the page."))
        values = self.draft_values(node, data.get("parts"), step)
        try:
            new, result = submit_draft(self.model(), progress, values)
        except EngineError as err:
            raise JsonHandlerError(400, self.gettext("This form is out of date. Reload the page.")) from err
        self.update_learner(progress=new)
        self.runtime.publish(self, f"{self.event_prefix}.draft", {
            "node": node.id, "earned": result.earned, "possible": result.possible, "step": new["steps"],
            "parts": {item.part.id: item.ok for item in result.parts}})
        if is_finished(self.model(), new):
            self.finish_run(new)
        return self.reply(self.gettext("Your document was submitted."))

    # --- the printable document -------------------------------------------------------------------
    def drafts_reached(self) -> list:
        """``(node, values or None)`` for every draft the learner has reached, the most recent first: the one
        they stand at (not submitted yet), the drafts in their current path, then those of earlier runs."""
        scenario, (progress, _notice) = self.model(), self.current()
        found = []
        here = self.draft_here(progress)
        if here is not None:
            found.append((here, None))
        for run in (progress, *reversed(self.runs)):
            for entry in reversed(run.get("path") or ()):
                node = scenario.node(entry.get("node") or "") if isinstance(entry, dict) else None
                if node is not None and node.kind == DRAFT and isinstance(entry.get("values"), dict):
                    found.append((node, entry["values"]))
        return found

    def document_source(self, token, blank: bool):
        """The draft a ``?node=`` token names (default: the latest submitted one) and its values."""
        reached = self.drafts_reached()
        if token:
            tokens = self.tokens()
            reached = [item for item in reached if document_token(tokens, item[0].id) == token]
        if not blank:
            reached = [item for item in reached if item[1] is not None]
        return reached[0] if reached else None

    @XBlock.handler
    def document(self, request, suffix=""):
        """The learner's drafted document as one printable A4 page (``?blank=1``: the empty template)."""
        blank = request.GET.get("blank") == "1"
        found = self.document_source(request.GET.get("node"), blank)
        if found is None:
            return Response(self.gettext("There is no document to print yet."), status=404,
                            content_type="text/plain", charset="utf8")
        node, values = found
        context = document_context(node, None if blank else values, self.current_language())
        context.update(title=self.title(), language=self.current_language(),
                       css_url=self.asset_url("document.css"))
        return Response(self.render_template("draft_document.html", context), content_type="text/html",
                        charset="utf8")
