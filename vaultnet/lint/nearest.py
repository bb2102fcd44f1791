"""Names one or two edits away: "did you mean [[Резюме]]?" for an unresolved link.

A vault of thousands of notes has thousands of names, and a link is checked only when it is
unresolved. So the names are bucketed by length and by first and last character, and a target
is compared only with the names whose length is within the allowed distance, that share its
first or its last character (a name changed at both ends is not offered), and whose character
signature (a 256-bit set of hashed characters; one edit changes at most two of its bits) is
close enough. Only
those few are compared with an optimal-string-alignment distance (Damerau–Levenshtein with
adjacent swaps) that gives up as soon as every cell of a row exceeds the limit.

Names that differ only in their digits are not typos of one another: `[[2026-12-01]]` is a
daily note still to be written, not a misspelt `2026-12-04`, and `Встреча 3` is not `Встреча 1`.
"""
from __future__ import annotations

import re
from typing import Iterable

__all__ = ["NameFinder", "max_distance", "only_digits_differ", "osa_distance", "signature"]

_DIGITS = re.compile(r"[0-9]")


def max_distance(text: str) -> int:
    """How many edits still look like a typo: short names are all close to one another."""
    if len(text) <= 2:
        return 0
    if len(text) <= 5:
        return 1
    return 2


def osa_distance(a: str, b: str, limit: int) -> int | None:
    """Edit distance with adjacent transpositions, or None when it is above `limit`.

    Only the diagonal band |i - j| <= limit can hold values within the limit, so only it is
    computed; cells outside it count as "too far" (limit + 1).
    """
    if abs(len(a) - len(b)) > limit:
        return None
    if a == b:
        return 0
    far = limit + 1
    width = len(b) + 1
    before_previous = [far] * width
    previous = [j if j <= limit else far for j in range(width)]
    for i in range(1, len(a) + 1):
        current = [far] * width
        if i <= limit:
            current[0] = i
        low, high = max(1, i - limit), min(len(b), i + limit)
        char = a[i - 1]
        for j in range(low, high + 1):
            cost = 0 if char == b[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, before_previous[j - 2] + 1)
            current[j] = best if best < far else far
        if min(current[low - 1 : high + 1]) > limit:
            return None
        before_previous, previous = previous, current
    return previous[-1] if previous[-1] <= limit else None


_CHAR_BITS: dict[str, int] = {}


def signature(text: str) -> int:
    """The set of the text's characters, hashed into 256 bits (stable across runs)."""
    bits = 0
    for char in set(text):
        bit = _CHAR_BITS.get(char)
        if bit is None:
            bit = _CHAR_BITS[char] = 1 << (ord(char) * 2654435761 % 256)
        bits |= bit
    return bits


def only_digits_differ(a: str, b: str) -> bool:
    return a != b and _DIGITS.sub("", a) == _DIGITS.sub("", b)


class NameFinder:
    """The closest known name to a misspelt one; names are compared lower-cased."""

    def __init__(self, names: Iterable[str]) -> None:
        # Names by (length, first character) and by (length, last character): a typo that
        # changes both ends of a name is not worth suggesting, and scanning every name of a
        # length for every unresolved link grew with the square of the vault (3.4 s of a
        # 50,000-note lint).
        self._by_length: dict[int, list[str]] = {}
        for name in {name.lower() for name in names}:
            self._by_length.setdefault(len(name), []).append(name)
        # Each length is split by end characters, and each bucket signed and sorted, on first
        # use: `lint FILE` searches a few of them.
        self._names: dict[tuple[int, int, str], list[str]] = {}
        self._split: set[int] = set()
        self._buckets: dict[tuple[int, int, str], list[tuple[int, str]]] = {}
        self._memo: dict[str, str | None] = {}

    def _bucket(self, key: tuple[int, int, str]) -> list[tuple[int, str]]:
        bucket = self._buckets.get(key)
        if bucket is None:
            length = key[0]
            if length not in self._split:
                self._split.add(length)
                for name in self._by_length.get(length, ()):
                    if name:
                        self._names.setdefault((length, 0, name[0]), []).append(name)
                        self._names.setdefault((length, -1, name[-1]), []).append(name)
            names = sorted(self._names.get(key, ()))
            bucket = self._buckets[key] = [(signature(name), name) for name in names]
        return bucket

    def closest(self, wanted: str) -> str | None:
        """The nearest lower-cased name within `max_distance`, ties broken alphabetically."""
        wanted = wanted.lower()
        if wanted not in self._memo:
            self._memo[wanted] = self._search(wanted)
        return self._memo[wanted]

    def _search(self, wanted: str) -> str | None:
        limit = max_distance(wanted)
        if not wanted:
            return None
        wanted_bits = signature(wanted)
        best: tuple[int, str] | None = None
        for length in range(len(wanted) - limit, len(wanted) + limit + 1):
            close = {
                name
                for key in ((length, 0, wanted[0]), (length, -1, wanted[-1]))
                for bits, name in self._bucket(key)
                if (bits ^ wanted_bits).bit_count() <= 2 * limit
            }
            for name in sorted(close):
                if only_digits_differ(wanted, name):
                    continue
                found = osa_distance(wanted, name, limit if best is None else best[0])
                if found is not None and (best is None or (found, name) < best):
                    best = (found, name)
        return best[1] if best is not None else None
