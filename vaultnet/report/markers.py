"""Managed regions of a report note: `%% vaultnet:begin:<id> … %%` … `%% vaultnet:end:<id> %%`.

vaultnet owns the lines between a pair of markers and replaces them on every run; everything
outside belongs to the user and is carried over byte for byte. The begin marker stores a short
checksum of what vaultnet wrote, so the linter (and the next run) can tell a hand edit inside a
region from vaultnet's own text:

    %% vaultnet:begin:matrix checksum=3f2a9c0d1b7e %%
    …generated lines…
    %% vaultnet:end:matrix %%

`%% … %%` is an Obsidian comment, so the markers are invisible in Reading view.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

__all__ = [
    "MarkerError",
    "Region",
    "begin_marker",
    "checksum",
    "edited_regions",
    "end_marker",
    "join_segments",
    "split_regions",
]

REGION_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_BEGIN = re.compile(
    r"^%%[ \t]*vaultnet:begin:(?P<id>[^\s%]+)(?:[ \t]+checksum=(?P<sum>[0-9a-f]+))?[ \t]*%%[ \t]*$"
)
_END = re.compile(r"^%%[ \t]*vaultnet:end:(?P<id>[^\s%]+)[ \t]*%%[ \t]*$")


class MarkerError(ValueError):
    """The markers are not well formed: unbalanced, nested, repeated or with a bad id."""


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    content: str  # the lines between the two marker lines, each ending in a newline
    stored_checksum: str | None = None  # as read from the begin marker

    @property
    def edited(self) -> bool:
        """True when the content no longer matches the checksum vaultnet stored with it."""
        return self.stored_checksum is not None and self.stored_checksum != checksum(self.content)



def checksum(content: str) -> str:
    """12 hex digits of SHA-256; line endings normalised so an editor's CRLF is not an edit."""
    normal = content.replace("\r\n", "\n")
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def begin_marker(region_id: str, content: str | None = None) -> str:
    suffix = f" checksum={checksum(content)}" if content is not None else ""
    return f"%% vaultnet:begin:{region_id}{suffix} %%"


def end_marker(region_id: str) -> str:
    return f"%% vaultnet:end:{region_id} %%"


def split_regions(text: str) -> list[str | Region]:
    """Split a body into outside text and regions, in order; raises MarkerError when malformed.

    Adjacent outside lines are merged into one string, so `join_segments` restores the input
    exactly (a marker line is always re-emitted with a plain `\\n`).
    """
    segments: list[str | Region] = []
    outside: list[str] = []
    inside: list[str] | None = None
    current: tuple[str, str | None, int] | None = None  # id, checksum, line
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        bare = line.rstrip("\r\n")
        begin, end = _BEGIN.match(bare), _END.match(bare)
        if begin:
            region_id = begin.group("id")
            if current is not None:
                raise MarkerError(
                    f"line {number}: region '{region_id}' begins inside region '{current[0]}'"
                )
            if not REGION_ID.fullmatch(region_id):
                raise MarkerError(f"line {number}: bad region id '{region_id}'")
            if region_id in seen:
                raise MarkerError(f"line {number}: region '{region_id}' appears twice")
            seen.add(region_id)
            segments.append("".join(outside))
            outside, inside = [], []
            current = (region_id, begin.group("sum"), number)
        elif end:
            if current is None or end.group("id") != current[0]:
                raise MarkerError(f"line {number}: end of region '{end.group('id')}' without its begin")
            segments.append(Region(current[0], "".join(inside or []), current[1]))
            inside, current = None, None
        elif inside is not None:
            inside.append(line)
        else:
            outside.append(line)
    if current is not None:
        raise MarkerError(f"line {current[2]}: region '{current[0]}' has no end marker")
    segments.append("".join(outside))
    return [s for s in segments if not (isinstance(s, str) and s == "")]


def join_segments(segments: list[str | Region]) -> str:
    """The body text, with each region's checksum recomputed from its content."""
    parts: list[str] = []
    for segment in segments:
        if isinstance(segment, Region):
            parts.append(begin_marker(segment.id, segment.content) + "\n")
            parts.append(segment.content)
            parts.append(end_marker(segment.id) + "\n")
        else:
            parts.append(segment)
    return "".join(parts)


def edited_regions(text: str) -> list[str]:
    """Ids of the regions edited by hand since vaultnet wrote them (for the linter)."""
    try:
        segments = split_regions(text)
    except MarkerError:
        return []
    return [s.id for s in segments if isinstance(s, Region) and s.edited]
