"""A unit with ``variants``: each learner gets one of several equivalent blocks, at random.

Open edX does this with a content experiment: a ``split_test`` whose ``group_id_to_child`` maps each group
of a random-scheme user partition (course policy ``user_partitions``) to a child vertical. The references
are usage keys of this course; Studio maps them into the target course on import, as it does for its own
exports. Used for the trainers' practice tasks, so that neighbours do not get the same prompt.
"""

from __future__ import annotations

import json
import string

from lxml import etree

#: Partition ids for experiments start here (Studio picks its own above 100; ours are stable per unit).
FIRST_PARTITION_ID = 4200


def group_name(index: int) -> str:
    return string.ascii_uppercase[index]


def usage_key(course_key: str, block_type: str, url_name: str) -> str:
    """``course_key`` is ``org+number+run``."""
    return f"block-v1:{course_key}+type@{block_type}+block@{url_name}"


def partition(partition_id: int, unit_id: str, count: int) -> dict:
    """The random-scheme user partition of one experiment (course policy ``user_partitions``)."""
    return {"id": partition_id, "name": f"{unit_id}: variants", "scheme": "random", "version": 3,
            "description": f"Each learner gets one of {count} equivalent variants of {unit_id}.",
            "parameters": {}, "active": True,
            "groups": [{"id": index, "name": group_name(index), "version": 1} for index in range(count)]}


def split_test(unit_id: str, title: str, partition_id: int, child_names: list[str], course_key: str) -> etree._Element:
    """The ``split_test`` element pointing at one child vertical per group."""
    mapping = {str(index): usage_key(course_key, "vertical", name) for index, name in enumerate(child_names)}
    element = etree.Element("split_test", url_name=unit_id, display_name=title,
                            user_partition_id=str(partition_id), group_id_to_child=json.dumps(mapping))
    for name in child_names:
        etree.SubElement(element, "vertical", url_name=name)
    return element


def child_name(unit_id: str, index: int) -> str:
    return f"{unit_id}_{group_name(index).lower()}_group"


def block_name(unit_id: str, index: int) -> str:
    return f"{unit_id}_{group_name(index).lower()}"
