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
