"""The archives in release/ are what an instructor imports: their checksums hold and each validates cleanly."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from course_tools.validate import validate_path

RELEASE = Path(__file__).resolve().parents[2] / "release"
NAMES = [f"{course}-{language}.tar.gz" for course in ("elective", "trainer") for language in ("kk", "ru")]


def test_the_checksums_and_the_readme_name_all_four_archives():
    sums = dict(reversed(line.split("  ")) for line in (RELEASE / "SHA256SUMS").read_text().splitlines())
    assert sorted(sums) == sorted(NAMES)
    readme = (RELEASE / "README.md").read_text(encoding="utf-8")
    for name in NAMES:
        assert hashlib.sha256((RELEASE / name).read_bytes()).hexdigest() == sums[name], f"{name} changed"
        assert f"`{name}`" in readme


@pytest.mark.parametrize("name", NAMES)
def test_each_released_archive_imports_cleanly(name):
    report = validate_path(RELEASE / name)
    assert not report.failed, report.summary(name)
