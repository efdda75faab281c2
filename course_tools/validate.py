"""Validate an Open edX course export (a directory or a ``.tar.gz``): ours or anyone's.

Checks what Studio import and the platform rely on and olxcleaner misses (docs: shared
research olx.md §7), runs olxcleaner through its Python API as Studio does, and parses every
legal-basics block with its own code. Findings carry the file and line.
"""

from __future__ import annotations

import datetime
import json
import re
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from legal_basics_xblock.olx.safe_xml import UnsafeXMLError, parse_xml

from .blocks import check_block
from .items import item_writing_findings
from .olx_rules import (
    ERROR,
    NOTE,
    OPEN_EDX_BLOCKS,
    WARNING,
    archive_limits,
    lenient_level,
    passport_ids,
    unanswerable_responses,
)

OUR_TAGS = ("legal_quiz", "legal_case_study", "legal_mock_trial")
STRUCTURE = ("chapter", "sequential", "vertical")
POINTER_LOADED = {"chapter", "sequential", "vertical", "html", "problem", "video", "discussion", "lti",
                  "library_content", "split_test", "conditional", "annotatable", "poll_question", "word_cloud",
                  "customtag", "course_info", "static_tab", "about", "wiki"}
CONTAINERS = {"course", "chapter", "sequential", "vertical", "split_test", "conditional", "library_content",
              "itembank"}
DATE_SETTINGS = ("start", "end", "enrollment_start", "enrollment_end", "due", "announcement")


@dataclass
class Finding:
    level: str
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        return f"{place}: {self.level}: {self.message}"


@dataclass
class Report:
    findings: list = field(default_factory=list)

    def add(self, level: str, file: str, line, message: str) -> None:
        self.findings.append(Finding(level, file, line, message))

    def of(self, level: str) -> list:
        return [f for f in self.findings if f.level == level]

    @property
    def failed(self) -> bool:
        return bool(self.of(ERROR))

    def summary(self, name: str) -> str:
        lines = [str(f) for f in self.findings]
        counts = f"{len(self.of(ERROR))} errors, {len(self.of(WARNING))} warnings, {len(self.of(NOTE))} notes"
        lines.append(f"{name}: {'FAILED' if self.failed else 'ok'} ({counts})")
        return "\n".join(lines)


# --- archives -------------------------------------------------------------------------------------
def read_members(path: Path, report: Report) -> list | None:
    """The archive's members, read header by header; ``None`` (and an error) past the limits."""
    max_bytes, max_members = archive_limits()
    members, expanded = [], 0
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                members.append(member)
                expanded += max(member.size, 0)
                if len(members) > max_members or expanded > max_bytes:
                    report.add(ERROR, path.name, None, f"the archive holds more than {max_members} files or "
                               f"{max_bytes // (1024 * 1024)} MiB once expanded; nothing was extracted (limits: "
                               "LEGAL_OLX_MAX_MEMBERS, LEGAL_OLX_MAX_EXPANDED_MB)")
                    return None
    except (tarfile.TarError, OSError, EOFError) as exc:
        report.add(ERROR, path.name, None, f"not a readable .tar.gz archive: {exc}")
        return None
    return members


def check_archive(path: Path, report: Report) -> list:
    """Studio's safe-extraction rules; returns the members that may be extracted."""
    safe = []
    members = read_members(path, report)
    if members is None:
        return []
    course_xml = [m.name for m in members if Path(m.name).name == "course.xml" and m.isfile()]
    for member in members:
        name = member.name
        if member.issym() or member.islnk():
            report.add(ERROR, name, None, "links are refused by Studio import")
        elif member.isdev() or member.isfifo():
            report.add(ERROR, name, None, "device files are refused by Studio import")
        elif name.startswith("/") or ".." in Path(name).parts:
            report.add(ERROR, name, None, "absolute or escaping paths are refused by Studio import")
        else:
            safe.append(member)
    if len(course_xml) != 1:
        report.add(ERROR, path.name, None, f"expected exactly one course.xml, found {len(course_xml)}: "
                                           f"{', '.join(course_xml) or 'none'}")
    return safe


def extract(path: Path, target: Path, members: list) -> Path | None:
    with tarfile.open(path, "r:gz") as tar:
        for member in members:
            if member.isdir() or member.isfile():
                tar.extract(member, target, filter="data")
    found = sorted(target.rglob("course.xml"), key=lambda p: len(p.parts))
    return found[0].parent if found else None


# --- the course tree ------------------------------------------------------------------------------
class CourseChecker:
    def __init__(self, root: Path, report: Report):
        self.root = root
        self.report = report
        self.url_names: dict[tuple, tuple] = {}
        self.sequentials: list[tuple] = []
        self.custom_tags: set = set()
        self.quizzes: list[tuple] = []

    def rel(self, path: Path) -> str:
        return str(path.relative_to(self.root))

    def load(self, path: Path):
        try:
            return parse_xml(path.read_bytes())
        except FileNotFoundError:
            return None
        except UnsafeXMLError as exc:
            self.report.add(ERROR, self.rel(path), None, str(exc))
            return None

    def run(self) -> None:
        pointer = self.load(self.root / "course.xml")
        if pointer is None:
            self.report.add(ERROR, "course.xml", None, "missing or unreadable")
            return
        run = pointer.get("url_name")
        if not run or not pointer.get("org") or not pointer.get("course"):
            self.report.add(ERROR, "course.xml", pointer.sourceline, "needs url_name, org and course")
            return
        self.run_name = run
        self.policy = self.load_json(self.root / "policies" / run / "policy.json", required=True) or {}
        self.grading = (self.load_json(self.root / "policies" / run / "grading_policy.json")
                        or self.load_json(self.root / "policies" / "grading_policy.json") or {})
        self.check_policy_dates()
        self.walk_file("course", run, None)
        self.check_grading()
        for finding in item_writing_findings(self.quizzes):
            self.report.add(WARNING, finding[0], finding[1], finding[2])

    def load_json(self, path: Path, required: bool = False):
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            if required:
                self.report.add(ERROR, self.rel(path), None, "missing")
        except json.JSONDecodeError as exc:
            self.report.add(ERROR, self.rel(path), exc.lineno, f"not valid JSON: {exc.msg}")
        return None

    def walk_file(self, tag: str, url_name: str, referrer) -> None:
        path = self.root / tag / f"{url_name.replace(':', '/')}.xml"
        element = self.load(path)
        if element is None:
            if referrer and not path.exists():
                self.report.add(ERROR, referrer[0], referrer[1], f"<{tag} url_name=\"{url_name}\"> points to "
                                                                 f"{tag}/{url_name}.xml, which does not exist")
            return
        self.visit(element, url_name, self.rel(path))

    def visit(self, element, url_name: str, file: str) -> None:
        tag = element.tag
        self.note_url_name(tag, url_name, file, element.sourceline)
        self.check_dates(element, file)
        if tag == "sequential":
            self.sequentials.append((element, file))
        if tag == "problem":
            for line, what in unanswerable_responses(element):
                self.report.add(ERROR, file, line, f"the problem has {what}: no learner can get it right "
                                "(Studio imports it without a word)")
        if tag == "html":
            filename = element.get("filename")
            if filename and not (self.root / "html" / f"{filename}.html").exists():
                self.report.add(ERROR, file, element.sourceline, f"html/{filename}.html does not exist")
        if tag in CONTAINERS:
            for child in element:
                if isinstance(child.tag, str):
                    self.visit_child(child, file)

    def visit_child(self, child, file: str) -> None:
        url_name = child.get("url_name")
        is_pointer = url_name is not None and len(child.attrib) == 1 and len(child) == 0
        looks_like_xblock = url_name is not None or child.get("xblock-family") is not None
        if child.tag in OUR_TAGS or (child.tag not in POINTER_LOADED and looks_like_xblock):
            self.custom_tags.add(child.tag)
            if is_pointer:
                self.report.add(ERROR, file, child.sourceline, f"<{child.tag} url_name=\"{url_name}\"/> uses pointer "
                                "syntax; released Open edX does not load custom blocks that way: write it inline")
                return
            if not url_name:
                self.report.add(WARNING, file, child.sourceline, f"<{child.tag}> has no url_name; the importer "
                                "invents one from a hash of the XML, so learner state is lost when it changes")
            self.note_url_name(child.tag, url_name or "", file, child.sourceline)
            if child.tag in OUR_TAGS:
                for level, message in check_block(child):
                    self.report.add(level, file, child.sourceline if level != "line" else None, message)
            if child.tag == "legal_quiz":
                self.quizzes.append((file, child))
            return
        if child.tag == "wiki" or child.tag not in POINTER_LOADED:
            return  # not an XBlock: olxcleaner reports unexpected tags and text
        if is_pointer:
            self.walk_file(child.tag, url_name, (file, child.sourceline))
        else:
            self.visit(child, url_name or "", file)

    def note_url_name(self, tag: str, url_name: str, file: str, line) -> None:
        if not url_name:
            return
        key = (tag, url_name)
        if key in self.url_names:
            first = self.url_names[key]
            self.report.add(ERROR, file, line, f"duplicate url_name \"{url_name}\" for <{tag}> "
                                               f"(first at {first[0]}:{first[1]})")
        else:
            self.url_names[key] = (file, line)

    def check_dates(self, element, file: str) -> None:
        for name in DATE_SETTINGS:
            value = element.get(name)
            if value is None:
                continue
            if value == "null":
                self.report.add(NOTE, file, element.sourceline, f'{name}="null" is how Studio exports an unset '
                                                                'date (olxcleaner calls it invalid; it is not)')
            elif not parse_date(value):
                self.report.add(ERROR, file, element.sourceline, f'{name}="{value}" is not a date')

    def check_policy_dates(self) -> None:
        file = f"policies/{self.run_name}/policy.json"
        for key, settings in (self.policy or {}).items():
            for name in DATE_SETTINGS:
                value = settings.get(name) if isinstance(settings, dict) else None
                if value is not None and not parse_date(value):
                    self.report.add(ERROR, file, None, f"{key}: {name} \"{value}\" is not a date")

    def check_grading(self) -> None:
        file = f"policies/{self.run_name}/grading_policy.json"
        graders = self.grading.get("GRADER", [])
        types = {g.get("type"): g for g in graders}
        total = sum(float(g.get("weight", 0)) for g in graders)
        if graders and abs(total - 1.0) > 0.001:
            self.report.add(ERROR, file, None, f"GRADER weights add up to {total:g}, not 1")
        used: dict[str, int] = {}
        for element, seq_file in self.sequentials:
            fmt = element.get("format")
            graded = element.get("graded", "false").lower() == "true"
            if graded and not fmt:
                self.report.add(ERROR, seq_file, element.sourceline, "graded=\"true\" without a format")
            if fmt and fmt not in types:
                self.report.add(ERROR, seq_file, element.sourceline, f'format "{fmt}" is not a GRADER type '
                                f'({", ".join(types) or "none defined"})')
            if fmt and graded:
                used[fmt] = used.get(fmt, 0) + 1
        for name, grader in types.items():
            if used.get(name, 0) < int(grader.get("min_count", 0)):
                self.report.add(WARNING, file, None, f'GRADER "{name}" expects {grader.get("min_count")} '
                                f'subsections, the course has {used.get(name, 0)}')


def parse_date(value) -> bool:
    try:
        datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


# --- olxcleaner --------------------------------------------------------------------------------------
KNOWN_FALSE_POSITIVES = ("SettingOverride", "DateOrdering", "MissingFile")


def installed_xblocks() -> set:
    from importlib.metadata import entry_points  # pylint: disable=import-outside-toplevel
    return {entry.name for entry in entry_points(group="xblock.v1")}


def run_olxcleaner(course_dir: Path, xblock_tags: set, report: Report, policy: dict | None = None) -> None:
    """olxcleaner as Studio runs it, in one pass of all 8 steps.

    Studio gates the import on step 1 alone; its findings are part of the 8-step run, which also
    checks url_names, policies and grading. Like Studio, only installed XBlocks are allowed tags;
    an XBlock tag (one written with ``url_name``/``xblock-family``) that is not installed here is
    a warning, since the target platform may have it.
    """
    import olxcleaner  # pylint: disable=import-outside-toplevel
    from olxcleaner.exceptions import ErrorLevel  # pylint: disable=import-outside-toplevel

    allowed = sorted(installed_xblocks() | set(OUR_TAGS) | OPEN_EDX_BLOCKS)
    _course, store, _names = olxcleaner.validate(str(course_dir), steps=8, allowed_xblocks=allowed)
    passports = passport_ids(policy)
    for error in store.errors:
        name = type(error).__name__
        text = f"olxcleaner {name}: {error.description}"
        lenient = lenient_level(name, error.description)
        if name == "MissingFile" and _static_file_present(course_dir, error.description):
            continue  # a link to a place in the page (…#term-x) or with a query names a file that is there
        if name == "UnexpectedTag" and any(f"<{tag}>" in error.description for tag in xblock_tags):
            report.add(WARNING, error.filename or "", None, text + " (not installed here)")
        elif name == "LTIError" and "lti_passports" in error.description and _passport_named(error, passports):
            report.add(NOTE, error.filename or "", None, text + " (the course policy has it: olxcleaner "
                       "reads the policy's list as text)")
        elif lenient:
            report.add(lenient, error.filename or "", None, text + " (Studio imports it)")
        elif _level(error) == ErrorLevel.ERROR.value and not _known_false_positive(name, error.description):
            report.add(ERROR, error.filename or "", None, text)
        elif name != "MissingDisplayName":
            report.add(NOTE, error.filename or "", None, text)


def _static_file_present(course_dir: Path, description: str) -> bool:
    match = re.search(r"/static/([^\s#?'\"]+)", description)
    return bool(match) and (course_dir / "static" / match.group(1)).is_file()


def _passport_named(error, passports: set) -> bool:
    return any(f"entry for '{lti_id}'" in error.description for lti_id in passports)


def _level(error) -> int:
    return error.level_val


def _known_false_positive(name: str, description: str) -> bool:
    if name in KNOWN_FALSE_POSITIVES:
        return True
    return name == "InvalidSetting" and ("null" in description or "'end'" in description
                                         or "course_image" in description)


# --- entry point -------------------------------------------------------------------------------------
def validate_path(path: Path, olxcleaner_check: bool = True) -> Report:
    report = Report()
    path = Path(path)
    with tempfile.TemporaryDirectory() as temp:
        if path.is_file():
            members = check_archive(path, report)
            course_dir = extract(path, Path(temp), members) if members else None
            if course_dir is None:
                return report
        else:
            course_dir = path
        checker = CourseChecker(course_dir, report)
        checker.run()
        if olxcleaner_check and (course_dir / "course.xml").exists():
            run_olxcleaner(course_dir, checker.custom_tags, report, getattr(checker, "policy", {}))
    return report
