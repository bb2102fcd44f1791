"""`alias`, `tag` or `cssclass`: property names Obsidian ignores since 1.9.

Use `aliases`, `tags` and `cssclasses`; until then the values do nothing. **Warning.**

Fix (safe, with `--fix`): rename the key when the value is a list, or one value that the new
key reads the same way (no commas; for `tags` and `cssclasses` no spaces), and the new key is
not already there. Otherwise the finding has no fix.

PASS::

    aliases: [Ваня]

FAIL::

    alias: [Ваня]                <- fix: aliases: [Ваня]
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from vaultnet.lint.engine import Hit

if TYPE_CHECKING:
    from vaultnet.lint.engine import LintContext

NAME = "legacy-property"
DEFAULT_SEVERITY = "warning"


def check(context: LintContext) -> Iterator[Hit]:
    return context.problems_of(NAME)
