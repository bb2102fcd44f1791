"""Marker-guarded writing of report notes into the vault (contracts.md, "Files vaultnet writes").

The rules, in the order they are checked:

- reports go only into the configured report folder, which must lie inside the vault;
- an existing file is replaced only when its frontmatter says `vaultnet: generated`; any other
  file (a user's note, a folder, a symlink, unreadable bytes, broken markers) is refused with one
  line and left untouched;
- on regeneration only the managed regions and vaultnet's own properties are replaced: the
  user's text outside the regions, and properties or tags the user added, are kept verbatim;
- a note whose bytes would not change is not written at all (mtime untouched), and its
  `generated` date is kept, so a re-run gives a clean `git diff`;
- every write goes through `atomic_write`; `dry_run` writes nothing and reports the same plan.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, Literal, Mapping

import yaml

from vaultnet.atomic import atomic_write
from vaultnet.errors import VaultnetError
from vaultnet.report.markers import MarkerError, Region, join_segments, split_regions

__all__ = [
    "FileOutcome",
    "ReportFolderError",
    "ReportNote",
    "ReportResult",
    "compose",
    "is_generated",
    "write_notes",
]

REPORT_TAG = "vaultnet/report"
MANAGED_KEYS = ("vaultnet", "type", "report", "tags", "generated")
# Folders Obsidian or vaultnet never show as notes: a report there would be invisible.
HIDDEN_FOLDERS = frozenset({".obsidian", ".git", ".trash", ".vaultnet"})
_TOP_LEVEL_KEY = re.compile(r"""^(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<plain>[^\s#'"\-?:][^:]*?))[ \t]*:(?:\s|$)""")

Status = Literal["created", "updated", "unchanged", "refused"]


class ReportFolderError(VaultnetError):
    """The configured report folder is not a folder inside the vault."""


@dataclass(frozen=True, slots=True)
class ReportNote:
    """One rendered report, before it meets the file on disk."""

    name: str  # file name inside the report folder, "Покрытие целей.md"
    report: str  # the `report` property: goal-coverage, goal, reach-out, network-health
    body: str  # the rendered body, with bare `%% vaultnet:begin:<id> %%` markers
    properties: Mapping[str, Any] = field(default_factory=dict)  # after the standard ones


@dataclass(frozen=True, slots=True)
class FileOutcome:
    path: str  # vault-relative, `/`-separated, NFC
    status: Status
    reason: str | None = None  # why it was refused
    overwritten_edits: tuple[str, ...] = ()  # regions edited by hand and now replaced


@dataclass(slots=True)
class ReportResult:
    files: list[FileOutcome] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # generated reports this run did not produce
    dry_run: bool = False

    def with_status(self, *statuses: Status) -> list[FileOutcome]:
        return [f for f in self.files if f.status in statuses]

    @property
    def refused(self) -> list[FileOutcome]:
        return self.with_status("refused")

    @property
    def changed(self) -> list[FileOutcome]:
        return self.with_status("created", "updated")


class _Refusal(Exception):
    """One file cannot be written; the message is the reason, without the path."""


# --- frontmatter -----------------------------------------------------------------------------


def split_frontmatter(text: str) -> tuple[str | None, str]:
    """(the YAML between the `---` lines, the body after them); (None, text) without one (R27)."""
    first, newline, rest = text.partition("\n")
    if first.rstrip("\r") != "---" or not newline:
        return None, text
    lines = rest.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("---"):
            return "".join(lines[:index]), "".join(lines[index + 1 :])
    return None, text


def _load_properties(frontmatter: str | None) -> dict[str, Any] | None:
    if frontmatter is None:
        return None
    try:
        data = yaml.safe_load(frontmatter)
    except (yaml.YAMLError, ValueError, RecursionError):
        # Any file in the report folder is read here: an impossible date (`2023-02-30`) raises
        # ValueError and deep nesting RecursionError (the pure-Python loader). Such a file is
        # simply not a report vaultnet wrote, so it is refused with one line, not a traceback.
        return None
    return data if isinstance(data, dict) else None


def is_generated(text: str) -> bool:
    """True when the note carries vaultnet's marker property `vaultnet: generated`."""
    properties = _load_properties(split_frontmatter(text)[0])
    return properties is not None and properties.get("vaultnet") == "generated"


def _user_entries(frontmatter: str, managed: set[str]) -> str:
    """The top-level properties vaultnet does not own, as the user wrote them (never re-dumped).

    An entry is its key line with the comment lines just above it and the indented or list
    lines under it; comments at the very end are kept.
    """
    kept: list[str] = []
    pending: list[str] = []  # comments and blank lines waiting for the next key
    keep = True
    for line in frontmatter.splitlines(keepends=True):
        match = _TOP_LEVEL_KEY.match(line)
        if match:
            key = match.group("dq") or match.group("sq") or match.group("plain") or ""
            keep = key.strip() not in managed
            if keep:
                kept += pending + [line]
            pending = []
        elif line.startswith("#") or not line.strip():  # indented lines continue an entry
            pending.append(line)
        else:  # a continuation of the current entry
            if keep:
                kept += pending + [line]
            pending = []
    kept += [line for line in pending if line.strip()]
    text = "".join(kept)
    return text if not text or text.endswith("\n") else text + "\n"


def _yaml_entry(key: str, value: Any) -> str:
    # One key at a time, so the order is ours and PyYAML never sorts keys. A list of scalars is
    # written in flow style (`tags: [vaultnet/report]`); links get quoted because `[` starts a
    # flow collection in YAML.
    options: dict[str, Any] = {"allow_unicode": True, "sort_keys": False, "width": 10**9}
    if isinstance(value, list) and all(not isinstance(v, (list, dict)) for v in value):
        flow = yaml.safe_dump(value, default_flow_style=True, **options).strip()
        return f"{key}: {flow}\n"
    return yaml.safe_dump({key: value}, default_flow_style=False, **options)


def _frontmatter(note: ReportNote, generated: date, user_tags: list[str], user_text: str) -> str:
    entries = {
        "vaultnet": "generated",
        "type": "report",
        "report": note.report,
        "tags": [REPORT_TAG, *user_tags],
        "generated": generated,
        **{k: v for k, v in note.properties.items() if k not in MANAGED_KEYS},
    }
    return "---\n" + "".join(_yaml_entry(k, v) for k, v in entries.items()) + user_text + "---\n"


# --- regions ---------------------------------------------------------------------------------


def _merge(old: list[str | Region], new: list[str | Region]) -> list[str | Region]:
    """The old layout with each region's content taken from `new`.

    Regions no longer produced are dropped (the text around them stays); new ones are placed
    after the region that precedes them in the template, or before the first old region.
    """
    fresh = {s.id: s for s in new if isinstance(s, Region)}
    old_ids = {s.id for s in old if isinstance(s, Region)}
    follow: dict[str | None, list[Region]] = {}
    anchor: str | None = None
    for region_id, region in fresh.items():
        if region_id in old_ids:
            anchor = region_id
        else:
            follow.setdefault(anchor, []).append(region)
    if not old_ids:  # the user removed every marker: their text first, then the regions
        text = "".join(s for s in old if isinstance(s, str))
        appended: list[str | Region] = [text] if text else []
        if text and not text.endswith("\n"):
            appended.append("\n")
        for region in fresh.values():
            appended += ["\n", region] if appended else [region]
        return appended
    merged: list[str | Region] = []
    first = True
    for segment in old:
        if not isinstance(segment, Region):
            merged.append(segment)
            continue
        if first:
            for region in follow.get(None, []):
                merged += [region, "\n"]
            first = False
        if segment.id in fresh:
            merged.append(fresh[segment.id])
        for region in follow.get(segment.id, []) if segment.id in fresh else []:
            merged += ["\n", region]
    return merged


def compose(note: ReportNote, existing: str | None, today: date) -> tuple[str, tuple[str, ...]]:
    """The full text to write, and the ids of hand-edited regions it replaces.

    Raises MarkerError when `note.body` is malformed and `_Refusal` when `existing` is.
    """
    new_segments = split_regions(note.body)
    if not any(isinstance(s, Region) for s in new_segments):
        raise MarkerError("the template produced no `%% vaultnet:begin:<id> %%` region")
    if existing is None:
        return _frontmatter(note, today, [], "") + join_segments(new_segments), ()
    frontmatter, old_body = split_frontmatter(existing)
    properties = _load_properties(frontmatter) or {}
    try:
        old_segments = split_regions(old_body)
    except MarkerError as error:
        raise _Refusal(f"its vaultnet markers are broken ({error}); fix them or delete the file")
    fresh = {s.id: s.content for s in new_segments if isinstance(s, Region)}
    edited = tuple(
        s.id for s in old_segments
        if isinstance(s, Region) and s.edited and fresh.get(s.id, s.content) != s.content
    )
    managed = set(MANAGED_KEYS) | set(note.properties)
    user_text = _user_entries(frontmatter or "", managed)
    old_tags = properties.get("tags")
    user_tags = [t for t in old_tags if isinstance(t, str) and t != REPORT_TAG] if isinstance(
        old_tags, list) else []
    body = join_segments(_merge(old_segments, new_segments))
    previous = properties.get("generated")
    kept_date = previous if isinstance(previous, date) else today
    text = _frontmatter(note, kept_date, user_tags, user_text) + body
    if text != existing and kept_date != today:  # something changed: date it today
        text = _frontmatter(note, today, user_tags, user_text) + body
    return text, edited


# --- the folder and the files ----------------------------------------------------------------


def report_folder(vault_root: Path, folder: str) -> Path:
    """The report folder as a path inside the vault, or ReportFolderError (one line)."""
    posix = PurePosixPath(unicodedata.normalize("NFC", folder.replace("\\", "/").strip()))
    parts = [p for p in posix.parts if p not in ("", ".")]
    if posix.is_absolute() or re.match(r"^[A-Za-z]:", folder) or ".." in parts or not parts:
        raise ReportFolderError(
            f"report folder '{folder}' must be a folder inside the vault (e.g. 'vaultnet')"
        )
    if parts[0] in HIDDEN_FOLDERS:
        raise ReportFolderError(f"report folder '{folder}' is hidden from Obsidian; choose another")
    path = vault_root.joinpath(*parts)
    root = vault_root.resolve()
    resolved = path.resolve()  # follows a symlinked folder to where it really is
    if resolved != root and root not in resolved.parents:
        raise ReportFolderError(f"report folder '{folder}' leads outside the vault ({resolved})")
    if path.exists() and not path.is_dir():
        raise ReportFolderError(f"report folder '{folder}' exists and is not a folder")
    return path


def _read_existing(path: Path) -> str | None:
    if path.is_symlink():
        raise _Refusal("it is a symbolic link, not a vaultnet report")
    if not path.exists():
        return None
    if not path.is_file():
        raise _Refusal("it exists and is not a file")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise _Refusal("it exists and is not a vaultnet report (not UTF-8 text)") from None
    if not is_generated(text):
        raise _Refusal("it exists and is not a vaultnet report (no `vaultnet: generated`)")
    return text


def _stale(folder: Path, produced: set[str]) -> list[str]:
    if not folder.is_dir():
        return []
    found = []
    for entry in sorted(folder.iterdir()):
        name = unicodedata.normalize("NFC", entry.name)
        if entry.suffix.lower() != ".md" or name in produced or not entry.is_file():
            continue
        try:
            head = entry.read_bytes()[:4096].decode("utf-8", errors="replace")
        except OSError:
            continue
        # A truncated head may cut the frontmatter; a full read only for likely candidates.
        if "vaultnet: generated" in head and is_generated(entry.read_text("utf-8", "replace")):
            found.append(name)
    return found


def write_notes(vault_root: Path, folder: str, notes: list[ReportNote], *, today: date,
                dry_run: bool = False) -> ReportResult:
    """Write (or, with `dry_run`, plan) every note; refusals never stop the other notes."""
    target_folder = report_folder(vault_root, folder)
    relative = target_folder.relative_to(vault_root).as_posix()
    names = [unicodedata.normalize("NFC", n.name) for n in notes]
    if len(set(names)) != len(names):
        raise ValueError(f"two reports share a file name: {sorted(names)}")
    result = ReportResult(dry_run=dry_run)
    for name, note in sorted(zip(names, notes), key=lambda pair: pair[0]):
        path = target_folder / name
        shown = f"{relative}/{name}"
        try:
            existing = _read_existing(path)
            text, edited = compose(note, existing, today)
        except _Refusal as refusal:
            result.files.append(FileOutcome(shown, "refused", str(refusal)))
            continue
        if existing == text:
            result.files.append(FileOutcome(shown, "unchanged"))
            continue
        if not dry_run:
            target_folder.mkdir(parents=True, exist_ok=True)
            atomic_write(path, text.encode("utf-8"))
        status: Status = "created" if existing is None else "updated"
        result.files.append(FileOutcome(shown, status, overwritten_edits=edited))
    result.stale = [f"{relative}/{n}" for n in _stale(target_folder, set(names))]
    return result

