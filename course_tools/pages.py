"""HTML pages of the course (introductions, readings, lesson plans): norm and glossary links, word counts.

Authors write ``<a data-norm="labour-code.160">ст. 160 ТК</a>`` and ``<a data-term="limitation-period">исковая
давность</a>``; the build turns them into links to the official text in the page's language and to the course
glossary page, and stops on an unknown or repealed norm or an unknown term — the same rules as the blocks.
"""

from __future__ import annotations

import html
import re

from legal_basics_xblock.content import registry
from legal_basics_xblock.content.text import pick

from .source import SourceError

_NORM = re.compile(r'<a\s+data-norm="([^"]+)"\s*>', re.IGNORECASE)
_TERM = re.compile(r'<a\s+data-term="([^"]+)"\s*>', re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
GLOSSARY_PAGE = "glossary_{language}.html"


def word_count(page: str) -> int:
    """Words a reader reads: text outside tags, numbers and punctuation left out."""
    return len(_WORD.findall(html.unescape(_TAGS.sub(" ", page))))


def _norm_link(match: re.Match, language: str, where: str) -> str:
    norm = registry.norms().get(match.group(1))
    if norm is None or norm.status == registry.REPEALED:
        state = "unknown" if norm is None else "repealed"
        raise SourceError(f"{where}: cites {state} norm {match.group(1)!r}")
    title = html.escape(f"{norm.label(language)} — {pick(norm.act_name, language)}", quote=True)
    return f'<a href="{html.escape(norm.url(language), quote=True)}" title="{title}" rel="noopener">'


def _term_link(match: re.Match, language: str, where: str) -> str:
    key = match.group(1)
    if key not in registry.glossary():
        raise SourceError(f"{where}: links unknown glossary term {key!r}")
    return f'<a href="/static/{GLOSSARY_PAGE.format(language=language)}#term-{key}">'


def resolve_links(page: str, language: str, where: str) -> str:
    """The page with its norm and glossary links pointing at the official text and the course glossary."""
    page = _NORM.sub(lambda m: _norm_link(m, language, where), page)
    return _TERM.sub(lambda m: _term_link(m, language, where), page)


def cited_norms(page: str) -> list:
    return _NORM.findall(page)


LABELS = {"kk": ("Терминдер сөздігі", "Құқықтық ақпарат, заң кеңесі емес."),
          "ru": ("Словарь терминов", "Правовая информация, а не юридическая консультация.")}


def glossary_page(language: str) -> str:
    """The course glossary: every term with its definition and the norms it rests on, linked."""
    title, note = LABELS[language]
    items = []
    for key, term in sorted(registry.glossary().items(), key=lambda kv: kv[1].term(language).lower()):
        norms = [registry.norms()[n] for n in term.norms if n in registry.norms()]
        links = "; ".join(f'<a href="{html.escape(n.url(language))}">{html.escape(n.label(language))}</a>'
                          for n in norms)
        items.append(f'<dt id="term-{key}">{html.escape(term.term(language))}</dt>'
                     f"<dd>{html.escape(term.definition(language))}{' (' + links + ')' if links else ''}</dd>")
    return (f'<!DOCTYPE html>\n<html lang="{language}">\n<head><meta charset="utf-8"><title>{title}</title>'
            '<style>body{font-family:sans-serif;max-width:48rem;margin:1rem auto;line-height:1.5;padding:0 1rem}'
            'dt{font-weight:700;margin-top:.8rem}dd{margin-left:1rem}a{color:#0a4f8c}</style></head>\n'
            f"<body><main><h1>{title}</h1><dl>{''.join(items)}</dl><p>{note}</p></main></body></html>\n")
