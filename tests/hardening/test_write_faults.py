"""A write that fails half-way, a full disk, a crash, two runs at once: the vault keeps old bytes.

`atomic_write` on its own is covered by tests/report/test_atomic.py and tests/test_atomic_write.py
(an `os.replace` that fails), and tests/test_commands.py checks a read-only report folder through
the CLI. Here the faults strike inside the real commands, `report` regenerating existing reports
and `lint --fix` rewriting a note, at each step of the write: part of the data written, then no
space; `fsync` out of space; the rename failing; the process killed before the rename.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hardkit import Cli, make

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-28"
NOTE = "Люди/Аня.md"
NOTE_BYTES = "---\nalias: [Аня]\n---\nСм. [[цели]] и [[Nowhere]].\n".encode("utf-8")
FIX_VAULT: dict[str, str | bytes] = {NOTE: NOTE_BYTES, "Цели.md": "# Цели\n"}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (dot-names too: a left-over temporary file must show)."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".vaultnet" not in p.parts}


class Faults:
    """Breaks the writes of temporary files made by `atomic_write` outside `.vaultnet/`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
        self.kind = kind
        self.hits = 0
        self.fds: set[int] = set()
        self.temps: set[str] = set()
        mkstemp, fdopen, fsync, replace = tempfile.mkstemp, os.fdopen, os.fsync, os.replace

        def tracked_mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
            fd, name = mkstemp(*args, **kwargs)
            if ".vaultnet" not in Path(name).parts:
                self.fds.add(fd)
                self.temps.add(name)
            return fd, name

        def broken_fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
            stream = fdopen(fd, *args, **kwargs)
            if fd in self.fds and kind == "partial":
                return _HalfThenFull(stream, self)
            return stream

        def broken_fsync(fd: int) -> None:
            if fd in self.fds and kind == "fsync":
                self.hits += 1
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            fsync(fd)

        def broken_replace(src: Any, dst: Any, **kwargs: Any) -> None:
            if os.fsdecode(src) in self.temps and kind == "replace":
                self.hits += 1
                raise OSError(errno.EIO, os.strerror(errno.EIO), os.fsdecode(dst))
            replace(src, dst, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", tracked_mkstemp)
        monkeypatch.setattr(os, "fdopen", broken_fdopen)
        monkeypatch.setattr(os, "fsync", broken_fsync)
        monkeypatch.setattr(os, "replace", broken_replace)


class _HalfThenFull:
    """A file object that writes half of what it is given to disk, then runs out of space."""

    def __init__(self, stream: Any, faults: Faults) -> None:
        self.stream, self.faults = stream, faults

    def write(self, data: bytes) -> int:
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        self.faults.hits += 1
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)

    def __enter__(self) -> _HalfThenFull:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()


KINDS = ["partial", "fsync", "replace"]
MESSAGES = {"partial": "No space left on device", "fsync": "No space left on device",
            "replace": "Input/output error"}


def one_error_line(err: str, kind: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("Error: ") and MESSAGES[kind] in lines[0], err
    assert "Traceback" not in err


@pytest.fixture
def report_vault(tmp_path: Path, example_vault: Path, cli: Cli) -> Path:
    """The example vault with its reports written once, then a change that alters them."""
    vault = tmp_path / "vault"
    shutil.copytree(example_vault, vault)
    assert cli("report", str(vault), "--today", TODAY).code == 0
    make(vault, {"Люди/Новый Контакт.md": "---\ntags: [person]\n---\n# Новый Контакт\n"})
    return vault


@pytest.mark.parametrize("kind", KINDS)
def test_report_regeneration_that_fails_keeps_the_old_reports(
    kind: str, report_vault: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree(report_vault)
    faults = Faults(monkeypatch, kind)
    run = cli("report", str(report_vault), "--today", TODAY)
    assert faults.hits >= 1  # a report was due to change, and its write failed
    assert run.code != 0
    one_error_line(run.err, kind)
    assert tree(report_vault) == before  # byte for byte, and no temporary file left
    monkeypatch.undo()
    assert cli("report", str(report_vault), "--today", TODAY).code == 0  # recovers
    assert tree(report_vault) != before


@pytest.mark.parametrize("kind", KINDS)
def test_lint_fix_that_fails_keeps_the_old_note(
    kind: str, tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = make(tmp_path / "vault", FIX_VAULT)
    before = tree(vault)
    faults = Faults(monkeypatch, kind)
    run = cli("lint", str(vault), "--fix")
    assert faults.hits == 1
    assert run.code != 0
    one_error_line(run.err, kind)
    assert tree(vault) == before
    monkeypatch.undo()
    assert cli("lint", str(vault), "--fix").code == 0
    assert (vault / NOTE).read_bytes() != NOTE_BYTES


# A process killed between writing the temporary file and renaming it: no clean-up runs.
KILLED = """
import os, sys
from vaultnet.cli import main
real_replace = os.replace
def replace(src, dst):
    if ".vaultnet" in os.fsdecode(dst):  # the cache, written first: let it through
        return real_replace(src, dst)
    os._exit(9)
os.replace = replace
sys.exit(main(sys.argv[1:]))
"""


def run_python(*argv: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code, *argv] if code else [sys.executable, "-m", "vaultnet",
                                                                 *argv]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("command", [("report", "--today", TODAY), ("lint", "--fix")])
def test_a_killed_write_leaves_old_bytes_and_a_hidden_temp_that_is_ignored(
    command: tuple[str, ...], report_vault: Path, cli: Cli
) -> None:
    make(report_vault, FIX_VAULT)
    before = tree(report_vault)
    killed = run_python(command[0], str(report_vault), *command[1:], code=KILLED)
    assert killed.returncode == 9, killed.stderr
    after = tree(report_vault)
    left = sorted(set(after) - set(before))
    assert len(left) == 1 and Path(left[0]).name.startswith(".") and left[0].endswith(".tmp")
    assert {k: v for k, v in after.items() if k in before} == before  # old bytes intact
    notes = {n["path"] for n in cli("notes", str(report_vault), "--format", "json").json()}
    assert not any(Path(p).name.startswith(".") for p in notes)  # the leftover is no note
    assert cli(*command[:1], str(report_vault), *command[1:]).code in (0, 1)


def test_two_report_runs_at_once_give_the_bytes_of_one(tmp_path: Path, example_vault: Path) -> None:
    single = tmp_path / "single"
    shutil.copytree(example_vault, single)
    assert run_python("report", str(single), "--today", TODAY).returncode == 0
    expected = tree(single / "vaultnet")
    for attempt in range(3):
        vault = tmp_path / f"both{attempt}"
        shutil.copytree(example_vault, vault)
        env = {**os.environ,
               "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        command = [sys.executable, "-m", "vaultnet", "report", str(vault), "--today", TODAY]
        procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, env=env) for _ in range(2)]
        results = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
        for out, err, code in results:
            assert code == 0, err
            assert "Traceback" not in err
        assert tree(vault / "vaultnet") == expected


def test_a_full_disk_everywhere_warns_for_the_cache_and_keeps_the_reports(
    report_vault: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every fsync out of space: the report write is the one error line. The cache is not
    synced (a checksum guards it), so it may be written; when it is not, it only warns."""
    shutil.rmtree(report_vault / ".vaultnet", ignore_errors=True)
    before = tree(report_vault)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    run = cli("report", str(report_vault), "--today", TODAY)
    assert run.code == 1
    lines = run.err.strip().splitlines()
    assert re.fullmatch(r"Error: No space left on device: .*/vaultnet/[^/]+\.md", lines[-1])
    assert all(line.startswith("warning: cannot write the cache ") for line in lines[:-1])
    assert len(lines) <= 2
    assert tree(report_vault) == before
