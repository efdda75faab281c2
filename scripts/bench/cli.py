"""Arguments, and the run end to end: phase 1 outside the venv, phase 2 (measuring) inside it.

Usage (from anywhere; paths are relative to the repository root)::

    python3 scripts/benchmark.py                 # 5 rounds x 50 samples, tables on stdout
    python3 scripts/benchmark.py --quick         # smoke run, about a minute
    python3 scripts/benchmark.py --write-docs    # also rewrite docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import shutil
import sys

from .blocks import BLOCKS, loadable, wanted_keys
from .config import BENCH, DOCS_FILE, INNER_ENV, ROOT, log
from .env import enter_venv, loadavg, machine_info
from .outcome import Outcome
from .packaged import packaged_specs
from .report import markdown_table, scenarios_table, targets_text, units_flagged, units_table
from .storage import make_workdir
from .summary import summarise
from .units import summarise_units
from .validation import validation_text

DESCRIPTION = "Benchmark legal_basics_xblock against peer XBlocks in the xblock-sdk workbench."


def parse_args(argv):
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 rounds x 6 samples")
    parser.add_argument("--write-docs", action="store_true", help="rewrite docs/benchmarks.md")
    parser.add_argument("--blocks", default="",
                        help="comma-separated row keys: blocks, packaged scenario stems, 'units' "
                             "(thumbs is always measured)")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.samples = 2, 6
    if args.rounds < 1 or args.samples < 1:
        parser.error("--rounds and --samples must be >= 1")
    return args


def select_rows(args) -> tuple[list, list, dict]:
    """Block rows and packaged-scenario rows that can run, and the rows that cannot, with why."""
    wanted = wanted_keys(args.blocks)
    blocks, missing = loadable(BLOCKS, wanted)
    scenarios, lost = packaged_specs(wanted)
    for key, why in {**missing, **lost}.items():
        log(f"NOTE: {key} unavailable: {why}")
    return blocks, scenarios, {**missing, **lost}


def want_units(args) -> bool:
    """Course units are measured on a full run, or when --blocks names 'units'."""
    return not args.blocks or "units" in args.blocks.split(",")


def measure(args, workdir, meta: dict) -> Outcome:
    """Phase 2 proper: set-up, interleaved rounds, course units, validation; nothing printed yet."""
    from .measure import Bench  # noqa: PLC0415 - needs Django, only inside the venv
    from .rounds import Runner  # noqa: PLC0415
    from .units import measure_units  # noqa: PLC0415
    from .validation import measure_validation  # noqa: PLC0415

    load_before = loadavg()
    bench = Bench(workdir)
    blocks, scenarios, unavailable = select_rows(args)
    runner = Runner(bench, blocks + scenarios, args.rounds, args.samples)
    log(f"rows: {', '.join(s.key for s in runner.specs)}; rounds={args.rounds} samples={args.samples} "
        f"growth samples={runner.gsamples}")
    runner.setup()
    elapsed = runner.run()
    units, units_failed = measure_units(bench) if want_units(args) else ([], {})
    env = {**machine_info(), "notes": list(meta.get("notes", [])), "venv": meta.get("venv", ""),
           "elapsed_s": round(elapsed, 1), "storage": {**bench.storage(), "medium": meta["medium"]}}
    env["loadavg"] = f"{load_before} before, {env['loadavg']} after"
    unavailable.update(runner.failed)
    return _outcome(args, env, runner, unavailable, units, units_failed, measure_validation())


def _outcome(args, env, runner, unavailable, units, units_failed, validation) -> Outcome:
    """Split the rows back into the main table and the packaged-scenario table."""
    block_keys = {s.key for s in BLOCKS}
    return Outcome(
        args=args, env=env, results=summarise(runner.specs, runner.raw, runner.info), validation=validation,
        block_specs=[s for s in runner.specs if s.group == "blocks"],
        scenario_specs=[s for s in runner.specs if s.group == "scenarios"],
        unavailable={k: v for k, v in unavailable.items() if k in block_keys},
        scenarios_unavailable={k: v for k, v in unavailable.items() if k not in block_keys},
        units=units, units_failed=units_failed, raw=runner.raw,
        previous_doc=DOCS_FILE.read_text() if DOCS_FILE.exists() else "")


def save_raw(out: Outcome) -> None:
    """Every figure of the run as JSON in .bench/results (git-ignored), for a later look."""
    data = {"env": out.env, "args": vars(out.args), "results": out.results, "validation": out.validation,
            "unavailable": {**out.unavailable, **out.scenarios_unavailable}, "units": out.units,
            "units_failed": out.units_failed, "raw": out.raw}
    stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    (BENCH / "results").mkdir(parents=True, exist_ok=True)
    (BENCH / "results" / f"bench-{stamp}.json").write_text(json.dumps(data, indent=1, default=str))


def print_outcome(out: Outcome) -> None:
    """The tables and verdicts on stdout (the docs get the same tables with the prose around them)."""
    print(markdown_table(out.block_specs, out.results, out.unavailable, BLOCKS, out.previous_doc))
    print()
    print(targets_text(out.block_specs, out.results))
    print(validation_text(out.validation))
    print()
    print(scenarios_table(out.scenario_specs, out.results, out.scenarios_unavailable))
    print()
    print(targets_text(out.scenario_specs, out.results))
    print()
    print(units_table(summarise_units(out.units)))
    print(units_flagged(summarise_units(out.units)))
    for note in out.env["notes"]:
        print(f"\nNOTE: {note}")


def inner_main(args) -> None:
    """Phase 2, inside the benchmark venv: measure on a fresh workbench, print, save, maybe write docs."""
    from .docs import write_docs  # noqa: PLC0415

    meta = json.loads(os.environ.get(INNER_ENV) or "{}")
    workdir, meta["medium"] = make_workdir(BENCH)
    try:
        out = measure(args, workdir, meta)
    finally:
        os.chdir(ROOT)
        if meta["medium"] == "tmpfs":
            shutil.rmtree(workdir, ignore_errors=True)  # RAM: do not leave the database behind
    save_raw(out)
    print_outcome(out)
    if args.write_docs:
        write_docs(out)
        log(f"wrote {DOCS_FILE.relative_to(ROOT)}")


def main(argv=None) -> None:
    """Phase 1 when run from any Python (builds the venv and re-executes), phase 2 inside the venv."""
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if os.environ.get(INNER_ENV) is None:
        enter_venv(argv)
    else:
        inner_main(args)
