"""A new run of a course: the same content with another start date (and course run), every date following it.

Due dates are computed from the start (``schedule`` in weeks); the end date and the dates the course gives
other blocks (the practice tasks' submission window) move by the same number of days, so a lecturer who
starts in September gets a September course from one command (``build_course.py --start 2027-09-06``).
"""

from __future__ import annotations

import copy
import datetime

DATE_KEYS = ("submission_start", "submission_due")


def _parse(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


def _shifted(value: str, delta: datetime.timedelta) -> str:
    moved = _parse(value) + delta
    return moved.isoformat().replace("+00:00", "Z" if value.endswith("Z") else "+00:00")


def new_run(course: dict, start: str | None = None, run: str | None = None) -> dict:
    """``course`` (from course.json) starting on ``start`` (YYYY-MM-DD) and named ``run``; unchanged without them."""
    course = copy.deepcopy(course)
    if run:
        course["run"] = run
    if not start:
        return course
    delta = _parse(f"{start}T00:00:00+00:00") - _parse(course["start"]).replace(hour=0, minute=0, second=0)
    course["start"], course["end"] = _shifted(course["start"], delta), _shifted(course["end"], delta)
    for overrides in course.get("block_overrides", {}).values():
        for key in DATE_KEYS:
            if key in overrides:
                overrides[key] = _shifted(overrides[key], delta)
    return course
