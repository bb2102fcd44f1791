"""A link to a heading the target note does not have (R19–R20).

The link still opens the note, at the top, so this is a **warning**; in a property it is an
**error**, because structured data (a goal, a section) then silently points at nothing.
Headings are compared as Obsidian does: ASCII punctuation becomes a space, spaces collapse,
case is ignored; `[[Note#A#B]]` looks for a heading `B` after a heading `A`.

PASS (`Карьера.md` has `## Цели`)::

    [[Карьера#Цели]]

FAIL::

    [[Карьера#Задачи]]          <- no heading "Задачи" in "Карьера.md"
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from vaultnet.lint.engine import Hit
from vaultnet.lint.links import describe, end_col
from vaultnet.resolve import heading_chain_exists

if TYPE_CHECKING:
    from vaultnet.lint.engine import LintContext

NAME = "missing-heading"
DEFAULT_SEVERITY = "warning"


def check(context: LintContext) -> Iterator[Hit]:
    for resolved in context.resolved_links:
        link, target = resolved.link, resolved.resolution.path
        note = context.vault.notes.get(target) if target is not None else None
        if note is None or link.heading is None or target in context.unreadable:
            continue
        if heading_chain_exists(note.headings, link.heading):
            continue
        message = f"no heading {link.heading!r} in {target!r}: {describe(link)}"
        severity = None
        if link.kind == "property":
            message += f" (in property {link.property!r})"
            severity = "error"
        yield Hit(
            resolved.source, link.line, link.col, message,
            severity=severity, end_col=end_col(link),
        )
