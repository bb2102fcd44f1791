"""The networkx graph (R1, R15, R36), the link queries and the deterministic exports."""
from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest

from vaultnet.config import Config
from vaultnet.errors import VaultnetError
from vaultnet.graph import (
    FORMATS,
    backlinks,
    build_graph,
    export_graph,
    orphans,
    to_dot,
    to_json,
    to_mermaid,
    unresolved,
)
from vaultnet.vault import Vault, load_vault


def vault_of(root: Path, files: dict[str, str]) -> Vault:
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return load_vault(root, Config())


FILES = {
    "S.md": (
        '---\nup: "[[A]]"\nrel:\n  - "[[A]]"\n---\n'
        "[[A]] [[A]] ![[A]] [[#H]] [[Missing]]\n## H\n"
    ),
    "A.md": "[[Missing.md]] ![[img.png]]",
    "img.png": "",
    "Lonely.md": "[[#self]] [[Nowhere]]\n# self\n",
    "Board.canvas": (
        '{"nodes":[{"id":"1","type":"file","file":"A.md"},'
        '{"id":"2","type":"text","text":"[[S]]"}]}'
    ),
}


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    return vault_of(tmp_path, FILES)


def test_nodes_have_types_and_labels(vault: Vault) -> None:
    graph = build_graph(vault)
    assert dict(graph.nodes(data=True)) == {
        "A.md": {"type": "note", "label": "A"},
        "Board.canvas": {"type": "canvas", "label": "Board"},
        "Lonely.md": {"type": "note", "label": "Lonely"},
        "S.md": {"type": "note", "label": "S"},
        "img.png": {"type": "attachment", "label": "img"},
        "unresolved:Missing": {"type": "unresolved", "label": "Missing"},
        "unresolved:Nowhere": {"type": "unresolved", "label": "Nowhere"},
    }


def test_edges_by_kind_with_counts(vault: Vault) -> None:
    graph = build_graph(vault)
    edges = {(s, t, k): d for s, t, k, d in graph.edges(keys=True, data=True)}
    assert edges == {
        ("A.md", "img.png", "embed"): {"kind": "embed", "count": 1},
        ("A.md", "unresolved:Missing", "link"): {"kind": "link", "count": 1},  # R17: .md dropped
        ("Board.canvas", "A.md", "canvas"): {"kind": "canvas", "count": 1},
        ("Lonely.md", "Lonely.md", "link"): {"kind": "link", "count": 1},
        ("Lonely.md", "unresolved:Nowhere", "link"): {"kind": "link", "count": 1},
        ("S.md", "A.md", "embed"): {"kind": "embed", "count": 1},
        ("S.md", "A.md", "link"): {"kind": "link", "count": 2},
        ("S.md", "A.md", "property"): {"kind": "property", "count": 2, "properties": "rel.0,up"},
        ("S.md", "S.md", "link"): {"kind": "link", "count": 1},  # R15: a self-edge
        ("S.md", "unresolved:Missing", "link"): {"kind": "link", "count": 1},
    }


def test_row176_every_occurrence_counts(tmp_path: Path) -> None:
    vault = vault_of(tmp_path, {"A.md": "", "S.md": "[[A]] [[A]] ![[A]]"})
    graph = build_graph(vault)
    assert sum(d["count"] for _, _, d in graph.edges("S.md", data=True)) == 3


def test_row172_canvas_cards_are_backlinks(tmp_path: Path) -> None:
    canvas = '{"nodes":[{"id":"1","type":"file","file":"Notes/A.md"}]}'
    vault = vault_of(tmp_path, {"Notes/A.md": "", "Board.canvas": canvas})
    assert [(r.source, r.link.kind) for r in backlinks(vault, "Notes/A.md")] == [
        ("Board.canvas", "canvas")
    ]
    assert build_graph(vault).has_edge("Board.canvas", "Notes/A.md", key="canvas")


def test_row173_canvas_text_cards_do_not_link(vault: Vault) -> None:
    assert backlinks(vault, "S.md") == [r for r in vault.resolved_links() if r.source == "S.md"
                                        and r.resolution.path == "S.md"]


def test_backlinks_are_sorted_occurrences(vault: Vault) -> None:
    found = [(r.source, r.link.line, r.link.kind) for r in backlinks(vault, "A.md")]
    assert found == [
        ("Board.canvas", 1, "canvas"),
        ("S.md", 2, "property"),
        ("S.md", 4, "property"),
        ("S.md", 6, "wikilink"),
        ("S.md", 6, "wikilink"),
        ("S.md", 6, "wikilink"),
    ]


def test_unresolved(vault: Vault) -> None:
    assert [(r.source, r.link.target) for r in unresolved(vault)] == [
        ("A.md", "Missing.md"),
        ("Lonely.md", "Nowhere"),
        ("S.md", "Missing"),
    ]


def test_orphans_ignore_self_links_and_broken_links(vault: Vault) -> None:
    assert orphans(vault) == ["Lonely.md"]


def test_report_notes_do_not_rescue_orphans(tmp_path: Path) -> None:
    report = "---\nvaultnet: generated\n---\n[[A]] [[B]]\n"
    vault = vault_of(
        tmp_path,
        {"A.md": "", "B.md": "[[C]]", "C.md": "", "vaultnet/Отчёт.md": report, "vaultnet/x.md": ""},
    )
    # the generated note is neither an orphan nor a link that counts; a user note in the
    # report folder without the marker is an ordinary note
    assert orphans(vault) == ["A.md", "vaultnet/x.md"]


# --- exports ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_exports_are_deterministic(tmp_path: Path, fmt: str) -> None:
    first = vault_of(tmp_path / "one", FILES)
    second = vault_of(tmp_path / "two", dict(reversed(list(FILES.items()))))
    text = export_graph(first.graph(), fmt)
    assert text == export_graph(second.graph(), fmt)
    assert text.endswith("\n")
    # a graph built in another insertion order exports the same bytes
    shuffled = nx.MultiDiGraph()
    graph = first.graph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    assert export_graph(shuffled, fmt) == text


def test_json_is_node_link_data(vault: Vault) -> None:
    graph = vault.graph()
    data = json.loads(export_graph(graph, "json"))
    assert data == to_json(graph)
    assert [node["id"] for node in data["nodes"]] == sorted(graph.nodes)
    back = nx.node_link_graph(data, edges="edges")
    assert back.is_multigraph() and back.is_directed()
    assert sorted(back.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))


def test_graphml_and_gexf_read_back(vault: Vault) -> None:
    graph = vault.graph()
    graphml = nx.read_graphml(io.BytesIO(export_graph(graph, "graphml").encode()))
    assert set(graphml.nodes) == set(graph.nodes)
    assert graphml.nodes["img.png"]["type"] == "attachment"
    gexf_text = export_graph(graph, "gexf")
    assert "lastmodifieddate" not in gexf_text
    gexf = nx.read_gexf(io.BytesIO(gexf_text.encode()))
    assert set(gexf.nodes) == set(graph.nodes)
    assert gexf.number_of_edges() == graph.number_of_edges()


def test_dot_quotes_names() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node('Say "hi"\\.md', type="note", label='Say "hi"\\')
    graph.add_node("Заметка.md", type="note", label="Заметка\nline")
    graph.add_edge('Say "hi"\\.md', "Заметка.md", key="link", kind="link", count=2)
    assert to_dot(graph) == (
        "digraph vaultnet {\n"
        '  "Say \\"hi\\"\\\\.md" [label="Say \\"hi\\"\\\\", type="note"];\n'
        '  "Заметка.md" [label="Заметка\\nline", type="note"];\n'
        '  "Say \\"hi\\"\\\\.md" -> "Заметка.md" [count="2", key="link", kind="link"];\n'
        "}\n"
    )


def test_mermaid_uses_safe_ids_and_quoted_labels() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("Люди/Мария.md", type="note", label="Мария")
    graph.add_node('end "#1" <b>.md', type="note", label='end "#1" <b> `x`')
    graph.add_node("unresolved:Нет", type="unresolved", label="Нет")
    graph.add_edge("Люди/Мария.md", 'end "#1" <b>.md', key="embed", kind="embed", count=2)
    graph.add_edge("Люди/Мария.md", "unresolved:Нет", key="link", kind="link", count=1)
    assert to_mermaid(graph) == (
        "flowchart LR\n"
        '  n1["end #quot;#35;1#quot; #lt;b#gt; #96;x#96;"]\n'
        '  n2("Нет")\n'  # ids follow the sorted node ids: "u" < "Л"
        '  n3["Мария"]\n'
        '  n3 ==>|"embed ×2"| n1\n'
        '  n3 -->|"link"| n2\n'
        "  classDef unresolved stroke-dasharray: 5 5\n"
        "  class n2 unresolved\n"
    )


def test_unknown_format() -> None:
    with pytest.raises(VaultnetError, match="unknown graph format"):
        export_graph(nx.MultiDiGraph(), "svg")


def test_cli_graph_command(tmp_path: Path) -> None:
    from vaultnet.cli import main

    vault_of(tmp_path / "v", {"A.md": "[[B]]", "B.md": ""})
    out = tmp_path / "g.dot"
    assert main(["graph", str(tmp_path / "v"), "--format", "dot", "-o", str(out)]) == 0
    assert '"A.md" -> "B.md"' in out.read_text(encoding="utf-8")
