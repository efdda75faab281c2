"""Validate an Open edX course export: a directory holding course.xml, or a .tar.gz.

    python scripts/validate_course.py PATH [PATH ...] [--no-olxcleaner]

Reports archive safety, pointers, duplicate url_names, formats without a GRADER, grader
weights, dates, every legal-basics block parsed by its own code and round-tripped (citations,
both languages), and olxcleaner's findings (as Studio runs it), known false positives as notes.
Exit status 1 when any error is found.

Archives are read header by header and refused, before anything is extracted, past these limits
(environment settings): LEGAL_OLX_MAX_MEMBERS (default 20000 files) and LEGAL_OLX_MAX_EXPANDED_MB
(default 1024 MiB once expanded). Links, devices and paths leaving the archive are refused as Studio does.

Blocks every Open edX has (annotatable, library_content, split_test, poll, openassessment, lti_consumer…)
are accepted; olxcleaner findings Studio imports anyway are warnings or notes, so a valid export from
Studio gives 0 errors. CAPA problems that nobody can answer (no correct choice, no answer) are errors.
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
    parser.add_argument("--max-members", type=int, help="archive limit: files (LEGAL_OLX_MAX_MEMBERS)")
    parser.add_argument("--max-expanded-mb", type=int,
                        help="archive limit: MiB once expanded (LEGAL_OLX_MAX_EXPANDED_MB)")
    args = parser.parse_args(argv)
    limits = (("LEGAL_OLX_MAX_MEMBERS", args.max_members), ("LEGAL_OLX_MAX_EXPANDED_MB", args.max_expanded_mb))
    for name, value in limits:
        if value is not None:
            os.environ[name] = str(value)
    failed = False
    for path in args.paths:
        report = validate_path(path, olxcleaner_check=not args.no_olxcleaner)
        print(report.summary(str(path)))
        failed = failed or report.failed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
