"""Rows for the packaged scenarios (``legal_basics_xblock/scenarios/*.xml``): what learners really get.

The synthetic rows show how cost grows with size; these show the real content: long bilingual
texts, every question kind, conditions and deadlines. Each file is loaded as the workbench loads
it, through its block class's ``workbench_scenarios()`` (which runs the block's own check), and
measured with a real handler call: the quiz submits an answer to every drawn question, the case
study and the mock trial choose an open choice (the trial after ``choose_role``).
"""

from __future__ import annotations

import re

from .blocks import OURS, BlockSpec
from .payloads import case_payload, quiz_payload, trial_payload

# file prefix -> (block tag, measured handler, its payload, untimed calls before it)
PREFIXES = {
    "quiz_": ("legal_quiz", "submit", quiz_payload, ()),
    "case_": ("legal_case_study", "choose", case_payload, ()),
    "trial_": ("legal_mock_trial", "choose", case_payload, (("choose_role", trial_payload),)),
}
TARGETS = ("render", "handler", "bytes")


def stem_of(title: str) -> str | None:
    """The file stem a workbench scenario title ends with, e.g. '… (quiz_labour)' -> 'quiz_labour'."""
    match = re.search(r"\(([A-Za-z0-9_-]+)\)\s*$", title)
    return match.group(1) if match else None


def scenario_spec(stem: str, xml: str, prefix: str) -> BlockSpec:
    """One packaged scenario as a row: no sizes (growth is the synthetic rows' job)."""
    tag, handler, payload, before = PREFIXES[prefix]
    return BlockSpec(stem, f"{stem} ({tag})", tag, OURS, lambda _n, xml=xml: xml, handler, payload,
                     growth=False, ours=True, targets=TARGETS, before=before, wrapped=True, group="scenarios")


def _files(prefix: str) -> list[str]:
    from legal_basics_xblock.scenarios import scenario_files  # noqa: PLC0415

    return [path.stem for path in scenario_files(prefix)]


def _prefix_specs(prefix: str, wanted) -> tuple[list, dict]:
    from xblock.core import XBlock  # noqa: PLC0415

    loaded = {stem_of(title): xml for title, xml in XBlock.load_class(PREFIXES[prefix][0]).workbench_scenarios()}
    specs, missing = [], {}
    for stem in _files(prefix):
        if wanted is not None and stem not in wanted:
            continue
        if stem in loaded:
            specs.append(scenario_spec(stem, loaded[stem], prefix))
        else:
            missing[stem] = "left out by the block's workbench_scenarios() (its check rejected the file)"
    return specs, missing


def packaged_specs(wanted) -> tuple[list, dict]:
    """Specs for every packaged scenario file (or those in ``wanted``), and the files that could not load."""
    specs, missing = [], {}
    for prefix in PREFIXES:
        try:
            found, lost = _prefix_specs(prefix, wanted)
        except Exception as exc:  # noqa: BLE001 - e.g. the project is not installed in the venv
            missing[f"{prefix}*"] = f"{type(exc).__name__}: {exc}"[:300]
            continue
        specs += found
        missing.update(lost)
    return specs, missing
