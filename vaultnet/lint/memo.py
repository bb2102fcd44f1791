"""The last whole-vault lint result, reused while no file has changed (issue "Speed").

`.vaultnet/lint-v1.pickle` holds the findings of the last full `lint` and a digest of the walk
that produced them: every path with its kind, each note's and canvas's size and mtime, and
what could not be walked. A later walk with the same digest, under the same cache key
(release, code, configuration), sees the same bytes by the parse cache's own trust rule, so
it gets the same findings without reading or parsing anything. A file modified within
`RACY_NS` of the walk makes the digest unusable (its mtime tick may still move), and any
difference means an ordinary run. The file is written like the parse cache: checksummed,
atomically, and a damaged one is discarded with a warning.
"""
from __future__ import annotations

import hashlib
import pickle
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Collection, Sequence

from vaultnet.cache import CACHE_DIR, RACY_NS, cache_key, read_verified, write_verified
from vaultnet.lint.engine import Finding, in_selection

if TYPE_CHECKING:
    from vaultnet.config import Config
    from vaultnet.records import Problem
    from vaultnet.vault import FileEntry

    Walked = tuple[list[FileEntry], list[tuple[str, Problem]]]

__all__ = ["LintMemo"]

FORMAT = 1


def memo_path(root: Path) -> Path:
    return Path(root) / CACHE_DIR / f"lint-v{FORMAT}.pickle"


def walk_digest(
    entries: Sequence[FileEntry], problems: Sequence[tuple[str, Problem]], walked_ns: int
) -> str | None:
    """A digest of everything the walk saw, or None when a file is too fresh to trust."""
    digest = hashlib.blake2b(digest_size=20)
    for entry in entries:
        if entry.kind == "attachment":  # only its existence matters to lint
            digest.update(f"{entry.path}\0{entry.kind}\n".encode())
            continue
        if entry.mtime_ns >= walked_ns - RACY_NS:
            return None
        digest.update(
            f"{entry.path}\0{entry.disk_path}\0{entry.kind}\0{entry.size}\0{entry.mtime_ns}\n"
            .encode()
        )
    for path, problem in problems:
        digest.update(f"!{path}\0{problem.rule}\0{problem.line}\0{problem.message}\n".encode())
    return digest.hexdigest()


class LintMemo:
    """The memo of one vault for one configuration; `recall` before linting, `remember` after.

    `LintMemo.walk` walks the vault once; its `walked` is then handed to `load_vault` on a miss.
    """

    def __init__(self, root: Path, config: Config, walked: Walked, walked_ns: int) -> None:
        self.path = memo_path(root)
        self.key: dict[str, Any] = {**cache_key(config), "memo": FORMAT}
        self.walked = walked
        self.digest = walk_digest(*walked, walked_ns)

    @classmethod
    def walk(cls, root: Path, config: Config) -> LintMemo:
        from vaultnet.vault import walk_vault

        started_ns = time.time_ns()
        return cls(root, config, walk_vault(root, config), started_ns)

    def recall(self, only: Collection[str] | None = None) -> list[Finding] | None:
        """The findings of the last full run when the vault is as it was, filtered to `only`."""
        if self.digest is None:
            return None
        stored = read_verified(self.path)
        if not isinstance(stored, dict) or stored.get("key") != self.key:
            return None
        if stored.get("digest") != self.digest:
            return None
        try:
            findings = [Finding(*fields) for fields in stored["findings"]]
        except (KeyError, TypeError):  # a foreign but well-formed file: not ours to trust
            return None
        if only is None:
            return findings
        return [finding for finding in findings if in_selection(finding.path, only)]

    def remember(self, findings: Sequence[Finding]) -> None:
        """Keep the findings of a full run (never of a `lint FILE` run: those are partial)."""
        if self.digest is None:
            return
        rows = [
            (f.path, f.line, f.col, f.rule, f.severity, f.message, f.fix, f.fix_span, f.end_col)
            for f in findings
        ]
        payload = pickle.dumps(
            {"key": self.key, "digest": self.digest, "findings": rows},
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        write_verified(self.path, payload)
