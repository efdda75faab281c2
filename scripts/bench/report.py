"""Markdown tables and target verdicts from the summarised results (pure: no Django, no timing).

Every row of ours gets PASS or **FAIL** per target, whatever the figure; the peers get none.
"""

from __future__ import annotations

from .config import GROWTH_NS, MAIN_N, TARGET_GROWTH, TARGET_KIB, TARGET_RATIO

BLOCK_HEAD = ("| block | render ms median (min–max) | render ×T | handler ms median (min–max) | handler ×T "
              "| learner KiB HTML/JS/CSS = total (gzip) | render growth ×(n=50/5), ×(n=500/5) | SQL/render n=5 (n=500) "
              "| targets |")
SCENARIO_HEAD = ("| scenario (block) | render ms median (min–max) | render ×T | handler | handler ms median (min–max) "
                 "| handler ×T | learner KiB HTML/JS/CSS = total (gzip) | SQL/render | targets |")
CARRIED = " — *previous run, not re-measured*"
UNIT_HEAD = ("| unit type | units | raw KiB median | raw KiB max (heaviest unit) | gzip KiB max "
             f"| ≤ {TARGET_KIB:.0f} KiB raw |")


def kib(n) -> float:
    return n / 1024


def fmt_ms(t: dict) -> str:
    return f"{t['median']:.2f} ({t['min']:.2f}–{t['max']:.2f})"


def fmt_bytes(b: dict) -> str:
    """'HTML/JS/CSS = total (gzip)' in KiB, plus a warning naming any JS/CSS that was not served."""
    raw = b["raw"]
    text = (f"{kib(raw['html']):.1f}/{kib(raw['js']):.1f}/{kib(raw['css']):.1f} = "
            f"{kib(b['total']):.1f} ({kib(b['gzip']):.1f})")
    if b["missing"]:
        text += "<br>⚠ not served: " + ", ".join(f"`{m}`" for m in b["missing"])
    return text


def ratio_check(name: str, ratio: float) -> tuple:
    return (name, f"{name} ≤ {TARGET_RATIO}×T", ratio, ratio <= TARGET_RATIO, f"{ratio:.2f}×T")


def bytes_check(b: dict) -> tuple:
    """Over the limit, or with a resource that did not load (then the figure is not the truth), fails."""
    total = kib(b["total"])
    shown = f"{total:.1f} KiB" + (", resources missing" if b["missing"] else "")
    return ("bytes", f"learner bytes ≤ {TARGET_KIB:.0f} KiB", total, total <= TARGET_KIB and not b["missing"], shown)


def target_checks(res: dict, wanted=("render", "handler", "bytes", "growth")) -> list:
    """(name, target text, value, passed, shown) for every target of ``wanted`` the row has figures for."""
    checks = [ratio_check("render", res["render"]["xT"]), ratio_check("handler", res["handler"]["xT"]),
              bytes_check(res["bytes"])]
    if "growth" in res:
        g = res["growth"][GROWTH_NS[-1]]
        checks.append(("growth", f"growth n={GROWTH_NS[-1]}/n={GROWTH_NS[0]} ≤ {TARGET_GROWTH}", g,
                       g <= TARGET_GROWTH, f"×{g:.2f}"))
    return [c for c in checks if c[0] in wanted]


def verdicts(res: dict, wanted) -> str:
    """The targets cell: one 'name: PASS/**FAIL** (figure)' per target."""
    return "<br>".join(f"{name}: {'PASS' if ok else '**FAIL**'} ({shown})"
                       for name, _t, _v, ok, shown in target_checks(res, wanted))


def _growth_cell(res: dict) -> str:
    if "growth" not in res:
        return "–"
    g = res["growth"]
    return f"×{g[GROWTH_NS[1]]:.2f}, ×{g[GROWTH_NS[2]]:.2f} ({res['growth_unit']})"


def _sql_cell(sql: dict) -> str:
    return f"{sql[MAIN_N]}" + (f" ({sql[GROWTH_NS[-1]]})" if GROWTH_NS[-1] in sql else "")


def block_row(spec, res: dict) -> str:
    label = spec.label if spec.key == "thumbs" else f"{spec.label} {res['version']}"
    targets = verdicts(res, spec.targets) if spec.ours else "–"
    return (f"| {label} | {fmt_ms(res['render'])} | {res['render']['xT']:.2f} "
            f"| {fmt_ms(res['handler'])} | {res['handler']['xT']:.2f} "
            f"| {fmt_bytes(res['bytes'])} | {_growth_cell(res)} | {_sql_cell(res['sql'])} | {targets} |")


def carried_row(previous_doc: str, label: str, why: str) -> str | None:
    """A peer's row from the previous docs, marked as not re-measured (when its venv could not be built)."""
    for line in previous_doc.splitlines():
        cells = line.split("|")
        if len(cells) > 2 and cells[1].strip().startswith(label + " "):
            label_cell = cells[1].strip().split(CARRIED)[0]  # carried twice: keep one mark
            mark = f"{label_cell}{CARRIED} ({why.replace('|', '/')[:120]})"
            return "|".join([cells[0], f" {mark} ", *cells[2:]])
    return None


def _unavailable_row(spec, key: str, why: str, previous_doc: str, columns: int) -> str:
    label = spec.label if spec else key
    kept = carried_row(previous_doc, label, why) if spec is not None and not spec.ours else None
    return kept or f"| {label} | not measured: {why.replace('|', '/')} |" + " |" * (columns - 2)


def markdown_table(specs, results: dict, unavailable: dict, all_specs=(), previous_doc: str = "") -> str:
    """The main table: thumbs, our synthetic rows, the peers; rows that could not run say why."""
    lines = [BLOCK_HEAD, "|" + "---|" * 9]
    lines += [block_row(spec, results[spec.key]) for spec in specs]
    known = {s.key: s for s in all_specs}
    lines += [_unavailable_row(known.get(key), key, why, previous_doc, 9) for key, why in unavailable.items()]
    return "\n".join(lines)


def scenario_row(spec, res: dict) -> str:
    return (f"| {spec.label} | {fmt_ms(res['render'])} | {res['render']['xT']:.2f} | `{spec.handler}` "
            f"| {fmt_ms(res['handler'])} | {res['handler']['xT']:.2f} | {fmt_bytes(res['bytes'])} "
            f"| {res['sql'][MAIN_N]} | {verdicts(res, spec.targets)} |")


def scenarios_table(specs, results: dict, unavailable: dict) -> str:
    """The packaged scenarios' table: real content, real handler calls, the same targets."""
    lines = [SCENARIO_HEAD, "|" + "---|" * 9]
    lines += [scenario_row(spec, results[spec.key]) for spec in specs]
    lines += [f"| {key} | not measured: {why.replace('|', '/')} |" + " |" * 7 for key, why in unavailable.items()]
    return "\n".join(lines)


def _unit_verdict(s: dict) -> str:
    if not s["over"] and not s["missing"]:
        return "PASS"
    bad = [f"{len(s['over'])} of {s['units']} over"] if s["over"] else []
    bad += [f"{len(s['missing'])} with JS/CSS not served"] if s["missing"] else []
    return "**FAIL** (" + ", ".join(bad) + ")"


def units_table(summary: dict) -> str:
    """One line per unit type: median and max raw bytes (heaviest unit named), max gzip, verdict."""
    lines = [UNIT_HEAD, "|" + "---|" * 6]
    for kind, s in summary.items():
        lines.append(f"| {kind} | {s['units']} | {kib(s['median']):.1f} | {kib(s['max']):.1f} ({s['max_unit']}) "
                     f"| {kib(s['max_gzip']):.1f} | {_unit_verdict(s)} |")
    return "\n".join(lines)


def units_flagged(summary: dict) -> str:
    """The units behind each FAIL, heaviest first (raw KiB), so they can be found and trimmed."""
    lines = []
    for kind, s in summary.items():
        if s["over"]:
            heavy = sorted(s["over"], key=lambda item: -item[1])
            lines.append(f"- {kind}, over {TARGET_KIB:.0f} KiB raw: "
                         + ", ".join(f"{unit} {kib(total):.1f}" for unit, total in heavy))
        if s["missing"]:
            lines.append(f"- {kind}, JS/CSS not served: " + ", ".join(s["missing"]))
    return "\n".join(lines) if lines else f"No unit is over {TARGET_KIB:.0f} KiB raw."


def targets_text(specs, results: dict) -> str:
    """One line per row of ours: 'all targets met' or the targets missed with their figures."""
    out = []
    for spec in (s for s in specs if s.ours):
        missed = [f"{t} ({shown})" for _n, t, _v, ok, shown in target_checks(results[spec.key], spec.targets)
                  if not ok]
        out.append(f"{spec.key}: " + ("all targets met" if not missed else "MISSED: " + "; ".join(missed)))
    return "\n".join(out) if out else "our blocks were not measured (see the table)"
