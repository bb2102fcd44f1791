"""What an unresolved link most likely is, shared by the three rules that report one.

An unresolved link is reported by exactly one rule: `missing-attachment` when its target
names a file type other than a note, `alias-link` when its target is an alias of a note (R16:
aliases never resolve), and `unresolved-link` otherwise.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from vaultnet.resolve import unresolved_key

if TYPE_CHECKING:
    from vaultnet.lint.engine import LintContext
    from vaultnet.records import Link
    from vaultnet.resolve import ResolvedLink

__all__ = [
    "ATTACHMENT_EXTENSIONS",
    "alias_claims",
    "describe",
    "end_col",
    "is_attachment",
    "unresolved",
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


def unresolved(context: LintContext) -> list[ResolvedLink]:
    """Unresolved links, self links aside (they always resolve, R15)."""
    return [r for r in context.resolved_links if r.resolution.path is None and r.link.target]


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
