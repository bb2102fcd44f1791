"""parse_note against the parsing cases of the semantics test table (obsidian-semantics.md §6).

Case numbers in the ids are the table's. Resolution is tested elsewhere: here only what
is extracted (target, heading, block, display, embed, size, position).
"""
from __future__ import annotations

from typing import Any

import pytest

from vaultnet.parse import parse_note
from vaultnet.records import Block, Heading, NoteRecord


def note(src: str) -> NoteRecord:
    return parse_note("S.md", src.encode("utf-8"))


def shape(
    target: str,
    heading: str | None = None,
    block: str | None = None,
    display: str | None = None,
    *,
    embed: bool = False,
    kind: str = "wikilink",
    width: int | None = None,
    height: int | None = None,
) -> dict[str, Any]:
    return {
        "kind": kind, "embed": embed, "target": target, "heading": heading,
        "block": block, "display": display, "width": width, "height": height,
    }


def link_shapes(src: str) -> list[dict[str, Any]]:
    return [
        shape(
            link.target, link.heading, link.block, link.display, embed=link.embed,
            kind=link.kind, width=link.width, height=link.height,
        )
        for link in note(src).links
    ]


TABLE = "| h | i |\n|---|---|\n"
MD = "markdown"

LINK_CASES = [
    ("1", "[[Note]]", [shape("Note")]),
    ("2", "[[Note|Shown]]", [shape("Note", display="Shown")]),
    ("4", "[[Note#A#B]]", [shape("Note", "A#B")]),
    ("5", "[[#Part 2]]", [shape("", "Part 2")]),
    ("7", "[[^blk1]]", [shape("^blk1")]),
    ("8", "[[#^x1]]", [shape("", block="x1")]),
    ("10", "![[image.png|300]]", [shape("image.png", embed=True, width=300)]),
    ("11", "![[image.png|Fig 1|640x480]]",
     [shape("image.png", display="Fig 1", embed=True, width=640, height=480)]),
    ("13", "![[Doc.pdf#page=3]]", [shape("Doc.pdf", "page=3", embed=True)]),
    ("14", "[[Note\\|Alias]]", [shape("Note", display="Alias")]),
    ("14-table", TABLE + "| [[Note\\|Alias]] | x |", [shape("Note", display="Alias")]),
    ("16", TABLE + "| [[Note|Alias]] | x |", []),
    ("17", "[[Note#Heading\\|Alias]]", [shape("Note", "Heading", display="Alias")]),
    ("19", "[[Note | Alias ]]", [shape("Note", display="Alias")]),
    ("20", "[[Note\nName]]", []),
    ("22", "[[Nested [[Inner]] x]]", [shape("Inner")]),
    ("23", "[[]]", []),
    ("25", "[[|alias]]", [shape("|alias")]),
    ("26", "[[Note||x]]", [shape("Note", display="|x")]),
    ("28", "[[Note|]]", [shape("Note", display="")]),
    ("29", "[[pa#th/x]]", [shape("pa", "th/x")]),
    ("31", "[[Ext.MD]]", [shape("Ext.MD")]),
    ("32", "\\[[Note]]", []),
    ("32b", "\\[\\[Note\\]\\]", []),
    ("34", "\\![[Note]]", [shape("Note")]),
    ("35", "[[Note]]]]", [shape("Note")]),
    ("37", "[[Note##Heading]]", [shape("Note", "#Heading")]),
    ("38", "[[##heading]]", [shape("", "#heading")]),
    ("40", "[t](Note)", [shape("Note", display="t", kind=MD)]),
    ("41", "[t](Folder/Note%20Name.md)", [shape("Folder/Note Name.md", display="t", kind=MD)]),
    ("43", "[z](Sub/My%20Note.md)", [shape("Sub/My Note.md", display="z", kind=MD)]),
    ("44", "[t](My Note.md)", []),
    ("44-angle", "[t](<My Note.md>)", [shape("My Note.md", display="t", kind=MD)]),
    ("46", "[t](Note.md#Some%20Heading)", [shape("Note.md", "Some Heading", display="t", kind=MD)]),
    ("47", "[t](../B/Note.md)", [shape("../B/Note.md", display="t", kind=MD)]),
    ("49", "[t](obsidian://open?vault=V&file=Note)", []),
    ("49-https", "[t](https://example.com/x.md) <https://a.b> https://c.d", []),
    ("50", "[t](example.org)", [shape("example.org", display="t", kind=MD)]),
    ("52", "[t](100%.md)", []),
    ("52-image", "![i](100%.png)", [shape("100%.png", display="i", kind=MD, embed=True)]),
    ("53", "[]() and [t]()", []),
    ("55", "![alt|200](image.png)",
     [shape("image.png", display="alt", kind=MD, embed=True, width=200)]),
    ("56", "[t][r]\n\n[r]: Note.md", []),
    ("56-shortcut", "[r]\n\n[r]: Note.md", []),
    ("58", "[[log]] and [[LOG]]", [shape("log"), shape("LOG")]),
    ("59", "[[ЗАМЕТКА]]", [shape("ЗАМЕТКА")]),
    ("61", "[[STRASSE]]", [shape("STRASSE")]),
    ("68", "[[b/Note]]", [shape("b/Note")]),
    ("73", "[[/Folder/Note]]", [shape("/Folder/Note")]),
    ("74", "[[./Note]]", [shape("./Note")]),
    ("77", "[[../y]]", [shape("../y")]),
    ("83", "[[image]]", [shape("image")]),
    ("85", "[[Report.2024]]", [shape("Report.2024")]),
    ("89", "[[Мои\u0306]]", [shape("Мой")]),
    ("91", "[[Note\u00a0Name]]", [shape("Note Name")]),
    ("92", "[[Missing.md#H]]", [shape("Missing.md", "H")]),
    ("94", "[[https://example.com]]", [shape("https://example.com")]),
    ("100", "## See [[Other]]", [shape("Other")]),
    ("116", "```\n[[Note]]\n```", []),
    ("116-tilde", "~~~\n[[Note]]\n~~~", []),
    ("116-indented", "para\n\n    [[Note]]", []),
    ("116-inline", "`[[Note]]` ``a [[Note]] b``", []),
    ("116-unclosed", "```\n[[Note]]", []),
    ("118", "$[[Note]]$", []),
    ("118-double", "$$[[Note]]$$ and\n\n$$\n[[Note]]\n$$", []),
    ("119", "costs $5 and [[Note]] $6", [shape("Note")]),
    ("119-digit", "$x$5 [[Note]] $y$", [shape("Note")]),
    ("121", "<div>\n\n[[Note]]\n\n</div>", [shape("Note")]),
    ("121-block", "<div>\n[[Note]]\n</div>", []),
    ("122", "<!-- [[Note]] -->", []),
    ("122-inline", "a <!-- [[Note]] --> b", []),
    ("122-multiline", "<!--\n[[Note]]\n\n[[Note]]\n-->", []),
    ("124", "%% [[Note]] %%", [shape("Note")]),
    ("125", "%%\nsee [[Note]] #t\n%%", [shape("Note")]),
    ("125-blank", "%%\n\nsee [[Note]]\n\n%%", [shape("Note")]),
    ("127", "> [!note] About [[Note]]\n> more", [shape("Note")]),
    ("128", "Text[^1]\n\n[^1]: see [[Note]]", [shape("Note")]),
    ("128-inline", "Text ^[see [[Note]]]", [shape("Note")]),
    ("176", "[[A]] [[A]] ![[A]]", [shape("A"), shape("A"), shape("A", embed=True)]),
    ("html-inline", "<br>[[x]] <span>[[y]]</span>", [shape("x"), shape("y")]),
    ("dataview", "key:: [[x]]\n\n[key:: [[y]]]", [shape("x"), shape("y")]),
    ("triple", "[[[x]]]", [shape("[x")]),
    ("single-bracket", "[[a]b]]", [shape("a]b")]),
    ("space-only", "[[ ]]", [shape("")]),
    ("trailing-backslash", "[[Note\\]]", [shape("Note")]),
    ("embed-size-spaces", "![[img.png| 640 x 480 ]]",
     [shape("img.png", embed=True, width=640, height=480)]),
    ("not-embed-size", "[[Note|300]]", [shape("Note", display="300")]),
    ("embed-display", "![[Note#H|text]]", [shape("Note", "H", display="text", embed=True)]),
    ("cyrillic-all", "[[Проект/Заметка#Раздел#Подраздел|Текст]]",
     [shape("Проект/Заметка", "Раздел#Подраздел", display="Текст")]),
    ("cyrillic-md", "[см.](%D0%97%D0%B0%D0%BC%D0%B5%D1%82%D0%BA%D0%B0.md)",
     [shape("Заметка.md", display="см.", kind=MD)]),
    ("reserved-kept", "[t](a%23b%2Fc.md)", [shape("a%23b%2Fc.md", display="t", kind=MD)]),
    ("md-self", "[t](#H)", [shape("", "H", display="t", kind=MD)]),
    ("md-block", "[t](Note.md#^b1)", [shape("Note.md", block="b1", display="t", kind=MD)]),
    ("md-title", '[t](Note.md "title")', [shape("Note.md", display="t", kind=MD)]),
    ("md-mailto", "[t](mailto:a@b.c) [u](file:///x.md)", []),
    # markdown-it refuses a Markdown link whose text holds a link; the wikilink stays (I).
    ("link-in-md-text", "[see [[Inner]]](Note.md)", [shape("Inner")]),
]


@pytest.mark.parametrize(("src", "expected"), [c[1:] for c in LINK_CASES],
                         ids=[c[0] for c in LINK_CASES])
def test_links(src: str, expected: list[dict[str, Any]]) -> None:
    assert link_shapes(src) == expected


HEADING_CASES = [
    ("100", "## See [[Other]]", [Heading(2, "See [[Other]]", 1)]),
    ("101", "## C# tips", [Heading(2, "C# tips", 1)]),
    ("103", "## **Bold** idea", [Heading(2, "**Bold** idea", 1)]),
    ("106", "# A\n# X\n## B", [Heading(1, "A", 1), Heading(1, "X", 2), Heading(2, "B", 3)]),
    ("107", "> ## Quoted", []),
    ("list", "- ## In list", []),
    ("closing", "### Заголовок ###", [Heading(3, "Заголовок", 1)]),
    ("setext", "\nТекст\n===\n\nSub\n---", [Heading(1, "Текст", 2), Heading(2, "Sub", 5)]),
    ("code", "```\n# no\n```", []),
    ("tag-not-heading", "#Heading", []),
]


@pytest.mark.parametrize(("src", "expected"), [c[1:] for c in HEADING_CASES],
                         ids=[c[0] for c in HEADING_CASES])
def test_headings(src: str, expected: list[Heading]) -> None:
    assert note(src).headings == expected


BLOCK_CASES = [
    ("110", "Para text ^my-id", [Block("my-id", 1)]),
    ("112", "Para^id", []),
    ("113", "> quote\n\n^q1\n\nafter", [Block("q1", 3)]),
    ("115", "one ^mid two", []),
    ("next-line", "para\n^Next-1", [Block("Next-1", 2)]),
    ("list-item", "- a ^li\n- b", [Block("li", 1)]),
    ("heading", "## H ^hid", [Block("hid", 1)]),
    ("underscore", "para ^a_b", []),
    ("cyrillic", "para ^блок", []),
    ("table-after", "| a |\n|---|\n| b |\n\n^tbl", [Block("tbl", 5)]),
    ("code", "```\nx ^no\n```", []),
]


@pytest.mark.parametrize(("src", "expected"), [c[1:] for c in BLOCK_CASES],
                         ids=[c[0] for c in BLOCK_CASES])
def test_blocks(src: str, expected: list[Block]) -> None:
    assert note(src).blocks == expected


@pytest.mark.parametrize(
    ("data", "kwargs", "why"),
    [
        (b"\xff\xfe\x00", {}, "NUL"),
        (b"caf\xe9", {}, "UTF-8"),
        (b"a\x00b", {}, "NUL"),
        (b"x" * 11, {"max_bytes": 10}, "larger"),
    ],
)
def test_unreadable_files(data: bytes, kwargs: dict[str, int], why: str) -> None:
    record = parse_note("bad.md", data, **kwargs)
    (problem,) = record.problems
    assert (problem.rule, problem.line, problem.col) == ("unreadable-file", 1, 1)
    assert why in problem.message
    assert record == NoteRecord(path="bad.md", problems=[problem])


def test_empty_file() -> None:
    assert parse_note("e.md", b"") == NoteRecord(path="e.md")


def test_line_count() -> None:
    assert note("a\nb").line_count == 2
    assert note("a\nb\n").line_count == 2
    assert note("\n").line_count == 1


@pytest.mark.parametrize("src", ["```\n[[x]]", "%%\n[[x]]", "$$\n[[x]]", "<!--\n[[x]]", "[[x"])
def test_unclosed_constructs_do_not_raise(src: str) -> None:
    note(src)


@pytest.mark.parametrize("prefix", [">" * 10_000, "- " * 10_000, "[" * 3000, "*" * 10_000])
def test_deep_nesting_is_reported_not_raised(prefix: str) -> None:
    record = note(prefix + " [[x]]\n\nafter")
    assert all(p.rule == "unreadable-file" for p in record.problems)


def test_deep_quotes_keep_the_rest_of_the_note() -> None:
    record = note(">" * 10_000 + " x\n\n[[after]]")
    assert [l.target for l in record.links] == ["after"]
    assert record.problems[0].line == 1


def test_suppressions() -> None:
    src = (
        "%% vaultnet: disable-next-line unresolved-link, missing-heading %%\n[[x]]\n"
        "text %% vaultnet: disable %%\n"
        "`%% vaultnet: disable alias-link %%`\n"
        "```\n%% vaultnet: disable alias-link %%\n```\n"
        "%% vaultnet:disable alias-link %%\n"
        "%% just a comment [[c]] %%"
    )
    record = note(src)
    assert [(s.line, s.rules, s.next_line_only) for s in record.suppressions] == [
        (1, ("unresolved-link", "missing-heading"), True),
        (3, (), False),
        (8, ("alias-link",), False),
    ]
    assert [l.target for l in record.links] == ["x", "c"]


def test_links_sorted_with_property_links_first() -> None:
    record = note('---\nup: "[[P]]"\n---\n| [[T]] |\n|---|\n\n[[B]] [t](M.md)')
    assert [(l.kind, l.target) for l in record.links] == [
        ("property", "P"), ("wikilink", "T"), ("wikilink", "B"), ("markdown", "M.md"),
    ]
