"""Pure string helpers shared by every link form: R3–R5 (link text) and R9 (decodeURI).

Everything here mirrors JavaScript semantics, because Obsidian is a JavaScript app:
``trim()`` has its own whitespace set, ``decodeURI`` keeps reserved escapes.
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# JavaScript's WhiteSpace + LineTerminator (what String.prototype.trim removes). Unlike
# Python's str.strip() it includes U+FEFF and excludes U+001C–U+001F and U+0085.
JS_WHITESPACE = (
    "\t\n\x0b\x0c\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
# R5: "300", "640x480", "640 x 480" (spaces allowed around the parts).
_SIZE = re.compile(r"[ \t]*(\d+)[ \t]*(?:x[ \t]*(\d+)[ \t]*)?")
_HEX = frozenset("0123456789abcdefABCDEF")
# decodeURI leaves escapes of these characters encoded (ECMAScript "reservedURISet" + "#").
_URI_RESERVED = frozenset(";/?:@&=+$,#")


def js_trim(text: str) -> str:
    return text.strip(JS_WHITESPACE)


def clean_linkpath(text: str) -> str:
    """R3/R9: NBSP becomes a space, then trim, then Unicode NFC."""
    return unicodedata.normalize("NFC", js_trim(text.replace("\u00a0", " ")))


class LinkText(NamedTuple):
    target: str
    heading: str | None
    block: str | None
    display: str | None


def split_subpath(target: str) -> tuple[str, str | None, str | None]:
    """R4: cut at the first `#`; `#^id` is a block, anything else a heading chain.

    The heading is kept as written after the first `#` (so `Note##H` gives `#H`; the
    resolver drops empty pieces). A subpath with no non-empty piece gives no heading.
    """
    cut = target.find("#")
    if cut < 0:
        return target, None, None
    path, subpath = target[:cut], target[cut + 1 :]
    if subpath.startswith("^"):
        return path, None, (subpath[1:] or None)
    if not subpath.strip("#"):
        return path, None, None
    return path, subpath, None


def parse_link_text(text: str) -> LinkText:
    """R3–R4 on the text between `[[` and `]]` (already known to be non-empty)."""
    text = js_trim(text)
    display: str | None = None
    pipe = text.find("|")
    if pipe > 0:  # a leading `|` belongs to the target (`[[|x]]` targets "|x")
        display = js_trim(text[pipe + 1 :])
        text = text[:pipe]
    if text.endswith("\\"):  # what makes `[[Note\|Shown]]` work, in tables and out
        text = text[:-1]
    path, heading, block = split_subpath(clean_linkpath(text))
    return LinkText(path, heading, block, display)


def split_embed_size(display: str | None) -> tuple[str | None, int | None, int | None]:
    """R5: a trailing `|300` / `|640x480` of an embed is its size, not display text."""
    if display is None:
        return None, None, None
    size = _SIZE.fullmatch(display)
    if size:
        return None, int(size[1]), _int_or_none(size[2])
    bar = display.rfind("|")
    if bar >= 0:
        size = _SIZE.fullmatch(display, bar + 1)
        if size:
            return js_trim(display[:bar]), int(size[1]), _int_or_none(size[2])
    return display, None, None


def _int_or_none(digits: str | None) -> int | None:
    return int(digits) if digits is not None else None


def decode_uri(text: str) -> str:
    """JavaScript ``decodeURI``: raises ValueError where JS throws URIError.

    ``urllib.parse.unquote`` is not equivalent: it decodes reserved escapes and silently
    keeps malformed ones.
    """
    if "%" not in text:
        return text
    out: list[str] = []
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char != "%":
            out.append(char)
            i += 1
            continue
        first = _byte_at(text, i)
        if first < 0x80:
            decoded = chr(first)
            out.append(text[i : i + 3] if decoded in _URI_RESERVED else decoded)
            i += 3
            continue
        length = 2 if first >> 5 == 0b110 else 3 if first >> 4 == 0b1110 else 4
        if first >> 3 > 0b11110 or first >> 6 == 0b10:
            raise ValueError(f"malformed escape at {i}")
        raw = bytearray([first])
        for k in range(1, length):
            raw.append(_byte_at(text, i + 3 * k))
        out.append(raw.decode("utf-8"))  # strict: overlong forms and surrogates raise
        i += 3 * length
    return "".join(out)


def _byte_at(text: str, i: int) -> int:
    if i + 3 > len(text):
        raise ValueError(f"truncated escape at {i}")
    if text[i] != "%" or text[i + 1] not in _HEX or text[i + 2] not in _HEX:
        raise ValueError(f"malformed escape at {i}")
    return int(text[i + 1 : i + 3], 16)
