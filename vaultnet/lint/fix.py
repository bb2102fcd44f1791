"""`--fix` and `--diff`: rewrite only the bytes of each fixable finding, atomically.

A fix names a span on one line (line, start column, end column; code points, as the parser
counts them after removing a BOM and reading CRLF or CR as a line break). The file is split
on exactly those line breaks, which are kept, so CRLF files stay CRLF, a BOM stays, and every
byte outside the spans is written back unchanged. Two fixes that overlap are not both applied;
the second waits for the next run. A file that changed on disk since the vault was read is
left alone.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from vaultnet.atomic import atomic_write
from vaultnet.lint.engine import Finding

if TYPE_CHECKING:
    from vaultnet.vault import Vault

__all__ = ["FileFix", "apply_edits", "fix_vault", "unified_diff"]

_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


@dataclass(frozen=True)
class FileFix:
    """The fixes of one file: its bytes before and after, and the findings applied."""

    path: str
    before: bytes
    after: bytes
    applied: tuple[Finding, ...]


def apply_edits(data: bytes, findings: Iterable[Finding]) -> tuple[bytes, list[Finding]]:
    """`data` with each finding's fix written over its span; the findings actually applied."""
    text = data.decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    parts = _LINE_BREAK.split(text[len(bom):])  # [line, break, line, break, …, line]
    applied: list[Finding] = []
    taken: dict[int, list[tuple[int, int]]] = {}
    for finding in sorted(findings, key=lambda f: f.sort_key):
        if finding.fix is None or finding.fix_span is None:
            continue
        line, start, end = finding.fix_span
        index = 2 * (line - 1)
        if not (0 <= index < len(parts) and 1 <= start <= end <= len(parts[index]) + 1):
            continue  # the file does not look as the parser saw it; leave it
        spans = taken.setdefault(index, [])
        if any(start < other_end and other_start < end for other_start, other_end in spans):
            continue
        spans.append((start, end))
        applied.append(finding)
    # Right to left on each line, so earlier columns stay valid.
    for finding in sorted(applied, key=lambda f: f.fix_span or (0, 0, 0), reverse=True):
        assert finding.fix_span is not None and finding.fix is not None
        line, start, end = finding.fix_span
        index = 2 * (line - 1)
        parts[index] = parts[index][: start - 1] + finding.fix + parts[index][end - 1 :]
    return (bom + "".join(parts)).encode("utf-8"), applied


def fix_vault(vault: Vault, findings: Iterable[Finding], *, write: bool = True) -> list[FileFix]:
    """Apply every safe fix among `findings`, file by file; with `write=False`, only plan."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.fix is not None and finding.fix_span is not None:
            by_path.setdefault(finding.path, []).append(finding)
    changes = []
    for path in sorted(by_path):
        entry = vault.files.get(path)
        if entry is None:
            continue
        location = vault.on_disk(path)
        try:
            stat = location.stat()
            before = location.read_bytes()
        except OSError:
            continue
        if (stat.st_size, stat.st_mtime_ns) != (entry.size, entry.mtime_ns):
            continue  # edited since it was read: the spans may be stale
        after, applied = apply_edits(before, by_path[path])
        if after == before:
            continue
        if write:
            atomic_write(location, after)
        changes.append(FileFix(path, before, after, tuple(applied)))
    return changes


def unified_diff(change: FileFix) -> str:
    """A `diff -u` of one fixed file, `a/PATH` and `b/PATH` as git writes them."""
    before = _lines(change.before.decode("utf-8"))
    after = _lines(change.after.decode("utf-8"))
    diff = difflib.unified_diff(before, after, f"a/{change.path}", f"b/{change.path}")
    return "".join(
        line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        for line in diff
    )


def _lines(text: str) -> list[str]:
    parts = _LINE_BREAK.split(text)
    lines = [parts[i] + parts[i + 1] for i in range(0, len(parts) - 1, 2)]
    return lines + ([parts[-1]] if parts[-1] else [])
