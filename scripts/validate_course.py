"""Validate an Open edX course export: a directory holding course.xml, or a .tar.gz.

    python scripts/validate_course.py PATH [PATH ...] [--no-olxcleaner]

Reports archive safety, pointers, duplicate url_names, formats without a GRADER, grader
weights, dates, every legal-basics block parsed by its own code and round-tripped (citations,
both languages), and olxcleaner's findings (as Studio runs it), known false positives as notes.
Exit status 1 when any error is found.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devserver.settings")


def main(argv=None) -> int:
    import django  # pylint: disable=import-outside-toplevel
    django.setup()
    from course_tools.validate import validate_path  # pylint: disable=import-outside-toplevel

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--no-olxcleaner", action="store_true")
    args = parser.parse_args(argv)
    failed = False
    for path in args.paths:
        report = validate_path(path, olxcleaner_check=not args.no_olxcleaner)
        print(report.summary(str(path)))
        failed = failed or report.failed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
