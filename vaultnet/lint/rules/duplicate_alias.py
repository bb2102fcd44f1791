"""Two notes claim the same alias (compared case-insensitively).

The link suggester then offers two notes for one name, and an `[[Alias]]` cannot be fixed
automatically. Each claiming note is reported, at the alias in its frontmatter. **Warning.**

PASS::

    Иван Петров.md:   aliases: [Ваня]
    Иван Сидоров.md:  aliases: [Иван С.]

FAIL::

    Иван Петров.md:   aliases: [Ваня]
    Иван Сидоров.md:  aliases: [ваня]     <- "ваня" is also an alias of "Иван Петров.md"
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from vaultnet.lint.engine import Hit

if TYPE_CHECKING:
    from vaultnet.lint.engine import LintContext

NAME = "duplicate-alias"
DEFAULT_SEVERITY = "warning"

_ALIASES_KEY = re.compile(r"^\s*[\"']?aliases[\"']?\s*:", re.IGNORECASE)


def check(context: LintContext) -> Iterator[Hit]:
    for claims in context.aliases.values():
        if len(claims) < 2:
            continue
        for path, alias in claims:
            if not context.selected(path):
                continue  # finding its position reads the note
            others = " and ".join(repr(other) for other, _ in claims if other != path)
            line, col = _position(context, path, alias)
            yield Hit(path, line, col, f"alias {alias!r} is also an alias of {others}")


def _position(context: LintContext, path: str, alias: str) -> tuple[int, int]:
    """The alias in the frontmatter: after the `aliases:` key; else the key; else the top."""
    note = context.vault.notes[path]
    lines = context.lines(path)[: note.frontmatter_end]
    key_line = next((i for i, text in enumerate(lines) if _ALIASES_KEY.match(text)), None)
    if key_line is None:
        return 1, 1
    for index in range(key_line, len(lines)):
        start = lines[index].find(alias, lines[index].index(":") + 1 if index == key_line else 0)
        if start >= 0:
            return index + 1, start + 1
    return key_line + 1, 1
