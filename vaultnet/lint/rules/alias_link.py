"""A link to an alias: `[[X]]` where X is only an alias of a note. Obsidian leaves it unresolved.

Aliases feed Obsidian's link suggestions and quick switcher, but a link never resolves through
them (R16); choosing an alias in the suggester writes `[[Note|Alias]]`. This is an **error**.

Fix (safe, with `--fix`): `[[Note|Alias]]`, keeping the heading, the block, the display text
and the `!` of an embed; inside a table the `|` is written `\\|` (R26). When two notes claim
the alias, no fix is offered.

PASS (`Цели и задачи нетворкинга.md` has the alias `Цели нетворкинга`)::

    [[Цели и задачи нетворкинга|Цели нетворкинга]]

FAIL::

    [[Цели нетворкинга]]        <- fix: [[Цели и задачи нетворкинга|Цели нетворкинга]]
    | [[Цели нетворкинга]] |    <- fix: | [[Цели и задачи нетворкинга\\|Цели нетворкинга]] |
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from vaultnet.lint.links import UNLINKABLE, alias_claims, describe, link_hit

if TYPE_CHECKING:
    from vaultnet.lint.engine import Hit, LintContext
    from vaultnet.records import Link

NAME = "alias-link"
DEFAULT_SEVERITY = "error"


def check(context: LintContext) -> Iterator[Hit]:
    for resolved in context.unresolved_links:
        link = resolved.link
        claims = alias_claims(context, link)
        if not claims:
            continue
        notes = " and ".join(repr(path) for path, _ in claims)
        message = f"{describe(link)} names an alias of {notes}; aliases never resolve in Obsidian"
        fix = span = None
        if len(claims) == 1:
            replacement = _replacement(context.link_text_for(claims[0][0]), link)
            span = _span(context.lines(resolved.source), link) if replacement else None
            if replacement and span:
                fix = replacement
                message += f"; write {replacement}"
        yield link_hit(resolved, message, fix=fix, fix_span=span)


def _replacement(linkpath: str, link: Link) -> str | None:
    """`[[Note#Heading|Alias]]` for a wikilink or a property link; None when not safe."""
    if link.kind not in ("wikilink", "property") or not link.raw.startswith(("[[", "![[")):
        return None
    if UNLINKABLE & set(linkpath):
        return None
    display = link.display if link.display is not None else link.target
    suffix = f"#{link.heading}" if link.heading else ""
    suffix += f"#^{link.block}" if link.block else ""
    text = "[[" + linkpath + suffix + ("\\|" if link.in_table else "|") + display + "]]"
    if link.kind == "property" and any(char in text for char in "\"'\\"):
        return None  # would need YAML escaping; leave it to the user
    return ("!" if link.embed else "") + text


def _span(lines: list[str], link: Link) -> tuple[int, int, int] | None:
    """Where `link.raw` stands on its line, checked against the file's text."""
    if not link.raw or not 0 < link.line <= len(lines):
        return None
    line = lines[link.line - 1]
    start = link.col - 1
    if link.kind == "property":  # the value may start with a quote
        found = line.find(link.raw, start)
        if found < 0 or line.find(link.raw, found + 1) >= 0:
            return None
        start = found
    elif line[start : start + len(link.raw)] != link.raw:
        return None
    return (link.line, start + 1, start + 1 + len(link.raw))
