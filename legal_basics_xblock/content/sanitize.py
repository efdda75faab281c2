"""The one HTML sanitiser for authored text: bleach with an explicit allow-list.

Applied on save (OLX import, Studio) and again on render, so stored content that
predates a tightened allow-list is still cleaned before a learner sees it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.entities import name2codepoint

import bleach

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "span", "div",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark", "q", "cite", "code",
    "ul", "ol", "li", "dl", "dt", "dd",
    "h3", "h4", "h5", "h6",
    "blockquote",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a", "abbr", "dfn", "img",
})


def image_src_allowed(src: str) -> bool:
    """An image may come from http(s) or the course's own ``/static/`` files, nothing else."""
    src = (src or "").strip()
    return src.lower().startswith(("https://", "http://")) or (src.startswith("/static/") and ".." not in src)


def _img_attribute(_tag: str, name: str, value: str) -> bool:
    if name == "src":
        return image_src_allowed(value)
    return name in ("alt", "width", "height")


ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "hreflang", "lang"],
    "abbr": ["title", "lang"],
    "dfn": ["data-term", "lang"],
    "img": _img_attribute,
    "ol": ["start", "type"],
    "th": ["scope", "colspan", "rowspan"],
    "td": ["colspan", "rowspan"],
    "blockquote": ["cite"],
    "span": ["lang"],
    "p": ["lang"],
}

ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

_DANGEROUS_BLOCKS = re.compile(r"<(script|style|iframe|object|embed|template|noscript)\b.*?(</\1\s*>|$)",
                               re.IGNORECASE | re.DOTALL)
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt\s*=\s*\"[^\"]+\")[^>]*>", re.IGNORECASE)
_IMG_WITHOUT_SRC = re.compile(r"<img\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE)
_IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]*)", re.IGNORECASE)
_VOID = re.compile(r"<(br|hr|img)\b([^>]*?)\s*/?>", re.IGNORECASE)
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}


def _xml_safe(html: str) -> str:
    """bleach writes HTML (``<br>``, ``&nbsp;``); OLX and the Studio editor need XML (``<br/>``, ``&#160;``)."""
    html = _VOID.sub(lambda m: f"<{m.group(1).lower()}{m.group(2)}/>", html)
    return _NAMED_ENTITY.sub(lambda m: m.group(0) if m.group(1) in _XML_ENTITIES else
                             (f"&#{name2codepoint[m.group(1)]};" if m.group(1) in name2codepoint else
                              f"&amp;{m.group(1)};"), html)


def _drop_images_without_alt(html: str) -> str:
    """An image without a text alternative (WCAG 1.1.1) or without an allowed address is not shown at all."""
    return _IMG_WITHOUT_SRC.sub("", _IMG_WITHOUT_ALT.sub("", html))


@lru_cache(maxsize=4096)
def sanitize_html(html: str) -> str:
    """Return ``html`` with everything outside the allow-list removed (tags stripped, text kept)."""
    if not html:
        return ""
    cleaned = bleach.clean(
        _DANGEROUS_BLOCKS.sub("", html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    return _xml_safe(_drop_images_without_alt(cleaned))


def disallowed_image_sources(html: str) -> list[str]:
    """Image addresses in authored ``html`` that are not http(s) or ``/static/`` (the sanitiser drops them)."""
    return [src for src in _IMG_SRC.findall(html or "") if not image_src_allowed(src)]


def images_without_alt(html: str) -> int:
    """How many ``<img>`` tags in ``html`` lack a non-empty ``alt``."""
    return len(_IMG_WITHOUT_ALT.findall(html or ""))


_TERM = re.compile(r"<dfn\b[^>]*\bdata-term\s*=\s*\"([^\"]*)\"", re.IGNORECASE)


def glossary_keys(html: str) -> list[str]:
    """The glossary keys an author marked with ``<dfn data-term="key">``."""
    return _TERM.findall(html or "")


def _is_localized(value) -> bool:
    return isinstance(value, dict) and value and all(
        isinstance(k, str) and len(k) == 2 and isinstance(v, str) for k, v in value.items())


def sanitize_document(document):
    """A copy of a content document with every localized text value sanitised."""
    if _is_localized(document):
        return {lang: sanitize_html(html) for lang, html in document.items()}
    if isinstance(document, dict):
        return {key: sanitize_document(value) for key, value in document.items()}
    if isinstance(document, list):
        return [sanitize_document(item) for item in document]
    return document
