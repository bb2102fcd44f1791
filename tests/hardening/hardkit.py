"""Helpers for the hardening corpus: build a vault, run the CLI, read its JSON, check for tracebacks."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from vaultkit import write_vault as make

from vaultnet.cli import main

# Every corpus vault also holds these two notes; the hostile file must not stop their analysis.
GOOD = {"Good.md": "# Good\nSee [[Other]] and #ok\n", "Other.md": "# Other\n"}




@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """Runs `vaultnet.cli.main` and asserts, every time, that nothing printed a traceback."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *argv: str) -> Run:
        self.capsys.readouterr()
        code = main(list(argv))
        captured = self.capsys.readouterr()
        assert "Traceback" not in captured.out + captured.err, captured.err
        return Run(code, captured.out, captured.err)


def findings(run: Run) -> list[tuple[str, int, int, str]]:
    return [(f["path"], f["line"], f["col"], f["rule"]) for f in run.json()]


def good_notes_analysed(cli: Cli, vault: Path) -> None:
    """The two ordinary notes were read, parsed and resolved as usual."""
    links = cli("links", str(vault), "--format", "json").json()
    assert {"source": "Good.md", "line": 2, "col": 5, "target": "Other",
            "resolved": "Other.md"}.items() <= next(
        link for link in links if link["source"] == "Good.md").items()
    notes = {n["path"]: n for n in cli("notes", str(vault), "--format", "json").json()}
    assert notes["Good.md"]["tags"] == ["#ok"]
    assert notes["Good.md"]["headings"] == [{"level": 1, "text": "Good", "line": 1}]
