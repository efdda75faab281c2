"""Keep the xblock-sdk workbench from overwriting real block fields.

``WorkbenchRuntime._patch_xblock`` sets ``block.due = utcnow()`` (and ``location``, ``course_id``,
``graceperiod``, ``category`` for the LTI block) before every render and handler call. For a block
with a real ``due`` field that closes every submission and persists the value. The replacement sets
the same attributes with the same values, except those that are fields of the block (docs/decisions/0005).
Used by the demo and test settings and by ``scripts/benchmark.py``, so every block still pays the same work.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from unittest.mock import Mock


def keep_real_fields(runtime_cls) -> None:
    """Install the field-respecting patch on ``runtime_cls`` (the workbench's runtime class)."""

    def patch(_runtime, block):
        fields = getattr(block, "fields", {})
        location = Mock(html_id=Mock(return_value="course-v1:edX+Demo+2020"))
        values = {"location": location, "course_id": location.html_id(), "due": datetime.utcnow(),
                  "graceperiod": timedelta(seconds=0), "category": "chapter"}
        for name, value in values.items():
            if name not in fields:
                with contextlib.suppress(AttributeError):
                    setattr(block, name, value)

    runtime_cls._patch_xblock = patch  # pylint: disable=protected-access
