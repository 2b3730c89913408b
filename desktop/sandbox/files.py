"""Attachments on the wire: which kinds of file the marketplace takes, how big, and whether a file is what
its Content-Type says. Plus the small real files the seed puts in conversations (a PDF and a PNG).

A declared type is checked against the file's first bytes where the format has a signature (images, PDF,
the zip-based office formats): a file sent as image/png that is not a PNG is refused, so what another
person opens as an image or a PDF really is one.
"""

from __future__ import annotations

import struct
import zlib

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
"""The largest attachment taken (25 MiB); a larger upload is answered 413 before its body is read."""
MAX_ATTACHMENTS_PER_MESSAGE = 10
MAX_NAME_LENGTH = 255

_ZIP = (b"PK\x03\x04",)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
    "application/zip": _ZIP,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _ZIP,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _ZIP,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": _ZIP,
}
"""The first bytes a file of each type starts with (a webp also has WEBP at offset 8)."""

ALLOWED_TYPES: tuple[str, ...] = (
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "text/plain",
    "text/csv",
    "application/zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
)
"""What may be attached: documents, images, plain text and archives. Executables and scripts may not."""


def media_type(header: str | None) -> str:
    """``text/plain; charset=utf-8`` -> ``text/plain`` (lower case); "" when there is none."""
    return (header or "").split(";", 1)[0].strip().lower()


def matches_signature(content_type: str, data: bytes) -> bool:
    """Whether ``data`` starts as a file of ``content_type`` must (types without a signature: always)."""
    signatures = SIGNATURES.get(content_type)
    if signatures is None:
        return True
    if content_type == "image/webp" and data[8:12] != b"WEBP":
        return False
    return any(data.startswith(signature) for signature in signatures)


def name_problem(name: str) -> str | None:
    """Why a file name cannot be used as it is (None: it can): a plain name, no folders, no control
    characters, at most 255 characters."""
    if not name.strip():
        return "name must not be blank"
    if len(name) > MAX_NAME_LENGTH:
        return f"name is longer than {MAX_NAME_LENGTH} characters"
    if "/" in name or "\\" in name or name in (".", ".."):
        return "name must be a file name, without folders"
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return "name must not contain control characters"
    return None


# ---- seed files ------------------------------------------------------------------------------------------


def seed_pdf(title: str, lines: list[str]) -> bytes:
    """A small, valid one-page PDF showing ``title`` and ``lines`` (Helvetica, ASCII text)."""

    def escape(text: str) -> str:
        return text.encode("ascii", "replace").decode().replace("\\", "\\\\").replace("(", "\\(") \
            .replace(")", "\\)")

    stream_lines = ["BT", "/F1 20 Tf", "56 780 Td", f"({escape(title)}) Tj", "/F1 12 Tf"]
    for line in lines:
        stream_lines += ["0 -22 Td", f"({escape(line)}) Tj"]
    stream_lines.append("ET")
    content = "\n".join(stream_lines).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def seed_png(width: int, height: int) -> bytes:
    """A PNG of a simple wireframe: a header bar, a sidebar and content blocks on a soft gradient."""

    def pixel(x: int, y: int) -> tuple[int, int, int]:
        if y < height // 8:
            return (37, 99, 235)  # header bar
        if x < width // 5:
            return (226, 232, 240)  # sidebar
        cell_w, cell_h = (width - width // 5) // 3, (height - height // 8) // 2
        cx, cy = (x - width // 5) % cell_w, (y - height // 8) % cell_h
        if 10 <= cx < cell_w - 10 and 10 <= cy < cell_h - 10:
            shade = 250 - (y * 30 // height)
            return (shade, shade, 255)
        return (248, 250, 252)

    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter: none
        for x in range(width):
            raw.extend(pixel(x, y))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + chunk(b"IEND", b""))
