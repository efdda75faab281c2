"""The rows of the main table: one ``BlockSpec`` per block, so adding a peer is one entry in ``BLOCKS``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import olx
from .payloads import case_payload, quiz_payload, status_ok, success_ok, trial_payload


@dataclass
class BlockSpec:
    """Everything the measuring loop needs to know about one row."""

    key: str  # row id (also what --blocks selects)
    label: str  # table label (version filled in from the dist)
    tag: str  # xblock.v1 entry point
    dist: str | None  # distribution name, for the version in the label
    olx: Callable[[int], str]  # OLX for a configuration of size n
    handler: str  # JSON handler measured
    payload: Callable[[str], dict]  # learner's rendered HTML -> handler JSON
    check: Callable[[int, dict], str | None] = status_ok  # -> error or None
    growth: bool = True  # measured at n = 5/50/500?
    ours: bool = False  # print targets
    growth_unit: str = ""
    targets: tuple = ("render", "handler", "bytes", "growth")  # which targets apply (ours only)
    before: tuple = ()  # (handler, payload) calls made, untimed, before the measured one
    wrapped: bool = False  # the OLX is a <vertical_demo> scenario: measure its first child block
    group: str = "blocks"  # "blocks" (main table) or "scenarios" (packaged scenarios table)

    def sizes(self, growth_ns, main_n) -> tuple:
        """The configurations parsed for this row: every growth size, or only the main one."""
        return tuple(growth_ns) if self.growth else (main_n,)


OURS = "legal-basics-xblock"

BLOCKS = [
    BlockSpec("thumbs", "thumbs (SDK, floor)", "thumbs", None, olx.thumbs_olx, "vote",
              lambda html: {"voteType": "up"}, growth=False),
    BlockSpec("legal_quiz", "**legal_quiz** (ours)", "legal_quiz", OURS, olx.quiz_olx, "submit",
              quiz_payload, ours=True, growth_unit="questions, draw 5"),
    BlockSpec("legal_case_study", "**legal_case_study** (ours)", "legal_case_study", OURS,
              olx.case_olx, "choose", case_payload, ours=True, growth_unit="scenes"),
    BlockSpec("legal_mock_trial", "**legal_mock_trial** (ours)", "legal_mock_trial", OURS,
              olx.trial_olx, "choose_role", trial_payload, ours=True, growth_unit="scenes"),
    BlockSpec("dnd", "drag-and-drop-v2", "drag-and-drop-v2", "xblock-drag-and-drop-v2", olx.dnd_olx, "drop_item",
              lambda html: {"val": 0, "zone": "top", "x_percent": "10%", "y_percent": "10%"},
              growth_unit="items"),
    BlockSpec("branching", "branching-xblock", "branching_xblock", "branching-xblock", olx.branching_olx,
              "select_choice", lambda html: {"choice_index": 0}, success_ok, growth_unit="nodes"),
    BlockSpec("poll", "xblock-poll", "poll", "xblock-poll", olx.poll_olx, "vote",
              lambda html: {"choice": "a0"}, success_ok, growth_unit="answers"),
]


def wanted_keys(blocks_arg: str) -> set | None:
    """The row keys asked for with --blocks (None: all); thumbs is always measured, as the floor."""
    return {*blocks_arg.split(","), "thumbs"} if blocks_arg else None


def loadable(specs, wanted) -> tuple[list, dict]:
    """Specs whose entry point loads; the others are reported with the reason instead of a row."""
    from xblock.core import XBlock  # noqa: PLC0415

    ok, missing = [], {}
    for spec in specs:
        if wanted is not None and spec.key not in wanted:
            continue
        try:
            XBlock.load_class(spec.tag)
        except Exception as exc:  # noqa: BLE001 - any import error means "not available"
            missing[spec.key] = f"{type(exc).__name__}: {exc}"[:300]
            continue
        ok.append(spec)
    return ok, missing
