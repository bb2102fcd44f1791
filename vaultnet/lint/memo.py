"""The last whole-vault lint result, kept up to date note by note (issue "Speed").

`.vaultnet/lint-v<FORMAT>.pickle` holds the findings of the last full `lint`, grouped by
path, and what they were computed from: each file's kind and stat, a digest of what the walk
could not read, and for every note what other notes' findings may depend on (its *surface*:
aliases, headings, block ids, whether it is readable) and which files its links landed on.

A later run, under the same cache key (release, code, configuration), compares its walk:

- nothing changed (by the parse cache's own trust rule: same size and mtime, not racy): the
  stored findings are the answer, and nothing is read or parsed;
- the same files with a few notes changed, none of their aliases: only those notes and the
  notes linking to one whose surface changed are linted again; every other note's findings
  cannot have changed, since they depend only on the note itself, the set of files, the
  vault's aliases and the surfaces of the notes it links to;
- anything else (a file added, removed or renamed, an alias edited, many changes): a full run.

A file modified within `RACY_NS` of the walk is stored as racy and linted again next time.
The file is written like the parse cache: checksummed, atomically; a damaged one is discarded
with a warning. As in the parse cache, a partial relint writes only a delta beside it (the
stats and findings that differ, tied to the base by a random generation); a full run
rewrites the base and drops the delta. `lint FILE` answers from the memo and updates it when
it can; after a full miss it lints only its files and leaves the memo as it was.
"""
from __future__ import annotations

import dataclasses
import hashlib
import operator
import pickle
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Collection, Iterable

from vaultnet.cache import (
    CACHE_DIR,
    DELTA_ENTRIES,
    cache_key,
    delta_path,
    new_generation,
    read_verified,
    remove_other_formats,
    trusted_signature,
    write_verified,
)
from vaultnet.lint.engine import Finding, lint_vault, selector
from vaultnet.records import NoteRecord

if TYPE_CHECKING:
    from vaultnet.config import Config
    from vaultnet.records import CanvasRecord, Problem
    from vaultnet.vault import FileEntry, Vault

    Walked = tuple[list[FileEntry], list[tuple[str, Problem]]]

__all__ = ["LintMemo", "lint_cached", "memo_path"]

FORMAT = 4
# Above this share of changed notes a full run is as fast and simpler to trust.
MAX_CHANGED_SHARE = 20

_PARTS = ("files", "findings")
_UNDECIDED = object()
Row = tuple[Any, ...]  # a Finding's fields, in order
Surface = tuple[tuple[str, ...], str]  # (aliases, digest of headings, block ids, readability)


def memo_path(root: Path) -> Path:
    return Path(root) / CACHE_DIR / f"lint-v{FORMAT}.pickle"


# A Finding's fields in declaration order, so that `Finding(*row)` rebuilds it exactly.
_row: Callable[[Finding], Row] = operator.attrgetter(*(f.name for f in dataclasses.fields(Finding)))


def _surface(record: NoteRecord | CanvasRecord) -> Surface:
    """What another note's findings can depend on: aliases, anchors, readability."""
    unreadable = any(problem.rule == "unreadable-file" for problem in record.problems)
    if not isinstance(record, NoteRecord):
        return ((), "unreadable" if unreadable else "")
    digest = hashlib.blake2b(digest_size=16)
    for heading in record.headings:
        digest.update(f"h{heading.level}\0{heading.text}\n".encode())
    for block in record.blocks:
        digest.update(f"b{block.id}\n".encode())
    digest.update(b"unreadable" if unreadable else b"")
    return (tuple(record.aliases), digest.hexdigest())


class LintMemo:
    """The memo of one vault for one configuration.

    `LintMemo.walk` walks the vault (its `walked` is handed to `load_vault` on a miss);
    `recall` answers when nothing changed; `lint` answers otherwise and updates the memo.
    """

    def __init__(self, root: Path, config: Config, walked: Walked, walked_ns: int) -> None:
        self.path = memo_path(root)
        self.key: dict[str, Any] = {**cache_key(config), "memo": FORMAT}
        self.walked = walked
        self.walked_ns = walked_ns
        entries, problems = walked
        # (kind, on-disk spelling, signature): None when racy, () for an attachment (only its
        # existence matters to lint). One comprehension: it runs for every file of the vault.
        self.files: dict[str, tuple[str, str | None, tuple[int, ...] | None]] = {
            entry.path: (
                entry.kind, entry.disk_path,
                () if entry.kind == "attachment" else trusted_signature(entry, walked_ns),
            )
            for entry in entries
        }
        digest = hashlib.blake2b(digest_size=16)
        for path, problem in problems:
            digest.update(f"{path}\0{problem.rule}\0{problem.line}\0{problem.message}\n".encode())
        self.walk_problems = digest.hexdigest()
        self._stored: dict[str, Any] | None = None  # the base file with its delta applied
        self._base: dict[str, Any] = {}  # the base file alone, which a new delta is made from
        self._delta_paths: set[str] = set()  # the paths the applied delta changed
        # Notes and canvases whose stat differs from the stored one, or was racy then; set
        # by `_previous` when the memo is usable.
        self._changes: list[str] = []
        self._verdict: object = _UNDECIDED

    @classmethod
    def walk(cls, root: Path, config: Config) -> LintMemo:
        from vaultnet.vault import walk_vault

        started_ns = time.time_ns()
        return cls(root, config, walk_vault(root, config), started_ns)

    # -- reading ---------------------------------------------------------------------------

    def _previous(self) -> dict[str, Any] | None:
        """The stored memo when it was made for this key and the same files, else None;
        decided once (`recall` and `lint` both ask)."""
        if self._verdict is _UNDECIDED:
            self._verdict = self._check()
        return self._verdict  # type: ignore[return-value]

    def _check(self) -> dict[str, Any] | None:
        if self._stored is None:
            stored = read_verified(self.path)
            self._base = stored if isinstance(stored, dict) else {}
            self._stored = self._with_delta(self._base)
        stored = self._stored
        if stored.get("key") != self.key or stored.get("walk_problems") != self.walk_problems:
            return None
        if not all(isinstance(stored.get(part), dict) for part in _PARTS) or not isinstance(
            stored.get("deps"), bytes
        ):
            return None  # well-formed but not ours: never trusted
        files = stored["files"]
        if files.keys() != self.files.keys():
            return None
        changed: list[str] = []  # one pass over the vault finds both answers
        for path, stat in self.files.items():
            old = files[path]
            if old != stat:  # most are equal: one C comparison
                if old[:2] != stat[:2]:
                    return None  # a kind or an on-disk spelling changed: resolution may differ
                changed.append(path)  # only a note's or a canvas's signature can differ here
            elif old[2] is None and stat[0] != "attachment":
                changed.append(path)  # racy when stored: trusted neither then nor now
        self._changes = changed
        return stored

    def _with_delta(self, base: dict[str, Any]) -> dict[str, Any]:
        """The base with the delta file applied, when the delta was made from this very base
        (its generation) for this key; otherwise the base as it is. A delta that is missing,
        stale or damaged costs only a relint: every file's stat is checked against the walk."""
        generation = base.get("generation")
        if generation is None or base.get("key") != self.key:
            return base
        delta = read_verified(delta_path(self.path))
        if not (
            isinstance(delta, dict) and delta.get("base") == generation
            and delta.get("key") == self.key
            and isinstance(delta.get("files"), dict) and isinstance(delta.get("findings"), dict)
            and isinstance(base.get("files"), dict) and isinstance(base.get("findings"), dict)
        ):
            return base
        self._delta_paths = {*delta["files"], *delta["findings"]}
        findings = dict(base["findings"])
        for path, rows in delta["findings"].items():
            if rows is None:
                findings.pop(path, None)
            else:
                findings[path] = rows
        if findings.keys() - base["findings"].keys():
            findings = dict(sorted(findings.items()))  # kept in path order, as written
        return {
            **base,
            "walk_problems": delta.get("walk_problems"),
            "files": {**base["files"], **delta["files"]},
            "findings": findings,
            "deps": delta.get("deps") or base.get("deps"),
        }

    def recall(self, only: Collection[str] | None = None) -> list[Finding] | None:
        """The stored findings when no file changed, filtered to `only`; else None."""
        stored = self._previous()
        if stored is None or self._changes:
            return None
        try:
            return self._findings(stored["findings"], only)
        except (KeyError, TypeError, ValueError):  # well-formed but not ours: not trusted
            self._stored, self._verdict = {}, None
            return None

    @staticmethod
    def _findings(by_path: dict[str, list[Row]], only: Collection[str] | None) -> list[Finding]:
        """Stored in order (paths sorted, rows sorted within a path): no sort needed."""
        selected = selector(only)
        return [Finding(*row) for path, rows in by_path.items() if selected(path) for row in rows]

    @staticmethod
    def _deps(stored: dict[str, Any]) -> dict[str, Any] | None:
        """Targets and surfaces: pickled apart, so a run where nothing changed skips them."""
        try:
            deps = pickle.loads(stored["deps"])
        except Exception:  # noqa: BLE001 - checksummed, so only a foreign writer gets here
            return None
        if not isinstance(deps, dict) or not all(
            isinstance(deps.get(part), dict) for part in ("targets", "surfaces")
        ):
            return None
        return deps

    # -- linting ---------------------------------------------------------------------------

    def lint(self, vault: Vault, only: Collection[str] | None = None) -> list[Finding]:
        """The findings (of `only`, or of the whole vault), relinting as little as it can."""
        stored = self._previous()
        deps = self._deps(stored) if stored is not None else None
        stale = self._stale(vault, stored, deps) if stored is not None and deps else None
        if stale is None:
            if only is not None:  # the hook after a big change: lint only its files
                return lint_vault(vault, only=only)
            vault.load_all()  # a lazy vault: every note will be read, in one batch
            findings = lint_vault(vault)
            self._remember(vault, findings, None, {})
            return findings
        assert stored is not None and deps is not None
        relinted = lint_vault(vault, only=stale) if stale else []
        kept = {path: rows for path, rows in stored["findings"].items() if path not in stale}
        for finding in relinted:  # sorted: each path's rows stay in order
            kept.setdefault(finding.path, []).append(_row(finding))
        kept = dict(sorted(kept.items()))
        self._remember(vault, None, stale, kept, deps)
        return self._findings(kept, only)

    def _stale(
        self, vault: Vault, stored: dict[str, Any], deps: dict[str, Any]
    ) -> set[str] | None:
        """The paths to lint again, or None when only a full run is safe."""
        changed = self._changes
        if len(changed) * MAX_CHANGED_SHARE > max(len(self.files), 1000):
            return None
        surfaces: dict[str, Surface] = deps["surfaces"]
        moved: set[str] = set()
        for path in changed:
            surface = _surface(_record(vault, path))
            old = surfaces.get(path)
            if old is None or old[0] != surface[0]:
                return None  # an alias changed: alias rules read every note
            if old != surface:
                moved.add(path)
        stale = set(changed)
        if moved:
            stale.update(
                source for source, targets in deps["targets"].items()
                if not moved.isdisjoint(targets)
            )
        return stale

    # -- writing ---------------------------------------------------------------------------

    def _remember(
        self,
        vault: Vault,
        findings: list[Finding] | None,
        stale: set[str] | None,
        by_path: dict[str, list[Row]],
        deps: dict[str, Any] | None = None,
    ) -> None:
        """Store the findings with what they depend on; `stale` None: all of it is new."""
        if findings is not None:
            for finding in findings:
                by_path.setdefault(finding.path, []).append(_row(finding))
        if stale is None or deps is None:
            sources: Iterable[str] = self.files
            targets: dict[str, tuple[str, ...]] = {}
            surfaces: dict[str, Surface] = {}
            resolved = vault.resolved_links()
        else:
            sources = stale
            targets = dict(deps["targets"])
            surfaces = dict(deps["surfaces"])
            resolved = vault.resolved_links(lambda path: path in stale)
        landed: dict[str, set[str]] = {}
        for link in resolved:
            if link.resolution.path is not None:
                landed.setdefault(link.source, set()).add(link.resolution.path)
        same = deps is not None and self._stored is not None
        for path in sources:
            if path in vault.notes or path in vault.canvases:
                target, surface = tuple(sorted(landed.get(path, ()))), _surface(_record(vault, path))
                same = same and targets.get(path) == target and surfaces.get(path) == surface
                targets[path], surfaces[path] = target, surface
        if same:  # the usual edit: no link landed elsewhere, no anchor moved
            deps_blob = self._stored["deps"]  # type: ignore[index]
        else:
            deps_blob = pickle.dumps(
                {"targets": targets, "surfaces": surfaces}, protocol=pickle.HIGHEST_PROTOCOL
            )
        if stale is not None and self._write_delta(by_path, deps_blob, stale):
            return
        payload = pickle.dumps(
            {
                "key": self.key,
                "generation": new_generation(),
                "walk_problems": self.walk_problems,
                "files": self.files,
                "findings": by_path,
                "deps": deps_blob,
            },
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        write_verified(self.path, payload)
        try:
            delta_path(self.path).unlink()  # made from the base just replaced
        except OSError:
            pass
        if stale is None:
            remove_other_formats(self.path)

    def _write_delta(
        self, by_path: dict[str, list[Row]], deps_blob: bytes, stale: set[str]
    ) -> bool:
        """After a partial relint, write only what differs from the base file (a 10,000-note
        memo is 3 MB; pickling and writing it took a sixth of a warm `lint` after an edit).
        False when there is no base to refer to or the difference has grown too large.

        Only the relinted paths and those the previous delta held can differ from the base:
        every other path kept its stat (else it would have been relinted) and its findings."""
        base = self._base
        generation = base.get("generation")
        if generation is None or base.get("key") != self.key:
            return False
        old_files, old_findings = base.get("files"), base.get("findings")
        if not isinstance(old_files, dict) or not isinstance(old_findings, dict):
            return False
        maybe = stale | self._delta_paths
        files = {
            path: self.files[path] for path in maybe
            if path in self.files and old_files.get(path) != self.files[path]
        }
        findings = {
            path: by_path.get(path) for path in maybe
            if by_path.get(path) != old_findings.get(path)
        }
        if len(files) + len(findings) > max(DELTA_ENTRIES, len(self.files) // 20):
            return False
        delta = {
            "key": self.key,
            "base": generation,
            "walk_problems": self.walk_problems,
            "files": files,
            "findings": findings,
            "deps": None if deps_blob is base.get("deps") else deps_blob,
        }
        write_verified(delta_path(self.path), pickle.dumps(delta, pickle.HIGHEST_PROTOCOL))
        return True


def lint_cached(
    root: str | Path,
    config: Config | None = None,
    *,
    only: Collection[str] | None = None,
    load: Callable[[Walked], Vault] | None = None,
) -> list[Finding]:
    """`lint_vault` with the parse cache and the memo: what `vaultnet lint` runs.

    The vault is walked once; it is loaded (by `load`, given the walk) only when the memo
    cannot answer, and then only the notes that changed are linted again.
    """
    from vaultnet.collector import collector_paused
    from vaultnet.config import load_config
    from vaultnet.vault import load_vault

    root = Path(root)
    if config is None:
        config, _ = load_config(root)
    memo = LintMemo.walk(root, config)
    findings = memo.recall(only)
    if findings is not None:
        return findings
    if load is None:
        vault = load_vault(root, config, cache=True, walked=memo.walked, lazy=True)
    else:
        vault = load(memo.walked)
    with collector_paused():  # linting and remembering allocate much and leave no cycles
        return memo.lint(vault, only)


def _record(vault: Vault, path: str) -> NoteRecord | CanvasRecord:
    return vault.notes[path] if path in vault.notes else vault.canvases[path]
