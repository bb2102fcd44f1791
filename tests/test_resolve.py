"""Link resolution, heading and block lookup (obsidian-semantics.md R12–R22, test table rows).

Rows are quoted by their number in the semantics test table. The source note is `S.md` at the
vault root unless the row says otherwise; link paths are given as the parser hands them over
(decoded, trimmed, NFC, without `#…`).
"""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultnet.records import Block, Heading
from vaultnet.resolve import (
    FileIndex,
    Resolution,
    block_exists,
    find_heading,
    heading_chain_exists,
    normalize_heading,
    resolve_linkpath,
    unresolved_key,
    utf16_len,
)


def resolve(files: list[str], linkpath: str, source: str = "S.md") -> Resolution:
    return resolve_linkpath(linkpath, source, FileIndex([source, *files]))


# (row, files, linkpath, source, expected path or None)
RESOLVED = [
    (1, ["Note.md"], "Note", "S.md", "Note.md"),
    (31, ["Ext.md"], "Ext.MD", "S.md", "Ext.md"),
    (41, ["Folder/Note Name.md"], "Folder/Note Name.md", "S.md", "Folder/Note Name.md"),
    (43, ["Sub/My Note.md"], "Sub/My Note.md", "Sub/md2.md", "Sub/My Note.md"),
    (10, ["My Note.md", "Sub/My Note.md"], "My Note.md", "Sub/md2.md", "My Note.md"),
    (10, ["Sub/My Note.md"], "My Note.md", "S.md", "Sub/My Note.md"),
    (47, ["A/Note.md", "B/Note.md"], "../B/Note.md", "A/S.md", "B/Note.md"),
    (58, ["Log.md"], "log", "S.md", "Log.md"),
    (58, ["Log.md"], "LOG", "S.md", "Log.md"),
    (59, ["Заметка.md"], "ЗАМЕТКА", "S.md", "Заметка.md"),
    (59, ["ЗАМЕТКА.md"], "заметка", "S.md", "ЗАМЕТКА.md"),
    (61, ["Straße.md"], "STRASSE", "S.md", None),
    (61, ["Straße.md"], "STRAßE", "S.md", "Straße.md"),
    (62, ["Note.md", "zzzz/Note.md", "a/b/Note.md"], "Note", "S.md", "Note.md"),
    (64, ["Note.md", "sub/Note.md"], "Note", "sub/x.md", "Note.md"),
    (65, ["b/Note.md", "zzzz/Note.md"], "Note", "zzzz/x.md", "zzzz/Note.md"),
    (67, ["a/deep/Note.md", "b/Note.md"], "Note", "a/x.md", "a/deep/Note.md"),
    (67, ["ab/Note.md", "b/N/Note.md"], "Note", "a/x.md", "ab/Note.md"),  # prefix not aligned
    (68, ["b/Note.md", "a/b/Note.md"], "b/Note", "S.md", "b/Note.md"),
    (70, ["ab/Note.md"], "b/Note", "S.md", "ab/Note.md"),
    (71, ["Archive/Plan.md"], "Projects/Plan", "S.md", None),
    (73, ["X/Folder/Note.md"], "/Folder/Note", "S.md", None),
    (73, ["Folder/Note.md", "X/Folder/Note.md"], "/Folder/Note", "S.md", "Folder/Note.md"),
    (74, ["A/Note.md"], "./Note", "A/S.md", "A/Note.md"),
    (74, ["A/Note.md", "B/Note.md"], "./Note", "B/S.md", "B/Note.md"),
    (76, ["B/Note.md"], "./Note", "S.md", "B/Note.md"),
    (76, ["B/Note.md"], "./Note", "A/S.md", None),  # ./ gives A/Note.md: no basename fallback
    (77, ["y.md"], "../y", "a/x.md", "y.md"),
    (77, ["y.md"], "../../../y", "a/x.md", "y.md"),  # climbing stops at the root
    (77, ["a/y.md", "y.md"], "./../y", "a/b/x.md", "a/y.md"),  # ./../ counts as ../
    (83, ["image.png"], "image", "S.md", None),
    (83, ["image.png"], "image.png", "S.md", "image.png"),
    (83, ["Board.canvas"], "Board.canvas", "S.md", "Board.canvas"),
    (85, ["Report.2024.md"], "Report.2024", "S.md", "Report.2024.md"),
    (86, ["x.tar", "x.tar.md"], "x.tar", "S.md", "x.tar"),
    (86, ["x.tar.md"], "x.tar", "S.md", "x.tar.md"),
    (88, ["Folder/Inside.md"], "Folder", "S.md", None),
    (91, ["Note Name.md"], "Note Name", "S.md", "Note Name.md"),  # NBSP already cleaned (R3)
    (92, [], "Missing.md", "S.md", None),
    (94, [], "https://example.com", "S.md", None),
    (182, ["a:b.md"], "a:b", "S.md", "a:b.md"),
    (15, ["S.md"], "", "Sub/S.md", "Sub/S.md"),  # R15: an empty linkpath is the source
    (7, ["Note.md"], "^blk1", "S.md", None),
    (50, [], "example.org", "S.md", None),
]


@pytest.mark.parametrize(
    ("row", "files", "linkpath", "source", "expected"),
    RESOLVED,
    ids=[f"row{r[0]}-{r[2] or 'self'}-from-{r[3]}" for r in RESOLVED],
)
def test_resolution_rows(
    row: int, files: list[str], linkpath: str, source: str, expected: str | None
) -> None:
    result = resolve(files, linkpath, source)
    assert result.path == expected
    assert not result.ambiguous


@pytest.mark.parametrize(
    ("row", "linkpath", "key"),
    [
        (7, "^blk1", "^blk1"),
        (29, "pa", "pa"),
        (50, "example.org", "example.org"),
        (61, "STRASSE", "STRASSE"),
        (71, "Projects/Plan", "Projects/Plan"),
        (73, "/Folder/Note", "/Folder/Note"),
        (80, "AI", "AI"),
        (80, "ai", "ai"),
        (83, "image", "image"),
        (88, "Folder", "Folder"),
        (92, "Missing.md", "Missing"),
        (94, "https://example.com", "https://example.com"),
        (95, "Secret", "Secret"),
        (0, "a.md.md", "a.md"),  # only one trailing .md goes
        (0, "Заметка", "Заметка"),
    ],
)
def test_unresolved_key(row: int, linkpath: str, key: str) -> None:
    assert unresolved_key(linkpath) == key


def test_row79_equal_lengths_are_ambiguous() -> None:
    result = resolve(["bb/Tie.md", "aa/Tie.md"], "Tie")
    assert result.ambiguous
    assert result.candidates == ("aa/Tie.md", "bb/Tie.md")
    assert result.path == "aa/Tie.md"  # deterministic: the first in sorted order


def test_ambiguity_only_counts_ties_at_the_winning_position() -> None:
    result = resolve(["aa/Tie.md", "bb/Tie.md", "c/Tie.md"], "Tie")
    assert result == Resolution("c/Tie.md")
    # the source-folder group wins before length is looked at
    result = resolve(["aa/Tie.md", "bb/Tie.md", "zzz/q/Tie.md"], "Tie", "zzz/S.md")
    assert result == Resolution("zzz/q/Tie.md")
    # two tied in the source folder's group; a shorter path elsewhere does not matter
    result = resolve(["z/aa/Tie.md", "z/bb/Tie.md", "Tie/Tie.md"], "Tie", "z/S.md")
    assert result.candidates == ("z/aa/Tie.md", "z/bb/Tie.md")


def test_paths_differing_only_in_case_tie_on_the_exact_step() -> None:
    result = resolve(["Note.md", "note.md"], "NOTE")
    assert result.path == "Note.md"
    assert result.candidates == ("Note.md", "note.md")


@pytest.mark.parametrize(
    ("row", "declared"),
    [(80, "AI"), (80, "ai"), (82, "SC")],
)
def test_rows80_82_aliases_never_resolve(row: int, declared: str) -> None:
    # R16: the note declares the alias, but only file names are looked up.
    files = ["Artificial Intelligence.md", "X.md"]
    assert resolve(files, declared).path is None


def test_row95_dot_folders_are_not_in_the_index_given_by_the_walk() -> None:
    # walk_vault never lists `.hidden/…` (tested in test_vault.py); without it, unresolved.
    assert resolve(["Public.md"], "Secret").path is None


# --- Cyrillic and Unicode --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "linkpath", "expected"),
    [
        (["Заметка.md"], "заметка", "Заметка.md"),
        (["Заметка.md"], "ЗаМеТкА", "Заметка.md"),
        (["Ёлка.md"], "ёлка", "Ёлка.md"),
        (["Ёлка.md"], "ЁЛКА", "Ёлка.md"),
        (["Ёлка.md"], "Елка", None),  # ё ≠ е (R12: nothing else is folded)
        (["Елка.md"], "Ёлка", None),
        (["Люди/Мария Иванова.md"], "Мария Иванова", "Люди/Мария Иванова.md"),
        (["Люди/Мария Иванова.md"], "люди/мария иванова", "Люди/Мария Иванова.md"),
        (["Café.md"], "cafe", None),  # accents count
        (["Straße.md"], "STRAẞE", "Straße.md"),  # capital ẞ lower-cases to ß
    ],
)
def test_cyrillic_and_case(files: list[str], linkpath: str, expected: str | None) -> None:
    assert resolve(files, linkpath).path == expected


def test_row89_nfd_file_names_and_links_are_compared_in_nfc() -> None:
    nfd_file = unicodedata.normalize("NFD", "Мой.md")
    assert nfd_file != "Мой.md"
    assert resolve([nfd_file], "Мой").path == "Мой.md"
    assert resolve(["Мой.md"], unicodedata.normalize("NFD", "Мой")).path == "Мой.md"


def test_length_sort_counts_utf16_units() -> None:
    assert utf16_len("😀") == 2 and utf16_len("Я") == 1
    emoji = "Люди😀😀/Заметка.md"  # 17 code points, 19 UTF-16 units
    plain = "Люди/аб/Заметка.md"  # 18 code points, 18 UTF-16 units
    assert len(emoji) < len(plain) and utf16_len(emoji) > utf16_len(plain)
    assert resolve([emoji, plain], "Заметка").path == plain


def test_resolution_is_memoised_per_source_folder() -> None:
    index = FileIndex(["a/Note.md", "b/Note.md"])
    assert resolve_linkpath("Note", "a/x.md", index).path == "a/Note.md"
    assert resolve_linkpath("Note", "b/y.md", index).path == "b/Note.md"
    assert resolve_linkpath("Note", "a/z.md", index).path == "a/Note.md"


# --- order independence -----------------------------------------------------------------------

_SEGMENTS = st.sampled_from(["a", "b", "ab", "Note", "note", "Ёж", "x.tar", "😀", "sub"])
_PATHS = st.lists(_SEGMENTS, min_size=1, max_size=3).map(lambda parts: "/".join(parts))
_FILES = st.lists(
    st.tuples(_PATHS, st.sampled_from([".md", ".md", ".png", ""])).map("".join),
    min_size=1,
    max_size=8,
    unique=True,
)
_LINKPATHS = st.one_of(
    _PATHS,
    _PATHS.map(lambda p: "./" + p),
    _PATHS.map(lambda p: "../" + p),
    _PATHS.map(lambda p: "/" + p),
    _PATHS.map(lambda p: p.upper()),
    _PATHS.map(lambda p: p + ".md"),
)


@given(files=_FILES, data=st.data(), linkpath=_LINKPATHS, source=_PATHS)
def test_resolution_does_not_depend_on_file_order(
    files: list[str], data: st.DataObject, linkpath: str, source: str
) -> None:
    source += ".md"
    shuffled = data.draw(st.permutations(files))
    first = resolve_linkpath(linkpath, source, FileIndex(files))
    second = resolve_linkpath(linkpath, source, FileIndex(shuffled))
    assert first == second
    if first.path is not None:
        assert first.path in files
        assert not first.candidates or first.path == min(first.candidates)


# --- headings (R19, R20) and blocks (R21) -----------------------------------------------------


def headings(*spec: tuple[int, str]) -> list[Heading]:
    return [Heading(level, text, line) for line, (level, text) in enumerate(spec, start=1)]


@pytest.mark.parametrize(
    ("row", "note_headings", "chain", "exists"),
    [
        (4, [(1, "A"), (2, "B")], "A#B", True),
        (5, [(2, "Part 2")], "Part 2", True),
        (17, [(2, "Heading")], "Heading", True),
        (37, [(2, "Heading")], "#Heading", True),  # `[[Note##Heading]]`: empty pieces ignored
        (38, [(2, "heading")], "#heading", True),
        (46, [(2, "Some Heading")], "Some Heading", True),
        (97, [(2, "Q&A: Intro")], "Q&A Intro", True),
        (97, [(2, "Q&A: Intro")], "q a intro", True),
        (98, [(2, "wifi 2.4 vs 5.0")], "wifi 2 4 vs 5 0", True),
        (98, [(2, "wifi 2.4 vs 5.0")], "WiFi 2.4 vs 5.0", True),
        (100, [(2, "See [[Other]]")], "See Other", True),
        (101, [(2, "C# tips")], "C tips", True),
        (101, [(2, "C# tips")], "C# tips", False),  # the chain C › tips
        (103, [(2, "**Bold** idea")], "Bold idea", True),
        (104, [(2, "Don’t panic")], "Don't panic", False),
        (106, [(1, "A"), (1, "X"), (2, "B")], "A#B", True),
        (107, [], "Quoted", False),  # `> ## Quoted` is not a top-level heading (parser)
        (109, [(2, "Dup"), (2, "Dup")], "Dup", True),
        (0, [(2, "B"), (1, "A")], "A#B", False),  # B must come after A
        (0, [(1, "A"), (1, "B")], "A#B", False),  # and be deeper than A
        (0, [(2, "A"), (3, "B"), (2, "C"), (4, "D")], "A#B#D", True),
        (0, [(2, "A"), (3, "B"), (2, "C")], "A#C", False),
        (0, [(2, "_x_ idea")], "x idea", False),  # underscores are kept (R20)
        (0, [(2, "`code` idea")], "code idea", True),
        (0, [(2, "Итоги  встречи")], "итоги встречи", True),
        (0, [(2, "Ёлка")], "елка", False),
        (0, [(2, "«Цитата» — тире")], "«цитата» — тире", True),  # non-ASCII punctuation kept
        (0, [(2, "A")], "", True),  # no pieces: the note itself
    ],
)
def test_heading_rows(
    row: int, note_headings: list[tuple[int, str]], chain: str, exists: bool
) -> None:
    assert heading_chain_exists(headings(*note_headings), chain) is exists


def test_row109_duplicate_headings_first_match_wins() -> None:
    found = find_heading(headings((2, "Dup"), (2, "Dup")), "Dup")
    assert found is not None and found.line == 1


def test_row106_chain_lands_on_the_later_deeper_heading() -> None:
    found = find_heading(headings((1, "A"), (1, "X"), (2, "B")), "A#B")
    assert found == Heading(2, "B", 3)


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Q&A: Intro", "q a intro"),
        ("  a\r\nb  ", "a b"),
        ("don't-stop_now", "don't-stop_now"),
        ("!\"#$%&()*+,./:;<=>?@[\\]^`{|}~", ""),
        ("a\u00a0\u00a0b", "a b"),  # JavaScript whitespace collapses too
        ("Заметка: Итоги", "заметка итоги"),
    ],
)
def test_normalize_heading(text: str, normal: str) -> None:
    assert normalize_heading(text) == normal


@pytest.mark.parametrize(
    ("row", "blocks", "block_id", "exists"),
    [
        (8, ["x1"], "x1", True),
        (110, ["my-id"], "MY-ID", True),
        (112, [], "id", False),  # `Para^id` gives no block id (parser)
        (113, ["q1"], "q1", True),
        (115, [], "mid", False),
        (0, ["abc"], "abd", False),
    ],
)
def test_block_rows(row: int, blocks: list[str], block_id: str, exists: bool) -> None:
    records = [Block(name, line) for line, name in enumerate(blocks, start=1)]
    assert block_exists(records, block_id) is exists


def reference_resolve(linkpath: str, source: str, files: list[str]) -> Resolution:
    """R13–R15 written as plainly as the spec reads, to check the indexed version against."""
    if linkpath == "":
        return Resolution(source)
    folder = source.rsplit("/", 1)[0] if "/" in source else ""
    wanted = linkpath.lower()
    name = wanted.split("/")[-1]
    candidates = [f for f in files if "." in name and f.split("/")[-1].lower() == name]
    if not candidates:
        wanted += ".md"
        candidates = [f for f in files if f.split("/")[-1].lower() == name + ".md"]
    if not candidates:
        return Resolution(None)
    if "/" not in wanted and len(candidates) == 1:
        return Resolution(candidates[0])

    def pick(paths: list[str]) -> Resolution:
        paths = sorted(paths)
        return Resolution(paths[0], tuple(paths) if len(paths) > 1 else ())

    if wanted.startswith("./") or wanted.startswith("../"):
        parts = folder.lower().split("/") if folder else []
        while wanted.startswith("./") or wanted.startswith("../"):
            if wanted.startswith("./"):
                wanted = wanted[2:]
            else:
                wanted = wanted[3:]
                parts = parts[:-1]
        wanted = "/".join(parts + [wanted])
        exact = [c for c in candidates if c.lower() == wanted]
        if exact:
            return pick(exact)
    absolute = wanted.startswith("/")
    wanted = wanted[1:] if absolute else wanted
    exact = [c for c in candidates if c.lower() == wanted]
    if exact:
        return pick(exact)
    if absolute:
        return Resolution(None)
    matching = [c for c in candidates if c.lower().endswith(wanted)]
    near = [c for c in matching if c.startswith(folder)]
    group = near or matching
    if not group:
        return Resolution(None)
    shortest = min(utf16_len(c) for c in group)
    return pick([c for c in group if utf16_len(c) == shortest])


@settings(max_examples=400)
@given(files=_FILES, linkpath=_LINKPATHS, source=_PATHS)
def test_indexed_resolution_matches_the_plain_reading_of_the_spec(
    files: list[str], linkpath: str, source: str
) -> None:
    source += ".md"
    assert resolve_linkpath(linkpath, source, FileIndex(files)) == reference_resolve(
        linkpath, source, files
    )


def test_many_files_with_one_name() -> None:
    files = [f"d{i}/README.md" for i in range(300)] + ["d1/x/README.md"]
    index = FileIndex(files)
    assert resolve_linkpath("README", "d7/S.md", index).path == "d7/README.md"
    # `d2` is a plain prefix of d2, d20…d29, d200…d299: d2/README.md is the shortest
    assert resolve_linkpath("README", "d2/S.md", index).candidates == ()
    assert resolve_linkpath("README", "d2/S.md", index).path == "d2/README.md"
    assert resolve_linkpath("x/README", "S.md", index).path == "d1/x/README.md"
    # suffix and prefix are plain strings: from d1/, `7/README` finds d17/ before d7/
    assert resolve_linkpath("7/README", "d1/S.md", index).path == "d17/README.md"
    assert resolve_linkpath("7/README", "S.md", index).path == "d7/README.md"
    # from the root, every single-digit folder ties
    assert resolve_linkpath("README", "S.md", index).candidates == tuple(
        f"d{i}/README.md" for i in range(10)
    )
    assert FileIndex([*files, "README.md"]).named("readme.md")[0] == "README.md"
