"""atomic_write as `lint --fix` uses it (tests/report/test_atomic.py covers modes and failure).

Named test_atomic_write.py: a second tests/**/test_atomic.py would clash with the report
tests' module name under pytest's default import mode.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from vaultnet.atomic import atomic_write


def test_bytes_are_written_exactly(tmp_path: Path) -> None:
    data = "\ufeff---\r\nalias: [Аня]\r\n---\rтекст без перевода".encode("utf-8") + b"\x00\xff"
    target = tmp_path / "Встреча: 10%, итоги.md"
    target.write_bytes(b"old")
    atomic_write(str(target), data)
    assert target.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_temporary_file_is_in_the_same_folder_and_synced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "sub" / "note.md"
    target.parent.mkdir()
    replaced: list[tuple[str, str]] = []
    synced: list[int] = []
    real_replace, real_fsync = os.replace, os.fsync

    def spy_replace(src: str, dst: str) -> None:
        replaced.append((str(src), str(dst)))
        real_replace(src, dst)

    def spy_fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "replace", spy_replace)
    monkeypatch.setattr(os, "fsync", spy_fsync)
    atomic_write(target, b"new")
    assert len(replaced) == 1
    assert Path(replaced[0][0]).parent == target.parent and Path(replaced[0][1]) == target
    assert synced  # the data is on disk before the rename makes it visible


def test_missing_folder_raises_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "nope" / "note.md", b"x")
    assert list(tmp_path.iterdir()) == []
