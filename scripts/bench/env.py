"""Phase 1: the separate benchmark venv (peers never enter the project venv) and what the run ran on.

The peers pin their own XBlock/Django stacks, so they live in the git-ignored ``.bench/venv``;
a stamp of the interpreter and the pin files decides whether that venv can be reused.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

from .config import BENCH, CONSTRAINTS_FILE, ENTRY, INNER_ENV, PEERS_FILE, PY311, PY312, ROOT, log


def _run(cmd, **kw):
    log("+", " ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], **kw)


def stamp(python: Path) -> str:
    """Hash of the interpreter path and the pin files: a changed pin rebuilds the venv."""
    digest = hashlib.sha256()
    digest.update(str(python).encode())
    for path in (PEERS_FILE, CONSTRAINTS_FILE):
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _pip(vpy: Path, *args) -> list:
    """A quiet pip install, always under the project's constraints so the stacks match."""
    cmd = [vpy, "-m", "pip", "install", "-q", *args]
    return cmd + ["-c", CONSTRAINTS_FILE] if CONSTRAINTS_FILE.exists() else cmd


def make_venv(venv: Path, python: Path) -> tuple[bool, str]:
    """Create or reuse ``venv`` with the pinned peers. Returns (ok, error text)."""
    stamp_file, vpy, wanted = venv / ".bench-stamp", venv / "bin" / "python", stamp(python)
    if vpy.exists() and stamp_file.exists() and stamp_file.read_text() == wanted:
        log(f"reusing {venv.relative_to(ROOT)}")
        return True, ""
    if venv.exists():
        shutil.rmtree(venv)
    if _run([python, "-m", "venv", venv]).returncode:
        return False, "venv creation failed"
    proc = _run(_pip(vpy, "-r", PEERS_FILE), capture_output=True, text=True)
    if proc.returncode:
        return False, (proc.stderr or proc.stdout)[-3000:]
    stamp_file.write_text(wanted)
    return True, ""


def install_project(vpy: Path) -> str:
    """pip install -e <repo>; returns '' or the error tail (the peers still get measured)."""
    if not ((ROOT / "setup.py").exists() or (ROOT / "pyproject.toml").exists()):
        return "no setup.py/pyproject.toml in the repository yet"
    proc = _run(_pip(vpy, "-e", ROOT), capture_output=True, text=True)
    return (proc.stderr or proc.stdout).strip()[-1500:] if proc.returncode else ""


def _project_venv(notes: list, err: str) -> Path:
    """Last resort when no peer venv can be built (e.g. no network): our rows in the project's own
    venv, the peers' rows kept from the previous docs and marked as not re-measured."""
    venv = ROOT / ".venv"
    if not (venv / "bin" / "python").exists():
        sys.exit(f"peer install failed and there is no project venv (.venv) to fall back to:\n{err}")
    notes.append("the peers' venv could not be built (" + (err.strip().splitlines() or ["?"])[-1][:200]
                 + "); measured in the project venv `.venv` without the peers: their rows are from the "
                 "previous run, not re-measured")
    log("NOTE:", notes[-1])
    return venv


def _venv_with_peers(notes: list) -> Path:
    """The 3.12 venv, or the 3.11 fallback when a peer does not install on 3.12, or the project venv."""
    python = PY312 if PY312.exists() else Path(shutil.which("python3") or sys.executable)
    venv = BENCH / "venv"
    ok, err = make_venv(venv, python)
    if ok:
        return venv
    log(f"peer install failed on {python}:\n{err}")
    if not PY311.exists():
        return _project_venv(notes, err)
    notes.append(f"peers failed to install on {python.name} ({python}); fell back to Python 3.11 venv")
    log("NOTE:", notes[-1])
    venv = BENCH / "venv311"
    ok, err = make_venv(venv, PY311)
    if ok:
        return venv
    notes.pop()  # no 3.11 venv either
    return _project_venv(notes, err)


def enter_venv(argv) -> None:
    """Phase 1: build the venv, install the project, then replace this process with phase 2."""
    BENCH.mkdir(exist_ok=True)
    notes: list = []
    venv = _venv_with_peers(notes)
    vpy = venv / "bin" / "python"
    err = "" if venv == ROOT / ".venv" else install_project(vpy)  # never pip-install into the project venv
    if err:
        notes.append("project not installed: " + err.splitlines()[-1][:300])
        log("NOTE: pip install -e failed; our rows will be reported as unavailable\n" + err)
    env = dict(os.environ)
    env[INNER_ENV] = json.dumps({"notes": notes, "venv": str(venv.relative_to(ROOT))})
    env.pop("PYTHONPATH", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    os.execve(str(vpy), [str(vpy), str(ENTRY), *argv], env)


def dist_version(dist: str) -> str:
    """Installed version of a distribution, '?' when it is not installed."""
    from importlib import metadata  # noqa: PLC0415

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def loadavg() -> str:
    """The 1/5/15-minute load, printed before and after so a loaded machine shows in the docs."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _cpu_name() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return ""
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "")


def machine_info() -> dict:
    """Interpreter, stack versions and machine, for the Run section of the docs."""
    import django  # noqa: PLC0415

    return {
        "python": platform.python_version(),
        "xblock": dist_version("XBlock"),
        "xblock_sdk": dist_version("xblock-sdk"),
        "django": django.get_version(),
        "cpus": os.cpu_count(),
        "cpu": _cpu_name(),
        "os": platform.platform(),
        "date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "loadavg": loadavg(),
    }
