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

from vaultnet.syntax.linktext import js_trim, parse_link_text, split_embed_size

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
    line_end = src.find("\n", inner_start, state.posMax)
    if line_end < 0:
        line_end = state.posMax
    # R2: the first `]]` on the same line closes (shortest match).
    close = src.find("]]", inner_start, line_end)
    if close <= inner_start:  # no closer, or `[[]]`
        return False
    inner = src[inner_start:close]
    if "[[" in js_trim(inner):  # R2: reject this start; a later `[[` is tried on its own
        return False
    end = close + 2
    if not silent:
        token = state.push(TOKEN_TYPE, "", 0)
        token.content = inner
        token.markup = "![[" if embed else "[["
        token.meta = link_meta(inner, embed, start, end)
    state.pos = end
    return True


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
