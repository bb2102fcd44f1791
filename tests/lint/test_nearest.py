from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vaultnet.lint.nearest import NameFinder, max_distance, only_digits_differ, osa_distance


def reference_osa(a: str, b: str) -> int:
    """Textbook optimal string alignment distance, no band, no cut-off."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


@given(st.text("абвгд", max_size=8), st.text("абвгд", max_size=8), st.integers(0, 3))
def test_matches_the_reference_within_the_limit(a: str, b: str, limit: int) -> None:
    expected = reference_osa(a, b)
    assert osa_distance(a, b, limit) == (expected if expected <= limit else None)


def test_examples() -> None:
    assert osa_distance("резюме", "резюмэ", 2) == 1
    assert osa_distance("петров", "петорв", 2) == 1
    assert osa_distance("abcdef", "abcxyz", 2) is None
    assert [max_distance(s) for s in ("ab", "abc", "abcde", "abcdef")] == [0, 1, 1, 2]


def test_finder_prefers_the_closest_then_the_first_alphabetically() -> None:
    finder = NameFinder(["Резюме", "Резюмешка", "Карьера", "Карьеры"])
    assert finder.closest("РЕЗЮМЭ") == "резюме"
    assert finder.closest("карьерa") in {"карьера", "карьеры"}
    assert finder.closest("карьерх") == "карьера"
    assert finder.closest("совсем другое") is None


def test_names_differing_only_in_digits_are_not_suggested() -> None:
    finder = NameFinder(["2026-12-01", "Встреча 1", "Резюме 2024"])
    assert finder.closest("2026-12-04") is None
    assert finder.closest("встреча 3") is None
    assert finder.closest("резюмэ 2024") == "резюме 2024"


def test_a_name_changed_at_both_ends_is_not_offered() -> None:
    finder = NameFinder(["собеседования"])
    assert finder.closest("cобеседованиe") is None  # Latin c and e at both ends
    assert finder.closest("cобеседования") == "собеседования"  # one end kept


def _brute_force(names: list[str], wanted: str) -> str | None:
    """Every name, one by one: the finder's answer without its buckets and filters."""
    wanted = wanted.lower()
    limit = max_distance(wanted)
    best: tuple[int, str] | None = None
    for name in {n.lower() for n in names}:
        if not wanted or only_digits_differ(wanted, name):
            continue
        if name[:1] != wanted[:1] and name[-1:] != wanted[-1:]:
            continue
        found = osa_distance(wanted, name, limit)
        if found is not None and (best is None or (found, name) < best):
            best = (found, name)
    return best[1] if best is not None else None


@given(st.lists(st.text("абвгд1", min_size=1, max_size=7), max_size=12),
       st.text("абвгд1", max_size=7))
def test_finder_equals_a_brute_force_search(names: list[str], wanted: str) -> None:
    assert NameFinder(names).closest(wanted) == _brute_force(names, wanted)
