"""A note as the networking model reads it: record, canonical properties, lines, resolved links.

The model never parses links itself: it takes the parser's `Link` records and asks the vault's
resolver where they point. It only looks at a line's text for what the parser does not record:
list items, task boxes, quotes, fences and Dataview inline fields.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Protocol

from vaultnet.network.properties import canonical_key, canonical_properties
from vaultnet.records import Heading, Link, NoteRecord


class VaultLike(Protocol):
    """What the model needs from `vaultnet.vault.Vault` (kept small so tests can fake it)."""

    notes: Mapping[str, NoteRecord]

    def resolve(self, link: Link, source: str) -> Any: ...  # `.path`: str | None

    def read_text(self, path: str) -> str: ...


_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(?P<rest>.*)$")
_TASK_BOX = re.compile(r"^\[(?P<status>.)\](?:[ \t]+|$)")
_FENCE = re.compile(r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})")
_QUOTE = re.compile(r"^[ \t]{0,3}>")


@dataclass(frozen=True, slots=True)
class Line:
    """One body line and the block context the link parser does not record."""

    number: int  # 1-based, as in `Link.line`
    text: str
    in_code: bool = False
    in_quote: bool = False
    list_indent: int | None = None  # width of the indentation when the line starts a list item
    task: str | None = None  # the character in `- [x]`, when the item is a task
    item_text: str = ""  # the list item's text after the marker (and task box)


def scan_lines(text: str, first_body_line: int) -> list[Line]:
    """Split a note into lines (index 0 = line 1), marking code, quotes, list items and tasks."""
    raw_lines = [line.rstrip("\r") for line in text.split("\n")]
    result: list[Line] = []
    fence: str | None = None
    for index, raw in enumerate(raw_lines):
        number = index + 1
        if number < first_body_line:
            result.append(Line(number, raw, in_code=True))  # frontmatter is not body text
            continue
        fence_match = _FENCE.match(raw)
        if fence is not None:
            if fence_match and fence_match.group("fence")[0] == fence[0] and len(
                fence_match.group("fence")
            ) >= len(fence) and not raw.strip()[len(fence_match.group("fence")):].strip():
                fence = None
            result.append(Line(number, raw, in_code=True))
            continue
        if fence_match:
            fence = fence_match.group("fence")
            result.append(Line(number, raw, in_code=True))
            continue
        if _QUOTE.match(raw):
            result.append(Line(number, raw, in_quote=True))
            continue
        item = _LIST_ITEM.match(raw)
        if item is None:
            result.append(Line(number, raw))
            continue
        rest = item.group("rest")
        box = _TASK_BOX.match(rest)
        indent = len(item.group("indent").expandtabs(4))
        if box:
            result.append(Line(number, raw, list_indent=indent, task=box.group("status"),
                               item_text=rest[box.end():]))
        else:
            result.append(Line(number, raw, list_indent=indent, item_text=rest))
    return result


@dataclass(slots=True)
class NoteView:
    """One note with lazily read text and resolved links."""

    path: str
    record: NoteRecord
    vault: VaultLike
    props: dict[str, Any] = field(default_factory=dict)
    _lines: list[Line] | None = None
    _resolved: list[tuple[Link, str | None]] | None = None

    @classmethod
    def of(cls, vault: VaultLike, path: str, record: NoteRecord) -> NoteView:
        return cls(path, record, vault, canonical_properties(record.properties))

    @property
    def title(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name[:-3] if name.lower().endswith(".md") else name

    @property
    def folders(self) -> list[str]:
        return self.path.split("/")[:-1]

    @property
    def lines(self) -> list[Line]:
        if self._lines is None:
            try:
                text = self.vault.read_text(self.path)
            except (OSError, UnicodeDecodeError, KeyError):
                text = ""
            self._lines = scan_lines(text, self.record.frontmatter_end + 1)
        return self._lines

    def line(self, number: int) -> Line:
        lines = self.lines
        return lines[number - 1] if 0 < number <= len(lines) else Line(number, "")

    @property
    def resolved(self) -> list[tuple[Link, str | None]]:
        """Every link of the note with the path it resolves to (None when unresolved)."""
        if self._resolved is None:
            self._resolved = [
                (link, link_path(self.vault, link, self.path)) for link in self.record.links
            ]
        return self._resolved

    def property_links(self, key: str) -> list[tuple[Link, str | None]]:
        """The links inside one canonical property (`with` finds `участники.0`, `with.1` …)."""
        found = []
        for link, target in self.resolved:
            if link.kind == "property" and link.property is not None:
                if canonical_key(link.property.split(".", 1)[0]) == key:
                    found.append((link, target))
        return found

    def body_links(self) -> list[tuple[Link, str | None]]:
        return [(link, target) for link, target in self.resolved if link.kind != "property"]

    def tag_names(self) -> list[str]:
        """Tags lower-cased, without `#` (tags are case-insensitive, R35)."""
        return [tag.name.lstrip("#").lower() for tag in self.record.tags]


def link_path(vault: VaultLike, link: Link, source: str) -> str | None:
    """Where a link points, by the vault's one resolver; a self link points at its source."""
    if link.target == "":
        return source
    resolution = vault.resolve(link, source)
    return getattr(resolution, "path", resolution if isinstance(resolution, str) else None)


def section_chains(headings: list[Heading], line_count: int) -> list[tuple[Heading, ...]]:
    """For each line (index 0 = line 1), the chain of headings enclosing it, outermost first."""
    chains: list[tuple[Heading, ...]] = []
    stack: list[Heading] = []
    ordered = sorted(headings, key=lambda h: h.line)
    position = 0
    for number in range(1, line_count + 1):
        while position < len(ordered) and ordered[position].line <= number:
            heading = ordered[position]
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            stack.append(heading)
            position += 1
        chains.append(tuple(stack))
    return chains


def section_end(headings: list[Heading], heading: Heading, line_count: int) -> int:
    """The last line of a heading's section: before the next heading of the same or higher level."""
    for other in sorted(headings, key=lambda h: h.line):
        if other.line > heading.line and other.level <= heading.level:
            return other.line - 1
    return line_count
