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

from vaultnet.lint.links import broken_anchors
from vaultnet.resolve import block_exists

if TYPE_CHECKING:
    from vaultnet.lint.engine import Hit, LintContext

NAME = "missing-block"
DEFAULT_SEVERITY = "warning"


def check(context: LintContext) -> Iterator[Hit]:
    return broken_anchors(
        context,
        lambda link: link.block,
        lambda note, block: block_exists(note.blocks, block),
        lambda block: f"block '^{block}'",
    )
