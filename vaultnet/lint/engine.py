"""The lint engine: runs the rules, then owns severity, suppressions, filtering and order.

Rules only say *what* is wrong and *where* (yamllint's split, style.md A5 habit 7). The engine
decides how loud it is: the configured severity (`[rules]` in the configuration) wins, then a
severity the rule chose for one occurrence (an unresolved link that is very probably a typo),
then the rule's default. `off` drops the rule. `%% vaultnet: disable … %%` comments, generated
report notes and the FILES filter are applied last, and findings come out sorted by
(path, line, col, rule), so output is byte-identical across runs.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Collection, Iterable, Iterator, Sequence

from vaultnet.records import NoteRecord, Problem, Suppression

if TYPE_CHECKING:
    from vaultnet.resolve import ResolvedLink
    from vaultnet.vault import Vault

__all__ = [
    "SEVERITY_ORDER",
    "Finding",
    "Hit",
    "LintContext",
    "exit_code",
    "lint_vault",
    "selector",
    "unknown_rule_warnings",
]

SEVERITY_ORDER = ("error", "warning", "info")
FixSpan = tuple[int, int, int]  # (line, start col, end col), 1-based, end exclusive


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule yields: a place and a message; the engine adds rule and severity."""

    path: str
    line: int
    col: int
    message: str
    fix: str | None = None  # replacement text for `fix_span`; only safe fixes are offered
    fix_span: FixSpan | None = None
    end_col: int | None = None  # column after the construct, on `line`, when known
    severity: str | None = None  # the rule's own opinion for this occurrence


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem, in the shape of `lint --format json` (contracts.md)."""

    path: str
    line: int
    col: int
    rule: str
    severity: str
    message: str
    fix: str | None = None
    fix_span: FixSpan | None = None
    end_col: int | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.rule, self.message)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }
        if self.fix is not None:
            data["fix"] = self.fix
        return data


class LintContext:
    """What rules read: the vault plus lookups computed once and shared by every rule."""

    def __init__(self, vault: Vault, only: Collection[str] | None = None) -> None:
        self.vault = vault
        self.only = only
        # Whether findings in `path` are reported; rules skip costly work for the others.
        self.selected: Callable[[str], bool] = selector(only)
        self._lines: dict[str, list[str]] = {}

    @cached_property
    def resolved_links(self) -> list[ResolvedLink]:
        """The links findings may be reported on: all, or those of the files being linted."""
        if self.only is None:
            return self.vault.resolved_links()
        return self.vault.resolved_links(self.selected)

    @cached_property
    def unresolved_links(self) -> list[ResolvedLink]:
        """Unresolved links, self links aside (they always resolve, R15); three rules read them."""
        return [r for r in self.resolved_links if r.resolution.path is None and r.link.target]

    @cached_property
    def problems(self) -> list[tuple[str, Problem]]:
        """Problems the reader found, from the walk and every note and canvas findings may be
        reported on (all, or the selected ones: the others need not be loaded), no repeats."""
        found: dict[tuple[str, Problem], None] = {}
        for records in (self.vault.notes, self.vault.canvases):
            for path in records:
                if self.selected(path):
                    for problem in records[path].problems:
                        found[(path, problem)] = None
        for item in self.vault.problems:
            found[item] = None
        return list(found)

    def problems_of(self, rule: str) -> Iterator[Hit]:
        """The reader's problems for one rule, as hits (the parser already found them)."""
        for path, problem in self.problems:
            if problem.rule == rule:
                yield Hit(path, problem.line, problem.col, problem.message,
                          fix=problem.fix, fix_span=problem.fix_span)

    def unreadable(self, path: str) -> bool:
        """Whether the content of `path` is unknown: its headings and blocks cannot be checked."""
        if path in self._unreadable_by_walk:
            return True
        record = self.vault.notes.get(path) or self.vault.canvases.get(path)
        return record is not None and any(p.rule == "unreadable-file" for p in record.problems)

    @cached_property
    def _unreadable_by_walk(self) -> frozenset[str]:
        return frozenset(
            path for path, problem in self.vault.problems if problem.rule == "unreadable-file"
        )

    @cached_property
    def aliases(self) -> dict[str, list[tuple[str, str]]]:
        """Lower-cased alias -> [(note path, alias as written)], note paths sorted."""
        claims: dict[str, dict[str, str]] = {}
        aliases_of = self.vault.aliases_of
        for path in sorted(self.vault.notes):
            for alias in aliases_of(path):
                claims.setdefault(alias.lower(), {}).setdefault(path, alias)
        # Paths were added in sorted order, so a claim's list needs no sort of its own.
        return {key: list(by_path.items()) for key, by_path in claims.items()}

    @cached_property
    def note_names(self) -> dict[str, list[str]]:
        """Lower-cased note name (file name without `.md`) -> note paths, sorted."""
        names: dict[str, list[str]] = {}
        for path in sorted(self.vault.notes):
            names.setdefault(note_name(path).lower(), []).append(path)
        return names

    def link_text_for(self, path: str) -> str:
        """The shortest linkpath that opens `path` from anywhere: its name, or its path."""
        name = note_name(path)
        unique = len(self.note_names.get(name.lower(), ())) == 1
        if path.lower().endswith(".md"):
            return name if unique else path[:-3]
        return path

    def lines(self, path: str) -> list[str]:
        """The note's lines as the parser numbered them (`lines(p)[0]` is line 1)."""
        if path not in self._lines:
            try:
                self._lines[path] = self.vault.read_text(path).split("\n")
            except (OSError, UnicodeDecodeError, KeyError):
                self._lines[path] = []
        return self._lines[path]


def note_name(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name[:-3] if name.lower().endswith(".md") else name


# ---------------------------------------------------------------------------------------------
# Running


def lint_vault(
    vault: Vault,
    *,
    only: Collection[str] | None = None,
    rules: Sequence[str] | None = None,
) -> list[Finding]:
    """Every finding of the vault, severities applied, suppressions honoured, sorted.

    `only` limits the report to these vault paths (a path ending in `/` stands for a folder);
    the whole vault is still read, so links are resolved against every note.
    """
    from vaultnet.collector import collector_paused
    from vaultnet.lint.rules import RULES

    configured = dict(vault.config.rules)
    context = LintContext(vault, only)
    findings: dict[Finding, None] = {}
    with collector_paused():  # tens of thousands of resolutions and hits, no garbage cycles
        for name in rules if rules is not None else sorted(RULES):
            module = RULES[name]
            if configured.get(name) == "off":
                continue
            for hit in module.check(context):
                if not context.selected(hit.path):
                    continue
                severity = configured.get(name) or hit.severity or module.DEFAULT_SEVERITY
                finding = Finding(
                    hit.path, hit.line, hit.col, name, severity, hit.message,
                    hit.fix, hit.fix_span if hit.fix is not None else None, hit.end_col,
                )
                if not _silenced(finding, vault.notes.get(hit.path)):
                    findings[finding] = None
    return sorted(findings, key=lambda finding: finding.sort_key)


def selector(only: Collection[str] | None) -> Callable[[str], bool]:
    """Whether a path is one of `only` or inside one of its folders (ending in `/`); None
    selects everything. Asked for every path of the vault, so the folders are picked out
    once, and a selection of files only is a set lookup."""
    if only is None:
        return lambda path: True
    folders = tuple(chosen for chosen in only if chosen.endswith("/"))
    files = only if isinstance(only, (set, frozenset)) else frozenset(only)
    if not folders:
        return files.__contains__
    return lambda path: path in files or path.startswith(folders)


def _silenced(finding: Finding, note: NoteRecord | None) -> bool:
    if note is None:
        return False
    # Report notes are rewritten by vaultnet; a finding there is not the user's to fix.
    if isinstance(note.properties, dict) and note.properties.get("vaultnet") == "generated":
        return True
    return any(_suppresses(s, finding) for s in note.suppressions)


def _suppresses(suppression: Suppression, finding: Finding) -> bool:
    if suppression.rules and finding.rule not in suppression.rules:
        return False
    return not suppression.next_line_only or finding.line == suppression.line + 1


def exit_code(findings: Iterable[Finding], *, strict: bool = False) -> int:
    """contracts.md: 1 with an error finding (with `strict`, with any finding), else 0."""
    for finding in findings:
        if strict or finding.severity == "error":
            return 1
    return 0


def unknown_rule_warnings(rule_names: Iterable[str]) -> list[str]:
    """One warning per configured rule name that no rule has (a typo silently does nothing)."""
    names = sorted(rule_names)
    if not names:
        return []  # the rules are not even imported: a warm run answered by the memo
    from vaultnet.lint.rules import RULES

    warnings = []
    for name in names:
        if name not in RULES:
            close = difflib.get_close_matches(name, list(RULES), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            warnings.append(f"unknown rule {name!r} in [rules]{hint}")
    return warnings
