"""Put the four course archives an instructor imports into ``release/``, with their checksums and a README.

    python scripts/release.py          # (make release) after the content is final for a run

The archives are byte-identical on rebuild, so a release is reproducible from the commit it names.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from build_course import build_all  # noqa: E402

RELEASE = ROOT / "release"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def readme(archives: list[Path], config: dict) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "unknown"
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    lines = ["# Course archives for import in Studio", "",
             f"Built on {today} from commit `{commit}` of `course_export/` "
             "(`make release`). Import one in Studio: *Tools → Import*. See docs/instructor-guide.md.", "",
             "| archive | course | course key | first day |", "|---|---|---|---|"]
    for path in archives:
        key, language = path.name.removesuffix(".tar.gz").split("-")
        course = config["courses"][key]
        course_key = f"course-v1:{config['org']}+{course['number']}+{course['run']}_{language}"
        lines.append(f"| `{path.name}` | {course['title'][language]} | `{course_key}` | {course['start'][:10]} |")
    lines += ["", "`SHA256SUMS` lists each file's checksum (`sha256sum -c SHA256SUMS`). For another semester build "
              "your own run: `python scripts/build_course.py --start YYYY-MM-DD --run NAME`."]
    return "\n".join(lines) + "\n"


def main() -> int:
    RELEASE.mkdir(exist_ok=True)
    archives = build_all(ROOT / "course_export", RELEASE)
    (RELEASE / "SHA256SUMS").write_text("".join(f"{sha256(p)}  {p.name}\n" for p in archives))
    config = json.loads((ROOT / "course_export" / "course.json").read_text(encoding="utf-8"))
    (RELEASE / "README.md").write_text(readme(archives, config), encoding="utf-8")
    print(f"release/: {len(archives)} archives, SHA256SUMS, README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
