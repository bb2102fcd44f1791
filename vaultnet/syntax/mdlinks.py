"""Markdown links and images: keep markdown-it's grammar, record what it throws away.

markdown-it already implements the CommonMark destination rules R8 relies on (no raw
spaces unless `<…>`, balanced parentheses, optional title). What it does not keep is
(a) where the link starts, (b) whether it was an inline link or a reference link (R11:
reference links are not note links) and (c) the destination as written: ``normalizeLink``
percent-encodes it. So the ``link``/``image`` rules are wrapped to store the span and
the label in ``token.meta``, and ``normalizeLink`` becomes the identity (decodeURI is
applied later, R9). ``validateLink`` accepts everything: nothing is rendered, and a
rejected `javascript:` destination must still not be scanned as text for tags.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

from vaultnet.syntax.wikilinks import next_index

InlineRule = Callable[["StateInline", bool], bool]


def _capture(rule: InlineRule, opener: str, label_offset: int) -> InlineRule:
    # `[` for a link, `![` for an image: the rule runs at every character the text rule stops
    # at (`#`, `*`, `-`, `:` …), so anything else is turned away before any look-ahead.
    starts = "![" if label_offset == 2 else "["

    def captured(state: StateInline, silent: bool) -> bool:
        start, first_token = state.pos, len(state.tokens)
        if not state.src.startswith(starts, start):
            return False
        # No `]` ahead: no link can start here. markdown-it would still scan the rest of
        # the paragraph for every `[` (times its nesting limit): minutes for 200,000 `[[a`.
        if next_index(state, "]", start + 1) < 0:
            return False
        if not rule(state, silent):
            return False
        if silent:
            return True
        end = state.pos
        label_end = state.md.helpers.parseLinkLabel(state, start + label_offset - 1, False)
        for token in state.tokens[first_token:]:
            if token.type == opener:
                token.meta = {
                    "start": start,
                    "end": end,
                    # `[t](x)` ends with `)`; `[t][r]`, `[t][]` and `[t]` end with `]`.
                    "inline": state.src[end - 1] == ")",
                    "label": state.src[start + label_offset : max(label_end, 0)],
                }
                break
        return True

    return captured


def _identity(url: str) -> str:
    return url


def _accept(url: str) -> bool:
    return True


def mdlinks_plugin(md: MarkdownIt) -> None:
    for name, opener, offset in (("link", "link_open", 1), ("image", "image", 2)):
        original = _rule_by_name(md, name)
        md.inline.ruler.at(name, _capture(original, opener, offset))
    md.normalizeLink = _identity  # type: ignore[method-assign]
    md.validateLink = _accept  # type: ignore[method-assign]


def _rule_by_name(md: MarkdownIt, name: str) -> InlineRule:
    for rule in md.inline.ruler.__rules__:
        if rule.name == name:
            return rule.fn
    raise LookupError(f"markdown-it has no inline rule {name!r}")
