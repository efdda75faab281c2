"""Shared OLX helpers: localized text children, authored HTML, readable indentation."""

from __future__ import annotations

from lxml import etree

LANGUAGE_ORDER = ("kk", "ru", "en")


class OLXError(ValueError):
    """The OLX does not have the expected shape; carries the source line."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def inner_html(element: etree._Element) -> str:
    """The element's content (text and child markup) as a string, without the element itself."""
    parts = [element.text or ""]
    for child in element:
        parts.append(etree.tostring(child, encoding="unicode", with_tail=True))
    return "".join(parts).strip()


def localized(element: etree._Element, tag: str) -> dict:
    """``<tag lang="kk">…</tag><tag lang="ru">…</tag>`` children → ``{"kk": …, "ru": …}``."""
    text = {}
    for child in element.findall(tag):
        lang = child.get("lang")
        if not lang:
            raise OLXError(f"<{tag}> needs a lang attribute.", child.sourceline)
        if lang in text:
            raise OLXError(f'<{tag} lang="{lang}"> appears twice.', child.sourceline)
        text[lang] = inner_html(child)
    return text


def localized_groups(element: etree._Element, tag: str) -> list[dict]:
    """The n-th ``<tag lang=…>`` of each language together form item number n."""
    by_language: dict[str, list[str]] = {}
    for child in element.findall(tag):
        lang = child.get("lang")
        if not lang:
            raise OLXError(f"<{tag}> needs a lang attribute.", child.sourceline)
        by_language.setdefault(lang, []).append(inner_html(child))
    count = max((len(v) for v in by_language.values()), default=0)
    return [{lang: texts[i] for lang, texts in by_language.items() if i < len(texts)} for i in range(count)]


def check_children(element: etree._Element, allowed: set) -> None:
    for child in element:
        if isinstance(child.tag, str) and child.tag not in allowed:
            raise OLXError(f"<{child.tag}> is not allowed inside <{element.tag}>.", child.sourceline)


def _language_key(lang: str) -> tuple:
    return (LANGUAGE_ORDER.index(lang) if lang in LANGUAGE_ORDER else len(LANGUAGE_ORDER), lang)


def append_html(parent: etree._Element, tag: str, html: str, lang: str | None = None) -> None:
    child = etree.SubElement(parent, tag)
    if lang:
        child.set("lang", lang)
    fragment = etree.fromstring(f"<wrap>{html}</wrap>", parser=etree.XMLParser(resolve_entities=False))
    child.text = fragment.text
    for node in fragment:
        child.append(node)


def append_localized(parent: etree._Element, tag: str, text: dict) -> None:
    for lang in sorted(text or {}, key=_language_key):
        append_html(parent, tag, text[lang], lang)


def attribute(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def indent(element: etree._Element, structural: set, level: int = 0) -> None:
    """Indent structural elements only; authored HTML inside text elements stays byte-exact."""
    children = [child for child in element if isinstance(child.tag, str)]
    if not children:
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in children:
        child.tail = inner
        if child.tag in structural:
            indent(child, structural, level + 1)
    children[-1].tail = "\n" + "  " * level


def find_block(root: etree._Element, tags) -> etree._Element | None:
    """``root`` itself when its tag is one of ``tags``, else the first descendant that is
    (a workbench scenario wraps its block in ``<vertical_demo>``)."""
    if root.tag in tags:
        return root
    return next((el for el in root.iter() if isinstance(el.tag, str) and el.tag in tags), None)
