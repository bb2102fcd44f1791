"""`.canvas` files (JSON Canvas): only `file` nodes link (obsidian-semantics.md R36).

Text cards are not indexed by Obsidian (their links and tags do not count), `link` nodes are
external URLs, and edges, groups and colours create no links. A file card links to an exact
vault path; an optional `subpath` (`#Heading`, `#^block`) does not change the target.
"""
from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import unicodedata
from typing import Any, Callable

from vaultnet.records import CanvasRecord, Link, Problem
from vaultnet.text import DEFAULT_MAX_FILE_BYTES, decode_text

__all__ = ["parse_canvas"]


class _Located(str):
    """A JSON string value that remembers the offset of its opening quote."""

    offset: int


def _located_decoder() -> json.JSONDecoder:
    """A decoder whose string values carry their position.

    The pure-Python scanner takes string values from `parse_string` (object keys go through
    the module-level scanner and stay plain), so wrapping it is enough to learn where each
    value starts; canvases are small, so the slower scanner does not matter.
    """
    decoder = json.JSONDecoder()
    plain: Callable[..., tuple[str, int]] = json.decoder.scanstring

    def scan_located(text: str, end: int, strict: bool = True) -> tuple[str, int]:
        value, after = plain(text, end, strict)
        located = _Located(value)
        located.offset = end - 1
        return located, after

    decoder.parse_string = scan_located  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder


def parse_canvas(
    path: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> CanvasRecord:
    """The links of one canvas file; never raises (bad files give an `unreadable-file` problem)."""
    record = CanvasRecord(path=path)
    text, why = decode_text(data, max_bytes)
    if text is None:
        record.problems.append(Problem("unreadable-file", 1, 1, why))
        return record
    if not text.strip():
        return record  # Obsidian writes an empty canvas as an empty file or `{}`
    try:
        document = _located_decoder().decode(text)
    except json.JSONDecodeError as error:
        record.problems.append(
            Problem("unreadable-file", error.lineno, error.colno, f"invalid JSON: {error.msg}")
        )
        return record
    except RecursionError:
        record.problems.append(Problem("unreadable-file", 1, 1, "JSON nested too deeply"))
        return record
    nodes = document.get("nodes") if isinstance(document, dict) else None
    if not isinstance(document, dict) or not isinstance(nodes, (list, type(None))):
        record.problems.append(
            Problem("unreadable-file", 1, 1, "not a JSON Canvas: expected an object with `nodes`")
        )
        return record
    line_starts = _line_starts(text)
    for node in nodes or ():
        link = _file_link(node, line_starts)
        if link is not None:
            record.links.append(link)
    record.links.sort(key=lambda link: (link.line, link.col))
    return record


def _file_link(node: Any, line_starts: list[int]) -> Link | None:
    if not isinstance(node, dict) or node.get("type") != "file":
        return None
    target = node.get("file")
    if not isinstance(target, _Located) or not target.strip():
        return None
    line = bisect.bisect_right(line_starts, target.offset)
    col = target.offset - line_starts[line - 1] + 1
    heading = block = None
    subpath = node.get("subpath")
    if isinstance(subpath, str) and subpath.startswith("#"):
        if subpath.startswith("#^"):
            block = subpath[2:] or None
        else:
            heading = subpath[1:] or None
    return Link(
        line=line,
        col=col,
        kind="canvas",
        embed=False,
        target=unicodedata.normalize("NFC", str(target)),
        heading=heading,
        block=block,
        raw=str(target),
    )


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts

