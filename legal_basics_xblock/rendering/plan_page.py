"""The printable action plan (one A4 page): the case, the learner's ending, its plan, the date.

Built from a finished case's context (rendering/case_study.py), so it shows exactly what the learner saw.
"""

from __future__ import annotations


def sources(ending) -> list:
    """Each official text the plan cites, once: the steps name the articles, the page ends with the links."""
    seen = {}
    for step in ending["plan"]:
        for citation in step["citations"]:
            seen.setdefault(citation["url"], citation["act"])
    return [{"url": url, "act": act} for url, act in seen.items()]


def plan_page(context: dict, title: str, printed_on: str, css_url: str) -> dict:
    """The template context of ``plan_page.html``; ``context`` is a finished case's ``case_context``."""
    return {**context, "title": title, "printed_on": printed_on, "css_url": css_url,
            "sources": sources(context["ending"])}
