"""Reading a vault: the file walk, loading each note and canvas once, and the `Vault` object.

The walk lists every linkable file (R18): dot-named files and folders and the configured
excludes are skipped, symbolic links may not leave the vault or loop, and paths are NFC (the
on-disk spelling is kept for reading). Each note is read once, as bytes, and parsed by
`read_and_parse`, the single function a process pool or a cache would call (issue "Speed").
"""
from __future__ import annotations

import errno
import gc
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

from vaultnet.collector import collector_paused
from vaultnet.config import Config, load_config
from vaultnet.errors import VaultnetError
from vaultnet.records import CanvasRecord, FileKind, Link, NoteRecord, Problem
from vaultnet.resolve import (
    UNRESOLVED,
    FileIndex,
    Resolution,
    ResolvedLink,
    resolve_linkpath,
)
from vaultnet.stored import LazyRecords, Stored
from vaultnet.text import DEFAULT_MAX_FILE_BYTES, decode_text

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "FileEntry",
    "Reader",
    "Vault",
    "file_kind",
    "load_vault",
    "read_all",
    "parse_file",
    "read_and_parse",
    "read_file",
    "walk_vault",
]

Record = NoteRecord | CanvasRecord
# Reads and parses a batch of notes and canvases, in order; a process pool or a cache can
# stand in for `read_all` as long as each record equals what `read_and_parse` gives.
# It may hand back a record still pickled (`Stored`, from the cache): it is loaded on use.
Reader = Callable[[Path, Sequence["FileEntry"], int], "list[Record | Stored]"]


# Not frozen: a frozen dataclass sets each field through object.__setattr__, which made
# creating the entries a fifth of a warm 50,000-file walk. Entries are never modified.
@dataclass(slots=True, unsafe_hash=True)
class FileEntry:
    """One linkable file of the vault (treat it as immutable)."""

    path: str  # vault path: `/`-separated, NFC
    kind: FileKind
    size: int
    mtime_ns: int
    # The relative path as spelled on disk, when it differs from `path` (an NFD name on macOS).
    disk_path: str | None = field(default=None, compare=False, repr=False)
    # Inode and status-change time, as git's index keeps them: another file moved over this
    # path with the same size and mtime (a restore, `mv` of a twin) still counts as changed.
    ino: int = field(default=0, compare=False, repr=False)
    ctime_ns: int = field(default=0, compare=False, repr=False)

    @property
    def on_disk(self) -> str:
        return self.disk_path or self.path

    @property
    def signature(self) -> tuple[int, int, int, int]:
        """What the caches compare to decide whether the file may have changed."""
        return (self.size, self.mtime_ns, self.ino, self.ctime_ns)


def file_kind(name: str) -> FileKind:
    lower = name.lower()
    if lower.endswith(".md"):
        return "note"
    if lower.endswith(".canvas"):
        return "canvas"
    return "attachment"


# ---------------------------------------------------------------------------------------------
# Walking


def walk_vault(root: Path, config: Config) -> tuple[list[FileEntry], list[tuple[str, Problem]]]:
    """Every linkable file under `root`, sorted by path, and what could not be walked."""
    walker = _Walker(Path(root), config)
    walker.walk()
    entries = sorted(walker.entries.values(), key=lambda entry: entry.path)
    return entries, sorted(walker.problems, key=lambda item: (item[0], item[1].message))


class _Walker:
    def __init__(self, root: Path, config: Config) -> None:
        self.root = root
        root_text = str(root)
        self._prefix = root_text if root_text.endswith(os.sep) else root_text + os.sep
        self.real_root = os.path.realpath(root)
        self.config = config
        self.entries: dict[str, FileEntry] = {}
        self.problems: list[tuple[str, Problem]] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append((path, Problem("unreadable-file", 1, 1, message)))

    def walk(self) -> None:
        # An explicit stack, not recursion: deep folder trees cannot hit Python's limit.
        # Each item: (folder on disk, its vault path, the real paths of it and its ancestors).
        stack: list[tuple[str, str, frozenset[str]]] = [
            (str(self.root), "", frozenset({self.real_root}))
        ]
        while stack:
            folder, vault_folder, ancestors = stack.pop()
            try:
                with os.scandir(folder) as listing:
                    children = list(listing)  # any order: the result is sorted at the end
            except OSError as error:
                self.problem(vault_folder or ".", f"cannot read folder: {_reason(error)}")
                continue
            for child in children:
                self.visit(child, vault_folder, ancestors, stack)

    def visit(
        self,
        child: os.DirEntry[str],
        vault_folder: str,
        ancestors: frozenset[str],
        stack: list[tuple[str, str, frozenset[str]]],
    ) -> None:
        name = unicodedata.normalize("NFC", child.name)
        if name.startswith("."):  # .obsidian, .trash, .git, .vaultnet and every other dot-name
            return
        path = f"{vault_folder}/{name}" if vault_folder else name
        try:
            info = os.stat(child.path)  # follows symbolic links
        except OSError as error:
            if child.is_symlink():
                self.problem(path, f"symbolic link cannot be followed: {_reason(error)}")
            else:
                self.problem(path, f"cannot read: {_reason(error)}")
            return
        is_dir = stat.S_ISDIR(info.st_mode)
        if self.config.is_excluded(path, is_dir=is_dir):
            return
        real = os.path.realpath(child.path) if child.is_symlink() else None
        if real is not None and not _inside(real, self.real_root):
            self.problem(path, "symbolic link leads outside the vault; skipped")
            return
        if is_dir:
            real_dir = real or os.path.realpath(child.path)
            if real_dir in ancestors:
                self.problem(path, "symbolic link loop (leads back to a folder above it); skipped")
                return
            stack.append((child.path, path, ancestors | {real_dir}))
            return
        if not stat.S_ISREG(info.st_mode):
            return  # sockets, pipes and devices are not notes; reading a pipe would block
        # Every path here was built by scandir from str(self.root): slicing off the prefix is
        # what relpath computes, without its per-call abspath/normpath (a third of a warm walk).
        entry = _entry(path, name, child.path[len(self._prefix):], info)
        twin = self.entries.get(path)
        if twin is not None:
            # Two on-disk names with the same NFC form (possible on Linux): the spelling that
            # sorts first is kept whatever order the folders were listed in.
            kept, dropped = sorted((twin, entry), key=lambda e: e.on_disk)
            self.problem(
                path, f"another file has this name after Unicode normalisation: {dropped.on_disk}"
            )
            entry = kept
        self.entries[path] = entry


def _entry(path: str, name: str, relative: str, info: os.stat_result) -> FileEntry:
    """The entry of a regular file; `relative` is its on-disk path below the vault root."""
    disk = relative.replace(os.sep, "/")
    return FileEntry(
        path, file_kind(name), info.st_size, info.st_mtime_ns,
        disk if disk != path else None, info.st_ino, info.st_ctime_ns,
    )


def _inside(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


# ---------------------------------------------------------------------------------------------
# Reading and parsing


def read_file(
    root: Path, entry: FileEntry, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> bytes | Record:
    """The bytes of a note or canvas, read once; or, when they cannot be had, a record that
    names why (too large, unreadable). Never raises for a bad file."""
    if entry.kind == "attachment":
        raise ValueError(f"{entry.path} is an attachment; only notes and canvases are parsed")
    if entry.size > max_bytes:  # do not even read it
        problem = f"file is larger than {max_bytes} bytes ({entry.size} bytes)"
    else:
        try:
            return (Path(root) / entry.on_disk).read_bytes()
        except OSError as error:
            problem = f"cannot read: {_reason(error)}"
    record: Record = (
        NoteRecord(path=entry.path) if entry.kind == "note" else CanvasRecord(path=entry.path)
    )
    record.problems.append(Problem("unreadable-file", 1, 1, problem))
    return record


def parse_file(
    entry: FileEntry, data: bytes, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> Record:
    """Parse bytes already read as the note or canvas `entry` names."""
    # Imported here, not at the top: a warm run served from the cache never parses, and
    # markdown-it-py plus PyYAML are half of the CLI's import time.
    if entry.kind == "note":
        from vaultnet.parse import parse_note

        return parse_note(entry.path, data, max_bytes=max_bytes)
    from vaultnet.canvas import parse_canvas

    return parse_canvas(entry.path, data, max_bytes=max_bytes)


def read_and_parse(
    root: Path, entry: FileEntry, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> Record:
    """Read one note or canvas (once, as bytes) and parse it; never raises for a bad file.

    Depends only on the file's bytes and `max_bytes`, so it can run in a worker process and
    its result can be cached by (path, size, mtime).
    """
    data = read_file(root, entry, max_bytes=max_bytes)
    return parse_file(entry, data, max_bytes=max_bytes) if isinstance(data, bytes) else data


def read_all(root: Path, entries: Sequence[FileEntry], max_bytes: int) -> list[Record]:
    """The default `Reader`: one file after another in this process."""
    return [read_and_parse(root, entry, max_bytes=max_bytes) for entry in entries]


# ---------------------------------------------------------------------------------------------
# The vault


@dataclass
class Vault:
    """A loaded vault: its files, their parse records, and the one resolver."""

    root: Path
    config: Config
    # repr=False: a 50k-note vault must not print itself in a traceback.
    files: dict[str, FileEntry] = field(repr=False)  # by vault path, sorted
    # Plain dicts or `LazyRecords` (records from the cache are unpickled on first use).
    notes: Mapping[str, NoteRecord] = field(repr=False)
    canvases: Mapping[str, CanvasRecord] = field(repr=False)
    problems: list[tuple[str, Problem]] = field(repr=False)  # from the walk, with their path
    index: FileIndex = field(init=False, repr=False)
    _resolved: list[ResolvedLink] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = FileIndex(self.files)

    def resolve(self, link: Link, source: str) -> Resolution:
        """Where `link`, written in `source`, points (R12–R17, R36)."""
        if link.kind == "canvas":
            # A canvas file card names an exact vault path; it never searches by name.
            return Resolution(link.target) if link.target in self.index else UNRESOLVED
        return resolve_linkpath(link.target, source, self.index)

    def resolved_links(
        self, sources: Callable[[str], bool] | None = None
    ) -> list[ResolvedLink]:
        """Every link of every note and canvas with its resolution, by source, line, column.

        With `sources`, only the links of the notes and canvases it accepts (what `lint FILE`
        needs: the pre-commit hook should not resolve the whole vault for one changed note).
        """
        if sources is not None:
            return self._resolve_links(self._records(sources))
        if self._resolved is None:
            self._resolved = self._resolve_links(self._records())
        return list(self._resolved)

    def _records(self, sources: Callable[[str], bool] | None = None) -> list[Record]:
        """Every record, or those of `sources` (chosen by path: the rest stay unloaded)."""
        if sources is None:
            return [*self.notes.values(), *self.canvases.values()]
        return [records[path] for records in (self.notes, self.canvases)
                for path in records if sources(path)]

    def load_all(self) -> None:
        """Load every record a lazy vault still holds pickled, in one batch with the cyclic
        GC paused, then frozen: loaded one by one with the collector running, the 50,000
        records of a large vault cost a whole lint again (12.7 s against 5.1 s). The records
        live as long as the vault and hold no cycles, so later collections may skip them.
        """
        with collector_paused():
            for records in (self.notes, self.canvases):
                if isinstance(records, LazyRecords):
                    records.load_all()
        gc.freeze()

    def aliases_of(self, path: str) -> Sequence[str]:
        """A note's aliases; from the cache's summary when the record is not loaded yet."""
        if isinstance(self.notes, LazyRecords):
            return self.notes.aliases_of(path)
        return self.notes[path].aliases

    def _resolve_links(self, records: list[Record]) -> list[ResolvedLink]:
        found = [
            ResolvedLink(record.path, link, self.resolve(link, record.path))
            for record in records
            for link in record.links
        ]
        found.sort(key=lambda r: (r.source, r.link.line, r.link.col))
        return found

    def graph(self) -> nx.MultiDiGraph:
        from vaultnet.graph import build_graph

        return build_graph(self)

    def read_text(self, path: str) -> str:
        """A note's text as the parser saw it: UTF-8, BOM removed, line breaks as `\\n`."""
        on_disk = self.root / self.files[path].on_disk
        limit = self.config.max_file_bytes
        with open(on_disk, "rb") as stream:  # bounded: the file may have grown since the parse
            text, why_unreadable = decode_text(stream.read(limit + 1), limit)
        if text is None:  # changed since it was parsed; callers treat it like a vanished file
            raise OSError(errno.EIO, why_unreadable, str(on_disk))
        return text

    def on_disk(self, path: str) -> Path:
        """The file's location on disk (its real spelling, which may differ from the NFC path)."""
        return self.root / self.files[path].on_disk


def load_vault(
    root: str | Path,
    config: Config | None = None,
    *,
    reader: Reader | None = None,
    cache: bool = False,
    walked: tuple[list[FileEntry], list[tuple[str, Problem]]] | None = None,
    lazy: bool = False,
) -> Vault:
    """Walk the vault, parse every note and canvas once, and return the `Vault`.

    Without `config`, the vault's own configuration is discovered (its warnings are dropped;
    the CLI calls `load_config` itself to show them). With `cache` (and no `reader`), records
    come from `.vaultnet/` when the files are unchanged, and cold files are parsed in a
    process pool (`vaultnet.cache`, `vaultnet.parallel`); the result is the same. `walked` is
    what `walk_vault(root, config)` returned just before, when the caller needed it first.
    With `lazy`, records from the cache stay pickled until used (`Vault.load_all` loads the
    rest): for `lint` of a few notes, which touches a handful of them.
    """
    root = Path(root)
    if not root.is_dir():
        raise VaultnetError(f"vault not found: {root}")
    if config is None:
        config, _ = load_config(root)
    # Loading allocates millions of small, long-lived objects (records, links, the index) and
    # no garbage cycles; the cyclic GC would walk them again and again (3x the warm load time).
    with collector_paused():
        entries, problems = walked if walked is not None else walk_vault(root, config)
        parsed = [entry for entry in entries if entry.kind != "attachment"]
        if cache and reader is None:
            from vaultnet.cache import cached_reader

            reader = cached_reader(config)
        records = (reader or read_all)(root, parsed, config.max_file_bytes)
        notes: dict[str, NoteRecord | Stored] = {}
        canvases: dict[str, CanvasRecord | Stored] = {}
        for record in records:
            is_note = record.is_note if isinstance(record, Stored) else isinstance(
                record, NoteRecord
            )
            (notes if is_note else canvases)[record.path] = record  # type: ignore[index]
        vault = Vault(
            root=root,
            config=config,
            files={entry.path: entry for entry in entries},
            notes=LazyRecords(notes),
            canvases=LazyRecords(canvases),
            problems=problems,
        )
        if not lazy:
            vault.notes.load_all()  # type: ignore[attr-defined]
            vault.canvases.load_all()  # type: ignore[attr-defined]
        return vault
