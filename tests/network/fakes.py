"""A minimal stand-in for the vault loader, for tests that must not depend on the real parser.

It understands just enough Markdown for the networking tests: YAML frontmatter, ATX headings,
`^block` ids, `#tags`, wikilinks (with `!`, `#heading`, `#^block`, `|display`), fenced code, and
property links. The real loader is preferred when it is importable (see `conftest.py`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml

from vaultnet.records import Block, Heading, Link, NoteRecord, Tag

_WIKILINK = re.compile(r"(!?)\[\[([^\[\]]+?)\]\]")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BLOCK = re.compile(r"\s\^([A-Za-z0-9-]+)\s*$")
_TAG = re.compile(r"(?:(?<=\s)|^)#([^\s#\[\]{}()<>,.;:!?\"'`]+)")


def _link(text: str, line: int, col: int, kind: str, embed: bool, prop: str | None) -> Link:
    target, display = (text.split("|", 1) + [None])[:2] if "|" in text else (text, None)
    heading = block = None
    if "#" in target:
        target, sub = target.split("#", 1)
        if sub.startswith("^"):
            block = sub[1:]
        else:
            heading = sub
    return Link(line, col, kind, embed, unicodedata.normalize("NFC", target.strip()),  # type: ignore[arg-type]
                heading, block, display, prop, raw=("!" if embed else "") + f"[[{text}]]")


def _property_links(value: Any, key: str, line: int, out: list[Link]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _property_links(v, f"{key}.{k}", line, out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _property_links(v, f"{key}.{i}", line, out)
    elif isinstance(value, str) and value.startswith("[[") and value.endswith("]]"):
        out.append(_link(value[2:-2], line, 1, "property", False, key))


def parse(path: str, text: str) -> NoteRecord:
    lines = text.split("\n")
    record = NoteRecord(path, line_count=len(lines))
    start = 0
    if lines and lines[0] == "---":
        for index in range(1, len(lines)):
            if lines[index].startswith("---"):
                raw = yaml.safe_load("\n".join(lines[1:index])) or {}
                record.properties = {
                    str(k): (v.isoformat() if hasattr(v, "isoformat") else v)
                    for k, v in raw.items()
                }
                record.frontmatter_end = index + 1
                start = index + 1
                break
    props = record.properties or {}
    for key, value in props.items():
        key_line = next((i + 1 for i, l in enumerate(lines[:start]) if l.startswith(f"{key}:")), 1)
        _property_links(value, key, key_line, record.links)
        if key == "tags":
            for tag in value if isinstance(value, list) else [value]:
                record.tags.append(Tag(f"#{tag}", key_line, 1, True))
        if key == "aliases":
            record.aliases = list(value)
    fence = False
    for index in range(start, len(lines)):
        number, line = index + 1, lines[index]
        if line.lstrip().startswith("```"):
            fence = not fence
            continue
        if fence:
            continue
        heading = _HEADING.match(line)
        if heading:
            record.headings.append(Heading(len(heading.group(1)), heading.group(2), number))
        block = _BLOCK.search(line)
        if block:
            record.blocks.append(Block(block.group(1), number))
        for match in _WIKILINK.finditer(line):
            record.links.append(_link(match.group(2), number, match.start() + 1, "wikilink",
                                      bool(match.group(1)), None))
        if not heading:
            for match in _TAG.finditer(line):
                record.tags.append(Tag(f"#{match.group(1)}", number, match.start() + 1))
    record.links.sort(key=lambda l: (l.line, l.col))
    return record


@dataclass
class Resolution:
    path: str | None
    candidates: tuple[str, ...] = ()


class FakeVault:
    """Records from `parser` (this module's `parse`, or the real `parse_note`), resolution by name."""

    def __init__(self, files: dict[str, str], config: Any = None, parser: Any = None) -> None:
        self.texts = files
        if parser is None:
            self.notes = {p: parse(p, t) for p, t in sorted(files.items()) if p.endswith(".md")}
        else:
            self.notes = {p: parser(p, t.encode("utf-8")) for p, t in sorted(files.items())
                          if p.endswith(".md")}
        self.config = config
        by_name: dict[str, list[str]] = {}
        for p in self.notes:
            by_name.setdefault(p.rsplit("/", 1)[-1][:-3].lower(), []).append(p)
        self._by_name = by_name

    def read_text(self, path: str) -> str:
        return self.texts[path]

    def resolve(self, link: Link, source: str) -> Resolution:
        key = link.target.lower().removesuffix(".md")
        if key in (p[:-3].lower() for p in self.notes):
            return Resolution(key + ".md" if key + ".md" in self.notes else next(
                p for p in self.notes if p[:-3].lower() == key))
        found = sorted(self._by_name.get(key.rsplit("/", 1)[-1], []), key=len)
        return Resolution(found[0] if found else None, tuple(found))
