"""A nesting limit for blocks that skips only the too-deep container, not the rest of the note.

markdown-it stops a block parse at `maxNesting` by jumping to the end of the range it was
given. A blockquote's range is the quote itself, but a list item's range is the rest of the
document, so a list nested 50 deep dropped every line after it. This rule, first in the block
chain, fires one level below markdown-it's own check: it consumes only the lines that belong
to the current container (indented at least to its content) and leaves a token saying where
the note was cut, so the cut is reported and what follows is parsed as usual.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

TOKEN_TYPE = "vaultnet_too_deep"


def _cut_container(state: StateBlock, start: int, end: int) -> bool:
    last = start  # the last non-empty line of the container
    line = start + 1
    while line < end and (state.isEmpty(line) or state.sCount[line] >= state.blkIndent):
        if not state.isEmpty(line):
            last = line
        line += 1
    token = state.push(TOKEN_TYPE, "", 0)
    token.map = [start, last + 1]
    state.line = last + 1
    return True


def depth_plugin(md: MarkdownIt, limit: int) -> None:
    """Cut block containers at `limit` levels, ahead of every other block rule."""
    # markdown-it's own check sits two levels higher (a list opens two levels at once), so
    # it is never reached; inline nesting gets the same generous bound.
    md.options["maxNesting"] = limit + 2

    def too_deep_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        return not silent and state.level >= limit and _cut_container(state, start, end)

    md.block.ruler.before(md.block.ruler.get_all_rules()[0], TOKEN_TYPE, too_deep_rule)
