"""Deterministic, Studio-safe tarballs: one top folder ``course/``, sorted, no links, fixed metadata."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path


def _info(name: str, size: int, is_dir: bool) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.mtime = 0
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if is_dir:
        info.type = tarfile.DIRTYPE
        info.mode = 0o755
    else:
        info.size = size
        info.mode = 0o644
    return info


def write_tarball(files: dict[str, bytes], target: Path, top: str = "course") -> None:
    """Write ``{relative path: bytes}`` under ``top/`` into a byte-identical ``.tar.gz``."""
    buffer = io.BytesIO()
    directories = {top}
    for name in files:
        parts = Path(name).parts[:-1]
        for depth in range(1, len(parts) + 1):
            directories.add("/".join((top, *parts[:depth])))
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for directory in sorted(directories):
            tar.addfile(_info(directory, 0, True))
        for name in sorted(files):
            data = files[name]
            tar.addfile(_info(f"{top}/{name}", len(data), False), io.BytesIO(data))
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(buffer.getvalue())
