"""Opaque per-learner tokens for questions and options.

Author ids ("a", "q1") never reach the browser: a token is an HMAC of the id with a
server secret and the learner's attempt, so page source reveals neither the author's
order nor which id is which.
"""

from __future__ import annotations

import base64
import hashlib
import hmac


class Tokens:
    """Maps author ids to tokens and back for one learner's attempt."""

    def __init__(self, secret: str, *identity):
        self._key = hmac.new(secret.encode("utf-8"), "|".join(map(str, identity)).encode("utf-8"),
                             hashlib.sha256).digest()

    def token(self, *parts: str) -> str:
        digest = hmac.new(self._key, "|".join(parts).encode("utf-8"), hashlib.sha256).digest()
        return base64.b32encode(digest[:10]).decode("ascii").lower()

    def reverse(self, candidates, *prefix: str) -> dict:
        """``{token: id}`` for each candidate id under ``prefix``."""
        return {self.token(*prefix, ident): ident for ident in candidates}
