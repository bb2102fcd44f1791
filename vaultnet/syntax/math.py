"""Math (R23) through mdit-py-plugins' dollarmath, tuned to Obsidian's delimiters.

Obsidian: `$…$` is math when the opening `$` is not followed by a space and the closing
`$` is neither preceded by a space nor followed by a digit; `$$…$$` is display math,
inline or as a block (blank lines allowed). ``allow_space=False`` gives the space rules.
``allow_digits=False`` cannot be used: it also rejects a digit *before* the opening `$`,
and at offset 0 it looks at ``src[-1]`` (the last character of the paragraph). So digits
are allowed there and the closing-digit rule is added by a wrapper.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from mdit_py_plugins.dollarmath import dollarmath_plugin

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

    from vaultnet.syntax.mdlinks import InlineRule

_ASCII_DIGITS = frozenset("0123456789")


def _closing_not_before_digit(rule: InlineRule) -> InlineRule:
    def math_inline(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] != "$":
            return False
        start = state.pos
        # Probe silently first: a rejected match must leave no token behind.
        if not rule(state, True):
            return False
        end, state.pos = state.pos, start
        if end < len(state.src) and state.src[end] in _ASCII_DIGITS:
            return False
        if silent:
            state.pos = end
            return True
        return rule(state, False)

    return math_inline


def math_plugin(md: MarkdownIt) -> None:
    md.use(
        dollarmath_plugin,
        allow_labels=False,
        allow_space=False,
        allow_digits=True,
        allow_blank_lines=True,
        double_inline=True,
    )
    for rule in md.inline.ruler.__rules__:
        if rule.name == "math_inline":
            md.inline.ruler.at("math_inline", _closing_not_before_digit(rule.fn))
            break
