"""Learner time per module, estimated from the course source, next to the syllabus hours.

    python scripts/workload.py [--course elective] [--lang kk]

Prints one line per module (contact and self-study hours: estimate and syllabus) and the estimate's parts
in minutes; exits 1 when a module's estimate differs from its syllabus hours by more than 25 %.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course_tools.source import load_module, read_json  # noqa: E402
from course_tools.workload import module_time, report_lines  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--course", default="elective")
    parser.add_argument("--lang", default="kk", choices=("kk", "ru"))
    parser.add_argument("--source", type=Path, default=ROOT / "course_export")
    args = parser.parse_args(argv)
    course = read_json(args.source / "course.json")["courses"][args.course]
    times = [module_time(load_module(args.source, m), args.lang) for m in course["modules"]]
    print("\n".join(report_lines(times)))
    total_contact = sum(t.contact_minutes for t in times) / 60
    total_self = sum(t.self_minutes for t in times) / 60
    print(f"total: contact {total_contact:.1f} h, self-study {total_self:.1f} h "
          f"(syllabus {sum(t.contact_hours for t in times):.0f} + {sum(t.self_hours for t in times):.0f} h)")
    return 0 if all(t.matches() for t in times) else 1


if __name__ == "__main__":
    sys.exit(main())
