"""decodeURI (R9), link text (R3–R4) and embed sizes (R5) as pure functions."""
from __future__ import annotations

import pytest

from vaultnet.syntax.linktext import (
    LinkText, decode_uri, js_trim, parse_link_text, split_embed_size,
)


@pytest.mark.parametrize(
    ("encoded", "decoded"),
    [
        ("Note%20Name.md", "Note Name.md"),
        ("%D0%97%D0%B0%D0%BC", "Зам"),
        ("a%23b%2F%3F%3A%40%26%3D%2B%24%2Cc", "a%23b%2F%3F%3A%40%26%3D%2B%24%2Cc"),
        ("%25", "%"),
        ("%F0%9F%98%80", "😀"),
        ("%e2%82%ac", "€"),
        ("plain", "plain"),
    ],
)
def test_decode_uri(encoded: str, decoded: str) -> None:
    assert decode_uri(encoded) == decoded


@pytest.mark.parametrize("bad", ["100%.md", "%", "%2", "%ZZ", "%C3", "%C3%28", "%80", "%ED%A0%80",
                                 "%C0%AF", "%F8%80%80%80%80"])
def test_decode_uri_malformed(bad: str) -> None:
    with pytest.raises(ValueError):
        decode_uri(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Note", LinkText("Note", None, None, None)),
        (" Note | Shown | x ", LinkText("Note", None, None, "Shown | x")),
        ("|x", LinkText("|x", None, None, None)),
        ("Note\\|A", LinkText("Note", None, None, "A")),
        ("Note#", LinkText("Note", None, None, None)),
        ("Note#^", LinkText("Note", None, None, None)),
        ("#^b", LinkText("", None, "b", None)),
        ("N#A##B", LinkText("N", "A##B", None, None)),
        ("\u00a0Note\u00a0", LinkText("Note", None, None, None)),
        ("\ufeffNote", LinkText("Note", None, None, None)),
    ],
)
def test_parse_link_text(text: str, expected: LinkText) -> None:
    assert parse_link_text(text) == expected


@pytest.mark.parametrize(
    ("display", "expected"),
    [
        (None, (None, None, None)),
        ("300", (None, 300, None)),
        ("640x480", (None, 640, 480)),
        (" 640 x 480 ", (None, 640, 480)),
        ("Fig 1|640x480", ("Fig 1", 640, 480)),
        ("a|b", ("a|b", None, None)),
        ("300px", ("300px", None, None)),
        ("", ("", None, None)),
    ],
)
def test_split_embed_size(display: str | None, expected: tuple[object, ...]) -> None:
    assert split_embed_size(display) == expected


def test_js_trim_differs_from_python_strip() -> None:
    assert js_trim("\ufeffa\u001f") == "a\u001f"
