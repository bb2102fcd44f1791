"""Exact 1-based line and code-point column of links in every container (contracts.md)."""
from __future__ import annotations

import pytest

from vaultnet.parse import parse_note


def positions(src: str) -> list[tuple[int, int, str]]:
    record = parse_note("S.md", src.encode())
    # Columns count code points of the text, after a leading BOM (not shown by editors).
    lines = src.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for link in record.links:
        if link.kind != "property":
            assert lines[link.line - 1][link.col - 1 :].startswith(link.raw), link
    return [(link.line, link.col, link.raw) for link in record.links]


CASES = [
    ("paragraph", "ab [[X]]\nc ![[Y]]", [(1, 4, "[[X]]"), (2, 3, "![[Y]]")]),
    ("cyrillic", "Привет, [[Мир]]", [(1, 9, "[[Мир]]")]),
    ("astral", "😀 [[X]]", [(1, 3, "[[X]]")]),
    ("list", "- item [[A]]\n  cont [[B]]", [(1, 8, "[[A]]"), (2, 8, "[[B]]")]),
    ("nested-list", "- a\n  - nested [[N2]]\n    1. deep [t](x.md)",
     [(2, 12, "[[N2]]"), (3, 13, "[t](x.md)")]),
    ("ordered", "10. [[A]]", [(1, 5, "[[A]]")]),
    ("quote", "> quote [[Q]]\n> > inner ![[I]]", [(1, 9, "[[Q]]"), (2, 11, "![[I]]")]),
    ("lazy-quote", "> a\nlazy [[L]]", [(2, 6, "[[L]]")]),
    ("callout", "> [!note] Title [[T]]\n> body [[B]]", [(1, 17, "[[T]]"), (2, 8, "[[B]]")]),
    ("quote-in-list", "- > [[Q]]", [(1, 5, "[[Q]]")]),
    ("atx", "## Head [[H]] ##", [(1, 9, "[[H]]")]),
    ("atx-indented", "   # [[H]]", [(1, 6, "[[H]]")]),
    ("setext", "Title [[S]]\n===", [(1, 7, "[[S]]")]),
    ("table", "| [[A]] | b [[B\\|x]] |\n|---|---|\n| c | ![[C\\|300]] |",
     [(1, 3, "[[A]]"), (1, 13, "[[B\\|x]]"), (3, 7, "![[C\\|300]]")]),
    ("table-no-pipes", "a | [[B]]\n--|--\n[[C]] | d", [(1, 5, "[[B]]"), (3, 1, "[[C]]")]),
    ("table-same-cells", "| [[A]] | [[A]] |\n|---|---|", [(1, 3, "[[A]]"), (1, 11, "[[A]]")]),
    ("table-escaped-before", "| a\\|b [[X]] |\n|---|", [(1, 8, "[[X]]")]),
    ("table-in-quote", "> | [[A]] |\n> |---|", [(1, 5, "[[A]]")]),
    ("tab-indent", "- a\n\t- [[T]]", [(2, 4, "[[T]]")]),
    ("tab-inline", "a\t[[T]]", [(1, 3, "[[T]]")]),
    ("crlf", "line one\r\n> [[Q]]\r\n- [[L]]\r\n", [(2, 3, "[[Q]]"), (3, 3, "[[L]]")]),
    ("cr-only", "a\r[[X]]", [(2, 1, "[[X]]")]),
    ("leading-spaces", "   [[X]]", [(1, 4, "[[X]]")]),
    ("markdown-link", "see [t](Note.md) and ![i](p.png)",
     [(1, 5, "[t](Note.md)"), (1, 22, "![i](p.png)")]),
    ("after-frontmatter", "---\na: 1\n---\n[[X]]", [(4, 1, "[[X]]")]),
    ("footnote", "x[^1]\n\n[^1]: see [[N]]", [(3, 11, "[[N]]")]),
    ("bom", "\ufeff[[X]]", [(1, 1, "[[X]]")]),
]


@pytest.mark.parametrize(("src", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_link_positions(src: str, expected: list[tuple[int, int, str]]) -> None:
    assert positions(src) == expected


def test_in_table_flag() -> None:
    record = parse_note("S.md", b"| [[A]] |\n|---|\n\n[[B]]")
    assert [(link.target, link.in_table) for link in record.links] == [("A", True), ("B", False)]


def test_property_link_position() -> None:
    src = '---\nup: "[[A]]"\nlist:\n  - \'[[Б|b]]\'\n---\n[[C]]'
    record = parse_note("S.md", src.encode())
    assert [(l.kind, l.line, l.col, l.property) for l in record.links] == [
        ("property", 2, 5, "up"), ("property", 4, 5, "list.0"), ("wikilink", 6, 1, None),
    ]


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        # Found by hypothesis: markdown-it-py's str.strip() drops a leading NBSP-only line.
        ("\xa0\n[[A|B]]", (2, 1)),
        ("> \xa0\n> [[A|B]]", (2, 3)),
        ("\u3000\n\u3000\nx [[A]]", (3, 3)),
    ],
)
def test_lines_of_unicode_spaces_before_a_paragraph(src, expected):
    (link,) = parse_note("S.md", src.encode("utf-8")).links
    assert (link.line, link.col) == expected
    assert src.split("\n")[link.line - 1][link.col - 1:].startswith(link.raw)
