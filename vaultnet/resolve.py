"""Link resolution as Obsidian's `getFirstLinkpathDest` does it (obsidian-semantics.md R12–R22).

One pure function of (linkpath, source path, index): lint, graph and reports all call it, so
they can never disagree about what a link points to. Paths are vault paths (`/`-separated,
NFC); the index is built once and every lookup is a dictionary access plus a scan of the few
files that share the link's file name.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

from vaultnet.records import Block, Heading, Link

__all__ = [
    "FileIndex",
    "Resolution",
    "ResolvedLink",
    "block_exists",
    "heading_chain_exists",
    "normalize_heading",
    "resolve_linkpath",
    "unresolved_key",
    "utf16_len",
]


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a link points: a vault path, or None when unresolved.

    ``candidates`` lists every path tied at the winning position when Obsidian's pick depends
    on its internal file order (R14 step 5, equal lengths); ``path`` is then the first of them.
    """

    path: str | None
    candidates: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.path is not None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


UNRESOLVED = Resolution(None)


@dataclass(slots=True)
class ResolvedLink:
    """One link occurrence with what it resolves to."""

    source: str
    link: Link
    resolution: Resolution


def utf16_len(text: str) -> int:
    """JavaScript's `string.length`: astral characters (emoji …) count twice (R14 sort)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


class _Candidate(NamedTuple):
    """A file as step 5 needs it, computed once per file rather than once per link."""

    path: str
    lower: str  # R12: JavaScript toLowerCase
    units: int  # length in UTF-16 code units


def _shortest(candidates: Iterable[_Candidate]) -> tuple[str, ...]:
    """The paths tied at the smallest UTF-16 length, in sorted order."""
    best: list[str] = []
    shortest = -1
    for candidate in candidates:
        if shortest < 0 or candidate.units < shortest:
            best, shortest = [candidate.path], candidate.units
        elif candidate.units == shortest:
            best.append(candidate.path)
    return tuple(sorted(best))


class _SameName:
    """The files sharing one lower-cased file name, arranged so that step 5 never scans them all.

    Paths starting with a folder are a contiguous run of the path-sorted list, and paths ending
    with a linkpath are a contiguous run of the list sorted by reversed lower-cased path; both
    are found by bisection. A vault with 500 `README.md` files stays fast.
    """

    def __init__(self, candidates: list[_Candidate]) -> None:
        self.by_path = tuple(sorted(candidates))
        self.paths = tuple(c.path for c in self.by_path)
        by_reversed = sorted((c.lower[::-1], c) for c in candidates)
        self.reversed_keys = tuple(key for key, _ in by_reversed)
        self.by_reversed = tuple(c for _, c in by_reversed)
        self.shortest = _shortest(candidates)

    def under(self, folder: str) -> Sequence[_Candidate]:
        """The files whose path starts with `folder` (a plain string prefix)."""
        start = bisect.bisect_left(self.paths, folder)
        stop = start
        while stop < len(self.paths) and self.paths[stop].startswith(folder):
            stop += 1
        return self.by_path[start:stop]

    def ending_with(self, lower_suffix: str) -> Sequence[_Candidate]:
        """The files whose lower-cased path ends with `lower_suffix` (not `/`-aligned)."""
        key = lower_suffix[::-1]
        start = bisect.bisect_left(self.reversed_keys, key)
        stop = start
        while stop < len(self.reversed_keys) and self.reversed_keys[stop].startswith(key):
            stop += 1
        return self.by_reversed[start:stop]


class FileIndex:
    """Every linkable vault path, looked up by lower-cased file name (R13, R18)."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.paths: frozenset[str] = frozenset(unicodedata.normalize("NFC", p) for p in paths)
        by_name: defaultdict[str, list[str]] = defaultdict(list)
        for path in self.paths:
            lower = path.lower()
            by_name[lower[lower.rfind("/") + 1 :]].append(path)
        # A name's group is arranged on first lookup: `lint FILE` looks up a handful of names.
        self._names = by_name
        self._groups: dict[str, _SameName] = {}
        self._exact: dict[str, tuple[str, ...]] | None = None  # built on first use
        # (linkpath, source folder) -> Resolution: a vault links to the same names again and
        # again, and only the source folder matters besides the linkpath.
        self._memo: dict[tuple[str, str], Resolution] = {}

    def __contains__(self, path: object) -> bool:
        return path in self.paths

    def __len__(self) -> int:
        return len(self.paths)

    def exactly(self, lower_path: str) -> tuple[str, ...]:
        """The paths whose lower-cased spelling is `lower_path`: one, or several only on a
        case-sensitive disk (sorted, so nothing depends on the order paths were listed in)."""
        if self._exact is None:
            by_lower: defaultdict[str, list[str]] = defaultdict(list)
            for path in self.paths:
                by_lower[path.lower()].append(path)
            self._exact = {
                lower: tuple(sorted(found)) if len(found) > 1 else (found[0],)
                for lower, found in by_lower.items()
            }
        return self._exact.get(lower_path, ())

    def named(self, lower_name: str) -> tuple[str, ...]:
        """The paths whose file name (with extension), lower-cased, is `lower_name`."""
        group = self._group(lower_name)
        return group.paths if group is not None else ()

    def _group(self, lower_name: str) -> _SameName | None:
        group = self._groups.get(lower_name)
        if group is None:
            paths = self._names.get(lower_name)
            if paths is None:
                return None
            group = self._groups[lower_name] = _SameName(
                [_Candidate(path, path.lower(), utf16_len(path)) for path in paths]
            )
        return group


def resolve_linkpath(linkpath: str, source: str, index: FileIndex) -> Resolution:
    """The file a linkpath written in `source` opens in Obsidian (R12–R15, R18)."""
    linkpath = unicodedata.normalize("NFC", linkpath)
    if linkpath == "":  # R15: [[#Heading]], [[#^block]], [t](#H)
        return Resolution(source)
    key = (linkpath, _folder(source))
    found = index._memo.get(key)
    if found is None:
        found = index._memo[key] = _resolve(linkpath, key[1], index)
    return found


def _resolve(linkpath: str, source_folder: str, index: FileIndex) -> Resolution:
    # R13: candidates by file name; `.md` is added only when the name as written finds none.
    wanted = linkpath.lower()  # R12: JavaScript toLowerCase, never casefold
    name = wanted.rsplit("/", 1)[-1]
    group = index._group(name) if "." in name else None
    if group is None:
        wanted += ".md"
        name += ".md"
        group = index._group(name)
    if group is None:
        return UNRESOLVED

    # Step 1: a bare name with a single candidate.
    if "/" not in wanted and len(group.paths) == 1:
        return Resolution(group.paths[0])

    # Step 2: ./ and ../ are resolved against the source folder; climbing stops at the root.
    if wanted.startswith(("./", "../")):
        folders = source_folder.lower().split("/") if source_folder else []
        while True:
            if wanted.startswith("./"):
                wanted = wanted[2:]
            elif wanted.startswith("../"):
                wanted = wanted[3:]
                if folders:
                    folders.pop()
            else:
                break
        wanted = "/".join([*folders, wanted])
        exact = _exact(index, wanted)
        if exact is not None:
            return exact

    # Step 3: a leading `/` only says "from the root"; the exact vault path wins, bare or not.
    absolute = wanted.startswith("/")
    if absolute:
        wanted = wanted[1:]
    exact = _exact(index, wanted)
    if exact is not None:
        return exact
    # Step 4: an absolute linkpath matches exactly or not at all.
    if absolute:
        return UNRESOLVED

    # Step 5: plain string suffix (not `/`-aligned); paths under the source folder (plain
    # prefix) first, then the rest; the shortest path (in UTF-16 units) of the first group wins.
    if wanted == name:  # every file of that name ends with it: no suffix filter needed
        near = group.under(source_folder) if source_folder else ()
        tied = _shortest(near) if near else group.shortest
    else:
        matching = group.ending_with(wanted)
        near = [c for c in matching if c.path.startswith(source_folder)]
        tied = _shortest(near or matching)
    if not tied:  # Step 6
        return UNRESOLVED
    return Resolution(tied[0], tied if len(tied) > 1 else ())


def _exact(index: FileIndex, wanted: str) -> Resolution | None:
    """The file whose lower-cased path is `wanted` (it is one of the candidates by name)."""
    equal = index.exactly(wanted)
    if not equal:
        return None
    return Resolution(equal[0], equal if len(equal) > 1 else ())


def unresolved_key(linkpath: str) -> str:
    """R17: the key of an unresolved link, the linkpath as written less one trailing `.md`."""
    linkpath = unicodedata.normalize("NFC", linkpath)
    return linkpath[:-3] if linkpath.endswith(".md") else linkpath


# ---------------------------------------------------------------------------------------------
# Headings and blocks (R19–R22)

# R19: 29 of the 32 ASCII punctuation marks (all but ' - _) and CR/LF become spaces.
_HEADING_PUNCTUATION = re.compile(r"[!\"#$%&()*+,./:;<=>?@\[\\\]^`{|}~\r\n]")
# JavaScript's \s (and trim): unlike Python's, it has U+FEFF and lacks U+001C–U+001F, U+0085.
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_JS_SPACES = re.compile(f"[{_JS_SPACE}]+")


@lru_cache(maxsize=1 << 16)
def normalize_heading(text: str) -> str:
    """A heading or a link's heading piece as Obsidian compares them (R19).

    Cached: every link to a note's heading compares it with all the note's headings, and
    vaults repeat the same headings ("Встречи", "Notes") in thousands of notes."""
    spaced = _JS_SPACES.sub(" ", _HEADING_PUNCTUATION.sub(" ", text))
    return spaced.strip(" ").lower()


def heading_pieces(chain: str) -> list[str]:
    """`A#B` → ["A", "B"]; empty pieces are dropped, so `##A` ≡ `#A` (R4)."""
    return [piece for piece in chain.split("#") if piece]


def find_heading(headings: Sequence[Heading], chain: str) -> Heading | None:
    """The heading a chain lands on, or None (R19).

    The first heading matching the first piece is taken, then the first later heading that is
    deeper than the last match and matches the next piece, and so on; there is no check that
    it lies inside the previous heading's section.
    """
    pieces = [normalize_heading(piece) for piece in heading_pieces(chain)]
    if not pieces:
        return None
    ordered = sorted(headings, key=lambda heading: heading.line)
    matched: Heading | None = None
    position = 0
    for piece in pieces:
        while position < len(ordered):
            heading = ordered[position]
            position += 1
            deeper = matched is None or heading.level > matched.level
            if deeper and normalize_heading(heading.text) == piece:
                matched = heading
                break
        else:
            return None
    return matched


def heading_chain_exists(headings: Sequence[Heading], chain: str) -> bool:
    """Whether `Note#A#B` finds its heading; a chain with no pieces is the note itself."""
    if not heading_pieces(chain):
        return True
    return find_heading(headings, chain) is not None


def find_block(blocks: Sequence[Block], block_id: str) -> Block | None:
    """The block a `#^id` lands on; ids are compared case-insensitively (R21)."""
    wanted = block_id.lower()
    return next((block for block in blocks if block.id.lower() == wanted), None)


def block_exists(blocks: Sequence[Block], block_id: str) -> bool:
    return find_block(blocks, block_id) is not None
