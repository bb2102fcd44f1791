"""Structured fuzzing (issue 6): generated Obsidian notes against an exact oracle, and
generated vaults through the CLI. The strategies live in tests/fuzz/strategies.py, shared
with the long-running tests/fuzz/fuzz_parser.py; every failure either finds becomes a
regression test at the bottom of this file, with its exact input and expected outcome.

Budgets are modest so the module stays well under 25 s on two cores; the fuzz script runs
the same properties for minutes.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hardkit import Cli
from hypothesis import HealthCheck, given, settings
from vaultkit import write_vault

from fuzz.strategies import Note, check_note, notes, vaults

# `cli` wraps capsys, a function-scoped fixture: it is not reset between examples, which
# is fine here because Cli drains the captured output before every call.
_CLI_SETTINGS = settings(max_examples=12, deadline=None, print_blob=True,
                         suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow])


@settings(max_examples=150, deadline=None, print_blob=True)
@given(notes())
def test_generated_note_parses_to_what_was_placed(note: Note) -> None:
    check_note(note)


@settings(max_examples=40, deadline=None, print_blob=True)
@given(notes())
def test_crlf_note_parses_to_the_same_records(note: Note) -> None:
    # Line breaks are normalised before parsing, so positions must not move under CRLF.
    check_note(note, newline="\r\n")


@_CLI_SETTINGS
@given(vaults())
def test_generated_vault_through_the_cli(cli: Cli, files: dict[str, str]) -> None:
    # tmp_path is function-scoped too and would be shared by all examples: one dir each.
    with tempfile.TemporaryDirectory() as tmp:
        vault = write_vault(Path(tmp) / "vault", files)
        lint = cli("lint", str(vault), "--format", "json")
        assert lint.code in (0, 1), lint.err  # contracts: 0 clean, 1 error findings
        for finding in lint.json():
            assert {"path", "line", "col", "rule", "severity", "message"} <= finding.keys()
            assert finding["path"] in files or finding["path"].startswith("vaultnet/")
        report = cli("report", str(vault), "--today", "2026-11-28")
        assert report.code == 0, report.err  # nothing to refuse: no foreign report notes
        links = cli("links", str(vault), "--format", "json").json()
        assert {link["source"] for link in links} <= set(files) | {
            link["source"] for link in links if link["source"].startswith("vaultnet/")}
        json.dumps(links)  # plain JSON data all the way down


# --- regressions found by tests/fuzz/fuzz_parser.py --------------------------------------
