"""A small course card image (PNG) drawn without image libraries: two colour bands."""

from __future__ import annotations

import struct
import zlib

WIDTH, HEIGHT = 480, 270
TOP, BOTTOM = (10, 79, 140), (255, 191, 71)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def course_card_png() -> bytes:
    rows = b"".join(b"\x00" + bytes(TOP if y < HEIGHT * 2 // 3 else BOTTOM) * WIDTH for y in range(HEIGHT))
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, 9))
            + _chunk(b"IEND", b""))
