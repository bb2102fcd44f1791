"""Jinja filters that make any user text safe in a generated note, and format figures per language.

Note names, headings and property values are the user's text: a name such as `A | B`,
`{{x}}`, `[[y]]`, `%% z %%` or `<b>` must come out as that text, never as a link, a table
split, an Obsidian comment (which could forge a region marker), a template tag or HTML.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Iterable

__all__ = [
    "LinkIndex",
    "cell",
    "format_date",
    "format_number",
    "format_percent",
    "md_text",
    "mermaid_label",
    "plural",
]

NO_DATA = "—"
# CommonMark lets a backslash escape any ASCII punctuation. These are the characters that start
# Markdown or Obsidian syntax in running text: links, embeds, tags, block ids, comments,
# emphasis, code, math, highlights, HTML and entities, and table cells.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|%$=~^&!])")
_NEWLINES = re.compile(r"\s*(?:\r\n|\r|\n)\s*")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
# What a wikilink target cannot contain (R7): `|` and `#` split it, `[[`/`]]` end it, `%%`
# may open a comment, a trailing `\` or `]` is eaten by the link syntax. `<` and `>` are not
# legal in Windows file names, and whether Obsidian escapes HTML inside a link is unverified.
_UNLINKABLE = re.compile(r"\||#|\[\[|\]\]|%%|[\\\]]$|^\[|[\r\n<>]")
# An alias that could end the link early, open a comment or carry HTML is not written as one.
_UNSAFE_ALIAS = re.compile(r"\[\[|\]\]|\]$|%%|[<>]|\{\{")


def md_text(value: object) -> str:
    """Plain text that Obsidian shows as written: every syntax character backslash-escaped."""
    if value is None:
        return NO_DATA
    text = _NEWLINES.sub(" ", str(value))
    return _MD_SPECIAL.sub(r"\\\1", text)


def cell(value: object) -> str:
    """Text for a table cell: one line, every unescaped `|` escaped (R26). Idempotent."""
    if value is None:
        return NO_DATA
    return _UNESCAPED_PIPE.sub(r"\\|", _NEWLINES.sub(" ", str(value)))


def mermaid_label(value: object) -> str:
    """Text for a quoted Mermaid label: no quote, fence, comment or HTML can break out of it."""
    text = _NEWLINES.sub(" ", str(value if value is not None else NO_DATA))
    for raw, entity in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"),
                        ("`", "#96;"), ("%", "#37;"), ("[", "#91;"), ("]", "#93;"),
                        ("{", "#123;"), ("}", "#125;"), ("|", "#124;")):
        text = text.replace(raw, entity)
    return text


class LinkIndex:
    """Writes wikilinks with the shortest text that still resolves to the intended file.

    Obsidian resolves `[[Name]]` by file name anywhere in the vault (R13) and prefers the
    shortest path on a tie, so the bare name is safe only when one file has it; otherwise the
    full vault path (without `.md`) is used, with the name as its alias.
    """

    def __init__(self, paths: Iterable[str]) -> None:
        self._counts: dict[str, int] = {}
        for path in paths:
            key = self._name_key(unicodedata.normalize("NFC", path))
            self._counts[key] = self._counts.get(key, 0) + 1

    @staticmethod
    def _name_key(path: str) -> str:
        name = path.rsplit("/", 1)[-1]
        if name.lower().endswith(".md"):
            name = name[:-3]
        return name.lower()  # Obsidian compares with toLowerCase, never casefold (R12)

    def link_text(self, path: str) -> str:
        path = unicodedata.normalize("NFC", path)
        stem = path[:-3] if path.lower().endswith(".md") else path
        name = stem.rsplit("/", 1)[-1]
        return name if self._counts.get(self._name_key(path), 0) <= 1 else stem

    def wikilink(self, path: str | None, alias: object = None, in_table: bool = False,
                 heading: str | None = None, block: str | None = None) -> str:
        """`[[Note]]`, `[[Folder/Note|Note]]`, `[[Note#Heading|Alias]]`; `\\|` inside tables.

        A file whose name cannot be linked (R7) comes out as escaped text instead.
        """
        if path is None:
            return NO_DATA
        path = unicodedata.normalize("NFC", path)
        text = self.link_text(path)
        name = text.rsplit("/", 1)[-1]
        shown = None if alias is None else _NEWLINES.sub(" ", str(alias)).strip()
        if _UNLINKABLE.search(text):
            plain = md_text(shown if shown else name)
            return cell(plain) if in_table else plain
        if block and re.fullmatch(r"[A-Za-z0-9-]+", block):
            text += f"#^{block}"
        elif heading and not _UNLINKABLE.search(heading) and "^" not in heading:
            text += f"#{heading}"
        if shown is None and "/" in text.split("#", 1)[0]:
            shown = name  # a path-qualified link still reads as the note's name
        if shown is not None and _UNSAFE_ALIAS.search(shown):
            plain = md_text(shown)  # the text matters more than the link here
            return cell(plain) if in_table else plain
        if shown is not None and shown != text:
            separator = "\\|" if in_table else "|"
            if in_table:
                shown = _UNESCAPED_PIPE.sub(r"\\|", shown)
            return f"[[{text}{separator}{shown}]]"
        return f"[[{text}]]"


# --- figures -----------------------------------------------------------------------------------

_MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
NBSP = "\u00a0"


def format_number(value: object, lang: str, digits: int = 0) -> str:
    """`1 234,5` (ru, with no-break spaces) or `1,234.5` (en); None is "—", never 0."""
    if value is None or isinstance(value, bool):
        return NO_DATA if value is None else str(value)
    if not isinstance(value, (int, float)):
        return str(value)
    text = f"{value:,.{digits}f}"
    if lang == "ru":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def format_percent(value: object, lang: str, digits: int = 0) -> str:
    """A share 0..1 as `45 %` (ru) or `45%` (en); None is "—"."""
    if value is None or not isinstance(value, (int, float)):
        return NO_DATA if value is None else str(value)
    number = format_number(value * 100, lang, digits)
    return f"{number}{NBSP}%" if lang == "ru" else f"{number}%"


def format_date(value: object, lang: str, long: bool = False) -> str:
    """ISO `2026-11-28` (sortable, and a daily-note name) or, long, `28 ноября 2026`."""
    if value is None:
        return NO_DATA
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if not isinstance(value, date):
        return str(value)
    if not long:
        return value.isoformat()
    if lang == "ru":
        return f"{value.day} {_MONTHS_RU[value.month - 1]} {value.year}"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


def plural(value: object, lang: str, *forms: str) -> str:
    """`3 человека` from forms (one, few, many) in Russian; `3 people` from (one, other) in English."""
    if value is None:
        return NO_DATA
    n = int(value)  # type: ignore[call-overload]
    number = format_number(n, lang)
    if not forms:
        return number
    if lang == "ru" and len(forms) >= 3:
        tail10, tail100 = abs(n) % 10, abs(n) % 100
        if tail10 == 1 and tail100 != 11:
            word = forms[0]
        elif 2 <= tail10 <= 4 and not 12 <= tail100 <= 14:
            word = forms[1]
        else:
            word = forms[2]
    else:
        word = forms[0] if abs(n) == 1 else forms[-1]
    return f"{number} {word}"
