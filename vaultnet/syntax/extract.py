"""Walk markdown-it's token stream once and collect a note body's records (R1).

Links and tags come from the plugin tokens, headings (R20) and block ids (R21) from the
block tokens. Positions are computed only for inline tokens that produced something.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from vaultnet.records import Block, Heading, Link, Suppression, Tag
from vaultnet.syntax import comments, depth, tags, wikilinks
from vaultnet.syntax.linktext import clean_linkpath, decode_uri, split_embed_size, split_subpath
from vaultnet.syntax.positions import CellLocator, InlineLocator, RowLocator

if TYPE_CHECKING:
    from markdown_it.token import Token

# R8: a destination with a URL scheme (`https:`, `mailto:`, `obsidian:` …) is external.
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_BLOCK_ID = re.compile(r"[A-Za-z0-9-]+")
_INTERESTING = frozenset(
    {wikilinks.TOKEN_TYPE, tags.TOKEN_TYPE, comments.TOKEN_TYPE, "link_open", "image"}
)


class Locator(Protocol):
    def locate(self, offset: int) -> tuple[int, int]: ...
    def raw(self, start: int, end: int) -> str: ...


@dataclass
class BodyFacts:
    links: list[Link] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    too_deep_at: int = 0  # first line where markdown-it's nesting limit cut content off


def collect(tokens: list[Token], lines: list[str]) -> BodyFacts:
    facts = BodyFacts()
    row: RowLocator | None = None
    row_cells: list[str] = []
    cell = 0
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "inline":
            parent = tokens[index - 1]
            first_line = token.map[0] if token.map else 0
            interesting = any(child.type in _INTERESTING for child in token.children or ())
            if parent.type in ("th_open", "td_open"):
                if interesting:
                    row = row or RowLocator(row_cells, first_line, lines)
                    _scan_children(token, CellLocator(row, cell), True, facts)
                cell += 1
                continue
            if parent.type == "heading_open" and parent.level == 0:
                facts.headings.append(Heading(int(parent.tag[1:]), token.content, first_line + 1))
            _find_block_id(token, facts)
            if interesting:
                _scan_children(token, InlineLocator(token.content, first_line, lines), False, facts)
        elif kind == "tr_open":
            row, cell = None, 0
            row_cells = _row_cells(tokens, index)
        elif kind == depth.TOKEN_TYPE and token.map:
            facts.too_deep_at = facts.too_deep_at or token.map[0] + 1
    return facts


def _row_cells(tokens: list[Token], tr_open: int) -> list[str]:
    cells: list[str] = []
    for index in range(tr_open + 1, len(tokens)):  # not a slice: that copies the rest per row
        token = tokens[index]
        if token.type == "tr_close":
            break
        if token.type == "inline":
            cells.append(token.content)
    return cells


def _find_block_id(token: Token, facts: BodyFacts) -> None:
    """R21: `^id` at the very end of a paragraph/heading, after a space or line break."""
    content = token.content
    caret = content.rfind("^")
    if caret < 0 or not _BLOCK_ID.fullmatch(content, caret + 1):
        return
    if caret > 0 and content[caret - 1] not in " \t\n":
        return
    first_line = token.map[0] if token.map else 0
    facts.blocks.append(Block(content[caret + 1 :], first_line + content.count("\n", 0, caret) + 1))


def _scan_children(token: Token, where: Locator, in_table: bool, facts: BodyFacts) -> None:
    for child in token.children or ():
        kind, meta = child.type, child.meta
        if kind == wikilinks.TOKEN_TYPE:
            line, col = where.locate(meta["start"])
            facts.links.append(
                Link(
                    line, col, "wikilink", meta["embed"], meta["target"],
                    heading=meta["heading"], block=meta["block"], display=meta["display"],
                    raw=where.raw(meta["start"], meta["end"]), in_table=in_table,
                    width=meta["width"], height=meta["height"],
                )
            )
        elif kind == tags.TOKEN_TYPE:
            line, col = where.locate(meta["start"])
            facts.tags.append(Tag(child.content, line, col))
        elif kind in ("link_open", "image") and meta.get("inline"):
            link = _markdown_link(child, where, in_table)
            if link is not None:
                facts.links.append(link)
        elif kind == comments.TOKEN_TYPE:
            line, _ = where.locate(meta["start"])
            facts.suppressions.append(Suppression(line, meta["rules"], meta["next_line_only"]))


def _markdown_link(token: Token, where: Locator, in_table: bool) -> Link | None:
    """R8–R9: internal `[t](dest)` / `![alt](dest)`; `None` when external or undecodable."""
    embed = token.type == "image"
    dest = str(token.attrGet("src" if embed else "href") or "")
    if not dest or _URL_SCHEME.match(dest):
        return None
    try:
        decoded = decode_uri(dest)
    except ValueError:
        if not embed:
            return None
        decoded = dest  # R9: an image keeps its raw destination
    target, heading, block = split_subpath(clean_linkpath(decoded))
    display: str | None = token.meta["label"]
    width = height = None
    if embed:
        display, width, height = split_embed_size(display)
    line, col = where.locate(token.meta["start"])
    return Link(
        line, col, "markdown", embed, target, heading=heading, block=block, display=display,
        raw=where.raw(token.meta["start"], token.meta["end"]), in_table=in_table,
        width=width, height=height,
    )
