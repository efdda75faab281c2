"""docs/benchmarks.md from one run: the fixed prose of :mod:`.docs_text` plus this run's tables."""

from __future__ import annotations

from collections import Counter

from .blocks import BLOCKS
from .config import DOCS_FILE, TARGET_GROWTH, TARGET_KIB, TARGET_RATIO, TARGET_VALIDATE_MS
from .docs_text import PAGE
from .report import kib, markdown_table, scenarios_table, targets_text, units_flagged, units_table
from .storage import describe
from .units import summarise_units
from .validation import validation_text


def command_line(args) -> str:
    """The command that reproduces this run, as shown in the docs."""
    cmd = ["python3", "scripts/benchmark.py"]
    if args.quick:
        cmd.append("--quick")
    else:
        if args.rounds != 5:
            cmd += ["--rounds", str(args.rounds)]
        if args.samples != 50:
            cmd += ["--samples", str(args.samples)]
    if args.blocks:
        cmd += ["--blocks", args.blocks]
    cmd.append("--write-docs")
    return " ".join(cmd)


def growth_lines(specs, results) -> str:
    return "\n".join(f"- {s.key}: " + ", ".join(f"n={n} {ms:.1f} ms" for n, ms in results[s.key]["growth_ms"].items())
                     for s in specs if results[s.key].get("growth_ms"))


def bytes_lines(specs, results) -> str:
    """Per row, every JS/CSS part and its size: what to trim when a row is over its byte target."""
    lines = []
    for spec in specs:
        files = results[spec.key]["bytes"]["files"]
        listed = ", ".join(f"{name} {kib(size):.1f}" for _k, name, size in files) or "none"
        lines.append(f"- {spec.key}: {listed}")
    return "\n".join(lines)


def units_intro(units: list, failed: dict) -> str:
    """Which units were measured (course/language counts) and which could not be, with why."""
    counts = Counter(row["unit"].rsplit("/", 1)[0] for row in units)
    text = ("Learner bytes (raw; gzip) of every course unit, whole unit as the learner opens it, by what the unit "
            f"holds. Measured: {', '.join(f'{where} {n}' for where, n in sorted(counts.items())) or 'none'} units.")
    if failed:
        text += " Not measured: " + "; ".join(f"{unit} ({why})" for unit, why in sorted(failed.items())) + "."
    return text


def _env_fields(env: dict) -> dict:
    notes = "".join(f"\n> **Note:** {n}\n" for n in env["notes"])
    keys = ("date", "cpus", "os", "loadavg", "python", "xblock", "xblock_sdk", "django", "venv", "elapsed_s")
    return {**{k: env[k] for k in keys}, "cpu": env["cpu"] or "unknown CPU", "notes": notes,
            "storage": describe(env.get("storage", {}))}


def page_fields(out) -> dict:
    """Every placeholder of the page, from the run's outcome."""
    specs, scenarios, args = out.block_specs, out.scenario_specs, out.args
    return {
        **_env_fields(out.env), "command": command_line(args), "rounds": args.rounds, "samples": args.samples,
        "gsamples": max(3, args.samples // 5),
        "table": markdown_table(specs, out.results, out.unavailable, BLOCKS, out.previous_doc),
        "targets": targets_text(specs, out.results), "validation": validation_text(out.validation),
        "growth_ms": growth_lines(specs, out.results),
        "failures": ", ".join(f"{s.key} {out.results[s.key]['template_failures']}" for s in specs + scenarios),
        "bytes_detail": bytes_lines(specs, out.results),
        "scenarios": scenarios_table(scenarios, out.results, out.scenarios_unavailable),
        "scenario_targets": targets_text(scenarios, out.results),
        "units_intro": units_intro(out.units, out.units_failed), "units": units_table(summarise_units(out.units)),
        "units_flagged": units_flagged(summarise_units(out.units)),
        "ratio": TARGET_RATIO, "kib": f"{TARGET_KIB:.0f}", "growth": TARGET_GROWTH,
        "validate_ms": f"{TARGET_VALIDATE_MS:.0f}",
    }


def write_docs(out) -> None:
    DOCS_FILE.parent.mkdir(exist_ok=True)
    DOCS_FILE.write_text(PAGE.format(**page_fields(out)))
