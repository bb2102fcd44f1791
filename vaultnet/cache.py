"""The incremental parse cache in `.vaultnet/` at the vault root (issue "Speed").

One file, `.vaultnet/cache-v<FORMAT>.pickle`, maps each note and canvas path to the file's
signature (size, mtime, inode and ctime, as git's index keeps them), the blake2b of its
bytes, and its parse record, pickled on its own so that it is loaded only when used
(`vaultnet.stored`). A warm run only stats files: when the signature agrees the record is
reused without reading the file; when it disagrees the file is read and hashed, and the
record is still reused if the bytes are the same (a `git checkout` that only touches mtimes);
otherwise, and for new or renamed paths, the file is parsed again. Removed files simply drop
out. A file modified within `RACY_NS` of the run is never trusted by its signature.

The file starts with a magic line and a CRC-32 of the rest (it guards against damage, a
truncated or bit-flipped file, not against a writer who means harm: such a writer could
edit the notes themselves), and its header names the
vaultnet version, the cache format, Python and a fingerprint of the parsing code and the
configuration: anything that does not match is discarded with a warning (a corrupt or
foreign file), or silently (a new release, another configuration), and never trusted.
Writers write a complete temporary file and `os.replace` it: concurrent runs never see half
a file, and the last writer wins. Deleting `.vaultnet/` is always safe.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import time
import warnings
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from vaultnet import __version__
from vaultnet.stored import Stored, dump_record

if TYPE_CHECKING:
    from vaultnet.config import Config
    from vaultnet.vault import FileEntry, Reader, Record

__all__ = [
    "CACHE_DIR",
    "DELTA_ENTRIES",
    "FORMAT",
    "CacheWarning",
    "HashedReader",
    "cache_path",
    "cached_reader",
    "delta_path",
    "new_generation",
    "read_hashed",
    "read_hashed_all",
    "read_verified",
    "remove_other_formats",
    "trusted_signature",
    "write_verified",
]

CACHE_DIR = ".vaultnet"
FORMAT = 4
MAGIC = b"vaultnet-cache\n"
DIGEST_SIZE = 4  # CRC-32: a tenth of the time blake2b took over a 13 MB cache
# A file modified this close to the moment its stat was taken may change again within the
# same mtime tick (coarse file systems): its stat is not trusted next time, only its hash.
RACY_NS = 2_000_000_000

# (record, blake2b digest of the bytes parsed, or None when the file could not be read)
Hashed = tuple["Record | Stored", "bytes | None"]
HashedReader = Callable[[Path, Sequence["FileEntry"], int], list[Hashed]]


class CacheWarning(UserWarning):
    """The cache could not be used or written; the run goes on without it."""


def cache_path(root: Path) -> Path:
    return Path(root) / CACHE_DIR / f"cache-v{FORMAT}.pickle"


# ---------------------------------------------------------------------------------------------
# Reading one file: the bytes are read once, hashed and parsed, so a record and its hash
# always describe the same content even if the file changes during the run.


def read_hashed(root: Path, entry: FileEntry, max_bytes: int) -> Hashed:
    """`read_and_parse` plus the blake2b digest of the bytes it parsed."""
    from vaultnet.vault import parse_file, read_file

    data = read_file(root, entry, max_bytes=max_bytes)
    if not isinstance(data, bytes):  # too large or unreadable: the record says why
        return data, None
    return parse_file(entry, data, max_bytes=max_bytes), _digest(data)


def read_hashed_all(root: Path, entries: Sequence[FileEntry], max_bytes: int) -> list[Hashed]:
    """The single-process `HashedReader`."""
    return [read_hashed(root, entry, max_bytes) for entry in entries]


def read_stored_all(
    root: Path, entries: Sequence[FileEntry], max_bytes: int
) -> list[tuple[Stored, bytes | None]]:
    """`read_hashed_all` with each record already pickled the fast way (`vaultnet.stored`):
    what pool workers send back, so the parent neither unpickles nor pickles records again."""
    return [(store_record(record), digest) for record, digest in read_hashed_all(
        root, entries, max_bytes)]


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


# ---------------------------------------------------------------------------------------------
# The key: what must match for a cached record to be valid at all.


def cache_key(config: Config) -> dict[str, Any]:
    return {
        "vaultnet": __version__,
        "format": FORMAT,
        "python": sys.version_info[:2],
        "code": _code_fingerprint(),
        # Config.__hash__ uses hash(), which is salted per process: a stable digest instead.
        "config": hashlib.blake2b(
            json.dumps(config.to_dict(), sort_keys=True, default=str).encode(), digest_size=16
        ).hexdigest(),
    }


_FINGERPRINT: str | None = None


def _code_fingerprint() -> str:
    """Size and mtime of every vaultnet module and of the parsing libraries.

    A release bumps the version, but an editable install or an upgraded markdown-it-py or
    PyYAML changes what parsing returns without one; stat-only, so it costs well under 1 ms.
    """
    global _FINGERPRINT
    if _FINGERPRINT is None:
        import importlib.util

        parts: list[str] = []
        package = Path(__file__).parent
        for path in sorted(package.rglob("*.py")):
            info = path.stat()
            parts.append(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
        for name in ("markdown_it", "mdit_py_plugins", "yaml"):
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec is not None else None
            if origin:
                info = os.stat(origin)
                parts.append(f"{name}:{origin}:{info.st_size}:{info.st_mtime_ns}")
        _FINGERPRINT = hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()
    return _FINGERPRINT


# ---------------------------------------------------------------------------------------------
# The file


# Per path: (file signature, digest, is_note, aliases, pickled record). Plain tuples: a
# 10,000-entry file then loads in milliseconds, and records are unpickled only when used
# (`vaultnet.stored`). The signature is None when the stat is not trusted (racy): only the
# hash may confirm the record.
_Entry = tuple["tuple[int, int, int, int] | None", "bytes | None", bool, tuple[str, ...], bytes]


def new_generation() -> bytes:
    """A random name for a base file: a delta applies only to the base it was made from, and
    two bases never share a name (a checksum could, for different contents)."""
    return os.urandom(16)


@dataclass
class _Store:
    key: dict[str, Any]
    entries: dict[str, _Entry] = field(default_factory=dict)
    generation: bytes = field(default_factory=new_generation)  # see new_generation


@dataclass
class _Delta:
    """The entries added, changed or removed since the base file whose generation is `base`.

    A warm run after a few edits writes only this, not the whole cache again (13 MB for
    10,000 notes); it always holds every difference from its base, so it is rewritten whole.
    """

    key: dict[str, Any]
    base: bytes
    entries: dict[str, _Entry] = field(default_factory=dict)
    removed: frozenset[str] = frozenset()


# A delta may hold this many entries, or a twentieth of the vault; beyond, the base is rewritten.
DELTA_ENTRIES = 200


def delta_path(path: Path) -> Path:
    return path.with_name(path.stem + ".delta.pickle")


@dataclass
class _Loaded:
    base: dict[str, _Entry] = field(default_factory=dict)  # as in the base file
    generation: bytes | None = None  # of the base file; None when there is none
    entries: dict[str, _Entry] = field(default_factory=dict)  # the base with the delta applied


def _load(path: Path, key: dict[str, Any]) -> _Loaded:
    # (load_vault pauses the cyclic GC around this: unpickling allocates many small objects.)
    store = read_verified(path)
    if store is None:
        return _Loaded()
    if not isinstance(store, _Store) or not isinstance(store.entries, dict):
        _warn(f"{path} is not a vaultnet cache; discarded")
        return _Loaded()
    if store.key != key:
        return _Loaded()  # another release, code or configuration: expected, no warning
    loaded = _Loaded(store.entries, store.generation, store.entries)
    delta = read_verified(delta_path(path))
    if isinstance(delta, _Delta) and delta.key == key and delta.base == store.generation:
        loaded.entries = {**store.entries, **delta.entries}
        for removed in delta.removed:
            loaded.entries.pop(removed, None)
    # Anything else (no delta, a delta for an older base) leaves the base as it is.
    return loaded


def load_store(path: Path, key: dict[str, Any]) -> dict[str, _Entry]:
    """The cached entries, or {} when there is no usable cache (warning when it is damaged)."""
    return _load(path, key).entries


def save_store(path: Path, store: _Store, loaded: _Loaded | None = None) -> None:
    """Write the cache atomically: only a delta from the `loaded` base when few entries
    differ, else the whole file. A failure only warns (the results are already made)."""
    if loaded is not None and loaded.generation is not None:
        changed = {
            name: entry for name, entry in store.entries.items()
            if loaded.base.get(name) is not entry
        }
        removed = frozenset(loaded.base.keys() - store.entries.keys())
        if len(changed) + len(removed) <= max(DELTA_ENTRIES, len(store.entries) // 20):
            delta = _Delta(store.key, loaded.generation, changed, removed)
            write_verified(delta_path(path), pickle.dumps(delta, pickle.HIGHEST_PROTOCOL))
            return
    write_verified(path, _dumps(store))
    try:
        delta_path(path).unlink()  # its base is gone; a stale one would be ignored anyway
    except OSError:
        pass
    remove_other_formats(path)


def remove_other_formats(path: Path) -> None:
    """Delete the files an older (or newer) vaultnet left beside `path` (`name-v<N>*.pickle`):
    they are never read by this release and a 50,000-note vault's cache is tens of MB."""
    stem = path.name.split("-v", 1)[0]
    try:
        for other in path.parent.glob(f"{stem}-v*.pickle"):
            if not other.name.startswith(path.stem):
                other.unlink()
    except OSError:
        pass


def read_verified(path: Path) -> Any:
    """The object pickled in a file of `.vaultnet/`, or None: missing, or damaged (warned)."""
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        _warn(f"cannot read the cache {path}: {error.strerror}; running without it")
        return None
    header = len(MAGIC) + DIGEST_SIZE
    if not blob.startswith(MAGIC) or len(blob) < header:
        _warn(f"{path} is not a vaultnet cache; discarded")
        return None
    payload = memoryview(blob)[header:]
    if _checksum(payload) != blob[len(MAGIC) : header]:
        _warn(f"{path} is damaged (checksum mismatch); discarded")
        return None
    try:
        return pickle.loads(payload)
    except Exception as error:  # noqa: BLE001 - whatever unpickling raises, the file is unusable
        _warn(f"{path} cannot be loaded ({type(error).__name__}); discarded")
        return None


def _checksum(payload: bytes | memoryview) -> bytes:
    return zlib.crc32(payload).to_bytes(DIGEST_SIZE, "big")


def write_verified(path: Path, payload: bytes) -> None:
    """Write a pickle behind the magic line and its checksum, atomically; failures only warn."""
    from vaultnet.atomic import atomic_write

    blob = MAGIC + _checksum(payload) + payload
    try:
        folder = path.parent
        if not folder.is_dir():
            folder.mkdir(exist_ok=True)
            # Keep the cache out of the user's git repository and out of backups.
            (folder / ".gitignore").write_text("# written by vaultnet; safe to delete\n*\n")
            (folder / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# vaultnet cache\n"
            )
        atomic_write(path, blob, durable=False)
    except OSError as error:
        _warn(f"cannot write the cache {path}: {error.strerror or error}")


def _dumps(store: _Store) -> bytes:
    return pickle.dumps(store, protocol=pickle.HIGHEST_PROTOCOL)


def store_record(record: Record) -> Stored:
    """The record pickled, as the cache keeps it (and as pool workers send it back)."""
    from vaultnet.records import NoteRecord

    if isinstance(record, NoteRecord):
        return Stored(record.path, True, tuple(record.aliases), dump_record(record))
    return Stored(record.path, False, (), dump_record(record))


def _entry(
    signature: tuple[int, int, int, int] | None, digest: bytes | None, record: Record | Stored
) -> _Entry:
    stored = record if isinstance(record, Stored) else store_record(record)
    return (signature, digest, stored.is_note, stored.aliases, stored.blob)


def _stored(path: str, entry: _Entry) -> Stored:
    return Stored(path, entry[2], entry[3], entry[4])


def _warn(message: str) -> None:
    warnings.warn(message, CacheWarning, stacklevel=3)


# ---------------------------------------------------------------------------------------------
# The reader


def cached_reader(config: Config, *, hashed_reader: HashedReader | None = None) -> Reader:
    """A `Reader` for `load_vault` that reuses cached records and refreshes the cache.

    `hashed_reader` parses the files that must be parsed (default: a process pool when there
    are enough of them, see `vaultnet.parallel`).
    """

    def read(root: Path, entries: Sequence[FileEntry], max_bytes: int) -> list[Record]:
        return read_with_cache(root, entries, max_bytes, config, hashed_reader)

    return read


def read_with_cache(
    root: Path,
    entries: Sequence[FileEntry],
    max_bytes: int,
    config: Config,
    hashed_reader: HashedReader | None = None,
) -> list[Record]:
    from vaultnet.vault import read_file

    path = cache_path(root)
    key = cache_key(config)
    started_ns = time.time_ns()
    loaded = _load(path, key)
    old = loaded.entries
    results: list[Record | Stored | None] = [None] * len(entries)
    new: dict[str, _Entry] = {}
    cold: list[int] = []
    changed = len(old) != len(entries)
    for index, entry in enumerate(entries):
        cached = old.get(entry.path)
        if cached is None:
            cold.append(index)
            continue
        if cached[0] == entry.signature:
            results[index] = _stored(entry.path, cached)
            new[entry.path] = cached
            continue
        changed = True
        # The stat disagrees: the bytes decide. Same bytes, same record (a touched file).
        data = read_file(root, entry, max_bytes=max_bytes)
        digest = cached[1]
        if isinstance(data, bytes) and digest is not None and _digest(data) == digest:
            results[index] = _stored(entry.path, cached)
            new[entry.path] = (trusted_signature(entry, started_ns), *cached[1:])
        else:
            cold.append(index)
    if cold:
        changed = True
        if hashed_reader is None:
            from vaultnet.parallel import parallel_hashed_reader as hashed_reader
        parsed = hashed_reader(root, [entries[i] for i in cold], max_bytes)
        for index, (record, digest) in zip(cold, parsed):
            entry = entries[index]
            results[index] = record
            new[entry.path] = _entry(trusted_signature(entry, started_ns), digest, record)
    if changed:
        save_store(path, _Store(key, new), loaded)
    return [record for record in results if record is not None]


def trusted_signature(entry: FileEntry, started_ns: int) -> tuple[int, int, int, int] | None:
    """The signature to key the entry by; None for a file modified just before `started_ns`
    (its mtime tick may still move). The lint memo keys its entries by the same rule."""
    if entry.mtime_ns >= started_ns - RACY_NS:
        return None
    return entry.signature
