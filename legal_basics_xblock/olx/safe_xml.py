"""A hardened lxml parser: no entities, no DTDs, no network, bounded size."""

from __future__ import annotations

from lxml import etree

MAX_XML_BYTES = 2 * 1024 * 1024


class UnsafeXMLError(ValueError):
    """The XML was refused before or while parsing (too large, DTD, entities, malformed)."""


def make_parser() -> etree.XMLParser:
    """A parser that resolves nothing and loads nothing from outside the document."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(text: str | bytes, max_bytes: int = MAX_XML_BYTES) -> etree._Element:
    """Parse ``text`` into an element, refusing oversize input, DTDs and entity declarations."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if len(data) > max_bytes:
        raise UnsafeXMLError(f"The XML is {len(data)} bytes; the limit is {max_bytes}.")
    try:
        root = etree.fromstring(data, parser=make_parser())
    except etree.XMLSyntaxError as exc:
        raise UnsafeXMLError(f"The XML is not well formed: {exc}") from exc
    tree = root.getroottree()
    if tree.docinfo.internalDTD or tree.docinfo.doctype:
        raise UnsafeXMLError("A DOCTYPE or DTD is not allowed.")
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise UnsafeXMLError("Entity references are not allowed.")
    return root
