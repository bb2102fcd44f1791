"""Parsing cold notes in several processes (issue "Speed").

Parsing is pure Python (markdown-it-py, PyYAML), so threads would share one GIL: processes
it is. Workers receive chunks of `FileEntry`s and send back picklable records; results are
put back in input order, so the output is exactly that of a single-process run. A pool costs
a fork and the pickling of every record, so it is used only above `THRESHOLD` files and when
the machine has more than one core.
"""
from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence, TypeVar

if TYPE_CHECKING:
    from vaultnet.cache import Hashed
    from vaultnet.vault import FileEntry, Record

__all__ = ["THRESHOLD", "parallel_hashed_reader", "parallel_reader", "workers"]

# Below this many files to parse, forking and pickling cost more than they save.
THRESHOLD = 300
# Enough chunks per worker to balance uneven notes, few enough to keep the overhead small.
CHUNKS_PER_WORKER = 8

T = TypeVar("T")


def workers() -> int:
    """How many processes to use: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _chunk_worker(
    fn: Callable[[Path, Sequence[FileEntry], int], list[T]],
    root: Path,
    max_bytes: int,
    chunk: Sequence[FileEntry],
) -> list[T]:
    return fn(root, chunk, max_bytes)


def _map(
    fn: Callable[[Path, Sequence[FileEntry], int], list[T]],
    root: Path,
    entries: Sequence[FileEntry],
    max_bytes: int,
    *,
    processes: int | None = None,
    threshold: int = THRESHOLD,
) -> list[T]:
    count = processes or workers()
    if count < 2 or len(entries) < threshold:
        return fn(root, entries, max_bytes)
    size = max(1, -(-len(entries) // (count * CHUNKS_PER_WORKER)))
    chunks = [entries[i : i + size] for i in range(0, len(entries), size)]
    # Imported here: a warm run that parses a note or two never starts a pool (13 ms saved).
    from concurrent.futures import ProcessPoolExecutor

    results: list[T] = []
    context = _context()
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        # map keeps the order of the chunks: the output is the single-process output.
        for part in pool.map(partial(_chunk_worker, fn, root, max_bytes), chunks):
            results.extend(part)
    return results


def _context():  # type: ignore[no-untyped-def]
    """fork where it is safe and cheap (Linux: the parser is already imported); else spawn."""
    import multiprocessing
    import sys

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def parallel_reader(
    root: Path,
    entries: Sequence[FileEntry],
    max_bytes: int,
    *,
    processes: int | None = None,
    threshold: int = THRESHOLD,
) -> list[Record]:
    """A `Reader` for `load_vault`: `read_all` across processes when it pays off."""
    from vaultnet.vault import read_all

    return _map(read_all, root, entries, max_bytes, processes=processes, threshold=threshold)


def parallel_hashed_reader(
    root: Path,
    entries: Sequence[FileEntry],
    max_bytes: int,
    *,
    processes: int | None = None,
    threshold: int = THRESHOLD,
) -> list[Hashed]:
    """A `HashedReader` for the cache: `read_hashed_all` across processes when it pays off.

    Workers send records back already pickled the fast way (`vaultnet.stored`): the default
    pickling of dataclasses across the pool cost the parent more than the cache needs.
    """
    from vaultnet.cache import read_hashed_all, read_stored_all

    count = processes or workers()
    if count < 2 or len(entries) < threshold:
        return read_hashed_all(root, entries, max_bytes)
    return _map(  # type: ignore[return-value]
        read_stored_all, root, entries, max_bytes, processes=count, threshold=0
    )
