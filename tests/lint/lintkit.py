"""Helpers for the lint tests: write a vault to a folder, lint it, run the CLI."""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

from vaultkit import write_vault

from vaultnet.config import load_config
from vaultnet.lint.engine import Finding, lint_vault
from vaultnet.vault import load_vault


def lint(root: Path, files: Mapping[str, str | bytes] | None = None, **options: object) -> list[Finding]:
    if files is not None:
        write_vault(root, files)
    config, _ = load_config(root)
    return lint_vault(load_vault(root, config), **options)  # type: ignore[arg-type]


def brief(findings: list[Finding]) -> list[tuple[str, int, int, str, str]]:
    """(path, line, col, rule, severity) of each finding."""
    return [(f.path, f.line, f.col, f.rule, f.severity) for f in findings]


def of_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]
