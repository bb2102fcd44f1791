from __future__ import annotations

from pathlib import Path

from lintkit import brief, lint


def test_missing_heading_is_a_warning(tmp_path: Path) -> None:
    files = {"A.md": "См. [[Карьера#Задачи]]\n", "Карьера.md": "# Карьера\n## Цели\n"}
    findings = lint(tmp_path, files)
    assert brief(findings) == [("A.md", 1, 5, "missing-heading", "warning")]
    assert findings[0].message == "no heading 'Задачи' in 'Карьера.md': [[Карьера#Задачи]]"


def test_missing_heading_in_a_property_is_an_error(tmp_path: Path) -> None:
    files = {"A.md": '---\ngoals: ["[[Карьера#Задачи]]"]\n---\n', "Карьера.md": "## Цели\n"}
    assert brief(lint(tmp_path, files)) == [("A.md", 2, 9, "missing-heading", "error")]


def test_self_link_to_a_missing_heading(tmp_path: Path) -> None:
    assert brief(lint(tmp_path, {"A.md": "# One\n[[#Two]]\n"})) == [
        ("A.md", 2, 1, "missing-heading", "warning")
    ]


def test_near_miss_punctuation_case_and_chains_match(tmp_path: Path) -> None:
    files = {
        "A.md": "[[Карьера#цели: 2026]] [[Карьера#Карьера#Цели 2026]] [[Карьера#]] [[#Here]]\n# Here\n",
        "Карьера.md": "# Карьера\n## Цели, 2026\n",
        "B.md": "![[pic.png#page=2]]\n",
        "pic.png": b"\x89PNG",
    }
    assert lint(tmp_path, files) == []


def test_unreadable_target_is_not_checked(tmp_path: Path) -> None:
    files = {"A.md": "[[B#Heading]] [[B#^id]]\n", "B.md": b"\xff\xfe# Heading ^id\n"}
    assert [f.rule for f in lint(tmp_path, files)] == ["unreadable-file"]
