"""markdown-it-py plugins for Obsidian-flavoured Markdown, as vaultnet needs it.

Each module adds one construct; ``obsidian_plugin`` installs them all. They only produce
tokens (with their data in ``token.meta``); nothing here renders HTML.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from vaultnet.syntax.comments import comments_plugin
from vaultnet.syntax.depth import depth_plugin
from vaultnet.syntax.math import math_plugin
from vaultnet.syntax.mdlinks import mdlinks_plugin
from vaultnet.syntax.tags import tags_plugin
from vaultnet.syntax.wikilinks import wikilinks_plugin

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

__all__ = ["obsidian_plugin"]


def obsidian_plugin(md: MarkdownIt, max_nesting: int) -> None:
    """Wikilinks/embeds, inline tags, `%%` directives, raw Markdown links, math (R23), and a
    nesting cut that keeps what follows a too-deep list."""
    md.use(depth_plugin, max_nesting)
    md.use(math_plugin)
    md.use(mdlinks_plugin)
    md.use(wikilinks_plugin)
    md.use(tags_plugin)
    md.use(comments_plugin)
