#!/usr/bin/env python3
"""Benchmark legal_basics_xblock against peer XBlocks in the xblock-sdk workbench.

NOT a test: never collected by pytest, never run by CI. It reproduces the method of
``shared/research/perf-baselines.md``: all blocks in one process, samples interleaved
block by block over N rounds, every figure also given as a ratio to the SDK's trivial
``thumbs`` block measured in the same round. Besides the synthetic rows it measures the
packaged scenarios (``legal_basics_xblock/scenarios/*.xml``) and the learner bytes of
every course unit.

Usage (from anywhere; paths are relative to the repository root)::

    python3 scripts/benchmark.py                 # 5 rounds x 50 samples, tables on stdout
    python3 scripts/benchmark.py --quick         # smoke run
    python3 scripts/benchmark.py --write-docs    # also rewrite docs/benchmarks.md

Phase 1 (any Python) creates or reuses ``.bench/venv`` with the pinned peers from
``scripts/bench_peers.txt`` plus ``pip install -e <repo>``; phase 2 re-executes this
file inside that venv and measures. Everything it writes lives in the git-ignored
``.bench/`` folder (venv, results JSON) or a RAM disk (the fresh workbench database),
except ``docs/benchmarks.md`` with ``--write-docs``.

The code lives in ``scripts/bench/`` (one module per concern; adding a block is one entry
in ``scripts/bench/blocks.py``). This file stays the entry point.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
