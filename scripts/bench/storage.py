"""One storage set-up for every block, so handler times measure the blocks, not the disk.

Every handler call commits learner state to the workbench's SQLite key-value store. On a disk that
commit waits for fsync, and its latency moved the handler columns from run to run. The benchmark
therefore puts its working folder (database and the workbench log) on a RAM-backed tmpfs when the
machine has one, and opens every SQLite connection with the same PRAGMAs either way.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

SHM = Path("/dev/shm")  # noqa: S108 - only mkdtemp() creates anything there (a private folder)
PRAGMAS = ("PRAGMA synchronous=OFF", "PRAGMA journal_mode=MEMORY")


def is_tmpfs(path: Path, mounts: str) -> bool:
    """Whether ``path`` is the mount point of a tmpfs in a /proc/mounts text."""
    return any(fields[1] == str(path) and fields[2] == "tmpfs"
               for fields in (line.split() for line in mounts.splitlines()) if len(fields) > 2)


def _mounts() -> str:
    try:
        return Path("/proc/mounts").read_text()
    except OSError:
        return ""


def make_workdir(bench_dir: Path) -> tuple[Path, str]:
    """A fresh working folder and where it lives: 'tmpfs' (/dev/shm, in RAM) or 'disk' (.bench/work)."""
    if is_tmpfs(SHM, _mounts()) and os.access(SHM, os.W_OK):
        return Path(tempfile.mkdtemp(prefix="legal-basics-bench-", dir=SHM)), "tmpfs"
    workdir = bench_dir / "work"
    if workdir.exists():
        shutil.rmtree(workdir)  # a fresh database for every run
    workdir.mkdir(parents=True)
    return workdir, "disk"


def database_settings(db: Path) -> dict:
    """Django DATABASES for the workbench: one SQLite file, the same PRAGMAs on every connection."""
    return {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(db),
                        "OPTIONS": {"init_command": "; ".join(PRAGMAS)}}}


def describe(storage: dict) -> str:
    """One sentence for the docs: where the database was and which PRAGMAs were in force (read back)."""
    where = ("a tmpfs RAM disk (`/dev/shm`)" if storage.get("medium") == "tmpfs"
             else "disk (`.bench/work/`; no writable tmpfs was found)")
    return (f"workbench SQLite database and log on {where}; every connection opened with "
            f"`{'; '.join(PRAGMAS)}` (read back: synchronous={storage.get('synchronous', '?')}, "
            f"journal_mode={storage.get('journal_mode', '?')}), the same for every block")
