"""The vault as a networkx graph, the link queries built on it, and its exports.

Nodes are every file (type note, canvas or attachment) plus one node per unresolved key
(`unresolved:<key>`); edges are keyed by kind (link, embed, property, canvas) and carry the
number of occurrences (R1: every occurrence counts, a self link is a self-edge). Every export
lists nodes and edges in sorted order, so the same vault always gives the same bytes.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Callable

import networkx as nx

from vaultnet.errors import VaultnetError
from vaultnet.records import Link
from vaultnet.resolve import ResolvedLink, unresolved_key

if TYPE_CHECKING:
    from vaultnet.vault import Vault

__all__ = [
    "EDGE_KINDS",
    "FORMATS",
    "backlinks",
    "build_graph",
    "edge_kind",
    "export_graph",
    "is_report_note",
    "orphans",
    "to_dot",
    "to_json",
    "to_mermaid",
    "unresolved",
    "unresolved_node",
]

EDGE_KINDS = ("link", "embed", "property", "canvas")
UNRESOLVED_PREFIX = "unresolved:"


def edge_kind(link: Link) -> str:
    if link.kind in ("property", "canvas"):
        return link.kind
    return "embed" if link.embed else "link"


def unresolved_node(link: Link) -> str:
    return UNRESOLVED_PREFIX + unresolved_key(link.target)


def build_graph(vault: Vault) -> nx.MultiDiGraph:
    """Every file and unresolved target as a node, one edge per (source, target, kind)."""
    graph = nx.MultiDiGraph()
    for path, entry in vault.files.items():  # already sorted by path
        graph.add_node(path, type=entry.kind, label=PurePosixPath(path).stem)

    counts: Counter[tuple[str, str, str]] = Counter()
    properties: defaultdict[tuple[str, str, str], set[str]] = defaultdict(set)
    missing: set[str] = set()
    for resolved in vault.resolved_links():
        link = resolved.link
        target = resolved.resolution.path
        if target is None:
            target = unresolved_node(link)
            missing.add(target)
        key = (resolved.source, target, edge_kind(link))
        counts[key] += 1
        if link.kind == "property" and link.property:
            properties[key].add(link.property)

    for node in sorted(missing):
        if node not in graph:  # a file really called `unresolved:x` keeps its own node
            graph.add_node(node, type="unresolved", label=node[len(UNRESOLVED_PREFIX):])
    for key in sorted(counts):
        source, target, kind = key
        attributes: dict[str, Any] = {"kind": kind, "count": counts[key]}
        if kind == "property":
            attributes["properties"] = ",".join(sorted(properties[key]))
        graph.add_edge(source, target, key=kind, **attributes)
    return graph


# ---------------------------------------------------------------------------------------------
# Queries


def backlinks(vault: Vault, path: str) -> list[ResolvedLink]:
    """Every link occurrence that resolves to `path` (self links included), sorted."""
    return [r for r in vault.resolved_links() if r.resolution.path == path]


def unresolved(vault: Vault) -> list[ResolvedLink]:
    """Every link occurrence that resolves to no file, sorted by source, line, column."""
    return [r for r in vault.resolved_links() if r.resolution.path is None]


def is_report_note(vault: Vault, path: str) -> bool:
    """A note vaultnet generated (contracts.md): it is left out of orphan checks."""
    folder = vault.config.report_folder
    record = vault.notes.get(path)
    return (
        record is not None
        and path.startswith(folder + "/")
        and isinstance(record.properties, dict)
        and record.properties.get("vaultnet") == "generated"
    )


def orphans(vault: Vault) -> list[str]:
    """Notes with no resolved link in or out, ignoring self links and vaultnet's report notes.

    Links to or from canvases and attachments count; an unresolved link does not connect a note
    to anything, so a note whose only links are broken is an orphan.
    """
    connected: set[str] = set()
    for resolved in vault.resolved_links():
        source, target = resolved.source, resolved.resolution.path
        if target is None or target == source or is_report_note(vault, source):
            continue
        connected.update((source, target))
    return [
        path
        for path in vault.notes
        if path not in connected and not is_report_note(vault, path)
    ]


# ---------------------------------------------------------------------------------------------
# Exports


def _sorted_nodes(graph: nx.MultiDiGraph) -> list[tuple[str, dict[str, Any]]]:
    return sorted(graph.nodes(data=True), key=lambda item: item[0])


def _sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
    return sorted(graph.edges(keys=True, data=True), key=lambda item: item[:3])


def to_json(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """node-link data (`networkx.node_link_graph` reads it back), sorted."""
    return {
        "directed": True,
        "multigraph": True,
        "graph": {},
        "nodes": [{"id": node, **data} for node, data in _sorted_nodes(graph)],
        "edges": [
            {"source": source, "target": target, "key": key, **data}
            for source, target, key, data in _sorted_edges(graph)
        ],
    }


def _sorted_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes and edges inserted in sorted order (writers keep that order)."""
    copy = nx.MultiDiGraph()
    copy.add_nodes_from(_sorted_nodes(graph))
    for source, target, key, data in _sorted_edges(graph):
        copy.add_edge(source, target, key=key, **data)
    return copy


def to_graphml(graph: nx.MultiDiGraph) -> str:
    return "\n".join(nx.generate_graphml(_sorted_copy(graph))) + "\n"


# networkx stamps the GEXF with today's date; the export must not change from day to day.
_GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')


def to_gexf(graph: nx.MultiDiGraph) -> str:
    text = "\n".join(nx.generate_gexf(_sorted_copy(graph)))
    return _GEXF_DATE.sub("", text) + "\n"


def _dot_string(value: Any) -> str:
    """A DOT double-quoted string: backslash, quote and line breaks escaped."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return f'"{text}"'


def _dot_attributes(data: dict[str, Any]) -> str:
    pairs = ", ".join(f"{name}={_dot_string(data[name])}" for name in sorted(data))
    return f" [{pairs}]" if pairs else ""


def to_dot(graph: nx.MultiDiGraph) -> str:
    lines = ["digraph vaultnet {"]
    for node, data in _sorted_nodes(graph):
        lines.append(f"  {_dot_string(node)}{_dot_attributes(data)};")
    for source, target, key, data in _sorted_edges(graph):
        attributes = _dot_attributes({**data, "key": key})
        lines.append(f"  {_dot_string(source)} -> {_dot_string(target)}{attributes};")
    lines.append("}")
    return "\n".join(lines) + "\n"


# Mermaid reads `#…;` as an entity, `"` ends the label, `<`/`>` may be taken as HTML and a
# backtick starts a Markdown string.
_MERMAID_ENTITIES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;"}
_MERMAID_SHAPES = {
    "note": ('["', '"]'),
    "canvas": ('[["', '"]]'),
    "attachment": ('[/"', '"/]'),
    "unresolved": ('("', '")'),
}
_MERMAID_ARROWS = {"link": "-->", "embed": "==>", "property": "-.->", "canvas": "-->"}


def _mermaid_text(value: Any) -> str:
    text = "".join(_MERMAID_ENTITIES.get(char, char) for char in str(value))
    return " ".join(text.split())  # a label is one line


def to_mermaid(graph: nx.MultiDiGraph) -> str:
    """A `flowchart LR`: generated ids (`n1` …) in sorted path order, quoted labels."""
    lines = ["flowchart LR"]
    ids: dict[str, str] = {}
    by_type: defaultdict[str, list[str]] = defaultdict(list)
    for number, (node, data) in enumerate(_sorted_nodes(graph), start=1):
        ids[node] = f"n{number}"
        node_type = str(data.get("type", "note"))
        opening, closing = _MERMAID_SHAPES.get(node_type, _MERMAID_SHAPES["note"])
        label = _mermaid_text(data.get("label", node))
        lines.append(f"  {ids[node]}{opening}{label}{closing}")
        by_type[node_type].append(ids[node])
    for source, target, key, data in _sorted_edges(graph):
        count = data.get("count", 1)
        label = key if count == 1 else f"{key} ×{count}"
        arrow = _MERMAID_ARROWS.get(key, "-->")
        lines.append(f'  {ids[source]} {arrow}|"{_mermaid_text(label)}"| {ids[target]}')
    if by_type.get("unresolved"):
        lines.append("  classDef unresolved stroke-dasharray: 5 5")
        lines.append(f"  class {','.join(by_type['unresolved'])} unresolved")
    return "\n".join(lines) + "\n"


def _to_json_text(graph: nx.MultiDiGraph) -> str:
    """One node or edge per line: diff-friendly, and json's fast encoder (no `indent`) does it."""
    data = to_json(graph)
    lines = ["{"]
    for key in ("directed", "multigraph", "graph"):
        lines.append(f"  {json.dumps(key)}: {json.dumps(data[key])},")
    for key in ("nodes", "edges"):
        items = [json.dumps(item, ensure_ascii=False) for item in data[key]]
        lines.append(f'  "{key}": [' + ("" if items else "]" + ("," if key == "nodes" else "")))
        if items:
            lines.append(",\n".join("    " + item for item in items))
            lines.append("  ]," if key == "nodes" else "  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[nx.MultiDiGraph], str]] = {
    "graphml": to_graphml,
    "gexf": to_gexf,
    "json": _to_json_text,
    "dot": to_dot,
    "mermaid": to_mermaid,
}


def export_graph(graph: nx.MultiDiGraph, fmt: str) -> str:
    """The graph as text in one of `FORMATS`."""
    try:
        writer = FORMATS[fmt]
    except KeyError:
        raise VaultnetError(
            f"unknown graph format {fmt!r}; choose one of {', '.join(FORMATS)}"
        ) from None
    return writer(graph)
