"""A link that several files match equally well, so which one opens is not reproducible.

Obsidian keeps the shortest matching path (R14); when two paths are equally long it takes the
first in its internal file order, which differs between devices. Write the path to say which
note you mean.

PASS::

    [[Люди/Иван Петров]]

FAIL (both `Люди/Иван Петров.md` and `Архив/Иван Петров.md` exist, same length)::

    [[Иван Петров]]        <- matches 2 files; write [[Архив/Иван Петров]] or [[Люди/Иван Петров]]
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from vaultnet.lint.links import describe, link_hit

if TYPE_CHECKING:
    from vaultnet.lint.engine import Hit, LintContext

NAME = "ambiguous-link"
DEFAULT_SEVERITY = "warning"


def check(context: LintContext) -> Iterator[Hit]:
    for resolved in context.resolved_links:
        candidates = resolved.resolution.candidates
        if len(candidates) < 2:
            continue
        link = resolved.link
        choices = " or ".join(f"[[{_linkpath(path)}]]" for path in candidates)
        message = (
            f"{describe(link)} matches {len(candidates)} files equally well and Obsidian's "
            f"choice is not reproducible; write {choices}"
        )
        yield link_hit(resolved, message)


def _linkpath(path: str) -> str:
    return path[:-3] if path.lower().endswith(".md") else path
