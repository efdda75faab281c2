"""The instructor's knowledge-gain report from the pre/post diagnostic test (see docs/instructor-guide.md, § 5).

    python scripts/knowledge_gain.py CSV [CSV ...] --out DIR [--lang kk|ru] [--pair KEY]

CSV: the "problem responses" report(s) downloaded from the instructor dashboard; one file with both tests or one
per test (they are merged). Writes DIR/knowledge-gain.<lang>.html (self-contained: inline CSS and SVG charts) and
DIR/knowledge-gain.csv (per learner: pre, post, gain and per-topic scores), and prints a one-line summary.
Exits 1 with a message when the files hold no pre/post rows (or several pair keys and no --pair).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course_tools.knowledge_gain import NoData, load_report  # noqa: E402
from course_tools.knowledge_gain_page import STRINGS, summary_line, write_report  # noqa: E402


def main(argv=None) -> int:
    """Parse the arguments, build the report and write it; 1 when there is nothing to report on."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", nargs="+", type=Path, help="problem responses report(s), UTF-8")
    parser.add_argument("--out", type=Path, required=True, help="folder for the HTML and CSV")
    parser.add_argument("--lang", choices=sorted(STRINGS), default="kk", help="report language (default: kk)")
    parser.add_argument("--pair", help="pre/post pair key, needed when the files hold several")
    args = parser.parse_args(argv)
    try:
        report = load_report(args.csv, args.pair)
    except NoData as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (OSError, UnicodeDecodeError) as error:
        print(f"error: cannot read the CSV ({error}); save it as UTF-8 CSV", file=sys.stderr)
        return 1
    html_path, _ = write_report(report, args.out, args.lang)
    print(summary_line(report, html_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
