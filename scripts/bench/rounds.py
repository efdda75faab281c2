"""The measuring loop: untimed set-up per row, then rounds in which every row is sampled in turn.

Within a round the rows are interleaved sample by sample (row A, B, C, … then A, B, C again), and
the starting row rotates from round to round, so a burst of load on the machine hits every row
alike and the per-round ratio to thumbs stays fair. A row whose code fails (e.g. edited during the
run) is dropped with the reason; thumbs failing ends the run, since every ratio needs it.
"""

from __future__ import annotations

import time

from .config import GROWTH_NS, MAIN_N, log
from .env import dist_version
from .learner_bytes import learner_bytes


def rotate(items: list, shift: int) -> list:
    """``items`` starting at position ``shift`` (mod its length)."""
    if not items:
        return []
    shift %= len(items)
    return items[shift:] + items[:shift]


class Runner:
    """Samples for ``specs`` on ``bench``: ``raw[key]`` holds per-round lists, ``info[key]`` the untimed facts."""

    def __init__(self, bench, specs, rounds: int, samples: int):
        self.bench, self.specs = bench, list(specs)
        self.rounds, self.samples = rounds, samples
        self.gsamples = max(3, samples // 5)
        self.failed: dict = {}
        self.steady: dict = {}
        self.info: dict = {}
        self.raw: dict = {}

    def drop(self, spec, why: str) -> None:
        """Leave a failing row out of the rest of the run, keeping the reason for the table."""
        if spec.key == "thumbs":
            raise SystemExit(f"thumbs (the floor) failed: {why}")
        self.failed[spec.key] = why[:400]
        log(f"NOTE: {spec.key} dropped: {self.failed[spec.key]}")
        self.specs.remove(spec)
        self.raw.pop(spec.key, None)

    # -- set-up (untimed) --------------------------------------------------------------

    def setup(self) -> None:
        """Parse every configuration once, then make each row's steady learners and untimed facts."""
        for spec in list(self.specs):
            try:
                for n in spec.sizes(GROWTH_NS, MAIN_N):
                    self.bench.load(spec, n)
            except Exception as exc:  # noqa: BLE001
                self.drop(spec, f"parse failed: {type(exc).__name__}: {exc}")
        self.bench.csrf(self.bench.configs[("thumbs", MAIN_N)][0])
        for spec in list(self.specs):
            try:
                self._prepare(spec)
            except Exception as exc:  # noqa: BLE001
                self.drop(spec, f"{type(exc).__name__}: {exc}")
        self.raw = {s.key: {"render": [], "handler": [], "growth": {n: [] for n in GROWTH_NS}} for s in self.specs}

    def _prepare(self, spec) -> None:
        """Steady learners and warm-up (caches, imports), then bytes, SQL and template failures."""
        bench, sizes = self.bench, spec.sizes(GROWTH_NS, MAIN_N)
        for n in sizes:
            self.steady[(spec.key, n)] = student = bench.steady_learner(spec, n)
            for _ in range(3 if n <= 50 else 1):
                bench.render(bench.usage(spec, n), student)
        usage = bench.usage(spec, MAIN_N)
        for _ in range(3):
            bench.first_submission(spec, usage, bench.new_learner(f"warm-{spec.key}-"))
        self.info[spec.key] = {
            "bytes": learner_bytes(bench, usage, f"bytes-{spec.key}-"),
            "sql": {n: bench.sql_per_render(bench.usage(spec, n), self.steady[(spec.key, n)]) for n in sizes},
            "template_failures": bench.template_lookup_failures(usage, self.steady[(spec.key, MAIN_N)]),
            "version": dist_version(spec.dist) if spec.dist else dist_version("xblock-sdk"),
        }

    # -- rounds ------------------------------------------------------------------------

    def run(self) -> float:
        """All rounds; returns the seconds spent measuring."""
        t0 = time.perf_counter()
        for r in range(self.rounds):
            order = rotate(self.specs, r)
            self._store(r, "render", self._interleave(order, self.samples, self._render_sample(r)))
            self._store(r, "handler", self._interleave(order, self.samples, self._handler_sample(r)))
            growing = [spec for spec in order if spec.growth]
            self._store_growth(r, self._interleave(growing, self.gsamples, self._growth_sample))
            log(f"round {r + 1}/{self.rounds} done ({time.perf_counter() - t0:.0f}s)")
        return time.perf_counter() - t0

    def _interleave(self, order, count: int, sample) -> dict:
        """``count`` passes over ``order``, one sample of each live row per pass."""
        got = {spec.key: [] for spec in order}
        for _ in range(count):
            for spec in order:
                if spec not in self.specs:
                    continue
                try:
                    got[spec.key].append(sample(spec))
                except Exception as exc:  # noqa: BLE001 - e.g. block code edited during the run
                    self.drop(spec, f"{type(exc).__name__}: {exc}")
        return got

    def _render_sample(self, _r):
        def sample(spec):
            return self.bench.timed_render(self.bench.usage(spec, MAIN_N), self.steady[(spec.key, MAIN_N)])
        return sample

    def _handler_sample(self, r):
        def sample(spec):
            learner = self.bench.new_learner(f"h{r}-{spec.key}-")
            return self.bench.first_submission(spec, self.bench.usage(spec, MAIN_N), learner)
        return sample

    def _growth_sample(self, spec) -> dict:
        """One render at every size, sizes back to back: a load drift hits all sizes alike."""
        return {n: self.bench.timed_render(self.bench.usage(spec, n), self.steady[(spec.key, n)]) for n in GROWTH_NS}

    def _store(self, _r, what: str, got: dict) -> None:
        for key, samples in got.items():
            if key in self.raw:
                self.raw[key][what].append(samples)

    def _store_growth(self, _r, got: dict) -> None:
        for key, samples in got.items():
            if key in self.raw:
                for n in GROWTH_NS:
                    self.raw[key]["growth"][n].append([sample[n] for sample in samples])
