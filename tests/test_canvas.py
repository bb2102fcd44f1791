"""Canvas files (R36): only `file` nodes link; positions point at the `"file"` value."""
from __future__ import annotations

import json
import unicodedata

import pytest

from vaultnet.canvas import parse_canvas


def canvas(*nodes: dict[str, object], indent: str | None = "\t") -> bytes:
    document = {"nodes": list(nodes), "edges": []}
    return json.dumps(document, ensure_ascii=False, indent=indent).encode()


def test_row172_file_node_links_to_its_vault_path() -> None:
    record = parse_canvas("Board.canvas", canvas({"id": "1", "type": "file", "file": "Notes/A.md"}))
    assert record.problems == []
    [link] = record.links
    assert (link.kind, link.embed, link.target) == ("canvas", False, "Notes/A.md")
    assert link.heading is None and link.block is None


def test_row173_text_link_and_group_nodes_and_edges_give_nothing() -> None:
    data = json.dumps(
        {
            "nodes": [
                {"id": "t", "type": "text", "text": "see [[A]] #t", "file": "A.md"},
                {"id": "l", "type": "link", "url": "https://example.com"},
                {"id": "g", "type": "group", "label": "[[A]]", "background": "B.png"},
            ],
            "edges": [{"id": "e", "fromNode": "t", "toNode": "l", "label": "[[A]]"}],
        }
    ).encode()
    record = parse_canvas("Board.canvas", data)
    assert record.links == [] and record.problems == []


@pytest.mark.parametrize(
    ("subpath", "heading", "block"),
    [("#Intro", "Intro", None), ("#A#B", "A#B", None), ("#^blk", None, "blk"), ("", None, None)],
)
def test_row175_subpath_keeps_the_target(
    subpath: str, heading: str | None, block: str | None
) -> None:
    node = {"id": "1", "type": "file", "file": "Notes/A.md", "subpath": subpath}
    [link] = parse_canvas("Board.canvas", canvas(node)).links
    assert (link.target, link.heading, link.block) == ("Notes/A.md", heading, block)


def test_position_is_the_file_value() -> None:
    text = (
        '{\n'
        '\t"nodes":[\n'
        '\t\t{"id":"file","type":"text","text":"\\"file\\": \\"X.md\\""},\n'
        '\t\t{"file":"Люди/Мария.md", "type":"file","id":"m"},\n'
        '\t\t{"id":"n","type":"file",\n'
        '\t\t\t"file" :  "Карьера.md"}\n'
        '\t]\n'
        '}\n'
    )
    record = parse_canvas("Карта.canvas", text.encode())
    positions = [(link.target, link.line, link.col) for link in record.links]
    assert positions == [("Люди/Мария.md", 4, 11), ("Карьера.md", 6, 14)]
    lines = text.split("\n")
    assert lines[3][10:].startswith('"Люди/Мария.md"')
    assert lines[5][13:].startswith('"Карьера.md"')


def test_links_are_sorted_and_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Мой.md")
    data = canvas(
        {"id": "b", "type": "file", "file": "B.md"},
        {"id": "a", "type": "file", "file": nfd},
        indent=None,
    )
    links = parse_canvas("C.canvas", data).links
    assert [link.target for link in links] == ["B.md", "Мой.md"]
    assert [link.col for link in links] == sorted(link.col for link in links)
    assert links[1].raw == nfd


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"nodes": [', "invalid JSON"),
        (b"\xff\xfe", "not valid UTF-8"),
        (b"[1, 2]", "not a JSON Canvas"),
        (b'{"nodes": {"a": 1}}', "not a JSON Canvas"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_bad_canvas_gives_a_problem_and_no_links(data: bytes, message: str) -> None:
    record = parse_canvas("Bad.canvas", data)
    assert record.links == []
    [problem] = record.problems
    assert problem.rule == "unreadable-file"
    assert message in problem.message


def test_invalid_json_problem_points_at_the_error() -> None:
    [problem] = parse_canvas("Bad.canvas", b'{\n  "nodes": [\n    {"id": 1,,}\n  ]\n}').problems
    assert (problem.line, problem.col) == (3, 14)


@pytest.mark.parametrize(
    "data", [b"", b"  \n", b"{}", b'{"nodes": [], "edges": []}', b"\xef\xbb\xbf{}"]
)
def test_empty_canvases_are_fine(data: bytes) -> None:
    record = parse_canvas("Empty.canvas", data)
    assert record.links == [] and record.problems == []


def test_odd_file_nodes_are_skipped() -> None:
    data = canvas(
        {"id": "1", "type": "file", "file": ""},
        {"id": "2", "type": "file", "file": 3},
        {"id": "3", "type": "file"},
        "not a node",  # type: ignore[arg-type]
    )
    record = parse_canvas("C.canvas", data)
    assert record.links == [] and record.problems == []


def test_too_large() -> None:
    data = canvas({"id": "1", "type": "file", "file": "A.md"})
    record = parse_canvas("C.canvas", data, max_bytes=10)
    assert record.links == []
    assert "larger than 10 bytes" in record.problems[0].message
