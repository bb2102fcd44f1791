"""Findings as text: `text`, `json`, `github` (Actions annotations) and `sarif` (SARIF 2.1.0).

Every format is a pure function of the sorted findings (and, for SARIF, the rule registry), so
the output is byte-identical across runs. Paths are vault paths (contracts.md).
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from types import ModuleType
from typing import Any, Callable, Mapping, Sequence
from urllib.parse import quote

from vaultnet import __version__
from vaultnet.lint.engine import Finding

__all__ = ["FORMATS", "format_findings", "github", "json_format", "sarif", "sarif_log", "summary_line",
           "text"]

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note", "off": "none"}
GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def text(findings: Sequence[Finding], paint: Callable[[str], str] = str) -> str:
    """`path:line:col: severity rule message`, one finding a line (flake8's shape).

    `paint` may colour the severity word for a terminal.
    """
    return "".join(
        f"{f.path}:{f.line}:{f.col}: {paint(f.severity)} {f.rule} {_one_line(f.message)}\n"
        for f in findings
    )


def summary_line(findings: Sequence[Finding]) -> str:
    """"2 errors, 1 warning": what a person reads on stderr after the text findings."""
    counts = Counter(f.severity for f in findings)
    return ", ".join(
        f"{counts[s]} {s}{'' if counts[s] == 1 else 's'}" for s in ("error", "warning", "info")
        if counts[s]
    )


def json_format(findings: Sequence[Finding]) -> str:
    """`json.dumps([f.to_json() …], ensure_ascii=False, indent=2)`, byte for byte.

    Written out by hand because `indent` sends json to its pure-Python encoder: on a vault
    with 25,000 findings that was a fifth of a warm `lint`. Strings go through json's own C
    encoder; the fields and their order are those of `Finding.to_json`.
    """
    if not findings:
        return "[]\n"
    text = encode_basestring
    objects = [
        f'  {{\n    "path": {text(f.path)},\n    "line": {int(f.line)},\n'
        f'    "col": {int(f.col)},\n    "rule": {text(f.rule)},\n'
        f'    "severity": {text(f.severity)},\n    "message": {text(f.message)}'
        + (f',\n    "fix": {text(f.fix)}' if f.fix is not None else "")
        + "\n  }"
        for f in findings
    ]
    return "[\n" + ",\n".join(objects) + "\n]\n"


# ---------------------------------------------------------------------------------------------
# GitHub Actions workflow commands (actions/toolkit packages/core/src/command.ts)


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding]) -> str:
    lines = []
    for f in findings:
        properties = [f"file={escape_property(f.path)}", f"line={f.line}", f"col={f.col}"]
        if f.end_col is not None:
            properties.append(f"endColumn={f.end_col}")
        properties.append(f"title={escape_property(f.rule)}")
        command = GITHUB_COMMANDS[f.severity]
        lines.append(f"::{command} {','.join(properties)}::{escape_data(f.message)}\n")
    return "".join(lines)


# ---------------------------------------------------------------------------------------------
# SARIF 2.1.0 (OASIS); GitHub code scanning reads the subset written here.


def sarif(findings: Sequence[Finding]) -> str:
    return json.dumps(sarif_log(findings), ensure_ascii=False, indent=2) + "\n"


def sarif_log(
    findings: Sequence[Finding], rules: Mapping[str, ModuleType] | None = None
) -> dict[str, Any]:
    if rules is None:
        from vaultnet.lint.rules import RULES  # only SARIF lists the rules: not on every run

        rules = RULES
    names = sorted(rules)
    index = {name: position for position, name in enumerate(names)}
    seen: Counter[tuple[str, str, str]] = Counter()
    results = []
    for f in findings:
        # Stable across runs and across edits elsewhere in the note: no line numbers inside.
        key = (f.rule, f.path, f.message)
        seen[key] += 1
        results.append(_result(f, index.get(f.rule, -1), _fingerprint(*key, seen[key])))
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "vaultnet",
                        "version": __version__,
                        "rules": [_rule(rules[name]) for name in names],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rule(module: ModuleType) -> dict[str, Any]:
    from vaultnet.lint.rules import summary

    doc = (module.__doc__ or module.NAME).strip()
    return {
        "id": module.NAME,
        "name": "".join(part.capitalize() for part in module.NAME.split("-")),
        "shortDescription": {"text": summary(module)},
        "fullDescription": {"text": doc},
        "help": {"text": doc},
        "defaultConfiguration": {"level": SARIF_LEVELS[module.DEFAULT_SEVERITY]},
    }


def _uri(path: str) -> str:
    return quote(path, safe="/")


def _region(line: int, col: int, end_col: int | None) -> dict[str, int]:
    region = {"startLine": line, "startColumn": col}
    if end_col is not None:
        region["endColumn"] = end_col
    return region


def _result(f: Finding, rule_index: int, fingerprint: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": SARIF_LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path)},
                    "region": _region(f.line, f.col, f.end_col),
                }
            }
        ],
        "partialFingerprints": {"vaultnetFinding/v1": fingerprint},
    }
    if f.fix is not None and f.fix_span is not None:
        line, start, end = f.fix_span
        result["fixes"] = [
            {
                "description": {"text": f"replace with {f.fix}"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": _uri(f.path)},
                        "replacements": [
                            {
                                "deletedRegion": _region(line, start, end),
                                "insertedContent": {"text": f.fix},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def _fingerprint(rule: str, path: str, message: str, occurrence: int) -> str:
    data = "\0".join((rule, path, message, str(occurrence))).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:32]


def _one_line(message: str) -> str:
    return " ".join(message.splitlines())


FORMATS: dict[str, Callable[[Sequence[Finding]], str]] = {
    "text": text,
    "json": json_format,
    "github": github,
    "sarif": sarif,
}


def format_findings(findings: Sequence[Finding], fmt: str) -> str:
    return FORMATS[fmt](findings)
