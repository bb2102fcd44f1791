"""Bytes of one Markdown note → its ``NoteRecord`` (R1), never raising on bad input.

The frontmatter block is read by ``frontmatter.py``; its lines are then blanked, not
removed, so markdown-it's line maps stay file-relative. One ``MarkdownIt`` instance is
built at import time and only ``parse`` is called (no rendering).
"""
from __future__ import annotations

from markdown_it import MarkdownIt

from vaultnet.frontmatter import read_frontmatter
from vaultnet.records import NoteRecord, Problem
from vaultnet.syntax import obsidian_plugin
from vaultnet.syntax.extract import collect
from vaultnet.text import DEFAULT_MAX_FILE_BYTES, decode_text

__all__ = ["MARKDOWN", "MAX_NESTING", "parse_note"]

# Deep enough for any real note (50 nested quotes, or 25 nested lists); it keeps
# markdown-it's recursion far from Python's limit.
MAX_NESTING = 100


def build_markdown() -> MarkdownIt:
    """CommonMark + raw HTML (R23) + GFM tables (R26) + the Obsidian plugins."""
    md = MarkdownIt("commonmark", {"html": True})
    md.enable("table")
    # Only tokens are needed: text_join merely merges text tokens for renderers.
    md.core.ruler.disable("text_join")
    md.use(obsidian_plugin, MAX_NESTING)
    return md


MARKDOWN = build_markdown()


def parse_note(
    path: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> NoteRecord:
    """Everything one note contributes, positions 1-based (lines) and in code points."""
    record = NoteRecord(path=path)
    text, why_unreadable = decode_text(data, max_bytes)
    if text is None:
        record.problems.append(Problem("unreadable-file", 1, 1, why_unreadable))
        return record
    if not text:
        return record
    lines = text.split("\n")
    record.line_count = len(lines) - 1 if text.endswith("\n") else len(lines)

    front = read_frontmatter(lines)
    record.frontmatter_end = front.end
    record.properties, record.frontmatter_error = front.properties, front.error
    record.aliases, record.problems = front.aliases, front.problems
    body_lines = [""] * front.end + lines[front.end :] if front.end else lines

    try:
        tokens = MARKDOWN.parse("\n".join(body_lines), {})
    except RecursionError:
        record.problems.append(
            Problem("unreadable-file", 1, 1, "the note is nested too deeply to be parsed")
        )
        return record
    body = collect(tokens, body_lines)
    if body.too_deep_at:
        record.problems.append(
            Problem(
                "unreadable-file", body.too_deep_at, 1,
                f"quotes or lists nested deeper than {MAX_NESTING} levels are not read",
            )
        )
    record.tags = front.tags + sorted(body.tags, key=lambda tag: (tag.line, tag.col))
    record.links = front.links + sorted(body.links, key=lambda link: (link.line, link.col))
    record.headings, record.blocks = body.headings, body.blocks
    record.suppressions = body.suppressions
    return record


