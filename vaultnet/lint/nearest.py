"""Names one or two edits away: "did you mean [[Резюме]]?" for an unresolved link.

A vault of thousands of notes has thousands of names, and a link is checked only when it is
unresolved, so the names are bucketed by length once and a target is compared only with the
names whose length is within the allowed distance. The comparison itself is a banded
optimal-string-alignment distance (Damerau–Levenshtein with adjacent swaps) that gives up as
soon as every cell of a row exceeds the limit.
"""
from __future__ import annotations

from typing import Iterable

__all__ = ["NameFinder", "max_distance", "osa_distance"]


def max_distance(text: str) -> int:
    """How many edits still look like a typo: short names are all close to one another."""
    if len(text) <= 2:
        return 0
    if len(text) <= 5:
        return 1
    return 2


def osa_distance(a: str, b: str, limit: int) -> int | None:
    """Edit distance with adjacent transpositions, or None when it is above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return None
    if a == b:
        return 0
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, previous_previous[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return None
        previous_previous, previous = previous, current
    return previous[-1] if previous[-1] <= limit else None


class NameFinder:
    """The closest known name to a misspelt one; names are compared lower-cased."""

    def __init__(self, names: Iterable[str]) -> None:
        self._by_length: dict[int, list[str]] = {}
        for name in sorted({name.lower() for name in names}):
            self._by_length.setdefault(len(name), []).append(name)
        self._memo: dict[str, str | None] = {}

    def closest(self, wanted: str) -> str | None:
        """The nearest lower-cased name within `max_distance`, ties broken alphabetically."""
        wanted = wanted.lower()
        if wanted not in self._memo:
            self._memo[wanted] = self._search(wanted)
        return self._memo[wanted]

    def _search(self, wanted: str) -> str | None:
        limit = max_distance(wanted)
        best: tuple[int, str] | None = None
        for length in range(len(wanted) - limit, len(wanted) + limit + 1):
            for name in self._by_length.get(length, ()):
                found = osa_distance(wanted, name, limit if best is None else best[0])
                if found is not None and (best is None or (found, name) < best):
                    best = (found, name)
        return best[1] if best is not None else None
