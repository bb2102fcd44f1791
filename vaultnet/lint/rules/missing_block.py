"""A link to a block id (`#^id`) the target note does not have (R21–R22).

The link still opens the note, so this is a **warning**; in a property it is an **error**.
Block ids are compared case-insensitively.

PASS (`Резюме.md` has a paragraph ending in `^opyt`)::

    [[Резюме#^opyt]]

FAIL::

    [[Резюме#^skills]]           <- no block "^skills" in "Резюме.md"
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from vaultnet.lint.engine import Hit
from vaultnet.lint.links import describe, end_col
from vaultnet.resolve import block_exists

if TYPE_CHECKING:
    from vaultnet.lint.engine import LintContext

NAME = "missing-block"
DEFAULT_SEVERITY = "warning"


def check(context: LintContext) -> Iterator[Hit]:
    for resolved in context.resolved_links:
        link, target = resolved.link, resolved.resolution.path
        note = context.vault.notes.get(target) if target is not None else None
        if note is None or link.block is None or target in context.unreadable:
            continue
        if block_exists(note.blocks, link.block):
            continue
        message = f"no block '^{link.block}' in {target!r}: {describe(link)}"
        severity = None
        if link.kind == "property":
            message += f" (in property {link.property!r})"
            severity = "error"
        yield Hit(
            resolved.source, link.line, link.col, message,
            severity=severity, end_col=end_col(link),
        )
