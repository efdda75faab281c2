"""Per-learner draws and shuffles, reproducible from a seed (no state written on render)."""

from __future__ import annotations

import hashlib
import hmac
import random


def seed_for(secret: str, *parts) -> int:
    """A stable seed from a server secret and the learner/block/attempt identity."""
    message = "|".join(str(p) for p in parts).encode("utf-8")
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big")


def draw_questions(ids: list, draw: int, seed: int, shuffle: bool) -> list:
    """``draw`` ids from ``ids`` (all when 0), in pool order unless ``shuffle``."""
    rng = random.Random(seed)
    chosen = list(ids)
    if draw and draw < len(chosen):
        picked = set(rng.sample(range(len(chosen)), draw))
        chosen = [ident for index, ident in enumerate(chosen) if index in picked]
    if shuffle:
        rng.shuffle(chosen)
    return chosen


def shuffled(items: list, seed: int, avoid_identity: bool = False) -> list:
    """A seeded shuffle; with ``avoid_identity`` the result never equals the input order."""
    result = list(items)
    rng = random.Random(seed)
    rng.shuffle(result)
    if avoid_identity and len(result) > 1 and result == list(items):
        result = result[1:] + result[:1]
    return result
