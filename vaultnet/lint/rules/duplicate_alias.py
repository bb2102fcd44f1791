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
MAX_NAMED = 3  # other claimants named in a message; the rest are counted

_ALIASES_KEY = re.compile(r"^\s*[\"']?aliases[\"']?\s*:", re.IGNORECASE)


def check(context: LintContext) -> Iterator[Hit]:
    for claims in context.aliases.values():
        if len(claims) < 2:
            continue
        for path, alias in claims:
            if not context.selected(path):
                continue  # finding its position reads the note
            line, col = _position(context, path, alias)
            yield Hit(path, line, col, f"alias {alias!r} is also an alias of {_others(claims, path)}")


def _others(claims: list[tuple[str, str]], path: str) -> str:
    """The other claimants, at most `MAX_NAMED` of them by name: a first name shared by sixty
    people would otherwise repeat sixty paths in each of sixty findings (quadratic)."""
    named = [repr(other) for other, _ in claims[: MAX_NAMED + 1] if other != path][:MAX_NAMED]
    rest = len(claims) - 1 - len(named)
    if rest:
        return ", ".join(named) + f" and {rest} other note{'s' if rest > 1 else ''}"
    return " and ".join(named)


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
