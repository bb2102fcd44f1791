"""Property tests: parse_note never raises, and every position points at its construct."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vaultnet.parse import parse_note

PIECES = [
    "[[", "]]", "|", "\\|", "#", "#тег", "^", "^id", "!", "%%", "`", "```", "$", "$$", ">", "> ",
    "- ", "1. ", "\n", "\n\n", "\r\n", "\t", " ", "  ", "[", "]", "(", ")", "Note", "Заметка",
    "x.md", "%20", "<div>", "<!--", "-->", "---", "|---|", "\\", "\u00a0", "😀", "*", "_",
    "[t](", "![", "[[A|B]]", "![[img.png|300]]", "vaultnet: disable x", "#", "a",
]
obsidian_text = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def check(text: str) -> None:
    record = parse_note("S.md", text.encode("utf-8", "surrogatepass"))
    if record.problems and record.problems[0].rule == "unreadable-file" and not record.links:
        return
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for link in record.links:
        if link.kind == "property":
            continue
        at = lines[link.line - 1][link.col - 1 :]
        assert at[:1] in ("[", "!"), (link, at)
        assert at.startswith(link.raw), (link, at)
    for tag in record.tags:
        if not tag.in_frontmatter:
            assert lines[tag.line - 1][tag.col - 1 :].startswith(tag.name), tag
    assert [(l.line, l.col) for l in record.links] == sorted((l.line, l.col) for l in record.links)


@settings(max_examples=300, deadline=None)
@given(obsidian_text)
def test_obsidian_alphabet(text: str) -> None:
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_arbitrary_text(text: str) -> None:
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    parse_note("S.md", data)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["a: 1", "b: [[x]]", 'c: "[[y]]"', "&a [*a]", "tags: [t]",
                                 "- x", "  - '[[z]]'", "k: {", ": :", "\t"]), max_size=8))
def test_frontmatter_never_raises(body: list[str]) -> None:
    parse_note("S.md", ("---\n" + "\n".join(body) + "\n---\n[[after]]").encode())
