"""Dataview inline fields on one line: `[key:: value]`, `(key:: value)` and `key:: value`.

Dataview attaches bracketed fields to the list item or task they sit in (add-metadata.md). The
value may itself hold a wikilink (`[goal:: [[Note#1. Goal]]]`), so brackets are matched by depth
rather than by a regular expression.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from vaultnet.network.properties import canonical_key

_KEY = re.compile(r"[^\[\]()\n:]{1,64}?::")
_FULL_LINE = re.compile(
    r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[.\][ \t]+)?)?(?P<key>[^\s:\[\]()>#][^:\[\]()]{0,63}?)::[ \t]*(?P<value>.*)$"
)
_DONE_EMOJI = re.compile(r"✅\s*(\d{4}-\d{2}-\d{2})")
_CLOSERS = {"[": "]", "(": ")"}


@dataclass(frozen=True, slots=True)
class InlineField:
    key: str  # canonical key (`вид` → `kind`, `goal` → `goals`)
    value: str  # trimmed raw text; links inside are read from the parser's records
    start: int  # 0-based index of the field in the line (its bracket, or its key)
    end: int  # exclusive

    def covers(self, col: int) -> bool:
        """Whether a link starting at 1-based column `col` sits inside this field."""
        return self.start <= col - 1 < self.end


def _closing(text: str, open_at: int) -> int | None:
    """Index of the bracket closing the one at `open_at`, or None when it never closes."""
    depth = 0
    for index in range(open_at, len(text)):
        char = text[index]
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
            if depth == 0:
                return index if char == _CLOSERS[text[open_at]] else None
    return None


def inline_fields(text: str) -> list[InlineField]:
    """The inline fields of one line, in order."""
    fields: list[InlineField] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in "[(" and not text.startswith("[[", index):
            key = _KEY.match(text, index + 1)
            if key is not None and key.group(0)[:-2].strip():
                close = _closing(text, index)
                if close is not None:
                    value = text[key.end():close].strip()
                    fields.append(
                        InlineField(canonical_key(key.group(0)[:-2]), value, index, close + 1)
                    )
                    index = close + 1
                    continue
        index += 1
    if not fields:
        full = _FULL_LINE.match(text)
        if full is not None:
            fields.append(
                InlineField(canonical_key(full.group("key")), full.group("value").strip(),
                            full.start("key"), len(text))
            )
    return fields


def field_value(fields: list[InlineField], key: str) -> str | None:
    for found in fields:
        if found.key == key:
            return found.value
    return None


def completion_date_text(text: str, fields: list[InlineField]) -> str | None:
    """The Tasks plugin's `✅ YYYY-MM-DD`, or a Dataview `[completion:: …]` field."""
    match = _DONE_EMOJI.search(text)
    if match:
        return match.group(1)
    return field_value(fields, "completion")
