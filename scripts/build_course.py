"""Build the importable course tarballs from ``course_export/``.

    python scripts/build_course.py [--source course_export] [--out dist] [--course elective --lang kk]
    python scripts/build_course.py --start 2027-09-06 --run 2027b     # the same courses for an autumn run

Writes ``dist/<course>-<lang>.tar.gz`` (one top folder ``course/``, no links, byte-identical on rebuild)
and validates each with the same checks as ``scripts/validate_course.py``; exits 1 on any error.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import os  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devserver.settings")
import django  # noqa: E402

django.setup()
from course_tools.archive import write_tarball  # noqa: E402
from course_tools.build import CourseBuilder  # noqa: E402
from course_tools.source import LANGUAGES, SourceError, read_json  # noqa: E402


def build_all(source: Path, out: Path, courses=None, languages=LANGUAGES, validate=True, start=None,
              run=None) -> list[Path]:
    """Build every archive (timed on its own), then check them: promises, validator and legal lint in parallel."""
    started, builders = time.perf_counter(), {}
    for course in courses or list(read_json(source / "course.json")["courses"]):
        for language in languages:
            target = out / f"{course}-{language}.tar.gz"
            builder = CourseBuilder(source, course, language, start=start, run=run)
            write_tarball(builder.build(), target)
            builders[target] = builder
    print(f"built {len(builders)} course archive(s) in {time.perf_counter() - started:.1f} s")
    failed = False
    for target, builder in builders.items():
        lines, broken = promises(builder, source)
        print(f"{target}: what the syllabus promises\n" + "\n".join(lines))
        failed = failed or broken
    if validate:
        with ProcessPoolExecutor(max_workers=min(len(builders), os.cpu_count() or 1) or 1) as pool:
            for text, broken in pool.map(check_archive, builders):
                print(text)
                failed = failed or broken
    if failed:
        raise SystemExit(1)
    return list(builders)


def check_archive(target: Path) -> tuple[str, bool]:
    """The export validator's summary and the legal lint of one archive (run in a worker process)."""
    from course_tools.legal_lint import findings_in_tarball  # pylint: disable=import-outside-toplevel
    from course_tools.validate import validate_path  # pylint: disable=import-outside-toplevel
    report, legal = validate_path(target), findings_in_tarball(target)
    text = report.summary(str(target)) + "\n" + ("\n".join(legal) or f"{target}: legal regressions: none")
    return text, report.failed or bool(legal)


def promises(builder, source: Path) -> tuple[list, bool]:
    from course_tools.targets import check_course  # pylint: disable=import-outside-toplevel
    reuses = builder.course.get("targets", {}).get("reuses")
    return check_course(builder, CourseBuilder(source, reuses, builder.language) if reuses else None)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=ROOT / "course_export")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--course", action="append", help="elective, trainer (default: all)")
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="kk, ru (default: both)")
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--start", help="a new run's first day, YYYY-MM-DD: every due date follows it")
    parser.add_argument("--run", help="a new run's name in the course key (default: the one in course.json)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        built = build_all(args.source, args.out, args.course, args.lang or LANGUAGES, not args.no_validate,
                          args.start, args.run)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"built and checked {len(built)} course archive(s) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
