"""The vault walk and loader, and the semantics table end to end (files → parser → resolver)."""
from __future__ import annotations

import os
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Sequence

import pytest

from vaultkit import write_vault as make

from vaultnet.config import Config
from vaultnet.errors import VaultnetError
from vaultnet.records import CanvasRecord, NoteRecord
from vaultnet.resolve import ResolvedLink, block_exists, heading_chain_exists, unresolved_key
from vaultnet.vault import FileEntry, Vault, load_vault, read_and_parse, walk_vault




def paths(root: Path, config: Config | None = None) -> list[str]:
    entries, _ = walk_vault(root, config or Config())
    return [entry.path for entry in entries]


def links_from(vault: Vault, source: str) -> list[ResolvedLink]:
    return [r for r in vault.resolved_links() if r.source == source]


# --- walking ----------------------------------------------------------------------------------


def test_walk_lists_files_sorted_with_kinds(tmp_path: Path) -> None:
    make(tmp_path, {"b.md": "x", "a/Board.canvas": "{}", "a/img.PNG": b"\x89PNG", "Z.MD": ""})
    entries, problems = walk_vault(tmp_path, Config())
    assert problems == []
    assert [(e.path, e.kind) for e in entries] == [
        ("Z.MD", "note"),
        ("a/Board.canvas", "canvas"),
        ("a/img.PNG", "attachment"),
        ("b.md", "note"),
    ]
    assert entries[-1].size == 1 and entries[-1].mtime_ns > 0


def test_dot_names_are_skipped(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            ".obsidian/app.json": "{}",
            ".trash/Old.md": "",
            ".git/HEAD": "",
            ".vaultnet/cache": "",
            ".hidden/Secret.md": "",
            "sub/.dotnote.md": "",
            ".vaultnet.toml": "",
            "Visible.md": "",
        },
    )
    assert paths(tmp_path) == ["Visible.md"]


def test_configured_excludes_are_skipped(tmp_path: Path) -> None:
    make(tmp_path, {"Archive/a.md": "", "x/Archive/b.md": "", "c.tmp.md": "", "keep.md": ""})
    config = Config(exclude=("Archive/", "*.tmp.md"))
    assert paths(tmp_path, config) == ["keep.md"]


def test_nfd_names_become_nfc_and_are_read_from_disk(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Люди/Мой.md")
    make(tmp_path, {nfd: "# Привет\n"})
    entries, _ = walk_vault(tmp_path, Config())
    [entry] = entries
    assert entry.path == "Люди/Мой.md" == unicodedata.normalize("NFC", nfd)
    assert entry.on_disk == nfd
    vault = load_vault(tmp_path, Config())
    assert vault.read_text("Люди/Мой.md") == "# Привет\n"
    assert vault.notes["Люди/Мой.md"].headings[0].text == "Привет"


def test_two_names_with_one_nfc_form_keep_the_first(tmp_path: Path) -> None:
    make(tmp_path, {unicodedata.normalize("NFD", "Мой.md"): "a", "Мой.md": "b"})
    if len(os.listdir(tmp_path)) < 2:
        pytest.skip("this file system stores one name for both spellings")
    entries, problems = walk_vault(tmp_path, Config())
    assert [e.path for e in entries] == ["Мой.md"]
    [(path, problem)] = problems
    assert path == "Мой.md" and "this name after Unicode normalisation" in problem.message
    # The spelling that sorts first is kept (NFD "и" + U+0306 sorts before NFC "й"), whatever
    # order the file system lists them in.
    kept = min(os.listdir(tmp_path))
    assert entries[0].on_disk == kept and problem.message.endswith(max(os.listdir(tmp_path)))


def test_twin_folders_keep_the_first_spelling_whatever_the_listing_order(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Мой")
    make(tmp_path, {f"{nfd}/Заметка.md": "nfd", "Мой/Заметка.md": "nfc", "Мой/Своя.md": ""})
    if len(os.listdir(tmp_path)) < 2:
        pytest.skip("this file system stores one name for both spellings")
    entries, problems = walk_vault(tmp_path, Config())
    assert [e.path for e in entries] == ["Мой/Заметка.md", "Мой/Своя.md"]
    winner = min(f"{nfd}/Заметка.md", "Мой/Заметка.md")
    assert entries[0].on_disk == winner
    assert [path for path, _ in problems] == ["Мой/Заметка.md"]


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    make(tmp_path, {"a/b/Note.md": ""})
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "up")  # a/b/up -> a
    os.symlink("self", tmp_path / "self")  # a link to itself
    entries, problems = walk_vault(tmp_path, Config())
    assert [e.path for e in entries] == ["a/b/Note.md"]
    messages = {path: problem.message for path, problem in problems}
    assert "symbolic link loop" in messages["a/b/up"]
    assert "cannot be followed" in messages["self"]
    assert all(problem.rule == "unreadable-file" for _, problem in problems)


def test_symlink_outside_the_vault_is_not_followed(tmp_path: Path) -> None:
    vault = make(tmp_path / "vault", {"In.md": ""})
    make(tmp_path / "outside", {"Secret.md": "", "dir/Deep.md": ""})
    os.symlink(tmp_path / "outside" / "Secret.md", vault / "Secret.md")
    os.symlink(tmp_path / "outside" / "dir", vault / "dir")
    os.symlink(tmp_path / "vault" / "In.md", vault / "Alias.md")  # inside: followed
    entries, problems = walk_vault(vault, Config())
    assert [e.path for e in entries] == ["Alias.md", "In.md"]
    assert sorted(path for path, _ in problems) == ["Secret.md", "dir"]
    assert all("outside the vault" in p.message for _, p in problems)


def test_symlinked_folder_inside_the_vault_is_walked(tmp_path: Path) -> None:
    make(tmp_path, {"real/Note.md": ""})
    os.symlink(tmp_path / "real", tmp_path / "linked")
    assert paths(tmp_path) == ["linked/Note.md", "real/Note.md"]


def test_broken_symlink_is_a_problem(tmp_path: Path) -> None:
    make(tmp_path, {"Note.md": ""})
    os.symlink(tmp_path / "gone.md", tmp_path / "Broken.md")
    entries, problems = walk_vault(tmp_path, Config())
    assert [e.path for e in entries] == ["Note.md"]
    assert [path for path, _ in problems] == ["Broken.md"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipes_are_not_files(tmp_path: Path) -> None:
    make(tmp_path, {"Note.md": ""})
    os.mkfifo(tmp_path / "pipe.md")
    assert paths(tmp_path) == ["Note.md"]
    assert list(load_vault(tmp_path, Config()).notes) == ["Note.md"]


def test_unreadable_folder_is_a_problem_and_the_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, for whom chmod 000 changes nothing: make scandir refuse instead.
    make(tmp_path, {"Locked/Inside.md": "", "Open/Note.md": ""})
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if Path(path).name == "Locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    entries, problems = walk_vault(tmp_path, Config())
    assert [e.path for e in entries] == ["Open/Note.md"]
    [(path, problem)] = problems
    assert path == "Locked"
    assert problem.rule == "unreadable-file"
    assert "Permission denied" in problem.message


def test_chmod_000_folder(tmp_path: Path) -> None:
    make(tmp_path, {"Locked/Inside.md": "", "Open/Note.md": ""})
    locked = tmp_path / "Locked"
    locked.chmod(0)
    try:
        try:
            os.listdir(locked)
        except PermissionError:
            pass
        else:
            pytest.skip("privileges ignore permissions here (root); the test above covers it")
        entries, problems = walk_vault(tmp_path, Config())
        assert [e.path for e in entries] == ["Open/Note.md"]
        assert [path for path, _ in problems] == ["Locked"]
    finally:
        locked.chmod(0o755)


def test_vault_not_found(tmp_path: Path) -> None:
    with pytest.raises(VaultnetError, match="vault not found"):
        load_vault(tmp_path / "missing")
    make(tmp_path, {"file.md": ""})
    with pytest.raises(VaultnetError, match="vault not found"):
        load_vault(tmp_path / "file.md")


# --- reading ----------------------------------------------------------------------------------


def test_load_vault_parses_notes_and_canvases(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "A.md": "---\ntags: [x]\n---\n# A\nSee [[B]] and ![[img.png]]\n",
            "B.md": "",
            "img.png": b"\x89PNG",
            "Board.canvas": '{"nodes":[{"id":"1","type":"file","file":"A.md"}]}',
        },
    )
    vault = load_vault(tmp_path)
    assert list(vault.files) == ["A.md", "B.md", "Board.canvas", "img.png"]
    assert list(vault.notes) == ["A.md", "B.md"]
    assert list(vault.canvases) == ["Board.canvas"]
    assert vault.config == Config()
    assert [(r.source, r.link.target, r.resolution.path) for r in vault.resolved_links()] == [
        ("A.md", "B", "B.md"),
        ("A.md", "img.png", "img.png"),
        ("Board.canvas", "A.md", "A.md"),
    ]


def test_unreadable_notes_are_problems_and_the_run_goes_on(tmp_path: Path) -> None:
    files = {"Bin.md": b"\x00\x01", "Latin.md": b"caf\xe9", "Big.md": "x" * 100, "Ok.md": ""}
    make(tmp_path, files)
    vault = load_vault(tmp_path, Config(max_file_bytes=50))
    problems = {path: [p.rule for p in note.problems] for path, note in vault.notes.items()}
    assert problems == {
        "Big.md": ["unreadable-file"],
        "Bin.md": ["unreadable-file"],
        "Latin.md": ["unreadable-file"],
        "Ok.md": [],
    }


def test_read_and_parse_reports_a_vanished_file(tmp_path: Path) -> None:
    entry = FileEntry("Gone.md", "note", 10, 0)
    record = read_and_parse(tmp_path, entry)
    assert isinstance(record, NoteRecord)
    assert record.problems[0].rule == "unreadable-file"
    canvas = read_and_parse(tmp_path, FileEntry("Gone.canvas", "canvas", 10, 0))
    assert isinstance(canvas, CanvasRecord) and canvas.problems
    with pytest.raises(ValueError):
        read_and_parse(tmp_path, FileEntry("x.png", "attachment", 1, 0))


def pool_reader(
    root: Path, entries: Sequence[FileEntry], max_bytes: int
) -> list[NoteRecord | CanvasRecord]:
    with ProcessPoolExecutor(max_workers=2) as pool:
        return list(pool.map(partial(read_and_parse, root, max_bytes=max_bytes), entries))


def test_a_process_pool_reader_gives_the_same_vault(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "A.md": "---\naliases: [a]\n---\n# H\n[[B#H]] #tag ^blk\n",
            "B.md": "[[A]]",
            "C.canvas": '{"nodes":[{"id":"1","type":"file","file":"B.md"}]}',
        },
    )
    sequential = load_vault(tmp_path, Config())
    pooled = load_vault(tmp_path, Config(), reader=pool_reader)
    assert pooled.notes == sequential.notes
    assert pooled.canvases == sequential.canvases


def test_read_text_normalises_line_breaks_like_the_parser(tmp_path: Path) -> None:
    make(tmp_path, {"A.md": b"\xef\xbb\xbfone\r\ntwo\rthree"})
    vault = load_vault(tmp_path, Config())
    assert vault.read_text("A.md") == "one\ntwo\nthree"
    assert vault.notes["A.md"].line_count == 3


# --- the semantics table, end to end -----------------------------------------------------------

# (row, files, source, text of the source, expected: a path, "unres:<key>" or "ambiguous:a,b")
E2E = [
    (1, {"Note.md": ""}, "S.md", "[[Note]]", "Note.md"),
    (2, {"Note.md": ""}, "S.md", "[[Note|Shown]]", "Note.md"),
    (5, {}, "S.md", "## Part 2\n[[#Part 2]]", "S.md"),
    (7, {"Note.md": ""}, "S.md", "[[^blk1]]", "unres:^blk1"),
    (8, {}, "S.md", "para ^x1\n\n[[#^x1]]", "S.md"),
    (10, {"image.png": b"png"}, "S.md", "![[image.png|300]]", "image.png"),
    (13, {"Doc.pdf": b"pdf"}, "S.md", "![[Doc.pdf#page=3]]", "Doc.pdf"),
    (29, {}, "S.md", "[[pa#th/x]]", "unres:pa"),
    (31, {"Ext.md": ""}, "S.md", "[[Ext.MD]]", "Ext.md"),
    (40, {"Note.md": ""}, "S.md", "[t](Note)", "Note.md"),
    (41, {"Folder/Note Name.md": ""}, "S.md", "[t](Folder/Note%20Name.md)", "Folder/Note Name.md"),
    (43, {"Sub/My Note.md": ""}, "Sub/md2.md", "[z](Sub/My%20Note.md)", "Sub/My Note.md"),
    (10, {"Sub/My Note.md": ""}, "S.md", "[y](My%20Note.md)", "Sub/My Note.md"),
    (47, {"A/Note.md": "", "B/Note.md": ""}, "A/S.md", "[t](../B/Note.md)", "B/Note.md"),
    (50, {}, "S.md", "[t](example.org)", "unres:example.org"),
    (58, {"Log.md": ""}, "S.md", "[[log]]", "Log.md"),
    (58, {"Log.md": ""}, "S.md", "[[LOG]]", "Log.md"),
    (59, {"Заметка.md": ""}, "S.md", "[[ЗАМЕТКА]]", "Заметка.md"),
    (61, {"Straße.md": ""}, "S.md", "[[STRASSE]]", "unres:STRASSE"),
    (62, {"Note.md": "", "zzzz/Note.md": "", "a/b/Note.md": ""}, "S.md", "[[Note]]", "Note.md"),
    (64, {"Note.md": "", "sub/Note.md": ""}, "sub/x.md", "[[Note]]", "Note.md"),
    (65, {"b/Note.md": "", "zzzz/Note.md": ""}, "zzzz/x.md", "[[Note]]", "zzzz/Note.md"),
    (67, {"a/deep/Note.md": "", "b/Note.md": ""}, "a/x.md", "[[Note]]", "a/deep/Note.md"),
    (68, {"b/Note.md": "", "a/b/Note.md": ""}, "S.md", "[[b/Note]]", "b/Note.md"),
    (70, {"ab/Note.md": ""}, "S.md", "[[b/Note]]", "ab/Note.md"),
    (71, {"Archive/Plan.md": ""}, "S.md", "[[Projects/Plan]]", "unres:Projects/Plan"),
    (73, {"X/Folder/Note.md": ""}, "S.md", "[[/Folder/Note]]", "unres:/Folder/Note"),
    (74, {"A/Note.md": ""}, "A/S.md", "[[./Note]]", "A/Note.md"),
    (76, {"B/Note.md": ""}, "S.md", "[[./Note]]", "B/Note.md"),
    (77, {"y.md": ""}, "a/x.md", "[[../y]]", "y.md"),
    (79, {"aa/Tie.md": "", "bb/Tie.md": ""}, "S.md", "[[Tie]]", "ambiguous:aa/Tie.md,bb/Tie.md"),
    (80, {"Artificial Intelligence.md": "---\naliases: [AI]\n---\n"}, "S.md", "[[AI]]", "unres:AI"),
    (80, {"Artificial Intelligence.md": "---\naliases: [AI]\n---\n"}, "S.md", "[[ai]]", "unres:ai"),
    (82, {"X.md": "---\naliases: SC\n---\n"}, "S.md", "[[SC]]", "unres:SC"),
    (83, {"image.png": b"png"}, "S.md", "[[image]]", "unres:image"),
    (85, {"Report.2024.md": ""}, "S.md", "[[Report.2024]]", "Report.2024.md"),
    (86, {"x.tar": b"tar", "x.tar.md": ""}, "S.md", "[[x.tar]]", "x.tar"),
    (88, {"Folder/Inside.md": ""}, "S.md", "[[Folder]]", "unres:Folder"),
    (89, {unicodedata.normalize("NFD", "Мой.md"): ""}, "S.md", "[[Мой]]", "Мой.md"),
    (91, {"Note Name.md": ""}, "S.md", "[[Note\u00a0Name]]", "Note Name.md"),
    (92, {}, "S.md", "[[Missing.md#H]]", "unres:Missing"),
    (94, {}, "S.md", "[[https://example.com]]", "unres:https://example.com"),
    (95, {".hidden/Secret.md": ""}, "S.md", "[[Secret]]", "unres:Secret"),
    (182, {"a:b.md": ""}, "S.md", "[[a:b]]", "a:b.md"),
    (0, {"Ёлка.md": ""}, "S.md", "[[Елка]]", "unres:Елка"),
    (0, {"Люди/Мария.md": ""}, "Встречи/x.md", "[[мария]]", "Люди/Мария.md"),
    (0, {"Мой.md": ""}, "S.md", unicodedata.normalize("NFD", "[[Мой]]"), "Мой.md"),
]


@pytest.mark.parametrize(
    ("row", "files", "source", "text", "expected"),
    E2E,
    ids=[f"row{r[0]}-{r[3]}" for r in E2E],
)
def test_semantics_rows_end_to_end(
    tmp_path: Path, row: int, files: dict[str, str | bytes], source: str, text: str, expected: str
) -> None:
    vault = load_vault(make(tmp_path, {**files, source: text}), Config())
    [resolved] = links_from(vault, source)
    resolution = resolved.resolution
    if expected.startswith("unres:"):
        assert resolution.path is None
        assert unresolved_key(resolved.link.target) == expected.removeprefix("unres:")
    elif expected.startswith("ambiguous:"):
        assert resolution.ambiguous
        assert resolution.candidates == tuple(expected.removeprefix("ambiguous:").split(","))
        assert resolution.path == resolution.candidates[0]
    else:
        assert resolution.path == expected
        assert not resolution.ambiguous


# (row, text of T.md, link in S.md, whether the heading or block is found)
ANCHORS = [
    (4, "# A\n## B\n", "[[T#A#B]]", True),
    (17, "## Heading\n", "[[T#Heading\\|Alias]]", True),
    (37, "## Heading\n", "[[T##Heading]]", True),
    (46, "## Some Heading\n", "[t](T.md#Some%20Heading)", True),
    (97, "## Q&A: Intro\n", "[[T#Q&A Intro]]", True),
    (97, "## Q&A: Intro\n", "[[T#q a intro]]", True),
    (98, "## wifi 2.4 vs 5.0\n", "[[T#wifi 2 4 vs 5 0]]", True),
    (98, "## wifi 2.4 vs 5.0\n", "[[T#WiFi 2.4 vs 5.0]]", True),
    (100, "## See [[Other]]\n", "[[T#See Other]]", True),
    (101, "## C# tips\n", "[[T#C tips]]", True),
    (101, "## C# tips\n", "[[T#C# tips]]", False),
    (103, "## **Bold** idea\n", "[[T#Bold idea]]", True),
    (104, "## Don’t panic\n", "[[T#Don't panic]]", False),
    (106, "# A\n# X\n## B\n", "[[T#A#B]]", True),
    (107, "> ## Quoted\n", "[[T#Quoted]]", False),
    (109, "## Dup\ntext\n## Dup\n", "[[T#Dup]]", True),
    (110, "Para text ^my-id\n", "[[T#^MY-ID]]", True),
    (112, "Para^id\n", "[[T#^id]]", False),
    (113, "> quote\n\n^q1\n\nafter\n", "[[T#^q1]]", True),
    (115, "one ^mid two\n", "[[T#^mid]]", False),
    (0, "## Итоги: встречи\n", "[[T#итоги встречи]]", True),
]


@pytest.mark.parametrize(("row", "target_text", "text", "found"), ANCHORS)
def test_heading_and_block_rows_end_to_end(
    tmp_path: Path, row: int, target_text: str, text: str, found: bool
) -> None:
    vault = load_vault(make(tmp_path, {"T.md": target_text, "S.md": text}), Config())
    [resolved] = links_from(vault, "S.md")
    assert resolved.resolution.path == "T.md"  # R17: a missing anchor leaves the link resolved
    target = vault.notes["T.md"]
    link = resolved.link
    if link.block is not None:
        assert block_exists(target.blocks, link.block) is found
    else:
        assert link.heading is not None
        assert heading_chain_exists(target.headings, link.heading) is found


def test_row175_canvas_subpath_keeps_the_target(tmp_path: Path) -> None:
    canvas = '{"nodes":[{"id":"1","type":"file","file":"Notes/A.md","subpath":"#Intro"}]}'
    vault = load_vault(make(tmp_path, {"Notes/A.md": "# Intro\n", "Board.canvas": canvas}))
    [resolved] = vault.resolved_links()
    assert (resolved.source, resolved.resolution.path) == ("Board.canvas", "Notes/A.md")
    assert resolved.link.heading == "Intro"


def test_canvas_cards_name_exact_paths(tmp_path: Path) -> None:
    # A card whose file moved shows "not found" in Obsidian; it does not search by name.
    canvas = '{"nodes":[{"id":"1","type":"file","file":"Old/A.md"}]}'
    vault = load_vault(make(tmp_path, {"New/A.md": "", "Board.canvas": canvas}))
    [resolved] = vault.resolved_links()
    assert resolved.resolution.path is None


def test_resolved_links_are_sorted(tmp_path: Path) -> None:
    make(tmp_path, {"b.md": "[[a]] [[c]]\n[[a]]", "a.md": "[[b]]", "c.md": ""})
    vault = load_vault(tmp_path, Config())
    keys = [(r.source, r.link.line, r.link.col) for r in vault.resolved_links()]
    assert keys == [("a.md", 1, 1), ("b.md", 1, 1), ("b.md", 1, 7), ("b.md", 2, 1)]


def test_example_vault_resolves_completely() -> None:
    vault = load_vault(Path(__file__).resolve().parents[1] / "examples" / "vault")
    assert vault.config.language == "ru"
    unresolved = [r for r in vault.resolved_links() if r.resolution.path is None]
    assert unresolved == []
    assert vault.problems == []
