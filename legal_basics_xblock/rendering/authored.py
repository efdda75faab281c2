"""Authored HTML for learners: sanitised, glossary terms linked, citations resolved."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..content import registry
from ..content.sanitize import sanitize_html
from ..content.text import pick
from ..marker import _

_DFN = re.compile(r'<dfn\b[^>]*\bdata-term="([^"]*)"[^>]*>(.*?)</dfn>', re.IGNORECASE | re.DOTALL)


class TermCollector:
    """Links ``<dfn data-term>`` marks to a glossary list rendered once per block."""

    def __init__(self, anchor_prefix: str, language: str):
        self.prefix = anchor_prefix
        self.language = language
        self.keys: list[str] = []

    def anchor(self, key: str) -> str:
        return f"{self.prefix}-term-{re.sub(r'[^a-z0-9-]', '', key.lower())}"

    def _link(self, match: re.Match) -> str:
        key, label = match.group(1), match.group(2)
        if key not in registry.glossary():
            return label
        if key not in self.keys:
            self.keys.append(key)
        return f'<a class="lb-term" href="#{self.anchor(key)}">{label}</a>'

    def entries(self) -> list[dict]:
        terms = registry.glossary()
        return [{
            "anchor": self.anchor(key),
            "term": terms[key].term(self.language),
            "definition": terms[key].definition(self.language),
        } for key in self.keys]


def html(text, language: str, terms: TermCollector | None = None) -> str:
    """Authored text in ``language`` as safe HTML, with glossary marks linked."""
    cleaned = sanitize_html(pick(text, language))
    if terms is not None:
        cleaned = _DFN.sub(terms._link, cleaned)  # pylint: disable=protected-access
    return mark_safe(cleaned)  # noqa: S308 - sanitised above by the allow-list


def plain(text, language: str) -> str:
    return escape(pick(text, language))


def citations(norm_ids, language: str, gettext=lambda s: s) -> list[dict]:
    """Rendered citations: label, act, statement, official link, check date and status."""
    known = registry.norms()
    result = []
    for norm_id in norm_ids:
        norm = known.get(norm_id)
        if norm is None:
            continue
        result.append({
            "label": norm.label(language),
            "act": pick(norm.act_name, language),
            "statement": pick(norm.statement, language),
            "url": norm.url(language),
            "checked": norm.checked,
            "checked_text": gettext(_("checked on {date}")).format(date=norm.checked),
            "unconfirmed": norm.status == registry.UNCONFIRMED,
        })
    return result
