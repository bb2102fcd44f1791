"""Bytes of a note or canvas to text, as Obsidian would read them, or why they cannot be read."""
from __future__ import annotations

# The default of `max_file_bytes`. markdown-it-py costs up to ~7 s and ~320 MB per MB of hostile
# Markdown (tables, lists, `%%` lines; measured in benchmarks/README.md), so a larger note is
# refused with a finding unless the user raises the limit; real notes are far smaller.
DEFAULT_MAX_FILE_BYTES = 1_000_000


def decode_text(data: bytes, max_bytes: int) -> tuple[str | None, str]:
    """The text with a BOM removed and line breaks as `\\n`, or (None, the reason)."""
    if len(data) > max_bytes:
        return None, f"file is larger than {max_bytes} bytes ({len(data)} bytes)"
    if b"\x00" in data:
        return None, "file contains NUL bytes (binary, not a text note)"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, f"file is not valid UTF-8 (byte {error.start})"
    if text.startswith("\ufeff"):
        text = text[1:]
    # markdown-it normalises line breaks the same way; positions then agree.
    return text.replace("\r\n", "\n").replace("\r", "\n"), ""
