"""Everything one run produced, handed from the measuring side to the printing and docs side."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Outcome:
    """Results of one run; the ``*_specs`` lists hold only rows that were measured to the end."""

    args: object
    env: dict
    block_specs: list
    scenario_specs: list
    results: dict
    unavailable: dict = field(default_factory=dict)  # block row key -> why it has no figures
    scenarios_unavailable: dict = field(default_factory=dict)
    validation: dict = field(default_factory=dict)
    units: list = field(default_factory=list)  # one learner-bytes record per course unit
    units_failed: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict)  # every sample, per row and round (saved, not printed)
    previous_doc: str = ""  # the docs before this run, for peers' rows that could not be re-measured
