"""`alias`, `tag` or `cssclass`: property names Obsidian ignores since 1.9.

Use `aliases`, `tags` and `cssclasses`; until then the values do nothing. **Warning.**

Fix (safe, with `--fix`): the current key, with a list value, when the value is a list, or one
value that the new key reads the same way (no commas; for `tags` and `cssclasses` no spaces),
and the new key is not already there. A single value on the key's line becomes a one-item
flow list (`alias: Ваня` → `aliases: [Ваня]`, which every Obsidian 1.9 reads); a value that
would need rewriting inside a flow list (`#`, `[`, `: ` …) keeps its form and only the key is
renamed. Otherwise the finding has no fix.

PASS::

    aliases: [Ваня]

FAIL::

    alias: [Ваня]                <- fix: aliases: [Ваня]
    tag: работа                  <- fix: tags: [работа]
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Iterator

from vaultnet.lint.engine import Hit

if TYPE_CHECKING:
    from vaultnet.lint.engine import LintContext

NAME = "legacy-property"
DEFAULT_SEVERITY = "warning"


# After the key: the separator, then a one-line scalar (plain or quoted), then the line end.
_SCALAR_VALUE = re.compile(
    r"""(?P<sep>\s*:[ \t]+)(?P<value>"[^"]*"|'[^']*'|[^\s"'\[{&*!|>%@`#-][^#]*?)[ \t]*$"""
)
# A plain scalar is safe inside `[…]` only without flow indicators or comment/mapping marks.
_FLOW_UNSAFE = re.compile(r"[,\[\]{}#]|: ")


def check(context: LintContext) -> Iterator[Hit]:
    for hit in context.problems_of(NAME):
        yield _as_list(hit, context.lines(hit.path))


def _as_list(hit: Hit, lines: list[str]) -> Hit:
    """Widen a key rename to `key: [value]` when the value is one scalar on the key's line."""
    if hit.fix is None or hit.fix_span is None or not 0 < hit.fix_span[0] <= len(lines):
        return hit
    line, start, end = hit.fix_span
    text = lines[line - 1]
    found = _SCALAR_VALUE.match(text, end - 1)
    if found is None:
        return hit  # a list already, or a value on the following lines: renaming is enough
    value = found["value"]
    if value[0] not in "\"'" and _FLOW_UNSAFE.search(value):
        return hit
    fix = f"{hit.fix}{found['sep']}[{value}]"
    return replace(hit, fix=fix, fix_span=(line, start, found.end("value") + 1))
