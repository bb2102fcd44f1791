"""Inline tags, R33–R35 (semantics table cases 155–181 and more)."""
from __future__ import annotations

import pytest

from vaultnet.parse import parse_note
from vaultnet.syntax.tags import match_tag


def tag_names(src: str) -> list[str]:
    return [tag.name for tag in parse_note("S.md", src.encode()).tags]


CASES = [
    ("155", "#meeting", ["#meeting"]),
    ("157", "#тег и #Тег", ["#тег", "#Тег"]),
    ("158", "#inbox/to-read", ["#inbox/to-read"]),
    ("160", "#tag. #tag's #tag,#next", ["#tag", "#tag", "#tag"]),
    ("161", "#Heading\n\n# Heading", ["#Heading"]),
    ("163", "a#b", []),
    ("164", "(#x)", []),
    ("166", "`#x`", []),
    ("167", '<mark style="background: #FFF3A3A6;">hi</mark>', []),
    ("169", "[[Note]]#t", ["#t"]),
    ("170", "#👨\u200d💻dev", ["#👨"]),
    ("181", "#йога #йо\u0306га", ["#йога", "#йо\u0306га"]),
    ("digits-only", "#2024 #123", []),
    ("leading-digit", "#2024-goals", ["#2024-goals"]),
    ("emphasis-before", "**b**#t", ["#t"]),
    ("comma-before", ",#x", []),
    ("double-hash", "##x", []),
    ("escaped", "\\#x", []),
    ("fenced", "```\n#x\n```", []),
    ("math", "$#x$ and $$#y$$", []),
    ("html-block", "<div>\n#x\n</div>", []),
    ("html-comment", "<!-- #x -->", []),
    ("autolink", "<https://a.b/#x>", []),
    ("url-text", "https://a.b/#x", []),
    ("destination", "[t](Note.md#x) [u](https://a.b#y)", []),
    ("in-heading", "## Title #tag", ["#tag"]),
    ("in-list-quote-table", "- #a\n\n> #b\n\n| #c |\n|---|\n| #d |", ["#a", "#b", "#c", "#d"]),
    ("in-comment", "%% #c %%", ["#c"]),
    ("symbols", "#€uro #№1 #«x»", ["#€uro", "#№1", "#«x»"]),
    ("curly-quote-ends", "#don’t #a—b #c…", ["#don", "#a", "#c"]),
    ("cjk", "#タグ #📝", ["#タグ", "#📝"]),
    ("question", "#?-tag", []),
    ("after-newline", "text\n#next", ["#next"]),
    ("after-tab", "a\t#t", ["#t"]),
    ("underscore-slash", "#a_b/c-d", ["#a_b/c-d"]),
    ("bare-hash", "# ", []),
]


@pytest.mark.parametrize(("src", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_inline_tags(src: str, expected: list[str]) -> None:
    assert tag_names(src) == expected


def test_tag_positions_point_at_hash() -> None:
    src = "Текст #один\n> цитата #два\n  - x\n\n| a | #три |\n|---|---|\n"
    record = parse_note("S.md", src.encode())
    lines = src.split("\n")
    assert [(t.name, t.line, t.col) for t in record.tags] == [
        ("#один", 1, 7), ("#два", 2, 10), ("#три", 5, 7),
    ]
    for tag in record.tags:
        assert lines[tag.line - 1][tag.col - 1 :].startswith(tag.name)


def test_frontmatter_tags_come_first() -> None:
    record = parse_note("S.md", "---\ntags: [b]\n---\n#a".encode())
    assert [(t.name, t.in_frontmatter) for t in record.tags] == [("#b", True), ("#a", False)]


@pytest.mark.parametrize(
    ("src", "end"), [("#abc def", 4), ("#12", -1), ("#", -1), ("#a#b", 2), ("#a]", 2)]
)
def test_match_tag(src: str, end: int) -> None:
    assert match_tag(src, 0, len(src)) == end
