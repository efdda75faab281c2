"""The law-currency report: what a reviewer works through before each semester.

It reads the norm registry and every ``<cite norm>`` in the course source and the package scenarios,
and lists the norms by status, by the age of their check and of the edition they were read in, the
registry's own defects, every course element that cites an unconfirmed norm, and the norms not checked
for a year. ``today`` is a parameter, so the same inputs give the same report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from legal_basics_xblock.content import registry
from legal_basics_xblock.olx.safe_xml import parse_xml
from legal_basics_xblock.scenarios import SCENARIO_DIR

from .source import load_module, read_json

STALE_AFTER_DAYS = 365
AGE_BANDS = ((90, "≤ 3 months"), (182, "3–6 months"), (365, "6–12 months"))


@dataclass(frozen=True)
class Citation:
    """One ``<cite norm>`` in a source file: where it is and which element carries it."""

    norm: str
    path: str
    line: int
    element: str
    units: tuple = ()


@dataclass
class Report:
    today: date
    norms: dict
    citations: list
    problems: list = field(default_factory=list)

    def by_status(self) -> Counter:
        return Counter(norm.status for norm in self.norms.values())

    def unconfirmed_citations(self) -> list:
        return [c for c in self.citations if self.norms.get(c.norm) and
                self.norms[c.norm].status == registry.UNCONFIRMED]

    def stale(self) -> list:
        return [n for n in self.norms.values() if n.status != registry.REPEALED and
                age_days(n.checked, self.today) > STALE_AFTER_DAYS]

    def cited_ids(self) -> set:
        return {c.norm for c in self.citations}


def age_days(iso: str, today: date) -> int:
    """Days since an ISO date; a missing or malformed date counts as never (a very large age)."""
    try:
        return (today - date.fromisoformat(iso)).days
    except (TypeError, ValueError):
        return 10 ** 6


def age_band(iso: str, today: date) -> str:
    days = age_days(iso, today)
    for limit, label in AGE_BANDS:
        if days <= limit:
            return label
    return "never" if days == 10 ** 6 else "> 12 months"


def _element_path(node) -> str:
    steps = []
    for ancestor in node.iterancestors():
        ident = ancestor.get("id") or ancestor.get("url_name")
        if ident:
            steps.append(f"{ancestor.tag}[{ident}]")
    return "/".join(reversed(steps)) or node.getparent().tag


def citations_in_file(path: Path, root: Path, units: tuple = ()) -> list:
    tree = parse_xml(path.read_bytes(), max_bytes=16 * 1024 * 1024)
    shown = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
    return [Citation(cite.get("norm", ""), shown, cite.sourceline or 0, _element_path(cite), units)
            for cite in tree.iter("cite")]


def _units_by_file(source: Path) -> dict:
    """Which course units (url_names) use each block file, package scenarios included."""
    result: dict = {}
    modules = {m for course in read_json(source / "course.json")["courses"].values() for m in course["modules"]}
    for module_id in sorted(modules):
        module = load_module(source, module_id)
        for unit in (u for section in module.sections for u in section.units if u.block):
            block = unit.block
            path = SCENARIO_DIR / f"{block[4:]}.xml" if block.startswith("pkg:") else module.folder / block
            result.setdefault(path.resolve(), []).append(unit.id)
    return result


def collect_citations(source: Path, repo_root: Path) -> list:
    units = _units_by_file(source)
    files = sorted(source.glob("modules/*/*.xml")) + sorted(SCENARIO_DIR.glob("*.xml"))
    found = []
    for path in files:
        found.extend(citations_in_file(path, repo_root, tuple(sorted(units.get(path.resolve(), ())))))
    return found


def build_report(source: Path, repo_root: Path, today: date) -> Report:
    norms = dict(registry.norms())
    report = Report(today, norms, collect_citations(source, repo_root), registry.check_registry())
    report.problems += [f"{c.path}:{c.line}: {c.element} cites unknown norm {c.norm!r}"
                        for c in report.citations if c.norm not in norms]
    report.problems += [f"{c.path}:{c.line}: {c.element} cites repealed norm {c.norm!r}"
                        for c in report.citations if c.norm in norms and norms[c.norm].status == registry.REPEALED]
    return report


def _table(header: tuple, rows) -> list:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _amendments(norm) -> str:
    return "; ".join(a.label() for a in norm.amended_by) or "—"


def render_markdown(report: Report) -> str:
    today = report.today
    status = report.by_status()
    cited = report.cited_ids()
    out = [
        "# Law-currency report",
        "",
        f"Generated for **{today.isoformat()}** by `make norms-report` (`scripts/norms_report.py`) from "
        "`legal_basics_xblock/data/norms.json` and every `<cite norm>` in `course_export/` and the package "
        "scenarios. Work through it before each semester; `docs/norms.md` says how.",
        "",
        f"- Norms: {len(report.norms)} — " + ", ".join(f"{status[s]} {s}" for s in registry.STATUSES),
        f"- Citations in the course and scenarios: {len(report.citations)} of {len(cited)} distinct norms",
        f"- Registry defects: {len(report.problems)}",
        f"- Not checked for more than {STALE_AFTER_DAYS} days: {len(report.stale())}",
        f"- Course elements citing an unconfirmed norm: {len(report.unconfirmed_citations())}",
        "",
    ]
    out += _section_problems(report) + _section_ages(report) + _section_unconfirmed(report)
    out += _section_stale(report) + _section_norms(report)
    return "\n".join(out) + "\n"


def _section_problems(report: Report) -> list:
    lines = ["## Registry defects", ""]
    return lines + ([f"- {p}" for p in report.problems] or ["None."]) + [""]


def _section_ages(report: Report) -> list:
    checked = Counter(age_band(n.checked, report.today) for n in report.norms.values())
    edition = Counter(age_band(n.edition, report.today) for n in report.norms.values())
    bands = [label for _, label in AGE_BANDS] + ["> 12 months", "never"]
    return (["## Age of the checks and of the editions read", ""]
            + _table(("age", "last checked", "edition read"), [(b, checked[b], edition[b]) for b in bands])
            + ["", "*never* under «edition read» means the norm records no edition: its text was not read.", ""])


def _section_unconfirmed(report: Report) -> list:
    lines = ["## Unconfirmed norms and where the course cites them", ""]
    for norm in sorted((n for n in report.norms.values() if n.status == registry.UNCONFIRMED), key=lambda n: n.id):
        lines += [f"### `{norm.id}` — {norm.label('ru')}", "", f"Open: {norm.note}", ""]
        uses = [c for c in report.citations if c.norm == norm.id]
        lines += [f"- `{c.path}:{c.line}` {c.element}" + (f" (units: {', '.join(c.units)})" if c.units else "")
                  for c in uses] or ["- not cited by the course"]
        lines.append("")
    return lines


def _section_stale(report: Report) -> list:
    lines = [f"## Not checked for more than {STALE_AFTER_DAYS} days", ""]
    return lines + ([f"- `{n.id}` (checked {n.checked or 'never'})" for n in report.stale()] or ["None."]) + [""]


def _section_norms(report: Report) -> list:
    cited = Counter(c.norm for c in report.citations)
    rows = [(f"`{n.id}`", n.label("ru"), n.status, n.checked, n.edition or "—", _amendments(n), cited[n.id])
            for n in sorted(report.norms.values(), key=lambda n: (registry.STATUSES.index(n.status), n.id))]
    header = ("id", "citation", "status", "checked", "edition read", "amended by", "cited")
    return ["## Every norm", ""] + _table(header, rows) + [""]
