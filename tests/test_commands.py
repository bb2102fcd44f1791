"""The core commands on examples/vault, against checked-in expected files.

Regenerate the expected files after an intended change with
`VAULTNET_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_cli.py` and review the diff.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vaultnet.cli import cli, main

EXPECTED = Path(__file__).resolve().parent / "expected"
UPDATE = os.environ.get("VAULTNET_UPDATE_SNAPSHOTS") == "1"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def check_snapshot(name: str, text: str) -> None:
    path = EXPECTED / name
    if UPDATE:
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "snapshot"),
    [
        (("links", "--format", "json"), "links.json"),
        (("links",), "links.txt"),
        (("notes", "--format", "json"), "notes.json"),
        (("scan", "--format", "json", "--today", "2026-11-28"), "scan.json"),
        (("scan", "--today", "2026-11-28"), "scan.txt"),
        (("graph", "--format", "mermaid"), "graph.mmd"),
        (("graph", "--format", "dot"), "graph.dot"),
    ],
)
def test_example_vault_outputs(capsys, example_vault, args, snapshot):
    code, out, err = run(capsys, *args[:1], str(example_vault), *args[1:])
    assert (code, err) == (0, "")
    # The vault path is the one machine-specific value in scan's JSON.
    check_snapshot(snapshot, out.replace(str(example_vault), "examples/vault"))


def test_links_json_has_the_contract_keys_in_order(capsys, example_vault):
    _, out, _ = run(capsys, "links", str(example_vault), "--format", "json")
    records = json.loads(out)
    assert records, "the example vault has links"
    keys = ["source", "line", "col", "kind", "embed", "target", "heading", "block", "display",
            "resolved", "property"]
    assert all(list(r) == keys for r in records)
    assert records == sorted(records, key=lambda r: (r["source"], r["line"], r["col"]))
    assert all(r["resolved"] is not None for r in records), "the example vault has no broken link"


def test_seed_note_in_notes_json(capsys, example_vault):
    _, out, _ = run(capsys, "notes", str(example_vault), "--format", "json")
    seed = next(n for n in json.loads(out) if n["path"] == "Цели и задачи нетворкинга.md")
    assert seed["aliases"] == ["Цели нетворкинга", "Задачи построения связей",
                               "Планирование нетворкинга"]
    assert seed["tags"] == ["#networking", "#goals", "#objectives"]
    assert [(h["level"], h["text"]) for h in seed["headings"][:3]] == [
        (1, "Цели и задачи нетворкинга"),
        (2, "Основные цели нетворкинга"),
        (3, "1. Карьерный рост"),
    ]
    assert seed["headings"][2]["line"] == 12


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "dot", "mermaid"])
def test_graph_output_is_deterministic_and_written_to_file(capsys, example_vault, tmp_path, fmt):
    _, first, _ = run(capsys, "graph", str(example_vault), "--format", fmt)
    target = tmp_path / f"graph.{fmt}"
    code, out, _ = run(capsys, "graph", str(example_vault), "--format", fmt, "-o", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8").rstrip("\n") == first.rstrip("\n")


def test_missing_vault_is_one_line_and_exit_2(capsys, example_vault, tmp_path):
    code, out, err = run(capsys, "links", str(tmp_path / "nope"))
    assert code == 2
    assert out == ""
    assert err == f"Error: vault not found: {tmp_path / 'nope'}\n"


def test_bad_format_is_a_usage_error(capsys, example_vault):
    code, _, err = run(capsys, "links", str(example_vault), "--format", "xml")
    assert code == 2
    assert "Invalid value for '--format'" in err


def test_version(capsys, example_vault):
    from vaultnet import __version__

    assert run(capsys, "--version") == (0, f"vaultnet, version {__version__}\n", "")


def test_every_command_has_help_text(capsys, example_vault):
    for name, command in cli.commands.items():
        assert command.help, name
        code, out, _ = run(capsys, name, "-h")
        assert code == 0 and out.startswith(f"Usage: vaultnet {name}")


def test_python_m_vaultnet_runs(example_vault):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "vaultnet", "scan", str(example_vault), "--today",
                           "2026-11-28"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "44 notes, 1 canvases, 1 attachments"


def test_readme_starts_with_the_two_commands_and_documents_every_command():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1].splitlines()[1:]
    assert first_block == [
        "pip install . && vaultnet report examples/vault",
        "pip install -e '.[test]' && python -m pytest -q",
    ]
    for name in cli.commands:
        assert f"vaultnet {name}" in readme, name


def test_bad_files_are_named_and_the_rest_is_read(capsys, tmp_path):
    (tmp_path / "Good.md").write_text("[[Плохой YAML]] [[Пустая]]\n", encoding="utf-8")
    (tmp_path / "Плохой YAML.md").write_text("---\nbad: [x\nsee: \"[[Good]]\"\n---\n[[Good]]\n",
                                             encoding="utf-8")
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "cp1251.md").write_bytes("Заметка".encode("cp1251"))
    (tmp_path / "Пустая.md").write_bytes(b"")

    code, out, err = run(capsys, "scan", str(tmp_path), "--format", "json", "--today",
                         "2026-11-28")
    assert (code, err) == (0, "")
    summary = json.loads(out)
    assert [(p["path"], p["line"], p["col"], p["rule"]) for p in summary["problems"]] == [
        ("binary.md", 1, 1, "unreadable-file"),
        ("cp1251.md", 1, 1, "unreadable-file"),
        ("Плохой YAML.md", 3, 4, "invalid-frontmatter"),  # where YAML gave up
    ]
    assert "NUL" in summary["problems"][0]["message"]
    assert "UTF-8" in summary["problems"][1]["message"]

    _, out, _ = run(capsys, "links", str(tmp_path), "--format", "json")
    # The invalid frontmatter gives no property link (R28), its body link still counts, and an
    # empty note is an ordinary note: Obsidian creates one when an unresolved link is clicked.
    assert [(r["source"], r["line"], r["target"], r["resolved"]) for r in json.loads(out)] == [
        ("Good.md", 1, "Плохой YAML", "Плохой YAML.md"),
        ("Good.md", 1, "Пустая", "Пустая.md"),
        ("Плохой YAML.md", 5, "Good", "Good.md"),
    ]
    code, out, _ = run(capsys, "lint", str(tmp_path))
    assert code == 1
    assert "Плохой YAML.md:3:4: error invalid-frontmatter" in out


def test_a_write_that_fails_is_one_line_not_a_traceback(capsys, example_vault, tmp_path,
                                                         monkeypatch):
    import shutil

    vault = tmp_path / "vault"
    shutil.copytree(example_vault, vault)

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(vault / "vaultnet"))

    # Root ignores chmod, so a read-only vault is simulated where the writer creates files.
    monkeypatch.setattr("os.replace", refuse)
    monkeypatch.setattr("tempfile.mkstemp", refuse)
    code, _, err = run(capsys, "report", str(vault), "--today", "2026-11-28")
    assert code == 1
    assert err.splitlines()[-1] == f"Error: Permission denied: {vault / 'vaultnet'}"
    assert "Traceback" not in err
