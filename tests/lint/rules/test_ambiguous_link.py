from __future__ import annotations

from pathlib import Path

from lintkit import brief, lint


def test_two_files_of_equal_length(tmp_path: Path) -> None:
    files = {"A.md": "\n  [[Иван Петров]]\n", "Люди/Иван Петров.md": "", "Архи/Иван Петров.md": ""}
    findings = lint(tmp_path, files)
    assert brief(findings) == [("A.md", 2, 3, "ambiguous-link", "warning")]
    assert findings[0].message == (
        "[[Иван Петров]] matches 2 files equally well and Obsidian's choice is not "
        "reproducible; write [[Архи/Иван Петров]] or [[Люди/Иван Петров]]"
    )


def test_near_miss_shorter_path_wins_or_path_given(tmp_path: Path) -> None:
    files = {
        "A.md": "[[Иван Петров]] [[Люди/Иван Петров]]\n",
        "Люди/Иван Петров.md": "",
        "Архив/Иван Петров.md": "",
    }
    assert lint(tmp_path, files) == []
