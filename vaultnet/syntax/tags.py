"""Inline `#tags` as a markdown-it inline rule (R33–R34).

Being an inline rule means code, math, HTML (tags and attribute values), autolinks,
link destinations and escaped `\\#` are never seen. The boundary rule of R34 — the `#`
starts an inline text run or follows whitespace — maps onto markdown-it's state: when
``state.pending`` is empty, no literal text has been collected since the previous token
(start of the content, a link, a code span, an emphasis delimiter, an escape, a line
break), so the `#` starts a text run. Otherwise the character before must be whitespace.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vaultnet.syntax.linktext import JS_WHITESPACE

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

TOKEN_TYPE = "obsidian_tag"

# R33: anything but whitespace, ASCII punctuation other than `- _ /`, and the general
# (U+2000–U+206F) and supplemental (U+2E00–U+2E7F) punctuation blocks.
_ASCII_PUNCTUATION = "!\"#$%&'()*+,.:;<=>?@[\\]^`{|}~"
TAG_BODY = re.compile(
    "[^"
    + re.escape(JS_WHITESPACE + _ASCII_PUNCTUATION)
    + "\u2000-\u206f\u2e00-\u2e7f]+"
)
_DIGITS_ONLY = re.compile(r"[0-9]+")


def match_tag(src: str, pos: int, end: int) -> int:
    """End offset of the tag whose `#` is at ``pos``, or -1 when there is none."""
    body = TAG_BODY.match(src, pos + 1, end)
    if body is None or _DIGITS_ONLY.fullmatch(body[0]):
        return -1
    return body.end()


def tag_rule(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    if src[start] != "#":
        return False
    if start > 0 and state.pending and src[start - 1] not in JS_WHITESPACE:
        return False
    end = match_tag(src, start, state.posMax)
    if end < 0:
        return False
    if not silent:
        token = state.push(TOKEN_TYPE, "", 0)
        token.content = src[start:end]
        token.meta = {"start": start, "end": end}
    state.pos = end
    return True


def tags_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "obsidian_tag", tag_rule)
