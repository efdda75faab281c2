"""Paths, sizes and targets shared by every part of the benchmark (one place to change a limit)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / ".bench"
ENTRY = ROOT / "scripts" / "benchmark.py"  # re-executed inside the benchmark venv
PEERS_FILE = ROOT / "scripts" / "bench_peers.txt"
CONSTRAINTS_FILE = ROOT / "requirements" / "constraints.txt"
DOCS_FILE = ROOT / "docs" / "benchmarks.md"
INNER_ENV = "LEGAL_BASICS_BENCH_INNER"  # set for phase 2: JSON with the notes of phase 1
PY312 = Path.home() / ".pyenv/versions/3.12.1/bin/python3"
PY311 = Path.home() / ".pyenv/versions/3.11.7/bin/python3"
GROWTH_NS = (5, 50, 500)
MAIN_N = 5  # the configuration of the render/handler/bytes columns (thumbs has no size)

# Targets for our rows (the Targets table of docs/benchmarks.md is written from these).
TARGET_RATIO = 1.3  # render and handler, x thumbs
TARGET_KIB = 20.0  # raw learner bytes: HTML + JS + CSS
TARGET_GROWTH = 1.2  # render at n=500 / n=5 with a drawn subset
TARGET_VALIDATE_MS = 100.0  # validating a 500-node scenario


def log(*parts) -> None:
    """Progress goes to stderr so that stdout carries only the tables."""
    print(*parts, file=sys.stderr, flush=True)
