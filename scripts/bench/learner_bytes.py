"""What a learner downloads for a block or a unit: the fragment HTML plus the JS and CSS it brings.

The workbench's own jQuery and runtime JS are left out (the LMS ships its own); JS/CSS the block
loads by URL, from its resources or named in its HTML/init args, is fetched and counted, because
the learner pays for it just the same. Images are not counted.
"""

from __future__ import annotations

import gzip
import re

MIME_KINDS = {"text/css": "css", "application/javascript": "js", "text/javascript": "js"}
URL_RE = re.compile(r"/resource/[^\"'\s<>\\]+\.(?:js|css)")


def gz(data: bytes) -> int:
    """gzip size at level 6 (what web servers commonly use), without a timestamp so it is stable."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def url_kind(url: str, mimetype: str = "") -> str:
    """'css' or 'js': a resource's declared type decides; a bare URL is judged by its extension."""
    if mimetype:
        return "css" if mimetype == "text/css" else "js"
    return "css" if url.endswith(".css") else "js"


def referenced_urls(html: str) -> list[str]:
    """JS/CSS URLs a block's HTML or init args name for its JS to load (e.g. branching's style_urls)."""
    return sorted(set(URL_RE.findall(html)))


def tally(parts: dict, files: list, missing: list) -> dict:
    """Raw bytes per kind, their total, the gzip total (each part compressed on its own) and the files."""
    raw = {kind: sum(len(p) for p in chunks) for kind, chunks in parts.items()}
    gzipped = sum(gz(p) for chunks in parts.values() for p in chunks)
    return {"raw": raw, "total": sum(raw.values()), "gzip": gzipped, "files": files, "missing": missing}


class _Collector:
    """Accumulates the parts of one fragment, fetching each URL once."""

    def __init__(self, client):
        self.client = client
        self.parts: dict = {"html": [], "js": [], "css": []}
        self.files: list = []
        self.missing: list = []
        self.seen: set = set()

    def add(self, kind: str, name: str, content: bytes, listed: bool = True):
        self.parts[kind].append(content)
        if listed:
            self.files.append((kind, name, len(content)))

    def add_url(self, url: str, kind: str):
        if url not in self.seen:
            self.seen.add(url)
            self.add(kind, url, self.fetch(url))

    def fetch(self, url: str) -> bytes:
        """The resource's bytes; a URL that does not answer 200 is recorded and counts as 0 bytes."""
        resp = self.client.get(url)
        if resp.status_code != 200:
            self.missing.append(f"{url} (HTTP {resp.status_code})")
            return b""
        return b"".join(resp) if resp.streaming else resp.content


def fragment_bytes(frag, client, excluded_prefix: str) -> dict:
    """Learner bytes of one rendered fragment (see the module docstring for what counts)."""
    collector = _Collector(client)
    html = frag.body_html()
    collector.add("html", "html", html.encode(), listed=False)
    for res in frag.resources:
        if res.kind == "text":
            kind = MIME_KINDS.get(res.mimetype, "html")
            collector.add(kind, f"inline {res.mimetype}", res.data.encode())
        elif res.kind == "url" and not res.data.startswith(excluded_prefix):
            collector.add_url(res.data, url_kind(res.data, res.mimetype))
    for url in referenced_urls(html):
        collector.add_url(url, url_kind(url))
    return tally(collector.parts, collector.files, collector.missing)


def learner_bytes(bench, usage_id, prefix: str) -> dict:
    """A fresh learner's first view of ``usage_id`` (a block or a whole unit)."""
    frag = bench.render(usage_id, bench.new_learner(prefix))
    return fragment_bytes(frag, bench.client, bench.settings.STATIC_URL + "workbench/")
