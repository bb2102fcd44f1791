"""`vaultnet lint`: rules as modules, an engine that owns severity and suppressions, output
formats and safe fixes.

    from vaultnet import load_vault
    from vaultnet.lint import lint_vault

    for finding in lint_vault(load_vault("examples/vault")):
        print(finding.path, finding.line, finding.rule, finding.message)
"""
from __future__ import annotations

from vaultnet.lint.engine import Finding, Hit, LintContext, exit_code, lint_vault

__all__ = ["Finding", "Hit", "LintContext", "exit_code", "lint_vault"]
