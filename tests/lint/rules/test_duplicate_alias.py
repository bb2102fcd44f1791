from __future__ import annotations

from pathlib import Path

from lintkit import brief, lint


def test_two_notes_claim_one_alias(tmp_path: Path) -> None:
    files = {
        "Иван Петров.md": "---\naliases: [Ваня]\n---\n",
        "Иван Сидоров.md": "---\ntags: [x]\naliases:\n  - Иван С.\n  - ваня\n---\n",
    }
    findings = lint(tmp_path, files)
    assert brief(findings) == [
        ("Иван Петров.md", 2, 11, "duplicate-alias", "warning"),
        ("Иван Сидоров.md", 5, 5, "duplicate-alias", "warning"),
    ]
    assert findings[0].message == "alias 'Ваня' is also an alias of 'Иван Сидоров.md'"


def test_near_miss_different_aliases_and_one_note_twice(tmp_path: Path) -> None:
    files = {
        "Иван Петров.md": "---\naliases: [Ваня, ваня]\n---\n",
        "Иван Сидоров.md": "---\naliases: [Иван С.]\n---\n",
    }
    assert lint(tmp_path, files) == []


def test_a_widely_shared_alias_names_three_claimants_and_counts_the_rest(tmp_path: Path) -> None:
    files = {f"Анна {n}.md": "---\naliases: [Анна]\n---\n" for n in range(1, 7)}
    findings = lint(tmp_path, files)
    assert len(findings) == 6
    assert findings[0].message == (
        "alias 'Анна' is also an alias of 'Анна 2.md', 'Анна 3.md', 'Анна 4.md' and 2 other notes"
    )
    assert findings[2].message == (
        "alias 'Анна' is also an alias of 'Анна 1.md', 'Анна 2.md', 'Анна 4.md' and 2 other notes"
    )
    three = lint(tmp_path / "three", {f"Б{n}.md": "---\naliases: [Б]\n---\n" for n in range(3)})
    assert three[0].message == "alias 'Б' is also an alias of 'Б1.md' and 'Б2.md'"
    five = lint(tmp_path / "five", {f"В{n}.md": "---\naliases: [В]\n---\n" for n in range(5)})
    assert five[4].message == (
        "alias 'В' is also an alias of 'В0.md', 'В1.md', 'В2.md' and 1 other note"
    )
