"""The law-currency report of the norm registry (see docs/norms.md, "Reviewing the registry").

    python scripts/norms_report.py [--today YYYY-MM-DD] [--write docs/norms-report.md] [--check]

Prints (or writes) a Markdown report: norms by status, by the age of their check and edition, registry
defects, every course element that cites an unconfirmed norm, and norms not checked for 12 months.
``--check`` exits 1 when the registry has a defect or a course element cites an unknown or repealed norm.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course_tools.norms_report import build_report, render_markdown  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--today", type=date.fromisoformat, default=datetime.now(UTC).date())
    parser.add_argument("--source", type=Path, default=ROOT / "course_export")
    parser.add_argument("--write", type=Path, help="write the report to this file instead of printing it")
    parser.add_argument("--check", action="store_true", help="exit 1 on any registry or citation defect")
    args = parser.parse_args(argv)
    report = build_report(args.source, ROOT, args.today)
    text = render_markdown(report)
    if args.write:
        args.write.write_text(text, encoding="utf-8")
        print(f"{args.write}: {len(report.norms)} norms, {len(report.problems)} defects, "
              f"{len(report.unconfirmed_citations())} citations of unconfirmed norms")
    else:
        sys.stdout.write(text)
    return 1 if args.check and report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
