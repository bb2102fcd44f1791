"""The one helper through which vaultnet writes into a vault: all or nothing.

A temporary file in the same folder (so the rename never crosses file systems) is written,
flushed and fsynced, then `os.replace`d over the target: a reader, Obsidian or a sync client,
sees either the old bytes or the new ones, never half a file.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write"]


def _new_file_mode() -> int:
    # mkstemp creates 0600; a note written by vaultnet should get the mode any new file gets.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` atomically; the folder must exist. Keeps an existing file's mode.

    `durable=False` skips the fsyncs: for caches, which a checksum guards and a rerun rebuilds
    (syncing a 13 MB cache was a tenth of a warm `lint FILE`).
    """
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _new_file_mode()
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException as error:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        if isinstance(error, OSError) and error.filename is None:
            # A full disk fails in write/fsync, which name no file; the user needs to know which.
            raise OSError(error.errno, error.strerror, str(target)) from error
        raise
    if durable:
        _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on Windows."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
