"""`%%` comments: only vaultnet's suppression directives are recognised (R24).

Obsidian records links and tags written inside `%%…%%` (R24), so this plugin must not
swallow comment content: an ordinary `%%` is left to the text rule and everything inside
is scanned as usual. Only a whole directive comment is turned into a token::

    %% vaultnet: disable RULE[, RULE…] %%          whole note (no rule = every rule)
    %% vaultnet: disable-next-line RULE[, RULE…] %%

Being an inline rule, directives inside code, math or HTML are ignored, as they should be.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

TOKEN_TYPE = "vaultnet_directive"

_DIRECTIVE = re.compile(
    r"%%[ \t]*vaultnet:[ \t]*(disable-next-line|disable)"
    r"((?:[ \t,]+[A-Za-z0-9_-]+)*)[ \t,]*%%"
)
_RULE_SEPARATOR = re.compile(r"[ \t,]+")


def directive_rule(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    if not src.startswith("%%", start):
        return False
    found = _DIRECTIVE.match(src, start, state.posMax)
    if found is None:
        return False
    if not silent:
        token = state.push(TOKEN_TYPE, "", 0)
        token.content = found[0]
        token.meta = {
            "start": start,
            "rules": tuple(r for r in _RULE_SEPARATOR.split(found[2]) if r),
            "next_line_only": found[1] == "disable-next-line",
        }
    state.pos = found.end()
    return True


def comments_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "vaultnet_directive", directive_rule)
