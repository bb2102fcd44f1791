"""`key: [[Note]]` without quotes: YAML reads a list inside a list, not a link (R29).

Obsidian sees no link there, so the note is missing from backlinks and the graph. **Error.**

Fix (safe, with `--fix`): quote the value, `key: "[[Note]]"`.

PASS::

    company: "[[Acme]]"

FAIL::

    company: [[Acme]]            <- fix: company: "[[Acme]]"
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from vaultnet.lint.engine import Hit

if TYPE_CHECKING:
    from vaultnet.lint.engine import LintContext

NAME = "unquoted-property-link"
DEFAULT_SEVERITY = "error"


def check(context: LintContext) -> Iterator[Hit]:
    return context.problems_of(NAME)
