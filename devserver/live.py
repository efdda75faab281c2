"""A workbench server for a browser: started in its own folder (own SQLite database) on 127.0.0.1, stopped after.

Used by the browser tests (tests/browser/conftest.py) and by scripts/screenshots.py.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 5.0) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (local server)
        return response.read().decode("utf-8")


def _wait_until_up(server, base_url: str, log_path: Path) -> None:
    """Until the index lists the scenarios and stays the same: the workbench fills its list while it answers."""
    deadline, last = time.monotonic() + 90, None
    while True:
        if server.poll() is not None:
            raise RuntimeError("workbench exited:\n" + log_path.read_text(errors="replace"))
        try:
            index = get(base_url + "/", timeout=30)
            if index == last and "/scenario/" in index:
                return
            last = index
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("workbench did not answer:\n" + log_path.read_text(errors="replace"))
        time.sleep(0.5)


def _stop(server) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


@contextlib.contextmanager
def running_workbench(workdir: Path):
    """Yield ``(base_url, log_path)`` of ``devserver.settings`` served from ``workdir`` on a free port."""
    (workdir / "var").mkdir(exist_ok=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "devserver.settings", "PYTHONPATH": str(REPO),
           "PYTHONHASHSEED": "0", "PYTHONWARNINGS": "ignore"}
    subprocess.run([sys.executable, "-m", "django", "migrate", "--run-syncdb", "--noinput", "-v", "0"],
                   cwd=workdir, env=env, check=True, timeout=120)
    port, log_path = free_port(), workdir / "runserver.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
                                  cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(server, base_url, log_path)
        yield base_url, log_path
    finally:
        _stop(server)
