"""Hypothesis strategies that build Obsidian notes block by block, with their expected records.

Shared by the CI property tests (tests/hardening/test_fuzz.py) and the long fuzz script
(tests/fuzz/fuzz_parser.py), so both run exactly one generator and one oracle.

Unlike tests/test_parse_hypothesis.py (random concatenations of syntax pieces, checked
only for self-consistency), every note here is built from well-formed constructs and the
generator records what it placed: which links, tags, headings and block ids Obsidian
(docs/obsidian-semantics.md) records, and where. ``check_note`` compares that with
``parse_note``. Only constructs whose behaviour the reference states as observed (O),
documented (D) or, where the brief asks for it (math), code-derived (C) are generated.

Layout rules that keep the oracle exact (they avoid CommonMark interactions that are not
what is being tested): every text line starts with a plain word (so no line starts an
HTML block, a `$$` block or a list), pieces are joined by one space (so tags always
follow whitespace), and blocks are separated by a blank line.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import quote

from hypothesis import strategies as st

from vaultnet.parse import parse_note
from vaultnet.records import NoteRecord

# --- vocabulary ------------------------------------------------------------------------
# Plain words: letters of several scripts, digits inside words, emoji. None is all digits
# (an embed's `|300` would become a size) and none holds Markdown punctuation.
WORDS = ["alpha", "Note", "plan", "x1", "заметка", "Тест", "ёжик", "Проект", "日本", "😀", "idea"]
# Tag bodies (R33): letters of any script, digits, `-`, `_`-free (keeps emphasis out), `/`.
TAG_NAMES = ["#meeting", "#тег", "#Тег/подтег", "#inbox/to-read", "#2024-goals", "#📝", "#idea"]
BLOCK_IDS = ["abc", "x1", "my-id", "B42"]

word = st.sampled_from(WORDS)
words = st.lists(word, min_size=1, max_size=3).map(" ".join)
# Link targets: words plus `.` and `-` (legal in names, no separator meaning, R7).
default_names = st.one_of(words, words.map(lambda w: w + ".2024"), words.map(lambda w: w + "-x"))


@dataclass(frozen=True)
class ExpLink:
    """A body link the generator placed, with everything ``Link`` should say about it."""

    col: int  # 0-based offset inside its piece/line until placed
    embed: bool
    target: str
    heading: str | None
    block: str | None
    display: str | None
    raw: str
    kind: str = "wikilink"
    width: int | None = None
    height: int | None = None
    line: int = 0  # 1-based once placed


@dataclass(frozen=True)
class ExpTag:
    name: str
    col: int
    line: int = 0


@dataclass
class Piece:
    """Inline text plus what it contributes (offsets relative to the piece)."""

    text: str
    links: list[ExpLink] = field(default_factory=list)
    tags: list[ExpTag] = field(default_factory=list)


@dataclass
class Block:
    """Source lines plus what they contribute (lines relative to the block, 0-based)."""

    lines: list[str]
    links: list[ExpLink] = field(default_factory=list)
    tags: list[ExpTag] = field(default_factory=list)
    headings: list[tuple[int, str, int]] = field(default_factory=list)  # level, text, line
    blocks: list[tuple[str, int]] = field(default_factory=list)  # id, line


@dataclass
class Note:
    """A generated note: its text and the records ``parse_note`` must return for it."""

    text: str
    links: list[tuple[object, ...]]
    tags: list[tuple[str, int, int]]
    headings: list[tuple[int, str, int]]
    blocks: list[tuple[str, int]]
    property_links: list[tuple[str, int, str, str | None, str | None]]  # key, line, target, display, heading
    front_tags: list[tuple[str, int]]
    broken_frontmatter: bool


def _shift(piece: Piece, by: int, line: int) -> tuple[list[ExpLink], list[ExpTag]]:
    links = [_replace(link, col=link.col + by, line=line) for link in piece.links]
    tags = [ExpTag(tag.name, tag.col + by, line) for tag in piece.tags]
    return links, tags


def _replace(link: ExpLink, **changes: object) -> ExpLink:
    from dataclasses import replace

    return replace(link, **changes)  # type: ignore[arg-type]


def place(pieces: list[Piece], prefix: str, line: int = 0) -> Block:
    """One source line: `prefix` then the pieces joined by single spaces (``stack`` sets lines)."""
    text, links, tags = prefix, [], []
    for index, piece in enumerate(pieces):
        if index:
            text += " "
        more_links, more_tags = _shift(piece, len(text), line)
        links += more_links
        tags += more_tags
        text += piece.text
    return Block([text], links, tags)


def stack(blocks: list[Block], gap: int = 0) -> Block:
    """Blocks one below the other, `gap` blank lines between them."""
    out = Block([])
    for block in blocks:
        if out.lines and gap:
            out.lines += [""] * gap
        base = len(out.lines)
        out.lines += block.lines
        out.links += [_replace(link, line=link.line + base) for link in block.links]
        out.tags += [ExpTag(tag.name, tag.col, tag.line + base) for tag in block.tags]
        out.headings += [(lvl, txt, ln + base) for lvl, txt, ln in block.headings]
        out.blocks += [(bid, ln + base) for bid, ln in block.blocks]
    return out


# --- inline pieces ---------------------------------------------------------------------
plain = word.map(Piece)
tag_piece = st.sampled_from(TAG_NAMES).map(lambda name: Piece(name, tags=[ExpTag(name, 0)]))
heading_text = words  # no `#`, `|`, `^`: a heading reference written as plain words


@st.composite
def wikilink(draw: st.DrawFn, names: st.SearchStrategy[str], in_table: bool = False) -> Piece:
    """R2–R5: `[[T]]`, `[[T#H]]`, `[[T#H1#H2]]`, `[[T#^id]]`, `[[#H]]`, `|display`, embeds.

    In a table the pipe is written `\\|` (R26); outside it is a plain `|`.
    """
    bar = "\\|" if in_table else "|"
    form = draw(st.sampled_from(["plain", "heading", "chain", "block", "self", "embed", "size"]))
    target, heading, block, embed, width, height = draw(names), None, None, False, None, None
    if form == "heading":
        heading = draw(heading_text)
    elif form == "chain":
        heading = draw(heading_text) + "#" + draw(heading_text)
    elif form == "block":
        block = draw(st.sampled_from(BLOCK_IDS))
    elif form == "self":
        target, heading = "", draw(heading_text)
    elif form == "embed":
        embed = True
    elif form == "size":  # R5 (D): `![[img.png|300]]`, `![[img.png|640x480]]`
        embed, target = True, draw(names) + ".png"
        width = draw(st.integers(1, 2000))
        height = draw(st.none() | st.integers(1, 2000))
    inner = target
    if heading is not None:
        inner += "#" + heading
    if block is not None:
        inner += "#^" + block
    display = None
    if width is not None:
        inner += bar + str(width) + ("" if height is None else f"x{height}")
    elif draw(st.booleans()):
        display = draw(words)
        inner += bar + display
    raw = ("![[" if embed else "[[") + inner + "]]"
    return Piece(raw, links=[ExpLink(0, embed, target, heading, block, display, raw,
                                     width=width, height=height)])


@st.composite
def markdown_link(draw: st.DrawFn, names: st.SearchStrategy[str], in_table: bool = False) -> Piece:
    """R8–R9 (O): `[t](Note%20Name.md)`, `[t](Note.md#Some%20Heading)`, `![alt|200](x.png)`."""
    target = draw(names) + draw(st.sampled_from([".md", "", ".png"]))
    heading = draw(st.none() | heading_text)
    dest = quote(target, safe="") + ("" if heading is None else "#" + quote(heading, safe=""))
    label = draw(words)
    if draw(st.booleans()):  # an image: the alt text may carry a size (R5, D)
        width = draw(st.none() | st.integers(1, 999))
        bar = "\\|" if in_table else "|"  # R26: a pipe in a table cell is escaped
        alt = label if width is None else f"{label}{bar}{width}"
        raw = f"![{alt}]({dest})"
        link = ExpLink(0, True, target, heading, None, label, raw, "markdown", width=width)
    else:
        raw = f"[{label}]({dest})"
        link = ExpLink(0, False, target, heading, None, label, raw, "markdown")
    return Piece(raw, links=[link])


def _fake(text: str) -> Piece:
    return Piece(text)  # contributes nothing: the oracle expects no link and no tag from it


# Things that look like links or tags where Obsidian does not scan (R23): inline code (D),
# math `$…$` / `$$…$$` (D/C), HTML comments (O). Targets are named "fake…" for readability.
fake_piece = st.sampled_from([
    "`[[fake]]`", "`![[fake.png|300]]` ", "`#faketag`", "``a ` [[fake2]] #x``",
    "$[[fake]]$", "$x+[[fake]]#t$", "$$[[fake]] #t$$", "<!-- [[fake]] #faketag -->",
    "`[t](fake.md)`",
]).map(lambda text: _fake(text.strip()))


@st.composite
def nested_wikilink(draw: st.DrawFn, names: st.SearchStrategy[str]) -> Piece:
    """R2 (O, case 22): in `[[a [[b]] c]]` only `[[b]]` is a link; `[[]]` (O) is none."""
    outer, target = draw(word), draw(names)
    inner = f"[[{target}]]"
    if draw(st.booleans()):
        return Piece("[[]]")
    return Piece(f"[[{outer} {inner} {outer}]]",
                 links=[ExpLink(len(outer) + 3, False, target, None, None, None, inner)])


def real_piece(names: st.SearchStrategy[str]) -> st.SearchStrategy[Piece]:
    return st.one_of(plain, tag_piece, wikilink(names), markdown_link(names),
                     nested_wikilink(names))


@st.composite
def inline_comment(draw: st.DrawFn, names: st.SearchStrategy[str]) -> Piece:
    """`%% … %%` (R24, O): links and tags inside ARE recorded, and the parser agrees."""
    inner = draw(st.lists(real_piece(names), min_size=1, max_size=3))
    block = place([Piece("%%"), *inner, Piece("%%")], "", 0)
    return Piece(block.lines[0], block.links, block.tags)


def any_piece(names: st.SearchStrategy[str]) -> st.SearchStrategy[Piece]:
    return st.one_of(real_piece(names), real_piece(names), fake_piece, inline_comment(names))


def text_line(names: st.SearchStrategy[str], pieces: st.SearchStrategy[Piece] | None = None,
              max_size: int = 5) -> st.SearchStrategy[list[Piece]]:
    """A line's pieces, always led by a plain word (see the module docstring)."""
    more = st.lists(any_piece(names) if pieces is None else pieces, max_size=max_size)
    return st.tuples(plain, more).map(lambda pair: [pair[0], *pair[1]])


# --- blocks ----------------------------------------------------------------------------
@st.composite
def paragraph(draw: st.DrawFn, names: st.SearchStrategy[str]) -> Block:
    rows = draw(st.lists(text_line(names), min_size=1, max_size=3))
    block = stack([place(row, "", 0) for row in rows])
    if draw(st.booleans()):  # R21 (D): ` ^id` at the end of the paragraph
        block_id = draw(st.sampled_from(BLOCK_IDS))
        block.lines[-1] += " ^" + block_id
        block.blocks.append((block_id, len(block.lines) - 1))
    return block


@st.composite
def heading(draw: st.DrawFn, names: st.SearchStrategy[str]) -> Block:
    level = draw(st.integers(1, 6))
    row = draw(text_line(names, st.one_of(plain, tag_piece, wikilink(names)), 3))
    block = place(row, "#" * level + " ", 0)
    block.headings.append((level, block.lines[0][level + 1 :], 0))
    return block


@st.composite
def block_comment(draw: st.DrawFn, names: st.SearchStrategy[str]) -> Block:
    """`%%` on its own line, text lines, `%%` (R24, O for tags; links C): all recorded."""
    rows = draw(st.lists(text_line(names, real_piece(names)), min_size=1, max_size=3))
    return stack([Block(["%%"]), *[place(row, "", 0) for row in rows], Block(["%%"])])


FAKE_LINES = ["[[fake]] #faketag", "![[fake.png|300]] [t](fake.md)", "see [[fake|x]] ^abc",
              "%% [[fake]] %%", "- [[fake]]", "# fake heading"]


@st.composite
def code_fence(draw: st.DrawFn) -> Block:
    """Fenced code (R23, O): nothing inside is a link, tag, heading or block id."""
    fence = draw(st.sampled_from(["```", "~~~", "```python"]))
    body = draw(st.lists(st.sampled_from(FAKE_LINES), min_size=1, max_size=3))
    return Block([fence, *body, fence[:3]])


@st.composite
def math_block(draw: st.DrawFn) -> Block:
    """`$$` … `$$` display math (R23, D): nothing inside counts."""
    body = draw(st.lists(st.sampled_from(FAKE_LINES[:3]), min_size=1, max_size=3))
    return Block(["$$", *body, "$$"])


@st.composite
def list_block(draw: st.DrawFn, names: st.SearchStrategy[str]) -> Block:
    """Bullet, ordered and task items, optionally one nested level (R25)."""
    ordered = draw(st.booleans())
    rows: list[Block] = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        marker = f"{number}. " if ordered else draw(st.sampled_from(["- ", "* ", "- [ ] ", "- [x] "]))
        rows.append(place(draw(text_line(names, max_size=3)), marker, 0))
        if draw(st.booleans()):  # nested under this item: indent = width of "1. " / "- "
            indent = " " * (3 if ordered else 2)
            rows.append(place(draw(text_line(names, max_size=3)), indent + "- ", 0))
    return stack(rows)


@st.composite
def quote_block(draw: st.DrawFn, names: st.SearchStrategy[str]) -> Block:
    """Blockquote or callout `> [!note] Title` (R25, O); lines of one paragraph."""
    rows = [place(draw(text_line(names, max_size=3)), "> ", 0)
            for _ in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):
        title = draw(text_line(names, max_size=2))
        rows.insert(0, place(title, "> [!note] ", 0))
    return stack(rows)


def cell_piece(names: st.SearchStrategy[str]) -> st.SearchStrategy[Piece]:
    # No unescaped `|` may appear in a cell: wikilinks use `\|` (R26, D).
    return st.one_of(plain, tag_piece, wikilink(names, in_table=True), markdown_link(names, in_table=True),
                     fake_piece.filter(lambda piece: "|" not in piece.text))


@st.composite
def table(draw: st.DrawFn, names: st.SearchStrategy[str]) -> Block:
    """A GFM table (R26): links with `\\|` in cells count, with their source columns."""
    width = draw(st.integers(1, 3))

    def row() -> Block:
        cells = [draw(text_line(names, cell_piece(names), 2)) for _ in range(width)]
        text, links, tags = "|", [], []
        for cell in cells:
            placed = place(cell, text + " ", 0)
            text = placed.lines[0] + " |"
            links, tags = links + placed.links, tags + placed.tags
        return Block([text], links, tags)

    header = row()
    rows = [row() for _ in range(draw(st.integers(0, 3)))]
    return stack([header, Block(["|" + "---|" * width]), *rows])


def body_block(names: st.SearchStrategy[str]) -> st.SearchStrategy[Block]:
    return st.one_of(paragraph(names), heading(names), block_comment(names), code_fence(),
                     math_block(), list_block(names), quote_block(names), table(names))


# --- frontmatter -----------------------------------------------------------------------
@dataclass
class Front:
    lines: list[str]
    links: list[tuple[str, int, str, str | None, str | None]] = field(default_factory=list)
    tags: list[tuple[str, int]] = field(default_factory=list)
    broken: bool = False


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


@st.composite
def frontmatter(draw: st.DrawFn, names: st.SearchStrategy[str]) -> Front:
    """Valid YAML (R29–R31) with aliases, tags and quoted "[[links]]", or broken YAML (R28)."""
    if draw(st.integers(0, 4)) == 0:
        # R28 (C): invalid YAML → no properties, no links; its lines are never body text.
        return Front(["---", "bad: [x", f"see: {_q('[[' + draw(names) + ']]')}", "tags: [t]", "---"],
                     broken=True)
    front = Front(["---"])
    keys = draw(st.lists(st.sampled_from(["aliases", "tags", "related", "up", "parent", "status"]),
                         unique=True, max_size=5))
    for key in keys:
        if key == "aliases":
            front.lines.append("aliases:")
            front.lines += [f"  - {_q(a)}" for a in draw(st.lists(words, min_size=1, max_size=2))]
        elif key == "tags":  # R31 (O): a list; `#` is added; line = the value's line
            front.lines.append("tags:")
            for name in draw(st.lists(st.sampled_from(TAG_NAMES), min_size=1, max_size=3)):
                written = name[1:] if draw(st.booleans()) else name
                front.lines.append(f"  - {_q(written)}")
                front.tags.append((name, len(front.lines)))
        elif key == "related":  # R29 (O): a whole-value quoted wikilink
            target, display = draw(names), draw(st.none() | words)
            inner = target if display is None else f"{target}|{display}"
            front.lines.append(f"related: {_q('[[' + inner + ']]')}")
            front.links.append(("related", len(front.lines), target, display, None))
        elif key == "up":  # R29 (C, case 131): list items get "up.0", "up.1"
            front.lines.append("up:")
            for index, target in enumerate(draw(st.lists(names, min_size=1, max_size=3))):
                front.lines.append(f"  - {_q('[[' + target + ']]')}")
                front.links.append((f"up.{index}", len(front.lines), target, None, None))
        elif key == "parent":  # R29 (C, case 133): nested mapping, heading subpath
            target, head = draw(names), draw(heading_text)
            front.lines += ["parent:", f"  child: {_q('[[' + target + '#' + head + ']]')}"]
            front.links.append(("parent.child", len(front.lines), target, None, head))
        else:
            front.lines.append(f"status: {draw(st.sampled_from(['draft', '3', _q('[t](x.md)')]))}")
    front.lines.append("---")
    return front


@st.composite
def notes(draw: st.DrawFn, names: st.SearchStrategy[str] = default_names) -> Note:
    """A whole note: optional frontmatter, then 1–6 blocks separated by blank lines."""
    front = draw(st.none() | frontmatter(names))
    body = stack(draw(st.lists(body_block(names), min_size=1, max_size=6)), gap=1)
    head = front.lines if front else []
    base = len(head)  # body line i (0-based) is file line base + i + 1
    text = "\n".join(head + body.lines) + draw(st.sampled_from(["", "\n"]))
    return Note(
        text=text,
        links=sorted(_link_key(l, base) for l in body.links),
        tags=sorted((t.name, t.line + base + 1, t.col + 1) for t in body.tags),
        headings=[(lvl, txt, ln + base + 1) for lvl, txt, ln in body.headings],
        blocks=[(bid, ln + base + 1) for bid, ln in body.blocks],
        property_links=sorted(front.links) if front else [],
        front_tags=front.tags if front else [],
        broken_frontmatter=bool(front and front.broken),
    )


def _link_key(link: ExpLink, base: int) -> tuple[object, ...]:
    return (link.line + base + 1, link.col + 1, link.kind, link.embed, link.target, link.heading,
            link.block, link.display, link.raw, link.width, link.height)


# --- the oracle ------------------------------------------------------------------------
def check_note(note: Note, newline: str = "\n") -> NoteRecord:
    """parse_note finds exactly what the generator placed, where it placed it."""
    record = parse_note("S.md", note.text.replace("\n", newline).encode("utf-8"))
    body = [l for l in record.links if l.kind != "property"]
    got = sorted((l.line, l.col, l.kind, l.embed, l.target, l.heading, l.block, l.display, l.raw,
                  l.width, l.height) for l in body)
    assert got == note.links
    props = sorted((l.property, l.line, l.target, l.display, l.heading)
                   for l in record.links if l.kind == "property")
    assert props == note.property_links
    assert sorted((t.name, t.line, t.col) for t in record.tags if not t.in_frontmatter) == note.tags
    assert [(t.name, t.line) for t in record.tags if t.in_frontmatter] == note.front_tags
    assert [(h.level, h.text, h.line) for h in record.headings] == note.headings
    assert [(b.id, b.line) for b in record.blocks] == note.blocks
    if note.broken_frontmatter:
        assert record.frontmatter_error is not None and record.properties is None
    else:
        assert record.frontmatter_error is None and record.problems == []
    return record


# --- whole vaults ----------------------------------------------------------------------
# File names Obsidian cannot link by name (`#`, `|`, `^`, R7) but Linux allows, plus
# Cyrillic, emoji, brackets, `%`, a dotted name and a sub-folder.
NOTE_NAMES = ["Заметка", "Note #1", "a|b", "^caret", "emoji 😀", "[br]acket", "100%", "semi;colon",
              "Report.2024", "Sub/Inner", "Ёлка", "Tie", "Sub/Tie", "with space "]


@st.composite
def vaults(draw: st.DrawFn) -> dict[str, str]:
    """3–6 notes whose links point at each other's (hostile) names and at missing ones."""
    names = draw(st.lists(st.sampled_from(NOTE_NAMES), min_size=3, max_size=6, unique=True))
    targets = st.sampled_from([n.rsplit("/", 1)[-1] for n in names] + ["Missing"])
    return {f"{name}.md": draw(notes(targets)).text for name in names}


# --- byte-level mutation (for the long fuzz script) --------------------------------------
Mutation = Callable[[bytes], bytes]


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    """A generated note, then random byte edits: truncation, insertion, deletion, flips."""
    data = draw(notes()).text.encode("utf-8")
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["cut", "insert", "delete", "flip", "dup"]))
        at = draw(st.integers(0, len(data)))
        if op == "cut":
            data = data[:at]
        elif op == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=8) | st.sampled_from(
                [b"[[", b"]]", b"|", b"\\", b"%%", b"$", b"`", b"\n", b"\r", b"---\n", b"> ",
                 b"#", b"^", b"\xd0", b"\x00"])) + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 16)):]
        elif op == "flip" and at < len(data):
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
        elif op == "dup":
            size = draw(st.integers(1, 64))
            data = data[:at] + data[at : at + size] * 2 + data[at + size :]
    return data
