"""Which heading or block of a note a link lands on (R19, R21), for goal attribution.

`vaultnet.resolve` says whether a chain exists; goal coverage needs to know *which* heading it
lands on, so the R19 walk is repeated here over the same normalisation.
"""
from __future__ import annotations

import re

from vaultnet.records import Block, Heading

try:  # the resolver's normalisation, so lint and coverage never disagree
    from vaultnet.resolve import normalize_heading as _shared_normalize
except ImportError:  # pragma: no cover - only while resolve.py is not there yet
    _shared_normalize = None

# R19: 29 of the 32 ASCII punctuation marks (all but ' - _) and CR/LF become spaces.
_PUNCTUATION = re.compile(r"[!\"#$%&()*+,./:;<=>?@\[\\\]^`{|}~\r\n]")
_SPACES = re.compile(r"\s+")


def normalize_heading(text: str) -> str:
    if _shared_normalize is not None:
        return str(_shared_normalize(text))
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", text)).strip().lower()


def heading_for_chain(headings: list[Heading], chain: str) -> Heading | None:
    """The heading `Note#A#B` lands on: the first match of A, then the first later, deeper B."""
    pieces = [normalize_heading(piece) for piece in chain.split("#") if piece.strip()]
    if not pieces:
        return None
    matched: Heading | None = None
    ordered = sorted(headings, key=lambda h: h.line)
    position = 0
    for piece in pieces:
        found = None
        while position < len(ordered):
            heading = ordered[position]
            position += 1
            deeper = matched is None or heading.level > matched.level
            if deeper and normalize_heading(heading.text) == piece:
                found = heading
                break
        if found is None:
            return None
        matched = found
    return matched


def block_by_id(blocks: list[Block], block_id: str) -> Block | None:
    """Block ids compare case-insensitively (R21)."""
    wanted = block_id.lower()
    for block in blocks:
        if block.id.lower() == wanted:
            return block
    return None
