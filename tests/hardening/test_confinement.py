"""Links and symlinks that lead out of the vault: no command opens anything outside it.

Every `open` (builtins, io, os, pathlib: all raise the "open" audit event) and every folder
listing made while `links`, `lint`, `lint --fix`, `report` and `graph` run is recorded and
checked against a folder outside the vault that the vault points at in every way it can.
A report folder outside the vault is refused with exit 2 and one line: see
tests/report/test_snapshots.py::test_report_folder_outside_the_vault_is_one_line,
tests/report/test_writer.py::test_report_folder_outside_the_vault_is_refused (also "/tmp/x"),
tests/report/test_writer.py::test_symlinked_report_folder_leading_outside_is_refused and
tests/test_config.py; only the absolute form through the CLI is added here.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hardkit import GOOD, Cli, make

MARKER = "Outside-7f3c1e"

# Audit hooks cannot be removed: one hook for the whole session, switched on by `_recording`.
_recording: list[tuple[str, str]] | None = None
_installed = False
_EVENTS = {"open", "os.listdir", "os.scandir", "os.rename", "os.remove", "os.mkdir",
           "os.symlink", "shutil.copyfile"}


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if _recording is None or event not in _EVENTS or not args:
        return
    for path in args[:2] if event in {"os.rename", "os.symlink", "shutil.copyfile"} else args[:1]:
        if isinstance(path, (str, bytes, os.PathLike)):
            _recording.append((event, os.fsdecode(path)))


def _install() -> None:
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


def _outside_touches(records: list[tuple[str, str]], outside: Path) -> list[tuple[str, str]]:
    outside = outside.resolve()
    bad = []
    for event, path in records:
        real = Path(os.path.realpath(path))
        if real == outside or outside in real.parents:
            bad.append((event, path))
    return bad


@pytest.fixture
def recorder() -> Any:
    _install()

    class Recorder:
        def __enter__(self) -> list[tuple[str, str]]:
            global _recording
            self.records: list[tuple[str, str]] = []
            _recording = self.records
            return self.records

        def __exit__(self, *exc: object) -> None:
            global _recording
            _recording = None

    return Recorder()


def build(tmp_path: Path) -> tuple[Path, Path]:
    outside = make(tmp_path / "outside", {
        f"{MARKER}.md": f"# {MARKER}\n[[Good]]\n",
        "dir/Inner.md": "# Inner\n",
        "outside.md": "# outside\n",
    })
    vault = make(tmp_path / "deep" / "er" / "vault", {
        **GOOD,
        "Links.md": (
            "---\ntags: [x]\n---\n"
            "# Links\n"
            "[[../../etc/passwd]]\n"
            "[t](../../outside.md)\n"
            "[[/etc/hosts]]\n"
            f"[abs]({outside / (MARKER + '.md')})\n"
            f"[abs2](<{outside / 'outside.md'}>)\n"
            f"[[{outside / MARKER}]]\n"
            f"[[../../../outside/{MARKER}]]\n"
            f"![[{MARKER}]]\n"
            "[[Inner]]\n"
            "[[Good]] [[Other]]\n"
        ),
    })
    os.symlink(outside / "dir", vault / "linked-dir")
    os.symlink(outside / f"{MARKER}.md", vault / f"{MARKER}.md")
    return vault, outside


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


COMMANDS = [
    ("links", "--format", "json"),
    ("lint", "--format", "json"),
    ("lint", "--fix"),
    ("report", "--today", "2026-11-28"),
    ("graph", "--format", "json"),
    ("graph", "--format", "graphml"),
    ("scan", "--format", "json"),
    ("notes", "--format", "json"),
]


@pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_no_command_opens_anything_outside_the_vault(
    argv: tuple[str, ...], tmp_path: Path, cli: Cli, recorder: Any
) -> None:
    vault, outside = build(tmp_path)
    before = snapshot(outside)
    with recorder as records:
        run = cli(argv[0], str(vault), *argv[1:])
    assert run.code in (0, 1), run.err
    assert _outside_touches(records, outside) == []
    assert any(Path(path).name == "Links.md" for _, path in records)  # the hook did record
    assert snapshot(outside) == before
    assert {p.name for p in outside.iterdir()} == {"dir", f"{MARKER}.md", "outside.md"}


def test_links_leading_outside_are_unresolved(tmp_path: Path, cli: Cli) -> None:
    vault, _ = build(tmp_path)
    links = [link for link in cli("links", str(vault), "--format", "json").json()
             if link["source"] == "Links.md"]
    resolved = {link["target"]: link["resolved"] for link in links}
    assert resolved.pop("Good") == "Good.md" and resolved.pop("Other") == "Other.md"
    assert resolved and all(value is None for value in resolved.values()), resolved
    for link in links:  # nothing resolves to a path leaving the vault or to the symlinks
        assert link["resolved"] is None or not link["resolved"].startswith(("..", "/"))
        assert link["resolved"] is None or MARKER not in link["resolved"]
        assert link["resolved"] is None or "linked-dir" not in link["resolved"]


def test_symlinked_notes_are_not_read_as_notes(tmp_path: Path, cli: Cli) -> None:
    vault, _ = build(tmp_path)
    paths = {n["path"] for n in cli("notes", str(vault), "--format", "json").json()}
    assert paths == {"Good.md", "Other.md", "Links.md"}
    nodes = cli("graph", str(vault), "--format", "json").json()["nodes"]
    assert {n["id"] for n in nodes if n["type"] != "unresolved"} == paths


def test_the_recorder_sees_an_outside_read(tmp_path: Path, recorder: Any) -> None:
    """The control: the audit hook does catch a read through the symlink."""
    vault, outside = build(tmp_path)
    with recorder as records:
        (vault / f"{MARKER}.md").read_bytes()
        with open(vault / "linked-dir" / "Inner.md", "rb"):
            pass
    assert len(_outside_touches(records, outside)) == 2


def test_absolute_report_folder_is_one_line_and_exit_2(tmp_path: Path, cli: Cli) -> None:
    vault, _ = build(tmp_path)
    target = tmp_path / "abs-out"
    (vault / ".vaultnet.toml").write_text(f'report_folder = "{target}"\n', "utf-8")
    run = cli("report", str(vault), "--today", "2026-11-28")
    assert run.code == 2
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and "outside the vault" in lines[0]
    assert not target.exists()
