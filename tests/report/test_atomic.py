from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from vaultnet.atomic import atomic_write


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "note.md"
    atomic_write(target, "первый\n".encode())
    assert target.read_bytes() == "первый\n".encode()
    atomic_write(target, b"second\n")
    assert target.read_bytes() == b"second\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.md"]  # no temp file left


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_keeps_mode_and_new_files_follow_umask(tmp_path: Path) -> None:
    target = tmp_path / "note.md"
    atomic_write(target, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    target.chmod(0o640)
    atomic_write(target, b"y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_failure_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "note.md"
    target.write_bytes(b"old")

    def boom(src: str, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.md"]
