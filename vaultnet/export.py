"""Plain-data views of a loaded vault: what `links`, `notes` and `scan` print.

Formatting is kept out of the records and out of the CLI so that scripts get the same
objects from Python that the commands print as JSON.
"""
from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vaultnet.resolve import ResolvedLink
    from vaultnet.vault import Vault


def link_dict(resolved: ResolvedLink) -> dict[str, Any]:
    """One link occurrence in the stable `links --format json` shape."""
    link = resolved.link
    return {
        "source": resolved.source,
        "line": link.line,
        "col": link.col,
        "kind": link.kind,
        "embed": link.embed,
        "target": link.target,
        "heading": link.heading,
        "block": link.block,
        "display": link.display,
        "resolved": resolved.resolution.path,
        "property": link.property,
    }


def links_json(vault: Vault) -> list[dict[str, Any]]:
    return [link_dict(resolved) for resolved in vault.resolved_links()]


def notes_json(vault: Vault) -> list[dict[str, Any]]:
    """Every note's metadata in the stable `notes --format json` shape, sorted by path."""
    return [
        {
            "path": record.path,
            "properties": record.properties,
            "frontmatter_error": record.frontmatter_error,
            "aliases": list(record.aliases),
            "tags": [tag.name for tag in record.tags],
            "headings": [
                {"level": h.level, "text": h.text, "line": h.line} for h in record.headings
            ],
            "blocks": [{"id": b.id, "line": b.line} for b in record.blocks],
        }
        for _, record in sorted(vault.notes.items())
    ]


def notes_by_type(vault: Vault, today: date) -> dict[str, int]:
    """How many notes of each networking type (person, goal, …); `other` for the rest."""
    from vaultnet.network import build_model

    model = build_model(vault, today)
    counts = Counter(note_type.kind for note_type in model.types.values())
    counts["report"] += len(model.reports)
    counts["other"] = len(vault.notes) - sum(counts.values()) - len(model.skipped)
    counts["skipped"] = len(model.skipped)
    return {kind: n for kind, n in sorted(counts.items()) if n}


def scan_summary(vault: Vault, today: date) -> dict[str, Any]:
    """Counts a user glances at first: notes by type, links, unresolved links, tags, problems."""
    resolved = vault.resolved_links()
    kinds = Counter(entry.kind for entry in vault.files.values())
    tags = Counter(tag.name.lower() for note in vault.notes.values() for tag in note.tags)
    problems = sorted(
        [(path, problem) for path, record in vault.notes.items() for problem in record.problems]
        + [(path, problem) for path, record in vault.canvases.items() for problem in record.problems]
        + list(vault.problems),
        key=lambda item: (item[0], item[1].line, item[1].col, item[1].rule),
    )
    return {
        "vault": str(vault.root),
        "notes": kinds.get("note", 0),
        "canvases": kinds.get("canvas", 0),
        "attachments": kinds.get("attachment", 0),
        "types": notes_by_type(vault, today),
        "links": sum(1 for r in resolved if not r.link.embed),
        "embeds": sum(1 for r in resolved if r.link.embed),
        "unresolved": sum(1 for r in resolved if r.resolution.path is None),
        "ambiguous": sum(1 for r in resolved if r.resolution.ambiguous),
        "tags": len(tags),
        "tag_uses": sum(tags.values()),
        "problems": [
            {"path": path, "line": p.line, "col": p.col, "rule": p.rule, "message": p.message}
            for path, p in problems
        ],
    }


def dumps(data: Any) -> str:
    """JSON exactly as every command prints it: UTF-8 text, stable, indented."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
