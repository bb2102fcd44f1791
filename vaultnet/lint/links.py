"""What an unresolved link most likely is, shared by the three rules that report one.

An unresolved link is reported by exactly one rule: `missing-attachment` when its target
names a file type other than a note, `alias-link` when its target is an alias of a note (R16:
aliases never resolve), and `unresolved-link` otherwise.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator

from vaultnet.lint.engine import FixSpan, Hit
from vaultnet.resolve import unresolved_key

if TYPE_CHECKING:
    from vaultnet.lint.engine import LintContext
    from vaultnet.records import Link, NoteRecord
    from vaultnet.resolve import ResolvedLink

__all__ = [
    "ATTACHMENT_EXTENSIONS",
    "alias_claims",
    "broken_anchors",
    "describe",
    "end_col",
    "is_attachment",
    "link_hit",
]

# Obsidian's accepted file formats (help: "Accepted file formats"), plus documents people
# commonly keep next to notes. A name like "Report.2024" or "Dr. Who" is still a note name.
ATTACHMENT_EXTENSIONS = frozenset(
    """
    canvas base avif bmp gif jpeg jpg png svg webp tif tiff ico heic
    flac m4a mp3 ogg wav webm 3gp mkv mov mp4 ogv
    pdf txt csv tsv json xml html htm zip gz tar 7z rar
    doc docx xls xlsx ppt pptx odt ods odp rtf epub excalidraw drawio
    """.split()
)

# Characters Obsidian will not put in a linkpath (they mean heading, block, alias, link end).
UNLINKABLE = frozenset("#^|[]")


def extension(target: str) -> str:
    name = target.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def is_attachment(target: str) -> bool:
    return extension(target) in ATTACHMENT_EXTENSIONS


def alias_claims(context: LintContext, link: Link) -> list[tuple[str, str]]:
    """The notes whose alias the link names ([(path, alias as written)]), or []."""
    if link.kind == "canvas" or "/" in link.target or is_attachment(link.target):
        return []
    return context.aliases.get(unresolved_key(link.target).lower(), [])


def describe(link: Link) -> str:
    """How to name the link in a message: as written when known."""
    if link.raw:
        return link.raw
    return f"[[{link.target}]]" if link.kind != "canvas" else link.target


def end_col(link: Link) -> int | None:
    """The column after the link on its line, when the link is written there as `raw`."""
    if not link.raw or link.kind not in ("wikilink", "markdown"):
        return None  # a property link's value may be quoted; a canvas card has no line
    return link.col + len(link.raw)


def link_hit(
    resolved: ResolvedLink,
    message: str,
    *,
    severity: str | None = None,
    error_in_property: bool = False,
    fix: str | None = None,
    fix_span: FixSpan | None = None,
) -> Hit:
    """A hit at the link. With `error_in_property`, a link inside frontmatter is an error and
    the message names its property: structured data should point somewhere."""
    link = resolved.link
    if error_in_property and link.kind == "property":
        message += f" (in property {link.property!r})"
        severity = "error"
    return Hit(resolved.source, link.line, link.col, message, fix=fix, fix_span=fix_span,
               end_col=end_col(link), severity=severity)


def broken_anchors(
    context: LintContext,
    anchor: Callable[[Link], str | None],
    exists: Callable[[NoteRecord, str], bool],
    what: Callable[[str], str],
) -> Iterator[Hit]:
    """Links into a note that lacks their heading chain or block id (`anchor(link)`).

    The note still opens, so the rule's default severity holds; in a property it is an error.
    A note that could not be read is not checked: its headings and blocks are unknown.
    """
    for resolved in context.resolved_links:
        link, target = resolved.link, resolved.resolution.path
        wanted = anchor(link)
        note = context.vault.notes.get(target) if target is not None else None
        if wanted is None or note is None or context.unreadable(target):
            continue
        if not exists(note, wanted):
            message = f"no {what(wanted)} in {target!r}: {describe(link)}"
            yield link_hit(resolved, message, error_in_property=True)
