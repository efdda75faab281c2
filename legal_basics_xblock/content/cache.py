"""Parsed content cached by content hash.

Safe in a multi-process LMS: the key is the hash of the stored content, so a process
never serves a stale model, and nothing learner- or author-specific lives here.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable

_MAX_ENTRIES = 256
_cache: OrderedDict[tuple, object] = OrderedDict()


def content_hash(document) -> str:
    """A stable hash of a stored content document."""
    encoded = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def cached(kind: str, digest: str, build: Callable[[], object]):
    """``build()`` once per ``(kind, digest)``; least recently used entries are dropped."""
    key = (kind, digest)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    value = build()
    _cache[key] = value
    if len(_cache) > _MAX_ENTRIES:
        _cache.popitem(last=False)
    return value
