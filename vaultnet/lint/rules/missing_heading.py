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

from vaultnet.lint.links import broken_anchors
from vaultnet.resolve import heading_chain_exists

if TYPE_CHECKING:
    from vaultnet.lint.engine import Hit, LintContext

NAME = "missing-heading"
DEFAULT_SEVERITY = "warning"


def check(context: LintContext) -> Iterator[Hit]:
    return broken_anchors(
        context,
        lambda link: link.heading,
        lambda note, heading: heading_chain_exists(note.headings, heading),
        lambda heading: f"heading {heading!r}",
    )
