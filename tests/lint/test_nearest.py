from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vaultnet.lint.nearest import NameFinder, max_distance, osa_distance


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
