"""Wikilinks and embeds (`[[x]]`, `![[x]]`) as a markdown-it inline rule (R2–R7).

Design: an inline rule, not a regex over the file. A regex would have to re-implement
everything markdown-it already knows about where text is *not* scanned — code spans,
fenced and indented code, math, HTML blocks and comments, backslash escapes, container
prefixes. As an inline rule inserted before ``link`` we get all of that for free: the rule
only ever sees inline content, after ``escape``/``backticks``/``math_inline`` have had their
chance at earlier positions, and `[[` is never handed to the Markdown ``link`` rule.
The text rule already stops at `[` and `!`, so no extra terminator is needed.

The cost is that positions are offsets into the inline token's ``content`` (container
prefixes removed, table `\\|` unescaped); ``positions.py`` maps them back to the source.
The rule stores its raw span in ``token.meta`` and parses the link text (R3–R5) once.
It honours ``silent`` (look-ahead from ``parseLinkLabel``): it then only moves ``pos``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from vaultnet.syntax.linktext import parse_link_text, split_embed_size

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

TOKEN_TYPE = "wikilink"


def wikilink_rule(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    embed = src.startswith("!", start)
    opener = start + 1 if embed else start
    if not src.startswith("[[", opener):
        return False
    inner_start = opener + 2
    line_end = next_index(state, "\n", inner_start)
    if line_end < 0:
        line_end = state.posMax
    # R2: the first `]]` on the same line closes (shortest match).
    close = next_index(state, "]]", inner_start)
    if close <= inner_start or close >= line_end:  # no closer on this line, or `[[]]`
        return False
    # R2: a `[[` inside rejects this start; a later `[[` is tried on its own. (Trimming
    # removes only whitespace, so looking in the untrimmed text gives the same answer.)
    if -1 < next_index(state, "[[", inner_start) < close:
        return False
    inner = src[inner_start:close]
    end = close + 2
    if not silent:
        token = state.push(TOKEN_TYPE, "", 0)
        token.content = inner
        token.markup = "![[" if embed else "[["
        token.meta = link_meta(inner, embed, start, end)
    state.pos = end
    return True


def next_index(state: StateInline, needle: str, pos: int) -> int:
    """`state.src.find(needle, pos, state.posMax)`, amortised O(1) while `pos` moves forward.

    Without this, every `[[` of a line holding thousands of unclosed `[[` searched to the end
    of the line again: quadratic (100,000 `![[` took minutes). The answer found from an
    earlier `start` stays valid for any `pos` between that start and the match, because no
    match lies in between; a miss stays valid for every later `pos`.
    """
    cache: dict[tuple[str, int], tuple[int, int]] | None = getattr(state, "_vn_next", None)
    if cache is None:
        cache = {}
        state._vn_next = cache  # type: ignore[attr-defined]
    key = (needle, state.posMax)  # the link rule narrows posMax while parsing link text
    known = cache.get(key)
    if known is not None:
        start, found = known
        if start <= pos and (found < 0 or pos <= found):
            return found
    found = state.src.find(needle, pos, state.posMax)
    cache[key] = (pos, found)
    return found


def link_meta(inner: str, embed: bool, start: int, end: int) -> dict[str, object]:
    text = parse_link_text(inner)
    display, width, height = text.display, None, None
    if embed:
        display, width, height = split_embed_size(display)
    return {
        "start": start,
        "end": end,
        "embed": embed,
        "target": text.target,
        "heading": text.heading,
        "block": text.block,
        "display": display,
        "width": width,
        "height": height,
    }


def wikilinks_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "wikilink", wikilink_rule)
