"""Plain, picklable records: what one file contains, before any vault-wide lookup.

A record depends only on the bytes of its file (and the configuration), so it can be
cached and computed in another process. Resolution happens later, on the index.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

LinkKind = Literal["wikilink", "markdown", "property", "canvas"]
FileKind = Literal["note", "canvas", "attachment"]


@dataclass(frozen=True, slots=True)
class Link:
    """One link occurrence, as Obsidian reads it (R2–R11, R29, R36)."""

    line: int  # 1-based; for a property link, the line of its value
    col: int  # 1-based, in code points; the `[` or `!` that starts the link
    kind: LinkKind
    embed: bool
    target: str  # the linkpath: trimmed, decoded, NFC, without `#…`; "" for a self link
    heading: str | None = None  # heading chain as written after `#` ("A#B")
    block: str | None = None  # block id after `#^`
    display: str | None = None
    property: str | None = None  # dotted key for property links ("up.0")
    raw: str = ""  # the link exactly as written on its line (for fixes and messages)
    in_table: bool = False  # written inside a table row, where `|` must be escaped
    width: int | None = None  # embed size (R5)
    height: int | None = None


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str  # raw inline text, closing `#`s removed (R20)
    line: int


@dataclass(frozen=True, slots=True)
class Block:
    id: str
    line: int  # the line holding the `^id`


@dataclass(frozen=True, slots=True)
class Tag:
    name: str  # with its `#`, as written
    line: int  # 1-based; frontmatter tags carry the line of their value
    col: int
    in_frontmatter: bool = False


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in the file itself, found while reading it.

    ``rule`` is the lint rule that reports it (``invalid-frontmatter``,
    ``unreadable-file``, ``unquoted-property-link``, ``legacy-property`` …); the lint
    engine decides its severity.
    """

    rule: str
    line: int
    col: int
    message: str
    fix: str | None = None  # replacement for ``fix_span``, when a safe fix exists
    fix_span: tuple[int, int, int] | None = None  # (line, start col, end col), end exclusive


@dataclass(frozen=True, slots=True)
class Suppression:
    """A `%% vaultnet: disable RULE %%` or `disable-next-line` comment."""

    line: int
    rules: tuple[str, ...]  # empty = every rule
    next_line_only: bool


@dataclass(slots=True)
class NoteRecord:
    """Everything one Markdown note contributes (R1), positions 1-based."""

    path: str
    properties: dict[str, Any] | None = None  # JSON-able; None when absent or invalid
    frontmatter_error: str | None = None
    frontmatter_end: int = 0  # last line of the frontmatter block, 0 when there is none
    aliases: list[str] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)  # body, embeds and property links, sorted
    problems: list[Problem] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    line_count: int = 0


@dataclass(slots=True)
class CanvasRecord:
    """A `.canvas` file: only its `file` nodes link (R36)."""

    path: str
    links: list[Link] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
